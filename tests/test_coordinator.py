"""The coordinator: filter and search history, open a session, correct a note, follow up
action points."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from werf.i18n import set_language
from werf.screens.actions import ActionsScreen
from werf.screens.history import HistoryScreen
from werf.screens.session_view import SessionScreen
from werf.store import Store
from werf.widgets.notes import NoteItem

from .helpers import demo_db
from .pilot import make_app, settle, type_text

TODAY = date(2026, 11, 24)




async def test_filter_search_open_and_correct(tmp_path: Path) -> None:
    db = demo_db(tmp_path)
    app = make_app(db)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one("#sessions", DataTable)
        assert table.row_count == 12
        history.query_one("#team", Select).value = "Wijkteam Zuid"
        await settle(pilot)
        assert table.row_count == 4 and {r.team for r in history.rows} == {"Wijkteam Zuid"}
        history.query_one("#team", Select).clear()
        await pilot.press("ctrl+f")
        await type_text(pilot, "mantelzorg")
        await settle(pilot)
        assert {r.case_title for r in history.rows} == {"Mantelzorger raakt overbelast"}
        search = history.query_one("#search", Input)
        search.value = "buurvrouw post"  # a note: "De buurvrouw haalt nu al zijn post op."
        await settle(pilot)
        assert {r.case_title for r in history.rows} == {"Eenzame buurman na verhuizing"}
        table.focus()
        other = Store.open(db)  # another werf window runs this session right now
        held = history.rows[table.cursor_row].id
        assert other.take_lease(held, "another-laptop:4242:abc", time.time()) is None
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("enter")  # "Delete" has the focus
        await settle(pilot)
        assert "open in a werf window" in str(list(app._notifications)[-1].message)
        assert held in {r.id for r in history.rows} and other.load_session(held) is not None
        other.release_lease(held, "another-laptop:4242:abc")
        other.close()
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, SessionScreen)
        assert view.session.revision == 1
        items = view.query_one("#session-items")
        first_note = next(i for i, item in enumerate(items.children) if isinstance(item, NoteItem))
        items.index = first_note
        await pilot.press("enter")
        await pilot.pause()
        note_input = app.screen.query_one("#note-text", Input)
        note_input.value = "Contact met de huisarts is gelegd (gecorrigeerd)."
        await pilot.press("enter")
        await settle(pilot)
        assert view.session.revision == 2
    store = Store.open(db)
    corrected = store.load_session(view.session.id)
    assert corrected is not None and corrected.revision == 2
    assert "Contact met de huisarts is gelegd (gecorrigeerd)." in [n.text for n in corrected.notes]


async def test_mark_an_action_done_and_see_it_leave_the_open_list(tmp_path: Path) -> None:
    db = demo_db(tmp_path)
    app = make_app(db)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        before = [item.action.id for item in screen.items]
        assert len(before) == 12  # 14 action points in the demo, 2 of them done
        first = screen.items[0]
        assert first.action.due is not None
        assert [i.action.due for i in screen.items] == sorted(i.action.due for i in screen.items)
        await pilot.press("d")
        await settle(pilot)
        assert first.action.id not in [item.action.id for item in screen.items]
        assert len(screen.items) == 11
    store = Store.open(db)
    session = store.load_session(first.session_id)
    assert session is not None
    done = next(a for a in session.actions if a.id == first.action.id)
    assert done.done and done.done_on == TODAY


@pytest.fixture(params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    set_language(request.param)
    return str(request.param)


def test_history_snapshot(snap_compare, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    db = demo_db(tmp_path)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=(120, 36), run_before=run_before)
