"""Session archives: export all → import into an empty database → identical sessions."""

from __future__ import annotations

import json
from pathlib import Path

from werf.demo import demo_sessions
from werf.exchange import (
    SCHEMA_FILE,
    archive_bytes,
    archive_json_schema,
    archive_session,
    import_archives,
)
from werf.export import export_session
from werf.store import Store

from .helpers import protocol


def filled_store(count: int = 6) -> Store:
    store = Store.memory()
    for session in demo_sessions(count):
        store.save_session(session)
    return store


def export_all_json(store: Store, folder: Path) -> list[Path]:
    paths = []
    for summary in store.list_sessions():
        session = store.load_session(summary.id)
        assert session is not None
        paths.append(export_session(session, protocol(session.protocol_id), "json", folder,
                                    lang="nl").path)
    return paths


def test_round_trip_export_all_import_into_empty(tmp_path: Path) -> None:
    source = filled_store()
    paths = export_all_json(source, tmp_path)
    assert len(paths) == 6
    target = Store.memory()
    report = import_archives(target, [tmp_path])
    assert len(report.added) == 6 and not report.problems
    for summary in source.list_sessions():
        assert target.load_session(summary.id) == source.load_session(summary.id)
    again = import_archives(target, [tmp_path])
    assert len(again.unchanged) == 6 and not again.added and not again.updated


def test_newer_revision_wins_and_older_is_reported(tmp_path: Path) -> None:
    store = filled_store(1)
    [summary] = store.list_sessions()
    session = store.load_session(summary.id)
    assert session is not None
    older = tmp_path / "older.json"
    older.write_bytes(archive_bytes(archive_session(session, None)))
    newer_session = session.model_copy(deep=True)
    newer_session.revision += 1
    newer_session.notes[0].text = "gecorrigeerd"
    newer_session.notes.pop()
    newer = tmp_path / "newer.json"
    newer.write_bytes(archive_bytes(archive_session(newer_session, None)))
    report = import_archives(store, [newer])
    assert report.updated == [newer]
    assert store.load_session(session.id) == newer_session  # the dropped note is gone too
    report = import_archives(store, [older])
    assert report.older == [older]
    assert store.load_session(session.id) == newer_session


def test_conflicting_same_revision_is_reported(tmp_path: Path) -> None:
    store = filled_store(1)
    session = store.load_session(store.list_sessions()[0].id)
    assert session is not None
    other = session.model_copy(deep=True)
    other.case_title = "andere titel"
    path = tmp_path / "conflict.json"
    path.write_bytes(archive_bytes(archive_session(other, None)))
    report = import_archives(store, [path])
    assert report.conflicts == [path]
    assert store.load_session(session.id) == session


def test_corrupted_archives_are_named_and_skipped(tmp_path: Path) -> None:
    source = filled_store(2)
    good = export_all_json(source, tmp_path)
    (tmp_path / "broken.json").write_text('{"format": "werf.session/1", "session": {', "utf-8")
    (tmp_path / "other.json").write_text('{"format": "something/9"}', "utf-8")
    truncated = good[0].read_bytes()[:200]
    (tmp_path / "truncated.json").write_bytes(truncated)
    wrong = json.loads(good[1].read_text("utf-8"))
    wrong["session"]["date"] = "not a date"
    (tmp_path / "wrong.json").write_text(json.dumps(wrong), "utf-8")
    target = Store.memory()
    report = import_archives(target, [tmp_path])
    assert len(report.added) == 2
    reasons = {path.name: reason for path, reason in report.invalid}
    assert set(reasons) == {"broken.json", "other.json", "truncated.json", "wrong.json"}
    assert "not valid JSON" in reasons["broken.json"]
    assert "something/9" in reasons["other.json"]
    assert "session.date" in reasons["wrong.json"]
    assert target.count_sessions() == 2


def test_shipped_json_schema_is_current() -> None:
    shipped = json.loads(SCHEMA_FILE.read_text("utf-8"))
    assert shipped == archive_json_schema(), "run: python -c 'from werf.exchange import write_schema; write_schema()'"


def test_an_archive_with_times_without_a_zone_imports(tmp_path: Path) -> None:
    store = filled_store(1)
    session = store.load_session(store.list_sessions()[0].id)
    assert session is not None
    data = json.loads(archive_bytes(archive_session(session, None)))
    data["session"]["updated_at"] = "2030-01-01T10:00:00"  # hand-edited: no offset
    path = tmp_path / "naive.json"
    path.write_text(json.dumps(data), "utf-8")
    report = import_archives(store, [path])
    assert report.updated == [path]
    loaded = store.load_session(session.id)
    assert loaded is not None and loaded.updated_at.tzinfo is not None


def test_an_archive_reusing_another_sessions_ids_leaves_that_session_intact(tmp_path: Path) -> None:
    """Record ids only match inside their own session: an archive of another session that
    reuses this session's note, participant or network ids is refused, and this session keeps
    every row (before, the upsert by note id moved the row into the other session)."""
    store = filled_store(2)
    first, second = (store.load_session(s.id) for s in store.list_sessions())
    assert first is not None and second is not None
    for reuse in ("notes", "participants", "network"):
        intruder = second.model_copy(deep=True)
        intruder.revision += 1
        mine, theirs = getattr(first, reuse), getattr(intruder, reuse)
        assert mine and theirs, reuse
        theirs[0].id = mine[0].id
        path = tmp_path / f"{reuse}.json"
        path.write_bytes(archive_bytes(archive_session(intruder, None)))
        report = import_archives(store, [path])
        assert [p for p, _reason in report.invalid] == [path], reuse
        assert mine[0].id in report.invalid[0][1]
        assert store.load_session(first.id) == first
        assert store.load_session(second.id) == second
