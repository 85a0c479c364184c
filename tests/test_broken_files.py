"""Broken databases: a clear message in the user's language, and the file keeps its bytes."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest

from werf.i18n import set_language
from werf.store import SCHEMA_VERSION, Store, StoreError
from werf.store_thread import StoreThread

from .helpers import make_session
from .pilot import make_app


def snapshot_files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir()) if p.is_file()}


def a_database(tmp_path: Path) -> Path:
    path = tmp_path / "werf.db"
    store = Store.open(path)
    store.save_session(make_session())
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def test_truncated_database(tmp_path: Path) -> None:
    path = a_database(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    before = path.read_bytes()
    set_language("nl")
    with pytest.raises(StoreError) as caught:
        store = Store.open(path)
        store.list_sessions()
    assert "beschadigd" in caught.value.user_message() or "geen werf" in caught.value.user_message()
    assert path.read_bytes() == before


def test_locked_database_says_it_is_in_use(tmp_path: Path) -> None:
    path = a_database(tmp_path)
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(path, timeout=0.2)
    assert "in use by another program" in caught.value.user_message()
    holder.rollback()
    holder.close()
    assert path.read_bytes() == before


async def test_newer_database_in_the_app_shows_a_message_and_changes_nothing(tmp_path: Path) -> None:
    path = a_database(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, 'later')", [SCHEMA_VERSION + 5])
    conn.commit()
    conn.close()
    before = snapshot_files(path)

    async def run() -> str:
        app = make_app(path)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            hint = str(app.screen.query_one("#home-hint").render())
            await pilot.press("n")  # starting a session is not offered
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
            return hint

    hint = await run()
    assert "newer werf" in hint
    assert snapshot_files(path) == before


def test_two_werfs_on_one_database_lose_no_write(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    first, second = StoreThread(path), StoreThread(path)
    one, two = make_session(team="Noord"), make_session(team="Zuid")
    first.write(Store.save_session, one)
    second.write(Store.save_session, two)
    from werf.models import Note

    for i in range(100):
        first.write(Store.save_note, one.id, Note(phase_index=0, text=f"een {i}"))
        second.write(Store.save_note, two.id, Note(phase_index=0, text=f"twee {i}"))
    first.flush()
    second.flush()
    loaded_one = second.call(Store.load_session, one.id).result()
    loaded_two = first.call(Store.load_session, two.id).result()
    first.close()
    second.close()
    assert [n.text for n in loaded_one.notes] == [f"een {i}" for i in range(100)]
    assert [n.text for n in loaded_two.notes] == [f"twee {i}" for i in range(100)]


def test_database_and_wal_files_are_private(tmp_path: Path) -> None:
    import os
    import stat

    path = tmp_path / "private" / "werf.db"
    store = Store.open(path)
    store.save_session(make_session())
    for p in path.parent.iterdir():
        assert stat.S_IMODE(os.stat(p).st_mode) == 0o600, p.name
    assert {p.name for p in path.parent.iterdir()} >= {"werf.db", "werf.db-wal"}
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    store.close()


def test_the_network_guard_works() -> None:
    """The suite's no-network guard fails a test that connects anywhere."""
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("127.0.0.1", 9))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(AssertionError, match="network connection"):
        sock.connect(("127.0.0.1", 9))
    sock.close()
