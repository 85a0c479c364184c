"""A store write is whole or not at all: a failure half-way leaves nothing written.

Under sqlite-utils 4 `db.execute` and the table methods commit a write that runs outside an
explicit transaction, so `with conn:` around them was no transaction. Each case makes the
last statement of one write fail (a temporary trigger) and checks the first did not land.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from werf.engine import PhaseTiming
from werf.models import Note, Revision, SessionStatus
from werf.store import Store

from .helpers import make_session

WHEN = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def _fail_on(store: Store, event: str, table: str) -> None:
    store.db.conn.execute(
        f"CREATE TEMP TRIGGER fail_half_way BEFORE {event} ON {table} "
        "BEGIN SELECT RAISE(ABORT, 'half way'); END")


def _store_with_session():  # type: ignore[no-untyped-def]
    store = Store.memory()
    session = make_session()
    session.notes = [Note(phase_index=0, text="eerste notitie")]
    session.status = SessionStatus.FINISHED
    store.save_session(session)
    return store, session


def _note_and_revision(store: Store, session_id: str) -> None:
    _fail_on(store, "UPDATE", "sessions")  # the revision stamp, after the note
    store.save_note(session_id, Note(phase_index=0, text="tweede notitie"), Revision(2, WHEN))


def _timer_state(store: Store, session_id: str) -> None:
    _fail_on(store, "INSERT", "phases")  # the phases, after the session row
    store.save_timer_state(session_id, 3, [PhaseTiming(0, "p", 60, 10, True, 1, (), "")], True, 1.0,
                           WHEN.isoformat())


def _team_themes(store: Store, session_id: str) -> None:
    store.set_team_themes("Wijkteam Noord", ["eenzaamheid", "schulden"])
    store.db.conn.execute(
        "CREATE TEMP TRIGGER fail_half_way BEFORE INSERT ON team_themes WHEN NEW.position = 1 "
        "BEGIN SELECT RAISE(ABORT, 'half way'); END")
    store.set_team_themes("Wijkteam Noord", ["wonen", "werk"])


def _purge(store: Store, session_id: str) -> None:
    _fail_on(store, "DELETE", "notes")  # the notes, after the session's texts were blanked
    store.purge_before(date(2030, 1, 1))


def _state(store: Store) -> tuple[object, ...]:
    rows = []
    for table in ("sessions", "notes", "phases", "team_themes"):
        columns = "id, current_phase, revision, purged_at" if table == "sessions" else "*"
        rows.append(sorted(map(tuple, store.db.execute(f"SELECT {columns} FROM {table}").fetchall()), key=repr))
    return tuple(rows)


@pytest.mark.parametrize("write", [_note_and_revision, _timer_state, _team_themes, _purge])
def test_a_write_that_fails_half_way_leaves_nothing(write: Callable[[Store, str], None]) -> None:
    store, session = _store_with_session()
    if write is _team_themes:
        store.set_team_themes("Wijkteam Noord", ["eenzaamheid", "schulden"])
    before = _state(store)
    with pytest.raises(sqlite3.DatabaseError, match="half way"):
        write(store, session.id)
    assert not store.db.conn.in_transaction
    assert _state(store) == before


def test_a_lease_inside_a_transaction_commits_nothing_of_it_early() -> None:
    """The lease calls are transactions of their own; inside another they are part of it:
    a failure after them still takes back everything."""
    import pytest

    from tests.helpers import make_session
    from werf.store import Store

    store = Store.memory()
    session = make_session()
    store.save_session(session)
    store.take_lease(session.id, "window-a", 100.0)
    with pytest.raises(RuntimeError), store.atomic():
        store.db.execute("UPDATE sessions SET case_title = 'changed' WHERE id = ?", [session.id])
        assert store.renew_lease(session.id, "window-a", 105.0)
        assert store.take_lease(session.id, "window-a", 106.0) is None
        store.release_lease(session.id, "window-a")
        raise RuntimeError("half-way")
    assert store.load_session(session.id).case_title == session.case_title
    assert store.lease_of(session.id).heartbeat == 100.0
