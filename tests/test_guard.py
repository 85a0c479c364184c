"""The privacy guard while typing (issue 13, item 4): a saved note, action point or network
relation holding an identifier is marked; one key offers to replace each finding in place,
and only the replacement is stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual import events
from textual.keys import _character_to_key
from textual.widgets import DataTable, Input

from werf.guard import findings, findings_among, replaced, suggestions
from werf.models import Action, Circle, NetworkMember, RecordKind, SessionStatus
from werf.recorder import Recorder
from werf.screens.actions import ActionsScreen
from werf.screens.network import PersonItem
from werf.screens.replace import ReplaceDialog
from werf.store import Store
from werf.widgets.notes import GUARD_MARK, NoteItem

from .helpers import make_session, saved_db
from .pilot import make_app, resumed, settle
from .test_typing_order import fresh_db

NOTE = "Mevrouw De Vries belt, BSN 123456782"


def recorded(session):  # type: ignore[no-untyped-def]
    writes: list[tuple] = []  # type: ignore[type-arg]
    return Recorder(session, lambda job, *args: writes.append((job.__name__, *args))), writes


def test_findings_take_the_title_or_relation_and_leave_colleagues_and_words_alone() -> None:
    session = make_session()  # colleagues Fatima, Bram, Chantal, Dirk, Eva
    session.case_title = "Mevrouw De Vries wil geen hulp"
    found = findings("mevrouw De Vries en haar zoon Kevin; Bram belt 06-12345678. Ik ben bang.", session)
    assert [(f.text, f.kind, f.suggestion) for f in found] == [
        ("mevrouw De Vries", "name", "de bewoner"), ("zoon Kevin", "name", "zoon"),
        ("06-12345678", "phone", "[telefoon]")]
    assert findings("Bram en Eva bellen de huisarts; ik ben bang dat hij niet wil.", session) == []
    english = findings("de heer Jansen", session, "en")
    assert [(f.text, f.suggestion) for f in english] == [("de heer Jansen", "[person]")]


def test_suggestions_are_the_resident_and_the_networks_relations() -> None:
    session = make_session()
    session.network = [NetworkMember(relation="moeder", circle=Circle.FAMILY),
                       NetworkMember(relation="de buurvrouw", circle=Circle.FRIENDS)]
    assert suggestions(session) == ["de bewoner", "de moeder", "de buurvrouw"]
    assert suggestions(session, "en") == ["the resident", "the moeder", "de buurvrouw"]


def test_replaced_keeps_the_rest_and_capitalises_a_sentence_start() -> None:
    session = make_session()
    text = "Gesprek met mevrouw De Vries. Mevrouw De Vries belt, BSN 123456782."
    found = findings(text, session)
    assert replaced(text, [(found[0], "de moeder"), (found[1], "de moeder"), (found[2], "[BSN]")]) == (
        "Gesprek met de moeder. De moeder belt, BSN [BSN].")
    assert replaced(text, [(found[0], "  ")]) == text  # an empty choice keeps the finding
    assert replaced("anders", [(found[0], "x")]) == "anders"  # a stale finding changes nothing


def test_a_correction_of_a_finished_session_raises_its_revision_once() -> None:
    session = make_session()
    session.status = SessionStatus.FINISHED
    session.network = [NetworkMember(relation="buurvrouw Ans", circle=Circle.FRIENDS)]
    record, writes = recorded(session)
    note = record.add_note(0, RecordKind.NOTE, NOTE)
    action = record.save_action(record.draft_action(0).model_copy(update={"text": "mevrouw De Vries bellen"}))
    before = session.revision
    writes.clear()
    found = findings(note.text, session)
    assert record.replace_findings(note.id, [(found[0], "de moeder"), (found[1], "[BSN]")])
    assert note.text == "De moeder belt, BSN [BSN]" and session.revision == before + 1
    assert [w[0] for w in writes] == ["save_note"] and writes[0][2].text == note.text
    assert record.replace_findings(action.id, [(findings(action.text, session)[0], "de moeder")])
    assert session.actions[0].text == "De moeder bellen" and session.revision == before + 2
    member = session.network[0]
    assert record.replace_findings(member.id, [(findings(member.relation, session)[0], "buurvrouw")])
    assert session.network[0].relation == "buurvrouw" and session.revision == before + 3
    assert not record.replace_findings(note.id, [(found[0], "x")])  # stale: nothing changes
    assert not record.replace_findings("no such id", []) and session.revision == before + 3


async def test_a_typed_name_and_bsn_are_marked_and_replaced_with_one_key(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await resumed(pilot)
        assert "replace_identifiers" not in {b.binding.id for b in run.active_bindings.values()}
        for char in NOTE:  # typed key by key, as fast as a terminal delivers them
            app.post_message(events.Key(_character_to_key(char), char))
        app.post_message(events.Key("enter", None))
        await settle(pilot)
        [item] = run.query(NoteItem)
        assert item.marked and str(item.query_one("Label").render()).startswith(GUARD_MARK)
        assert "replace_identifiers" in {b.binding.id for b in run.active_bindings.values()}
        await pilot.press("ctrl+g")  # typing went on in the note line: the key still finds the note
        await settle(pilot)
        assert isinstance(app.screen, ReplaceDialog)
        await pilot.press("enter")  # take what is offered
        await settle(pilot)
        assert app.screen is run
        assert [note.text for note in run.session.notes] == ["[Persoon] belt, BSN [BSN]"]
        assert not run.query_one(NoteItem).marked
        await pilot.press("ctrl+q")
        await settle(pilot)
    conn = sqlite3.connect(db)
    try:
        assert [row[0] for row in conn.execute("SELECT text FROM notes")] == ["[Persoon] belt, BSN [BSN]"]
        everything = "\n".join(conn.iterdump())
    finally:
        conn.close()
    assert "De Vries" not in everything and "123456782" not in everything


async def test_a_relation_with_a_name_is_marked_on_the_network_screen_and_replaced(tmp_path: Path) -> None:
    session = make_session()
    session.network = [NetworkMember(relation="moeder", circle=Circle.FAMILY),
                       NetworkMember(relation="buurvrouw Ans Bakker", circle=Circle.FRIENDS)]
    db = saved_db(tmp_path, session)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # resume
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        people = list(app.screen.query(PersonItem))
        assert [person.marked for person in people] == [False, True]
        await pilot.press("ctrl+g")  # on the first marked person: nothing is highlighted there
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReplaceDialog)
        assert dialog.query_one("#replace-0", Input).value == "buurvrouw"  # the relation alone
        await pilot.press("enter")
        await settle(pilot)
        assert [person.marked for person in app.screen.query(PersonItem)] == [False, False]
        await pilot.press("escape", "ctrl+q")
        await settle(pilot)
    conn = sqlite3.connect(db)
    try:
        relations = [row[0] for row in conn.execute("SELECT relation FROM network_members ORDER BY relation")]
    finally:
        conn.close()
    assert relations == ["buurvrouw", "moeder"]


def test_across_sessions_only_each_sessions_own_colleagues_are_left_alone() -> None:
    store = Store.memory()
    session = make_session()  # Fatima facilitates; Bram, Chantal, Dirk, Eva
    store.save_session(session)
    names = store.colleagues_of([session.id, "unknown"])
    assert sorted(names[session.id]) == sorted(["Fatima", "Fatima", "Bram", "Chantal", "Dirk", "Eva"])
    assert names["unknown"] == []
    found = findings_among("Bram belt mevrouw De Vries op 06-12345678", names[session.id])
    assert [(f.text, f.suggestion) for f in found] == [("mevrouw De Vries", "[persoon]"),
                                                       ("06-12345678", "[telefoon]")]
    assert [f.text for f in findings_among("Bram belt", [])] == ["Bram"]  # someone else's colleague


async def test_an_open_action_point_with_a_name_is_marked_and_replaced_in_its_session(tmp_path: Path) -> None:
    session = make_session()
    session.status = SessionStatus.FINISHED
    session.actions = [Action(phase_index=0, text="Bram belt mevrouw De Vries", owner="Bram"),
                       Action(phase_index=0, text="Bram belt de huisarts", owner="Bram")]
    db = saved_db(tmp_path, session)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        assert screen.marked == {session.actions[0].id}
        table = screen.query_one(DataTable)
        assert [str(table.get_row_at(row)[3]).startswith(GUARD_MARK) for row in range(2)] == [True, False]
        table.move_cursor(row=[item.action.id for item in screen.items].index(session.actions[0].id))
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, ReplaceDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.marked == set()
        await pilot.press("ctrl+q")
        await settle(pilot)
    stored = Store.open(db)
    try:
        saved = stored.load_session(session.id)
    finally:
        stored.close()
    assert saved is not None
    assert sorted(a.text for a in saved.actions) == ["Bram belt [persoon]", "Bram belt de huisarts"]
    assert saved.revision == session.revision + 1  # a correction of a finished session
