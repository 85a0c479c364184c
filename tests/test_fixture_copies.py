"""The tests' copied fixtures are the databases a fresh build gives (tests/helpers.py): a demo
database copied from one built per test process, and an in-memory store copied from one
empty store. If a copy ever differed (a WAL left behind, a pragma not set, a file left
readable by others), the tests built on them would test something else; these fail first."""

from __future__ import annotations

import re
import sqlite3
import stat
from pathlib import Path

from werf.demo import demo_sessions
from werf.store import Store

from .helpers import TODAY, demo_db, make_session, memory_store, saved_db

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MIGRATED_AT = re.compile(r"^(INSERT INTO \"schema_version\" VALUES\(\d+,)'[0-9: -]+'")


def rows(conn: sqlite3.Connection) -> list[str]:
    """Schema and rows, with the random session and record ids and the time each migration
    ran left out."""
    return sorted(MIGRATED_AT.sub(r"\1<time>", UUID.sub("<id>", line)) for line in conn.iterdump())


def pragmas(store: Store) -> list[object]:
    return [store.db.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("foreign_keys", "secure_delete", "journal_mode", "user_version")]


def test_a_copied_demo_database_is_a_fresh_build(tmp_path: Path) -> None:
    (tmp_path / "fresh").mkdir()
    (tmp_path / "copy").mkdir()
    fresh = saved_db(tmp_path / "fresh", *demo_sessions(5, today=TODAY))
    demo_db(tmp_path / "copy", count=5)  # the first call builds the template …
    (tmp_path / "copy" / "werf.db").unlink()
    copy = demo_db(tmp_path / "copy", count=5)  # … this one copies it
    assert stat.S_IMODE(copy.stat().st_mode) == stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert sorted(p.name for p in copy.parent.iterdir()) == ["werf.db"]
    conns = [sqlite3.connect(fresh), sqlite3.connect(copy)]
    assert rows(conns[0]) == rows(conns[1])
    for conn in conns:
        conn.close()
    store = Store.open(copy)
    assert len(store.list_sessions()) == 5
    store.close()


def test_a_copied_memory_store_is_store_memory() -> None:
    fresh, copy = Store.memory(), memory_store()
    assert rows(fresh.db.conn) == rows(copy.db.conn)
    assert pragmas(fresh) == pragmas(copy)
    session = make_session()
    copy.save_session(session)  # and each copy is its own database
    assert copy.load_session(session.id) == session
    assert memory_store().load_session(session.id) is None
