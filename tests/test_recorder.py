"""The recorder: every change to a session is one method that changes it, queues the one write
it needs, and raises the revision only for corrections after the session is finished."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from werf.engine import PhaseTiming, SessionEngine
from werf.models import Action, Circle, Note, OwnerKind, RecordKind, Session, SessionStatus
from werf.recorder import Recorder, direct_sink
from werf.store import Store

from .helpers import FakeClock, make_session, protocol


def saved(store: Store, session: Session) -> Session:
    loaded = store.load_session(session.id)
    assert loaded is not None
    return loaded


def test_changes_while_running_keep_the_revision() -> None:
    store = Store.memory()
    session = make_session()
    recorder = Recorder(session, direct_sink(store))
    recorder.start()
    note = recorder.add_note(1, RecordKind.QUESTION, "Wie woont er nog meer?")
    recorder.correct_note(note.id, "Wie woont er nog meer in huis?")
    action = recorder.draft_action(4)
    action.text = "Zus bellen"
    recorder.save_action(action)
    recorder.edit_case("Andere titel", "Andere vraag")
    member = recorder.save_member(None, "zus", Circle.FAMILY)
    recorder.set_sensitive_names(["Jansen"])
    recorder.set_themes(["eenzaamheid"])
    loaded = saved(store, session)
    assert loaded.revision == session.revision == 1
    assert [n.text for n in loaded.notes] == ["Wie woont er nog meer in huis?"]
    assert [a.text for a in loaded.actions] == ["Zus bellen"]
    assert (loaded.case_title, loaded.question) == ("Andere titel", "Andere vraag")
    assert [m.id for m in loaded.network] == [member.id]
    assert loaded.sensitive_names == ["Jansen"] and loaded.themes == ["loneliness"]  # a starting theme: its key


def test_each_correction_after_finishing_raises_the_revision_once() -> None:
    store = Store.memory()
    session = make_session()
    session.status = SessionStatus.FINISHED
    recorder = Recorder(session, direct_sink(store))
    recorder.start()
    member = recorder.save_member(None, "zus", Circle.FAMILY)  # revision 2
    carried = recorder.draft_action(4)
    carried.text = "Zus bellen"
    from werf.carrier import apply_carrier

    apply_carrier(carried, member.id, "", session.network)
    recorder.save_action(carried)  # 3
    note = recorder.add_note(1, RecordKind.NOTE, "tyop")  # 4
    assert saved(store, session).revision == 4
    recorder.correct_note(note.id, "typo")  # 5
    assert recorder.correct_note(note.id, "typo") is None  # nothing changed: no revision
    recorder.save_member(member.id, "oudere zus", Circle.FAMILY)  # 6: one, with its action
    recorder.set_action_done(carried.id, date(2026, 12, 1))  # 7
    recorder.edit_case("Nieuwe titel", session.question)  # 8
    assert not recorder.edit_case("Nieuwe titel", session.question)
    recorder.set_sensitive_names(["Jansen"])  # 9
    recorder.remove_member(member.id)  # 10
    loaded = saved(store, session)
    assert loaded.revision == session.revision == 10
    assert loaded.updated_at == session.updated_at
    assert loaded.notes[0].text == "typo"
    assert loaded.actions[0].owner == "oudere zus" and loaded.actions[0].done
    assert loaded.actions[0].owner_kind is OwnerKind.NETWORK
    assert loaded.case_title == "Nieuwe titel" and loaded.network == []


def test_a_case_edit_in_one_window_keeps_a_note_written_by_another(tmp_path: Path) -> None:
    """Two handles on one file: A writes a note; B, holding an older copy of the session
    without it, edits the case title through the recorder. A's note stays."""
    db = tmp_path / "werf.db"
    first = make_session()
    a = Store.open(db)
    a.save_session(first)
    b = Store.open(db)
    older = saved(b, first)
    a.save_note(first.id, Note(phase_index=1, text="Van venster A"))
    Recorder(older, direct_sink(b)).edit_case("Nieuwe titel", older.question)
    loaded = saved(a, first)
    assert loaded.case_title == "Nieuwe titel"
    assert [n.text for n in loaded.notes] == ["Van venster A"]
    # a whole-session save of the older copy does not remove it either; only a replace does
    b.save_session(older)
    assert [n.text for n in saved(a, first).notes] == ["Van venster A"]
    b.save_session(older, replace=True)
    assert saved(a, first).notes == []
    a.close()
    b.close()


def test_a_progress_save_hands_over_plain_values_only() -> None:
    store = Store.memory()
    clock = FakeClock()
    session = make_session()
    engine = SessionEngine(protocol(), session, clock)
    writes: list[tuple[Any, tuple[Any, ...]]] = []

    def sink(job: Any, *args: Any) -> None:
        writes.append((job, args))
        job(store, *args)

    recorder = Recorder(session, sink, engine=engine, wall_clock=lambda: 1234.5)
    recorder.start()
    engine.start()
    clock.advance(90)
    engine.next_phase()
    engine.set_draft("half getypt")
    writes.clear()
    recorder.save_progress()
    [(job, args)] = writes
    assert job is Store.save_timer_state

    def plain(value: Any) -> bool:
        if isinstance(value, (tuple, list)):
            return all(plain(item) for item in value)
        return value is None or isinstance(value, (str, int, float, bool))

    assert all(plain(arg) for arg in args)
    assert all(isinstance(timing, PhaseTiming) for timing in args[2])
    loaded = saved(store, session)
    assert loaded.current_phase == 1
    assert loaded.phases[0].elapsed_seconds == 90
    assert loaded.phases[1].draft == "half getypt"


def test_finishing_keeps_drafts_as_notes_and_does_not_raise_the_revision() -> None:
    store = Store.memory()
    session = make_session()
    engine = SessionEngine(protocol(), session, FakeClock())
    recorder = Recorder(session, direct_sink(store), engine=engine)
    recorder.start()
    engine.set_draft("nooit ingevoerd")
    recorder.finish()
    loaded = saved(store, session)
    assert loaded.status is SessionStatus.FINISHED and loaded.finished_at is not None
    assert [n.text for n in loaded.notes] == ["nooit ingevoerd"]
    assert loaded.phases[0].draft == "" and loaded.revision == 1


def test_removing_records_writes_only_their_removal() -> None:
    store = Store.memory()
    session = make_session()
    session.notes = [Note(phase_index=1, text="blijft"), Note(phase_index=1, text="weg")]
    session.actions = [Action(phase_index=4, text="weg ook")]
    store.save_session(session)
    recorder = Recorder(session, direct_sink(store))
    recorder.remove_note(session.notes[1].id)
    recorder.remove_action(session.actions[0].id)
    loaded = saved(store, session)
    assert [n.text for n in loaded.notes] == ["blijft"] and loaded.actions == []
