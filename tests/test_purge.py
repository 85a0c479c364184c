"""Retention that covers everything: unfinished sessions too (unless a window holds one, which
is said), tombstones that keep a purged or deleted session from coming back with an archive,
a write-ahead log emptied once readers let go, and no pre-migration copy left behind."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner

from werf.cli import main
from werf.exchange import archive_bytes, archive_session, import_archives
from werf.models import Note, SessionStatus
from werf.store import Store
from werf.store.retention import CHECKPOINT_ATTEMPTS, CHECKPOINT_PAUSE

from .helpers import make_session

NOW = 1_800_000_000.0  # wall-clock seconds, injected
OTHER_WINDOW = "another-laptop:4242:abc"  # a holder on another computer: only its lapse counts


def files_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*") if p.is_file())


def old_session(text: str, status: SessionStatus = SessionStatus.FINISHED):  # type: ignore[no-untyped-def]
    session = make_session()
    session.date = date(2024, 1, 10)
    session.status = status
    session.notes = [Note(phase_index=1, text=text)]
    return session


def test_an_unfinished_old_session_is_purged_unless_a_window_holds_it() -> None:
    store = Store.memory()
    left = old_session("VERLATENNOTITIE", SessionStatus.RUNNING)
    held = old_session("OPENNOTITIE", SessionStatus.RUNNING)
    done = old_session("KLAARNOTITIE")
    for session in (left, held, done):
        store.save_session(session)
    assert store.take_lease(held.id, OTHER_WINDOW, NOW - 5) is None  # its heartbeat: 5 s ago

    report = store.purge_before(date(2025, 1, 1), now=NOW)

    assert sorted(report.purged) == sorted([left.id, done.id])
    assert [h.session_id for h in report.held] == [held.id]
    assert store.load_session(left.id).notes == []  # type: ignore[union-attr]
    assert [n.text for n in store.load_session(held.id).notes] == ["OPENNOTITIE"]  # type: ignore[union-attr]
    lines = report.lines()
    assert lines[0] == "Case content removed from 2 sessions."
    assert held.id[:8] in lines[1] and "open in a werf window" in lines[1]
    resumable = store.unfinished_session()
    assert resumable is not None and resumable.id == held.id  # nothing left to resume of the other

    # once that window has been silent past the lapse, the next purge takes it too
    assert store.purge_before(date(2025, 1, 1), now=NOW + 60).purged == [held.id]
    assert store.unfinished_session() is None


def test_a_purged_session_stays_purged_when_an_older_or_newer_archive_comes_in(tmp_path: Path) -> None:
    store = Store.memory()
    session = old_session("TERUGKOMNOTITIE")
    store.save_session(session)
    older = tmp_path / "older.json"
    older.write_bytes(archive_bytes(archive_session(session, None)))
    newer_session = session.model_copy(deep=True)
    newer_session.revision = 5
    newer_session.updated_at = session.updated_at + timedelta(days=400)
    newer = tmp_path / "newer.json"
    newer.write_bytes(archive_bytes(archive_session(newer_session, None)))

    assert store.purge_before(date(2025, 1, 1)).purged == [session.id]
    stone = store.tombstone(session.id)
    assert stone is not None and stone.kind == "purged"

    report = import_archives(store, [older, newer])
    assert report.added == report.updated == [] and [p for p, _ in report.tombstoned] == [older, newer]
    assert "case content was removed here" in report.lines()[1]
    assert store.load_session(session.id).notes == []  # type: ignore[union-attr]


def test_a_deleted_session_does_not_come_back_with_its_archive(tmp_path: Path) -> None:
    store = Store.memory()
    session = old_session("WEGNOTITIE")
    store.save_session(session)
    archive = tmp_path / "s.json"
    archive.write_bytes(archive_bytes(archive_session(session, None)))
    assert store.delete_session(session.id)
    report = import_archives(store, [archive])
    assert store.load_session(session.id) is None
    assert "deleted here" in report.lines()[1]


def test_the_checkpoint_waits_for_a_reader_of_old_pages_then_empties_the_log(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    store = Store.open(db)
    store.save_session(old_session("LEZERNOTITIE"))
    reader = sqlite3.connect(str(db))
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM notes").fetchall()  # holds a snapshot: the old pages
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 2:
            reader.rollback()  # the other program's read ends

    report = store.purge_before(date(2025, 1, 1), wait=wait)
    assert report.scrub.wal_emptied and waits == [CHECKPOINT_PAUSE] * 2
    assert (tmp_path / "werf.db-wal").stat().st_size == 0
    assert b"LEZERNOTITIE" not in files_bytes(db)
    reader.close()
    store.close()


def test_a_reader_that_never_lets_go_is_reported_after_bounded_tries(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    store = Store.open(db)
    store.save_session(old_session("BLIJVERNOTITIE"))
    reader = sqlite3.connect(str(db))
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM notes").fetchall()
    waits: list[float] = []
    backup = tmp_path / "werf.db.schema8-20260101-000000.bak"
    backup.write_bytes(b"... BLIJVERNOTITIE ...")

    report = store.purge_before(date(2025, 1, 1), wait=waits.append)

    assert not report.scrub.wal_emptied and len(waits) == CHECKPOINT_ATTEMPTS - 1
    assert "still reading the database" in report.lines()[-1]
    assert not backup.exists()  # the copies go whatever the checkpoint did
    reader.close()
    store.close()


def test_backups_go_even_when_vacuum_fails(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "werf.db"
    store = Store.open(db)
    store.save_session(old_session("VACUUMNOTITIE"))
    backup = tmp_path / "werf.db.schema8-20260101-000000.bak"
    backup.write_bytes(b"... VACUUMNOTITIE ...")

    def fail() -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(store, "_vacuum", fail)
    report = store.purge_before(date(2025, 1, 1), wait=lambda _s: None)
    assert not report.scrub.vacuumed and not backup.exists()
    assert "could not be rewritten (database is locked)" in report.lines()[-1]
    assert b"VACUUMNOTITIE" not in files_bytes(db)  # secure_delete zeroed the freed pages
    store.close()


def test_werf_purge_says_per_session_why_it_is_kept(tmp_path: Path) -> None:
    import time

    db = tmp_path / "werf.db"
    store = Store.open(db)
    held = old_session("OPEN", SessionStatus.RUNNING)
    store.save_session(held)
    store.take_lease(held.id, OTHER_WINDOW, time.time())
    store.close()
    result = CliRunner().invoke(main, ["--db", str(db), "--lang", "nl", "purge", "--older-than", "12m", "--yes"])
    assert result.exit_code == 0, result.output
    assert "0 besprekingen" in result.output and held.id[:8] in result.output


def test_sessions_purged_before_schema_10_get_their_tombstone(tmp_path: Path) -> None:
    import sqlite_utils

    from werf.store import MIGRATIONS

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    for version in range(1, 10):
        MIGRATIONS[version](db)
        db.execute("INSERT INTO schema_version VALUES (?, 'then')", [version])
    for sid, purged in (("gone", "2026-01-05T10:00:00+00:00"), ("kept", None)):
        db.execute(
            "INSERT INTO sessions (id, protocol_id, protocol_version, team, date, facilitator, status,"
            " created_at, updated_at, purged_at) VALUES (?, 'werf', 1, 'Noord', '2025-01-02', 'Fa', "
            "'finished', '2025-01-02T10:00:00+00:00', '2025-01-02T10:00:00+00:00', ?)", [sid, purged])
    db.conn.commit()
    db.conn.close()
    store = Store.open(path)
    stone = store.tombstone("gone")
    assert stone is not None and (stone.kind, stone.at) == ("purged", "2026-01-05T10:00:00+00:00")
    assert store.tombstone("kept") is None
    store.close()


def test_a_purge_from_elsewhere_waits_for_the_window_that_holds_the_session() -> None:
    """A 'purged' tombstone arrives while a window here has the session open: purging it then
    would leave what is typed next for good (a purged session is not purged again). It gets
    its tombstone at once and is purged, what was typed after included, once let go."""
    import time

    from werf.exchange import Tombstone, apply_tombstone
    from werf.models import utc_now

    store = Store.memory()
    session = old_session("Ans Pietersen woont alleen")
    store.save_session(session)
    assert store.take_lease(session.id, OTHER_WINDOW, time.time()) is None
    assert not apply_tombstone(store, Tombstone(session_id=session.id, kind="purged", at=utc_now()))
    assert store.tombstone(session.id).kind == "purged"
    store.save_note(session.id, Note(phase_index=0, text="Ans Pietersen, BSN 123456782"))
    assert store.purge_before(date(2000, 1, 1), now=time.time()).held  # still open: kept, and said
    store.release_lease(session.id, OTHER_WINDOW)
    assert apply_tombstone(store, Tombstone(session_id=session.id, kind="purged", at=utc_now()))
    assert store.load_session(session.id).notes == []
    assert store.purge_before(date(2000, 1, 1)).purged == []  # nothing left to purge


def test_a_deletion_from_elsewhere_waits_for_the_window_that_holds_the_session(tmp_path: Path) -> None:
    """A 'deleted' tombstone in the shared folder for a session a window here holds: deleting
    it then would refuse what the window writes next (the session's rows are gone) and send it
    to the rescue file. As with a purge, the tombstone is kept at once, the window goes on
    writing, and the session goes with the first sync after the window let go of it."""
    import time

    from werf.exchange import Tombstone
    from werf.models import utc_now
    from werf.shared_folder import share_name, sync

    share = tmp_path / "share"
    share.mkdir()
    store = Store.open(tmp_path / "werf.db")
    session = old_session("Ans Pietersen woont alleen")
    store.save_session(session)
    stone = Tombstone(session_id=session.id, kind="deleted", at=utc_now())
    (share / share_name(session.id)).write_text(stone.model_dump_json(), encoding="utf-8")
    assert store.take_lease(session.id, OTHER_WINDOW, time.time()) is None

    assert sync(store, share).removed == []
    assert store.tombstone(session.id).kind == "deleted"  # type: ignore[union-attr]
    store.save_note(session.id, Note(phase_index=0, text="nog een notitie"))  # no foreign key refusal
    assert len(store.load_session(session.id).notes) == 2  # type: ignore[union-attr]
    assert session.id not in store.finished_session_ids()  # deleted elsewhere: not shared again

    store.release_lease(session.id, OTHER_WINDOW)
    assert sync(store, share).removed == [session.id]
    assert store.load_session(session.id) is None
    assert b"nog een notitie" not in files_bytes(tmp_path / "werf.db")
    store.close()


def test_a_window_that_holds_a_session_keeps_it_from_being_deleted_here() -> None:
    import time

    store = Store.memory()
    session = old_session("OPEN", SessionStatus.RUNNING)
    store.save_session(session)
    assert store.take_lease(session.id, OTHER_WINDOW, time.time()) is None
    assert not store.delete_session(session.id)
    assert store.load_session(session.id) is not None and store.tombstone(session.id) is None
    store.release_lease(session.id, OTHER_WINDOW)
    assert store.delete_session(session.id) and store.load_session(session.id) is None
