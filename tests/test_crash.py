"""An unexpected error ends werf without showing case content, and keeps the session."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from werf.crash import describe

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Zwanenburg heeft schulden bij Okke"
QUESTION = "Mag ik de broer van Zwanenburg bellen?"

CRASH_SCRIPT = textwrap.dedent(f"""
    import sys
    from werf.i18n import set_language
    from werf.screens.run import RunScreen
    from tests.pilot import make_app, fill, choose

    def explode(self):
        case = self.session.case_title
        raise RuntimeError("cannot continue with " + case)

    RunScreen.action_more_time = explode

    async def auto_pilot(pilot):
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "#team", "Wijkteam Noord")
        await fill(pilot, "#facilitator", "Fatima")
        for name in ("Bram", "Chantal", "Dirk"):
            await fill(pilot, "#new-participant", name)
            await pilot.press("enter")
        await choose(pilot, "#role-case_bringer", "Bram")
        await fill(pilot, "#case-title", {TITLE!r})
        await fill(pilot, "#question", {QUESTION!r})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, RunScreen), pilot.app.screen
        await pilot.press("f4")
        await pilot.pause()

    set_language("nl")
    app = make_app(sys.argv[1])
    app.run(headless=True, auto_pilot=auto_pilot, size=(120, 40))
    sys.exit(app.return_code)
""")


def test_a_crash_shows_and_keeps_no_case_text_but_saves_the_session(tmp_path: Path) -> None:
    home = tmp_path / "home"
    db = home / "data" / "werf.db"
    env = {**os.environ, "WERF_HOME": str(home), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", CRASH_SCRIPT, str(db)], capture_output=True,
                            text=True, cwd=ROOT, env=env, timeout=120)
    printed = result.stdout + result.stderr
    assert result.returncode == 1, printed
    assert "werf is gestopt door een fout; je bespreking is bewaard" in printed, printed
    for secret in (TITLE, "Zwanenburg", QUESTION):
        assert secret not in printed
    crash_logs = list((home / "data").rglob("crash-*.log"))
    assert len(crash_logs) == 1
    assert str(crash_logs[0]) in printed.replace("\n", "")
    log = crash_logs[0].read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in log and "in explode" in log
    for path in home.rglob("*"):
        if path.is_file() and not path.name.startswith("werf.db"):
            assert "Zwanenburg" not in path.read_text(encoding="utf-8", errors="replace"), path

    from werf.store import Store

    store = Store.open(db)
    try:
        session = store.unfinished_session()
        assert session is not None and session.case_title == TITLE
    finally:
        store.close()


def test_crash_description_has_types_and_places_but_no_messages() -> None:
    try:
        try:
            raise KeyError("Okke de Vries")
        except KeyError as inner:
            raise ValueError("Zwanenburg") from inner
    except ValueError as error:
        text = describe(error)
    assert "builtins.ValueError" in text and "builtins.KeyError" in text
    assert "test_crash_description_has_types_and_places_but_no_messages" in text
    assert "Okke" not in text and "Zwanenburg" not in text
