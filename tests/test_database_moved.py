"""The database under werf's feet: replaced, removed or without its WAL while werf runs.
werf stops writing to that path (the other file's bytes stay as they are), says so, keeps the
writes waiting and, leaving the session, saves it beside the database as an archive."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from werf.models import Note
from werf.store import Store
from werf.store.thread import DatabaseMoved, StoreThread

from .helpers import make_session
from .pilot import make_app, settle, type_text
from .test_typing_order import fresh_db, saved_notes


def started(db: Path) -> tuple[StoreThread, list[BaseException], str]:
    errors: list[BaseException] = []
    thread = StoreThread(db, on_error=errors.append)
    session = make_session()
    thread.write(Store.save_session, session)
    thread.write(Store.save_note, session.id, Note(phase_index=0, text="eerste"))
    thread.flush()
    assert errors == []
    return thread, errors, session.id


@pytest.mark.parametrize("how", ["replaced", "removed", "wal removed"])
def test_writes_stop_when_the_file_changes_under_werf(tmp_path: Path, how: str) -> None:
    db = tmp_path / "werf.db"
    thread, errors, sid = started(db)
    other = tmp_path / "other.db"
    Store.open(other).close()
    if how == "replaced":
        os.replace(other, db)  # a sync client puts another copy in its place
    elif how == "removed":
        db.unlink()
    else:
        Path(f"{db}-wal").unlink()
    before = db.read_bytes() if db.exists() else None
    thread.write(Store.save_note, sid, Note(phase_index=0, text="tweede"))
    thread.write(Store.save_note, sid, Note(phase_index=0, text="derde"))
    thread.flush()
    assert thread.moved and thread.waiting == 2
    assert errors and all(isinstance(e, DatabaseMoved) for e in errors)
    assert "werf no longer writes to it" in errors[0].user_message()  # type: ignore[attr-defined]
    after = db.read_bytes() if db.exists() else None
    assert after == before  # the file now at the path is never written
    thread.close()


async def test_the_running_session_is_saved_beside_the_database(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "voor")
        await pilot.press("enter")
        await settle(pilot)
        app.store.flush()
        shutil.copy(db, tmp_path / "copy.db")
        os.replace(tmp_path / "copy.db", db)  # the same bytes, another file
        replaced = db.read_bytes()
        await type_text(pilot, "na")
        await pilot.press("enter")
        await settle(pilot)
        app.store.flush()
        await settle(pilot)
        assert any("replaced or changed" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")  # writes wait: werf asks before it quits
        await settle(pilot)
        await pilot.press("enter")
    assert db.read_bytes() == replaced
    assert saved_notes(db) == [(0, "voor")]
    rescued = list(tmp_path.glob("werf-not-saved-*.json"))
    assert len(rescued) == 1
    from werf.exchange import read_archive

    assert [n.text for n in read_archive(rescued[0]).session.notes] == ["voor", "na"]
