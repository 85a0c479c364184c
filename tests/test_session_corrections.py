"""After finishing, every part of a session can be corrected from the session view, each
correction through the recorder, raising the revision once."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, ListView

from werf.engine import SessionEngine
from werf.models import Action, SessionStatus
from werf.screens.forms import ActionForm, CaseForm
from werf.screens.network import NetworkScreen
from werf.screens.session_view import SessionScreen
from werf.store import Store
from werf.widgets.notes import ActionItem

from .helpers import make_session, protocol
from .pilot import make_app, settle, type_text


def finished_session(db: Path) -> str:
    session = make_session()
    SessionEngine(protocol(), session)  # gives the session its phase records
    session.actions = [Action(phase_index=4, text="Huisarts bellen", owner="Bram")]
    session.status = SessionStatus.FINISHED
    store = Store.open(db)
    store.save_session(session)
    store.close()
    return session.id


async def test_correct_an_action_owner_the_case_and_the_network_after_finishing(
        tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    session_id = finished_session(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        session = await app.ask(Store.load_session, session_id)
        await app.push_screen(SessionScreen(session))
        await settle(pilot)
        view = app.screen
        assert isinstance(view, SessionScreen) and view.session.revision == 1
        items = view.query_one("#session-items", ListView)
        items.index = next(i for i, item in enumerate(items.children) if isinstance(item, ActionItem))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionForm)
        app.screen.query_one("#action-owner", Input).value = "Chantal"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is view and view.session.revision == 2
        app.store.flush()
        store = Store.open(db)
        saved = store.load_session(session_id)
        assert saved is not None and saved.revision == 2
        assert saved.actions[0].owner == "Chantal" and saved.actions[0].text == "Huisarts bellen"

        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CaseForm)
        app.screen.query_one("#case-title", Input).value = "Buurman (gecorrigeerd)"
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NetworkScreen)
        await type_text(pilot, "zus")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is view and view.session.revision == 4
        app.store.flush()
        saved = store.load_session(session_id)
        assert saved is not None and saved.revision == 4
        assert saved.case_title == "Buurman (gecorrigeerd)"
        assert [m.relation for m in saved.network] == ["zus"]
        store.close()
