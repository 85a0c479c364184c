"""The shared folder as a trustworthy exchange (issue 14): two laptops A and B and a
coordinator C, each with its own database, and one shared folder. Every change survives or is
shown as a conflict, in whatever order the laptops read the share; nothing deleted or purged
comes back; the share holds one file per session."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.helpers import make_session
from werf.exchange import import_archives, read_document
from werf.merge import content_hash, records
from werf.models import Action, Note, Session, SessionStatus, utc_now
from werf.recorder import Recorder, direct_sink
from werf.shared_folder import find_conflict, read_folder, resolve, share_name, sync
from werf.store import Store


@dataclass
class Play:
    homes: dict[str, Store]
    share: Path
    kept: Session  # corrected on A and B
    deleted: Session  # deleted on A
    purged: Session  # purged on B


def finished(title: str, held: date, notes: int = 3, actions: int = 2) -> Session:
    session = make_session()
    session.case_title, session.date = title, held
    session.status, session.finished_at = SessionStatus.FINISHED, utc_now()
    session.notes = [Note(phase_index=1, text=f"{title} note {n}") for n in range(notes)]
    session.actions = [Action(phase_index=5, text=f"{title} action {n}", owner="Bram")
                       for n in range(actions)]
    return session


def correct(store: Store, session_id: str) -> Recorder:
    session = store.load_session(session_id)
    assert session is not None
    return Recorder(session, direct_sink(store))


def set_up(tmp_path: Path) -> Play:
    share = tmp_path / "share"
    share.mkdir()
    homes = {name: Store.open(tmp_path / name / "werf.db") for name in "ABC"}
    kept = finished("Eenzame buurman", date(2026, 11, 2))
    deleted = finished("Schulden", date(2026, 10, 5))
    purged = finished("Oude zaak met adres Dorpsstraat 1", date(2024, 1, 10))
    for session in (kept, deleted, purged):
        homes["A"].save_session(session)
    for name in "ABC":
        sync(homes[name], share)
    for name in "BC":
        assert homes[name].load_session(kept.id) == homes["A"].load_session(kept.id)
    return Play(homes, share, kept, deleted, purged)


def change_everywhere(play: Play) -> None:
    """A and B correct different notes and the same one; C marks an action done while A
    changes another; A deletes a session; B purges the old one."""
    a, b, c = (play.homes[name] for name in "ABC")
    notes = [note.id for note in play.kept.notes]
    actions = [action.id for action in play.kept.actions]
    on_a = correct(a, play.kept.id)
    on_a.correct_note(notes[0], "A: adres weggehaald")
    on_a.correct_note(notes[2], "A says this")
    action = next(x for x in on_a.session.actions if x.id == actions[1])
    on_a.save_action(action.model_copy(update={"text": "A: belt de huisarts"}))
    on_b = correct(b, play.kept.id)
    on_b.correct_note(notes[1], "B: naam weggehaald")
    on_b.correct_note(notes[2], "B says that")
    correct(c, play.kept.id).set_action_done(actions[0], date(2026, 11, 20))
    a.delete_session(play.deleted.id)
    assert b.purge_before(date(2025, 1, 1)).count == 1


def texts(store: Store, session_id: str) -> list[str]:
    session = store.load_session(session_id)
    assert session is not None
    return sorted(note.text for note in session.notes)


def check_nothing_lost(play: Play) -> None:
    notes = [note.id for note in play.kept.notes]
    in_conflict = {c.key for store in play.homes.values() for c in store.conflicts()}
    assert f"note:{notes[2]}" in in_conflict
    for name, store in play.homes.items():
        session = store.load_session(play.kept.id)
        assert session is not None, name
        by_id = {note.id: note.text for note in session.notes}
        assert by_id[notes[0]] == "A: adres weggehaald", name
        assert by_id[notes[1]] == "B: naam weggehaald", name
        assert by_id[notes[2]] in ("A says this", "B says that"), name
        first, second = session.actions
        assert first.done and first.done_on == date(2026, 11, 20), name
        assert second.text == "A: belt de huisarts" and not second.done, name
        for conflict in store.conflicts():  # both versions kept in full, side by side
            assert {conflict.mine["text"], conflict.theirs["text"]} == {  # type: ignore[index]
                "A says this", "B says that"}
        assert store.load_session(play.deleted.id) is None, name
        assert store.tombstone(play.deleted.id).kind == "deleted", name
        purged = store.load_session(play.purged.id)
        assert purged is not None and purged.notes == [] and purged.case_title == "", name
    kept_text = {name: texts(store, play.kept.id) for name, store in play.homes.items()}
    conflicted = {name for name, store in play.homes.items() if store.conflicts()}
    assert conflicted, kept_text


def check_share(play: Play) -> None:
    names = sorted(path.name for path in play.share.iterdir())
    assert names == sorted(share_name(s.id) for s in (play.kept, play.deleted, play.purged))
    shared, skipped = read_folder(play.share)
    assert skipped == []
    assert shared[play.deleted.id].tombstone is not None
    assert shared[play.deleted.id].tombstone.kind == "deleted"  # type: ignore[union-attr]
    assert shared[play.purged.id].tombstone is not None
    assert "Dorpsstraat" not in "".join(path.read_text("utf-8") for path in play.share.iterdir())


def settle(play: Play, rounds: int = 2) -> None:
    for _ in range(rounds):
        for name in "ABC":
            sync(play.homes[name], play.share)


@pytest.mark.parametrize("order", list(itertools.permutations("ABC")))
def test_every_change_survives_in_every_order(tmp_path: Path, order: tuple[str, ...]) -> None:
    play = set_up(tmp_path)
    change_everywhere(play)
    for name in order:
        sync(play.homes[name], play.share)
    settle(play)
    check_nothing_lost(play)
    check_share(play)
    # a person keeps both versions on one laptop; every laptop then agrees, no conflict left
    chooser = next(store for store in play.homes.values() if store.conflicts())
    resolve(chooser, chooser.conflicts()[0], "both")
    settle(play)
    expected = None
    for name, store in play.homes.items():
        assert store.conflicts() == [], name
        found = texts(store, play.kept.id)
        assert "A says this" in found and "B says that" in found, name
        held = {key: content_hash(record) for key, record in
                records(store.load_session(play.kept.id)).items()}  # type: ignore[arg-type]
        expected = expected or held
        assert held == expected, name
    check_share(play)


@pytest.mark.parametrize("keep", ["mine", "theirs"])
def test_a_conflict_is_resolved_by_one_choice(tmp_path: Path, keep: str) -> None:
    play = set_up(tmp_path)
    a, b = play.homes["A"], play.homes["B"]
    note = play.kept.notes[0].id
    correct(a, play.kept.id).correct_note(note, "from A")
    correct(b, play.kept.id).correct_note(note, "from B")
    sync(a, play.share)
    report = sync(b, play.share)
    [conflict] = report.conflicts
    assert (conflict.mine["text"], conflict.theirs["text"]) == ("from B", "from A")  # type: ignore[index]
    assert find_conflict(b, conflict.id[:8]) == [conflict]
    resolve(b, conflict, keep)  # type: ignore[arg-type]
    settle(play)
    chosen = "from B" if keep == "mine" else "from A"
    for store in play.homes.values():
        assert store.conflicts() == []
        session = store.load_session(play.kept.id)
        assert session is not None and session.notes[0].text == chosen


def test_an_older_archive_does_not_bring_back_a_deleted_or_purged_session(tmp_path: Path) -> None:
    play = set_up(tmp_path)
    old = {s.id: play.share / share_name(s.id) for s in (play.deleted, play.purged)}
    copies = {sid: path.read_bytes() for sid, path in old.items()}
    change_everywhere(play)
    settle(play)
    for sid, data in copies.items():  # someone puts the old copies back
        (tmp_path / f"old-{sid}.json").write_bytes(data)
        old[sid].write_bytes(data)
    for store in play.homes.values():
        report = import_archives(store, [tmp_path / f"old-{sid}.json" for sid in copies])
        assert len(report.tombstoned) == 2 and report.added == [] and report.updated == []
        sync(store, play.share)
        assert store.load_session(play.deleted.id) is None
        assert store.load_session(play.purged.id).notes == []  # type: ignore[union-attr]
    check_share(play)


def test_a_half_synced_file_is_skipped_quietly_and_read_next_time(tmp_path: Path) -> None:
    play = set_up(tmp_path)
    path = play.share / share_name(play.kept.id)
    whole = path.read_bytes()
    correct(play.homes["A"], play.kept.id).correct_note(play.kept.notes[0].id, "changed")
    sync(play.homes["A"], play.share)
    newer = path.read_bytes()
    path.write_bytes(newer[: len(newer) // 2])
    report = sync(play.homes["B"], play.share)
    assert report.skipped == [path] and report.published == []
    assert path.read_bytes() == newer[: len(newer) // 2]  # not overwritten while arriving
    assert "read again next time" in report.lines()[-1]
    path.write_bytes(newer)
    report = sync(play.homes["B"], play.share)
    assert report.changed == [play.kept.id] and whole != newer
    assert "changed" in texts(play.homes["B"], play.kept.id)


def test_an_archive_names_its_base_and_each_records_versions(tmp_path: Path) -> None:
    play = set_up(tmp_path)
    correct(play.homes["B"], play.kept.id).correct_note(play.kept.notes[0].id, "changed")
    sync(play.homes["B"], play.share)
    document = read_document(play.share / share_name(play.kept.id))
    assert document.format == "werf.session/3"  # type: ignore[union-attr]
    assert document.base_revision == 1 and document.session.revision == 2  # type: ignore[union-attr]
    vector = document.versions[f"note:{play.kept.notes[0].id}"]  # type: ignore[union-attr]
    assert vector == {play.homes["A"].laptop_id(): 1, play.homes["B"].laptop_id(): 1}
    data = json.loads((play.share / share_name(play.kept.id)).read_text("utf-8"))
    data["versions"] = {"../x": {"~": 1}}
    (tmp_path / "bad.json").write_text(json.dumps(data), "utf-8")
    assert import_archives(play.homes["C"], [tmp_path / "bad.json"]).invalid


SYNC_ONE = """
import sys
from pathlib import Path
from werf.shared_folder import sync
from werf.store import Store
store = Store.open(Path(sys.argv[1]))
for _ in range(int(sys.argv[3])):
    report = sync(store, Path(sys.argv[2]))
    assert not report.failed, report.failed
