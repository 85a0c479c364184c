"""From the finish screen: export Word minutes, pseudonymised, into a chosen folder."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from textual.widgets import Checkbox, Input, SelectionList

from werf.screens.export import ExportScreen
from werf.screens.finish import FinishScreen

from .pilot import make_app, set_up_werf_session, type_text


async def test_export_pseudonymised_minutes_from_the_finish_screen(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        await type_text(pilot, "Bram belt mevrouw Jansen, bsn 111222333")
        await pilot.press("enter", "f12")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert dialog.query_one("#found-bsn", SelectionList).selected == ["111222333"]
        dialog.query_one("#export-folder", Input).value = str(share)
        dialog.query_one("#sensitive", Input).value = "Jansen"
        dialog.query_one("#pseudonymise", Checkbox).value = True
        dialog.query_one("#format-md", Checkbox).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        result = str(dialog.query_one("#export-result").render())
        assert "✓" in result
        app.store.flush()
    written = sorted(p.suffix for p in share.iterdir())
    assert written == [".docx", ".md"]
    docx = next(share.glob("*.docx"))
    with zipfile.ZipFile(docx) as archive:
        xml = " ".join(archive.read(name).decode("utf-8", "replace")
                       for name in archive.namelist() if name.endswith(".xml"))
    for name in ("Fatima", "Bram", "Chantal", "Dirk", "Eva", "Jansen"):
        assert not re.search(rf"\b{name}\b", xml), name  # "Eva" may stand in "Evaluation"
    from werf.store import Store

    store = Store.open(tmp_path / "werf.db")
    saved = store.load_session(store.list_sessions()[0].id)
    assert saved is not None and saved.sensitive_names == ["Jansen"] and saved.revision == 2
    markdown = next(share.glob("*.md")).read_text("utf-8")
    assert "Jansen" not in markdown and "Bram" not in markdown


def test_the_list_of_what_will_be_replaced_reads_every_case_field() -> None:
    """Network relations, action owners, sensitive names and drafts too (the archive carries
    them), not only the case, the notes and the action texts."""
    from werf.screens.export import found_in

    from .helpers import every_record_session, mark_case_texts

    session = mark_case_texts(every_record_session(), lambda where: f"{where} 111222333")
    found = found_in(session, list(session.sensitive_names))
    # every case text but the list of names to hide, which the export drops whole
    assert [(item.kind, item.text, item.count) for item in found if item.kind == "bsn"] == [
        ("bsn", "111222333", len(list(session.case_texts())) - 1)]


async def test_the_export_dialog_lists_a_bsn_in_a_network_relation(tmp_path: Path) -> None:
    from .helpers import every_record_session, protocol
    from .pilot import settle

    session = every_record_session()
    session.network[0].relation = "buurvrouw (BSN 111222333)"
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ExportScreen(session, protocol("werf")))
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.screen.query_one("#found-bsn", SelectionList).selected == ["111222333"]
        heading = str(app.screen.query_one("#identifier-warnings").render())
        assert "ticked" in heading


async def test_an_item_dropped_from_the_list_is_kept_and_the_rest_replaced(tmp_path: Path) -> None:
    """The dialog lists a client's name and a BSN it found; Space on the name keeps it as
    typed; a name typed under the sensitive names joins the list; the export replaces the BSN
    and the added name and leaves the kept one."""
    from werf.models import Note
    from werf.store import Store

    from .helpers import make_session, protocol
    from .pilot import settle

    session = make_session()
    session.notes = [Note(phase_index=0,
                          text="Bram belde met mevrouw Jansen over BSN 111222333 en de hond van zwaantje.")]
    store = Store.open(tmp_path / "werf.db")
    store.save_session(session)
    store.close()
    share = tmp_path / "share"
    share.mkdir()
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ExportScreen(session, protocol("werf")))
        await app.workers.wait_for_complete()
        await settle(pilot)
        dialog = app.screen
        names = dialog.query_one("#found-name", SelectionList)
        assert names.selected == ["Jansen"]
        assert dialog.query_one("#found-bsn", SelectionList).selected == ["111222333"]
        names.focus()
        await pilot.press("space")  # keep "Jansen" as typed
        await settle(pilot)
        assert names.selected == [] and dialog.kept == {"Jansen"}
        dialog.query_one("#sensitive", Input).value = "Zwaantje"  # add a name
        await app.workers.wait_for_complete()
        await settle(pilot)
        names = dialog.query_one("#found-name", SelectionList)
        assert names.selected == ["zwaantje"]  # and "Jansen" still unticked, kept as typed
        assert names.option_count == 2 and dialog.kept == {"Jansen"}
        dialog.query_one("#export-folder", Input).value = str(share)
        dialog.query_one("#pseudonymise", Checkbox).value = True
        for fmt in ("docx", "json"):
            dialog.query_one(f"#format-{fmt}", Checkbox).value = False
        dialog.query_one("#format-md", Checkbox).value = True
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await settle(pilot)
    markdown = next(share.glob("*.md")).read_text("utf-8").replace("\\", "")
    assert "mevrouw Jansen over BSN [BSN] en de hond van [client]." in markdown  # the one named to hide
    assert "111222333" not in markdown and "zwaantje" not in markdown.casefold()
