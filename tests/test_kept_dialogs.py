"""What the run screen shows again is not built again, and looks as new: its correction and
action point dialogs (kept between openings, `KeptScreens`: opened again for another note or a
new action point, a dialog shows exactly what a new one shows, whatever was typed in it before
Escape), and the items of its notes list (another phase's notes, or the other language, shown
in the items already there)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, Select

from werf.screens.forms import ActionForm, NoteForm
from werf.screens.run import RunScreen
from werf.widgets.notes import NoteList, RecordItem, record_line

from .helpers import make_session, saved_db
from .pilot import fill, make_app, settle

LONG = "De buurman belt elke avond zijn dochter, maar zij woont ver weg en " \
       "werkt in ploegendiensten; de wijkagent kent hem van de buurtkamer."


async def test_a_dialog_opened_again_looks_new(tmp_path: Path) -> None:
    app = make_app(saved_db(tmp_path, make_session()))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # resume the session
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f6", "f6", "f6")
        await fill(pilot, "#note-input", "Sterke buurt")
        await pilot.press("enter", "f6")  # the phase that records action points
        for text in (LONG, "Bel de huisarts"):
            await fill(pilot, "#note-input", text)
            await pilot.press("enter")
        await settle(pilot)

        def listed() -> list[tuple[object, str]]:
            items = [item for item in run.query_one(NoteList).children
                     if isinstance(item, RecordItem) and not item._pruning]
            return [(item.record, str(item.query_one(Label).visual)) for item in items]

        def wanted() -> list[tuple[object, str]]:
            index = run.engine.index
            records = [*run.session.notes_of(index), *(a for a in run.session.actions
                                                       if a.phase_index == index)]
            return [(record, record_line(record).plain) for record in records]

        for keys in (("f5",), ("f6",), ("ctrl+l",), ("f5",), ("ctrl+l", "f6")):
            await pilot.press(*keys)
            await settle(pilot)
            assert listed() == wanted() and listed(), keys

        async def press(*keys: str) -> None:
            for key in keys:
                await pilot.press(key)
                await settle(pilot)

        async def as_new(name: str, *keys: str) -> None:
            """`keys` open the kept dialog `name` again; it looks as a new one."""
            kept = run.kept._kept[name][1]
            await press(*keys)
            assert app.screen is kept
            look = app.export_screenshot()
            await press("escape")
            run.kept.drop(name)
            await press(*keys)
            assert app.screen is not kept and type(app.screen) is type(kept)
            assert app.export_screenshot() == look
            await press("escape")

        await press("shift+tab", "enter")  # the last note: Bel de huisarts
        assert isinstance(app.screen, NoteForm)
        await fill(pilot, "#note-text", " morgen")
        await press("home", "escape")
        await as_new("note", "shift+tab", "up", "enter")  # the long note

        await press("ctrl+n")
        form = app.screen
        assert isinstance(form, ActionForm)
        await fill(pilot, "#action-text", "Buurtkamer bellen")
        form.query_one("#action-carrier", Select).value = "resident"
        await settle(pilot)
        await fill(pilot, "#action-owner", "de buurman")
        await press("tab", "escape")
        await as_new("new_action", "ctrl+n")