"""


def test_two_processes_syncing_one_folder_at_once(tmp_path: Path) -> None:
    play = set_up(tmp_path)
    notes = [note.id for note in play.kept.notes]
    correct(play.homes["A"], play.kept.id).correct_note(notes[0], "A changed")
    correct(play.homes["B"], play.kept.id).correct_note(notes[1], "B changed")
    for store in play.homes.values():
        store.close()
    runs = [subprocess.Popen([sys.executable, "-c", SYNC_ONE, str(tmp_path / name / "werf.db"),
                              str(play.share), "5"]) for name in "AB"]
    assert [run.wait(timeout=60) for run in runs] == [0, 0]
    assert sorted(p.name for p in play.share.iterdir()) == sorted(
        share_name(s.id) for s in (play.kept, play.deleted, play.purged))  # no temp left
    play.homes = {name: Store.open(tmp_path / name / "werf.db") for name in "ABC"}
    settle(play)
    for store in play.homes.values():
        assert texts(store, play.kept.id)[:2] == ["A changed", "B changed"]


def cli(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from werf.cli import main

    result = CliRunner().invoke(main, list(args), obj={})
    return result.exit_code, result.stdout + result.stderr


def test_the_command_line_syncs_lists_and_settles_conflicts(tmp_path: Path) -> None:
    play = set_up(tmp_path)
    note = play.kept.notes[0].id
    correct(play.homes["A"], play.kept.id).correct_note(note, "from A")
    correct(play.homes["B"], play.kept.id).correct_note(note, "from B")
    for store in play.homes.values():
        store.close()
    db_a, db_b = (str(tmp_path / name / "werf.db") for name in "AB")
    code, out = cli("sync", "--db", db_a, "--folder", str(play.share))
    assert code == 0 and out.startswith("1 published, 0 new, 0 changed, 0 removed, 0 in conflict.")
    code, out = cli("sync", "--db", db_b, "--folder", str(play.share), "--json")
    assert code == 3 and json.loads(out)["conflicts"][0]["theirs"]["text"] == "from A"
    code, out = cli("conflicts", "--db", db_b)
    assert code == 3 and "mine:   from B" in out and "theirs: from A" in out
    conflict_id = out.split()[0]
    assert cli("conflicts", conflict_id, "--db", db_b)[0] == 1  # which version?
    code, out = cli("conflicts", conflict_id, "--keep", "theirs", "--db", db_b)
    assert code == 0 and out.startswith("Settled: note of ")
    assert cli("conflicts", "--db", db_b) == (0, "No conflicts.\n")
    code, out = cli("sync", "--db", db_a, "--folder", str(tmp_path / "nowhere"))
    assert code == 1 and "does not exist" in out
    code, out = cli("sync", "--db", db_a)
    assert code == 1 and "shared_folder" in out


async def test_s_on_the_home_screen_syncs_and_shows_a_conflict_side_by_side(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from tests.pilot import make_app, settle
    from werf.screens.sync import ConflictsScreen

    play = set_up(tmp_path)
    note = play.kept.notes[0].id
    correct(play.homes["A"], play.kept.id).correct_note(note, "from A")
    correct(play.homes["B"], play.kept.id).correct_note(note, "from B")
    sync(play.homes["A"], play.share)
    for store in play.homes.values():
        store.close()
    from werf.config import config_path

    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(f"shared_folder = {json.dumps(str(play.share))}\n", "utf-8")
    app = make_app(tmp_path / "B" / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, ConflictsScreen)  # at start: announced, not opened
        assert any("Conflicts wait" in str(n.message) for n in app._notifications)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictsScreen)
        table = app.screen.query_one("#conflicts", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)][2:] == ["from B", "from A"]
        await pilot.press("t")
        await settle(pilot)
        assert not isinstance(app.screen, ConflictsScreen)
    store = Store.open(tmp_path / "B" / "werf.db")
    assert store.conflicts() == [] and "from A" in texts(store, play.kept.id)


def test_a_corrected_session_alone_is_published(tmp_path: Path) -> None:
    play = set_up(tmp_path)
    a = play.homes["A"]
    before = {p.name: p.read_bytes() for p in play.share.iterdir()}
    correct(a, play.kept.id).correct_note(play.kept.notes[0].id, "corrected")
    correct(a, play.deleted.id).correct_note(play.deleted.notes[0].id, "also corrected")
    report = sync(a, play.share, only=play.kept.id)
    assert report.published == [play.kept.id]
    after = {p.name: p.read_bytes() for p in play.share.iterdir()}
    assert [name for name in after if after[name] != before[name]] == [share_name(play.kept.id)]
    assert sync(a, play.share).published == [play.deleted.id]
    assert sync(a, play.share).published == []  # nothing new: nothing written


def test_a_done_mark_merges_on_its_own(tmp_path: Path) -> None:
    play = set_up(tmp_path)
    a, c = play.homes["A"], play.homes["C"]
    first = play.kept.actions[0].id
    on_a = correct(a, play.kept.id)
    on_a.save_action(on_a.session.actions[0].model_copy(update={"text": "A: new wording"}))
    correct(c, play.kept.id).set_action_done(first, date(2026, 11, 21))
    for store in (c, a, c):
        assert sync(store, play.share).conflicts == []
    for store in (a, c):
        action = store.load_session(play.kept.id).actions[0]  # type: ignore[union-attr]
        assert (action.text, action.done, action.done_on) == ("A: new wording", True,
                                                              date(2026, 11, 21))


def test_a_temp_file_left_by_a_crash_is_removed_after_an_hour(tmp_path: Path) -> None:
    import os

    from werf.shared_folder import TEMP_PREFIX

    play = set_up(tmp_path)
    old, fresh = (play.share / f"{TEMP_PREFIX}{share_name(play.kept.id)}.{tag}.tmp"
                  for tag in ("dead", "busy"))
    for path in (old, fresh):
        path.write_text("{half", "utf-8")
    now = fresh.stat().st_mtime
    os.utime(old, (now - 3700, now - 3700))
    report = sync(play.homes["B"], play.share, now=datetime.fromtimestamp(now, UTC))
    assert not old.exists() and fresh.exists() and report.skipped == []


def test_a_sync_passes_over_what_changed_on_neither_side(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import werf.shared_folder as shared_folder

    play = set_up(tmp_path)
    b = play.homes["B"]
    sync(b, play.share)
    parsed: list[bytes] = []
    real = shared_folder.document_from
    monkeypatch.setattr(shared_folder, "document_from", lambda raw: parsed.append(raw) or real(raw))
    assert sync(b, play.share).published == [] and parsed == []
    correct(play.homes["A"], play.kept.id).correct_note(play.kept.notes[0].id, "corrected")
    sync(play.homes["A"], play.share)  # A reads its own file again: its copy changed
    assert len(parsed) == 1
    assert sync(b, play.share).changed == [play.kept.id] and len(parsed) == 2
    correct(b, play.deleted.id).correct_note(play.deleted.notes[0].id, "on B")
    assert sync(b, play.share).published == [play.deleted.id] and len(parsed) == 3


def test_a_file_held_open_elsewhere_is_written_next_time(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import werf.shared_folder as shared_folder

    play = set_up(tmp_path)
    a = play.homes["A"]
    correct(a, play.kept.id).correct_note(play.kept.notes[0].id, "corrected")

    def sharing_violation(source: str, target: str) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(shared_folder.os, "replace", sharing_violation)
    report = sync(a, play.share)
    assert report.busy == [play.kept.id] and report.failed == [] and report.published == []
    assert "written next time" in report.lines()[-1]
    assert not [p for p in play.share.iterdir() if p.name.startswith("~$")]
    monkeypatch.undo()
    again = sync(a, play.share)
    assert again.published == [play.kept.id], again


def test_a_field_changed_on_two_laptops_can_keep_both(tmp_path: Path) -> None:
    play = set_up(tmp_path)
    a, b = play.homes["A"], play.homes["B"]
    correct(a, play.kept.id).edit_case("Buurman alleen", play.kept.question)
    correct(b, play.kept.id).edit_case("Eenzame man", play.kept.question)
    sync(a, play.share)
    [conflict] = sync(b, play.share).conflicts
    assert conflict.key == "field:case_title"
    resolve(b, conflict, "both")
    settle(play)
    for store in play.homes.values():
        assert store.load_session(play.kept.id).case_title == "Eenzame man / Buurman alleen"  # type: ignore[union-attr]


def test_a_note_deleted_on_one_laptop_and_changed_on_another_is_a_conflict(tmp_path: Path) -> None:
    play = set_up(tmp_path)
    a, b = play.homes["A"], play.homes["B"]
    note = play.kept.notes[1].id
    correct(a, play.kept.id).remove_note(note)
    correct(b, play.kept.id).correct_note(note, "B kept this")
    sync(a, play.share)
    [conflict] = sync(b, play.share).conflicts
    assert conflict.mine["text"] == "B kept this" and conflict.theirs is None  # type: ignore[index]
    resolve(b, conflict, "theirs")  # the deletion wins
    settle(play)
    for store in play.homes.values():
        assert note not in {n.id for n in store.load_session(play.kept.id).notes}  # type: ignore[union-attr]
        assert store.conflicts() == []


def test_the_tombstone_schema_is_shipped() -> None:
    from werf.exchange import TOMBSTONE_SCHEMA_FILE, tombstone_json_schema

    assert json.loads(TOMBSTONE_SCHEMA_FILE.read_text("utf-8")) == tombstone_json_schema()


def test_an_archive_reusing_another_sessions_ids_touches_nothing(tmp_path: Path) -> None:
    play = set_up(tmp_path)
    b = play.homes["B"]
    hostile = finished("Vreemd", date(2026, 11, 3))
    hostile.notes[0].id = play.kept.notes[0].id  # a note id of another session
    path = play.share / share_name(hostile.id)
    from werf.exchange import SessionArchive

    path.write_text(SessionArchive(session=hostile).model_dump_json(), "utf-8")
    report = sync(b, play.share)
    assert [sid for sid, _why in report.failed] == [hostile.id]
    assert "another session" in report.lines()[-1]
    assert b.load_session(hostile.id) is None
    assert b.load_session(play.kept.id) == play.homes["A"].load_session(play.kept.id)


def test_a_deletion_is_never_weakened_to_a_purge_even_without_a_key() -> None:
    store = Store.memory()
    store.db.execute("DROP TABLE tombstones")  # as another branch's migration may make it
    store.db.execute("CREATE TABLE tombstones (session_id TEXT NOT NULL, kind TEXT NOT NULL, "
                     "at TEXT NOT NULL)")
    session = finished("Weg", date(2024, 1, 1))
    store.save_session(session)
    assert store.delete_session(session.id)
    store.add_tombstone(session.id, "purged", utc_now().isoformat())
    assert store.tombstone(session.id).kind == "deleted"
    assert list(store.tombstones()) == [session.id] and store.tombstones()[session.id][0] == "deleted"


def test_a_second_copy_kept_by_the_sync_service_is_merged_and_removed(tmp_path: Path) -> None:
    play = set_up(tmp_path)
    a, b = play.homes["A"], play.homes["B"]
    notes = [note.id for note in play.kept.notes]
    correct(a, play.kept.id).correct_note(notes[0], "A's change")
    correct(b, play.kept.id).correct_note(notes[1], "B's change")
    sync(a, play.share)
    main = play.share / share_name(play.kept.id)
    from_a = main.read_bytes()
    main.unlink()  # B replaces the file without having seen A's: OneDrive keeps both
    sync(b, play.share)
    copy = play.share / f"werf-{play.kept.id}-LAPTOP-A.json"
    copy.write_bytes(from_a)
    report = sync(play.homes["C"], play.share)
    assert report.copies == [copy] and not copy.exists()
    assert texts(play.homes["C"], play.kept.id)[:2] == ["A's change", "B's change"]
    assert sorted(p.name for p in play.share.iterdir()) == sorted(
        share_name(s.id) for s in (play.kept, play.deleted, play.purged))


def test_a_share_that_refuses_chmod_still_takes_the_session(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A FAT stick or a share with a fixed mask refuses chmod (EPERM): its own modes apply
    and the copy is written all the same, with no file left open."""
    import errno

    from werf.shared_folder import write_replacing

    def refuse(_fd: int, _mode: int) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "fchmod", refuse)
    open_before = len(os.listdir("/proc/self/fd")) if Path("/proc/self/fd").exists() else 0
    target = write_replacing(tmp_path, "werf-x.json", b"{}")
    assert target.read_bytes() == b"{}" and [p.name for p in tmp_path.iterdir()] == ["werf-x.json"]
    if open_before:
        assert len(os.listdir("/proc/self/fd")) == open_before


