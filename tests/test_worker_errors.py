"""A failing background task never takes the app down: one line, and werf stays up."""

from __future__ import annotations

import ast
import io
import zipfile
from pathlib import Path

from docx import Document
from textual.widgets import Checkbox, Input

from werf.screens.export import ExportScreen
from werf.screens.finish import FinishScreen

from .pilot import make_app, set_up_werf_session

SCREENS = Path(__file__).resolve().parent.parent / "werf" / "screens"


def damaged_template(path: Path) -> Path:
    """A half-synced team template: a valid zip whose styles part is not XML."""
    buffer = io.BytesIO()
    Document().save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = b"<w:styles half-synced" if item.filename == "word/styles.xml" \
                else source.read(item)
            target.writestr(item, data)
    return path


async def test_a_failing_export_worker_leaves_the_app_running(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    app = make_app(tmp_path / "werf.db")
    app.config.template = damaged_template(tmp_path / "team.docx")
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        await app.workers.wait_for_complete()
        dialog.query_one("#export-folder", Input).value = str(share)
        dialog.query_one("#format-docx", Checkbox).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert app.screen is dialog
        messages = [notification.message for notification in app._notifications]
        failures = [m for m in messages if "werf keeps running" in m]
        assert len(failures) == 1, messages
        assert "\n" not in failures[0]
    assert app.return_code in (0, None)


def test_screens_start_workers_that_cannot_end_the_app() -> None:
    """Textual's workers end the app on an error by default: screens use `background` or
    pass exit_on_error=False, so every failure reaches WerfApp.worker_failed."""
    offenders = []
    for path in sorted(SCREENS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "work" and path.name != "base.py":
                offenders.append(f"{path.name}:{node.lineno} uses textual's work")
            if isinstance(node, ast.Call) and any(
                isinstance(part, ast.Attribute) and part.attr == "run_worker"
                for part in [node.func, *node.args]
            ):
                safe = any(keyword.arg == "exit_on_error" and isinstance(keyword.value, ast.Constant)
                           and keyword.value.value is False for keyword in node.keywords)
                if not safe:
                    offenders.append(f"{path.name}:{node.lineno} run_worker without exit_on_error=False")
    assert offenders == []
