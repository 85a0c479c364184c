"""The tests' copied fixtures are the databases a fresh build gives (tests/helpers.py): demo
and seeded databases copied from one built per test process (`built_once`), and an
in-memory store copied from one empty store. If a copy ever differed (a WAL left behind, a
pragma not set, a file left readable by others), the tests built on them would test
something else; these fail first."""

from __future__ import annotations

import re
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from werf.demo import demo_sessions
from werf.store import Store

from .helpers import TODAY, demo_db, make_session, memory_store, saved_db
from .test_snapshots import _seeded_db, seeded_db

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
WRITTEN_AT = re.compile(r"'\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(\+00:00)?'")


def rows(conn: sqlite3.Connection) -> list[str]:
    """Schema and rows, with the random session and record ids and the times of writing
    (a migration, a note) left out: dates stay."""
    return sorted(WRITTEN_AT.sub("<time>", UUID.sub("<id>", line)) for line in conn.iterdump())


def pragmas(store: Store) -> list[object]:
    return [store.db.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("foreign_keys", "secure_delete", "journal_mode", "user_version")]


FRESH_AND_COPIED: dict[str, tuple[Callable[[Path], Path], Callable[[Path], Path]]] = {
    "demo": (lambda folder: saved_db(folder, *demo_sessions(5, today=TODAY)),
             lambda folder: demo_db(folder, count=5)),
    "seeded": (lambda folder: _seeded_db(folder, phase=2, overrun_seconds=75),
               lambda folder: seeded_db(folder, phase=2, overrun_seconds=75)),
}


@pytest.mark.parametrize("kind", FRESH_AND_COPIED)
def test_a_copied_database_is_a_fresh_build(tmp_path: Path, kind: str) -> None:
    build, copied = FRESH_AND_COPIED[kind]
    (tmp_path / "fresh").mkdir()
    (tmp_path / "copy").mkdir()
    fresh = build(tmp_path / "fresh")
    copied(tmp_path / "copy")  # the first call may build the template …
    (tmp_path / "copy" / "werf.db").unlink()
    copy = copied(tmp_path / "copy")  # … this one copies it
    assert stat.S_IMODE(copy.stat().st_mode) == stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert sorted(p.name for p in copy.parent.iterdir()) == ["werf.db"]
    conns = [sqlite3.connect(fresh), sqlite3.connect(copy)]
    assert rows(conns[0]) == rows(conns[1])
    for conn in conns:
        conn.close()
    store = Store.open(copy)
    assert len(store.list_sessions()) == {"demo": 5, "seeded": 1}[kind]
    store.close()


def test_a_copied_memory_store_is_store_memory() -> None:
    fresh, copy = Store.memory(), memory_store()
    assert rows(fresh.db.conn) == rows(copy.db.conn)
    assert pragmas(fresh) == pragmas(copy)
    session = make_session()
    copy.save_session(session)  # and each copy is its own database
    assert copy.load_session(session.id) == session
    assert memory_store().load_session(session.id) is None
    fresh.save_session(session)
    saved = memory_store(session)  # saved in the template, the same rows
    assert rows(saved.db.conn) == rows(fresh.db.conn) and pragmas(saved) == pragmas(fresh)
    assert saved.load_session(session.id) == session
    session.case_title = "Een andere titel"  # another session, another template
    assert memory_store(session).load_session(session.id) == session
