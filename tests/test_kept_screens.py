"""What the run screen shows again is not built again, and looks as new.

Its network screen and its correction and action point dialogs are kept between openings
(`KeptScreens`): opened again (for another note, a new action point) each shows exactly what a
new one shows, whatever was typed in it before Escape. A person added elsewhere, another
language or another size of the terminal builds a new network screen. The items of the notes
list show another phase's notes, or the other language, in the items already there.
One app for all of it: a Pilot start costs more than each check.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, Select

from werf.models import Circle
from werf.screens.base import SettledScreen
from werf.screens.forms import ActionForm, NoteForm
from werf.screens.network import NetworkScreen
from werf.widgets.notes import NoteList, RecordItem, record_line

from .helpers import make_session, saved_db
from .pilot import fill, make_app, resumed, settle
from .test_network_screen import map_text, select_person

LONG = "De buurman belt elke avond zijn dochter, maar zij woont ver weg en " \
       "werkt in ploegendiensten; de wijkagent kent hem van de buurtkamer."


async def test_what_the_run_screen_shows_again_looks_new(tmp_path: Path) -> None:
    app = make_app(saved_db(tmp_path, make_session()))
    async with app.run_test(size=(120, 40)) as pilot:
        run = await resumed(pilot)

        async def press(*keys: str) -> SettledScreen:
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            return app.screen  # type: ignore[return-value]

        async def as_new(name: str, *keys: str) -> None:
            """`keys` open the kept screen `name` again; it looks as a new one."""
            kept = run.kept._kept[name][1]
            assert await press(*keys) is kept
            look = app.export_screenshot()
            await press("escape")
            run.kept.drop(name)
            new = await press(*keys)
            assert new is not kept and type(new) is type(kept)
            assert app.export_screenshot() == look
            await press("escape")

        # the network screen, left with a change to a person not saved
        screen = await press("ctrl+r")
        assert isinstance(screen, NetworkScreen)
        for relation in ("zus", "buurman", "huisarts"):
            await fill(pilot, "#person-relation", relation)
            await pilot.press("ctrl+s")
        await select_person(pilot, 2)
        await pilot.press("enter")  # changing huisarts: not saved
        await fill(pilot, "#person-relation", " of tandarts")
        screen.query_one("#person-circle", Select).value = Circle.PROFESSIONAL
        screen.query_one("#person-involved").focus()
        await press("space", "escape")
        await as_new("network", "ctrl+r")
        kept = run.kept._kept["network"][1]
        run.record.save_member(None, "oom", Circle.FAMILY)  # not through this screen
        other = await press("ctrl+r")
        assert other is not kept and "oom" in map_text(other)

        # the notes list, through phases and languages
        await press("escape", "f6", "f6", "f6")
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

        for key in ("f5", "ctrl+l", "f6"):  # fewer notes, other words, more notes
            await press(key)
            assert listed() == wanted() and listed(), key

        # the correction dialog, left with an edit not saved
        assert isinstance(await press("shift+tab", "enter"), NoteForm)  # the last note
        await fill(pilot, "#note-text", " morgen")
        await press("home", "escape")
        await as_new("note", "shift+tab", "up", "enter")  # the long note

        # the action point dialog, left with another carrier and the focus elsewhere
        form = await press("ctrl+n")
        assert isinstance(form, ActionForm)
        await fill(pilot, "#action-text", "Buurtkamer bellen")
        form.query_one("#action-carrier", Select).value = "resident"
        await settle(pilot)
        await fill(pilot, "#action-owner", "de buurman")
        await press("tab", "escape")
        await as_new("new_action", "ctrl+n")

        # another language (since Ctrl+L above), another size: a new network screen
        dutch = await press("ctrl+r")
        assert dutch is not other and "Relatie" in str(dutch.query_one("#network-form Label").visual)
        await press("escape")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert await press("ctrl+r") is not dutch  # laid out at another size: not shown again
