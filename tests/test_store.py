"""Storage round trips: write a session, read it back, identical; bad files are refused."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from werf.engine import SessionEngine
from werf.models import Action, Note, RecordKind, SessionStatus
from werf.store import SCHEMA_VERSION, Store, StoreError
from werf.store_thread import StoreThread

from .helpers import FakeClock, make_session, protocol


def full_session():  # type: ignore[no-untyped-def]
    session = make_session()
    clock = FakeClock()
    engine = SessionEngine(protocol(), session, clock)
    engine.start()
    clock.advance(90)
    engine.next_phase()
    engine.set_draft("half typed")
    session.notes.append(Note(phase_index=0, kind=RecordKind.ACTION_REVIEW, text="Gebeld ✓"))
    session.notes.append(Note(phase_index=1, kind=RecordKind.CASE, text="[red]niet rood[/] 🙂"))
    session.actions.append(Action(phase_index=4, text="Buurvrouw vragen", owner="Bram",
                                  due=date(2026, 12, 1)))
    return engine.snapshot()


def test_round_trip_in_memory() -> None:
    store = Store.memory()
    session = full_session()
    store.save_session(session)
    assert store.load_session(session.id) == session


def test_round_trip_on_disk_and_private(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "werf.db"
    store = Store.open(path)
    session = full_session()
    store.save_session(session)
    store.close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    reopened = Store.open(path)
    assert reopened.load_session(session.id) == session
    assert reopened.schema_version() == SCHEMA_VERSION


def test_incremental_writes_land(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "w.db")
    session = make_session()
    store.save_session(session)
    note = Note(phase_index=2, kind=RecordKind.QUESTION, text="Wie woont er nog meer?")
    store.save_note(session.id, note)
    note.text = "Wie woont er nog meer in huis?"
    store.save_note(session.id, note)
    action = Action(phase_index=4, text="Plan maken", owner="Eva")
    store.save_action(session.id, action)
    session.current_phase = 3
    session.status = SessionStatus.FINISHED
    store.save_progress(session)
    loaded = store.load_session(session.id)
    assert loaded is not None
    assert [n.text for n in loaded.notes] == ["Wie woont er nog meer in huis?"]
    assert loaded.actions[0].owner == "Eva"
    assert loaded.current_phase == 3
    assert loaded.status is SessionStatus.FINISHED
    store.delete_note(note.id)
    assert store.load_session(session.id).notes == []  # type: ignore[union-attr]


def test_an_id_prefix_is_one_range_of_the_primary_key() -> None:
    store = Store.memory()
    sessions = [make_session() for _ in range(3)]
    for number, session in enumerate(sessions):
        session.id = f"ab{number}f" + session.id[4:]
        store.save_session(session)
    assert store.session_ids_starting(sessions[1].id[:3]) == [sessions[1].id]
    assert store.session_ids_starting(sessions[1].id) == [sessions[1].id]
    assert store.session_ids_starting("ab") == sorted(s.id for s in sessions)[:2]
    assert store.session_ids_starting("ab", limit=5) == sorted(s.id for s in sessions)
    assert store.session_ids_starting("ab2g") == []
    assert store.session_ids_starting("zz") == []
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    store.session_ids_starting("ab1")
    store.db.conn.set_trace_callback(None)
    plan = " ".join(row[-1] for row in store.db.execute(f"EXPLAIN QUERY PLAN {statements[-1]}"))
    assert plan.startswith("SEARCH sessions USING COVERING INDEX") and "(id>? AND id<?)" in plan


def test_unfinished_and_open_actions() -> None:
    store = Store.memory()
    earlier = full_session()
    earlier.status = SessionStatus.FINISHED
    store.save_session(earlier)
    assert store.unfinished_session() is None
    later = make_session()
    store.save_session(later)
    assert store.unfinished_session().id == later.id  # type: ignore[union-attr]
    open_actions = store.open_actions("Wijkteam Noord", exclude_session=later.id)
    assert [o.action.text for o in open_actions] == ["Buurvrouw vragen"]
    assert store.open_actions("Wijkteam Zuid") == []
    assert {s.id: s.open_actions for s in store.list_sessions()} == {earlier.id: 1, later.id: 0}
    assert len(store.list_sessions(search="Buurvrouw")) == 1


def test_not_sqlite_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is a shopping list, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert "not a werf database" in caught.value.user_message()
    assert path.read_bytes() == before


def test_newer_schema_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, 'later')", [SCHEMA_VERSION + 1])
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert "newer werf" in str(caught.value)
    assert path.read_bytes() == before


def test_store_thread_writes_in_order(tmp_path: Path) -> None:
    errors: list[BaseException] = []
    thread = StoreThread(tmp_path / "t.db", on_error=errors.append)
    session = make_session()
    thread.write(Store.save_session, session)
    for i in range(50):
        thread.write(Store.save_note, session.id, Note(phase_index=0, text=f"note {i}"))
    loaded = thread.call(Store.load_session, session.id).result()
    assert [n.text for n in loaded.notes] == [f"note {i}" for i in range(50)]
    thread.write(Store.save_note, "no-such-session", Note(phase_index=0, text="x"))
    thread.flush()
    thread.close()
    assert len(errors) == 1  # the foreign key refuses an orphan note, and it is reported


def test_older_schema_is_migrated_after_a_backup(tmp_path: Path) -> None:
    import sqlite_utils

    from werf.store import MIGRATIONS

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    MIGRATIONS[1](db)
    db.execute("INSERT INTO schema_version VALUES (1, 'then')")
    db.execute(
        "INSERT INTO sessions (id, protocol_id, protocol_version, team, date, facilitator, status,"
        " created_at, updated_at) VALUES ('s1', 'werf', 1, 'Noord', '2025-01-02', 'Fa', "
        "'finished', '2025-01-02T10:00:00+00:00', '2025-01-02T10:00:00+00:00')"
    )
    db.conn.commit()
    db.conn.close()
    before = path.read_bytes()
    store = Store.open(path)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.backup_path is not None
    assert path.with_name(path.name) != store.backup_path
    old = sqlite3.connect(store.backup_path)
    assert old.execute("SELECT MAX(version) FROM schema_version").fetchone() == (1,)
    assert old.execute("SELECT id, team FROM sessions").fetchall() == [("s1", "Noord")]
    old.close()
    assert len(before) > 0
    assert stat.S_IMODE(os.stat(store.backup_path).st_mode) == 0o600
    loaded = store.load_session("s1")
    assert loaded is not None and loaded.team == "Noord" and loaded.sensitive_names == []