def test_many_files_are_written_on_threads_and_reported_in_order(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Publishing writes several files at once (their fsyncs overlap, a bounded pool of
    threads) and reports each as one after another would: in the sessions' order, a busy
    file and a failing one in their place, progress for every finished session."""
    import threading

    import werf.shared_folder as shared_folder
    from werf.demo import demo_sessions

    share = tmp_path / "share"
    share.mkdir()
    store = Store.open(tmp_path / "a.db")
    for session in demo_sessions(12):
        store.save_session(session)
    ids = store.finished_session_ids()
    busy, broken = ids[3], ids[7]
    threads: set[str] = set()
    write = shared_folder.write_replacing

    def writing(folder: Path, name: str, data: bytes, mode: int | None = None) -> Path:
        threads.add(threading.current_thread().name)
        if name == share_name(busy):
            raise shared_folder.FileBusy(name)
        if name == share_name(broken):
            raise OSError(28, "No space left on device")
        return write(folder, name, data, mode)

    monkeypatch.setattr(shared_folder, "write_replacing", writing)
    seen: list[tuple[int, int]] = []
    report = sync(store, share, progress=lambda done, total: seen.append((done, total)))
    assert report.published == [sid for sid in ids if sid not in (busy, broken)]
    assert report.busy == [busy] and [sid for sid, _why in report.failed] == [broken]
    assert "No space left" in report.failed[0][1]
    assert seen == [(n, 12) for n in range(1, 13)]
    assert threads and all(name.startswith("werf-share") for name in threads)
    marks = store.sync_marks()  # the digest of each file as written, for the next sync
    assert busy not in marks and broken not in marks
    for sid in report.published:
        assert marks[sid][0] == shared_folder.digest_of((share / share_name(sid)).read_bytes())
