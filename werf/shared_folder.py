"""The shared folder: the team's laptops and the coordinator exchange sessions through one
folder on the shared drive (`shared_folder` in the config), without a server.

One file per session, `werf-<id>.json`, replaced whole by a newer copy: written under a
name sync clients skip (`~$werf-….tmp`) and then renamed over the old one, so a reader never
sees half a file from werf (a file half-synced by the drive's client is skipped quietly and
read again next time). A sync reads every file, merges each session record by record
(werf.merge), and writes back each session that this laptop has and the folder lacks or
holds older; a session deleted or purged here becomes a tombstone under the same name, so the
other laptops delete or purge their copy and no old archive brings it back. The same record
changed on two laptops is a conflict: both versions are kept until a person picks one
(`resolve`), and the sync says so.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import sqlite3
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from werf.archive_file import ArchiveError, read_limited
from werf.exchange import SessionArchive, Tombstone, apply_tombstone, document_from
from werf.i18n import _, ngettext
from werf.merge import (
    Keep,
    archive_states,
    content_hash,
    joined,
    merge,
    note_changes,
    records,
    resolved,
)
from werf.models import Session, SessionStatus, utc_now
from werf.new_file import TEMP_PREFIX, file_mode, set_mode, sweep_stale_temps
from werf.store import Store
from werf.store.sync import Conflict, RecordState

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_NAME = re.compile(rf"werf-({_UUID})\.json")
# a second copy that a sync client kept when two laptops replaced the file at once
# ("werf-<id>-LAPTOP.json", "werf-<id> (2).json"): merged, then removed
_COPY = re.compile(rf"werf-({_UUID})[ _(-].*\.json")


def share_name(session_id: str) -> str:
    return f"werf-{session_id}.json"


@dataclass
class Shared:
    """One session's file in the folder, as read; `unchanged`: the same bytes as at this
    laptop's last sync of it (not parsed again)."""

    path: Path
    digest: str
    archive: SessionArchive | None = None
    tombstone: Tombstone | None = None
    unchanged: bool = False


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def read_folder(folder: Path, only: str | None = None,
                known: Mapping[str, str] | None = None) -> tuple[dict[str, Shared], list[Path]]:
    """The sessions' files in the folder (`only`: one session's), and the ones that could not
    be read now (being synced, locked, not yet whole): those are left for the next time.
    A file whose bytes have the digest in `known` (session id → digest) is not parsed."""
    found: dict[str, Shared] = {}
    skipped: list[Path] = []
    known = known or {}
    if only is not None:
        names = [share_name(only)] if (folder / share_name(only)).exists() else []
    else:
        names = sorted(entry.name for entry in os.scandir(folder))
    for name in names:
        match = _NAME.fullmatch(name)
        if not match:
            continue
        path = folder / name
        try:
            raw = read_limited(path)
            digest = digest_of(raw)
            if known.get(match.group(1)) == digest:
                found[match.group(1)] = Shared(path, digest, unchanged=True)
                continue
            document = document_from(raw)
        except (ArchiveError, OSError):
            skipped.append(path)
            continue
        session_id = (document.session_id if isinstance(document, Tombstone)
                      else document.session.id)
        if session_id != match.group(1):
            skipped.append(path)  # a file renamed by hand: not this session's
            continue
        found[session_id] = (Shared(path, digest, tombstone=document)
                             if isinstance(document, Tombstone)
                             else Shared(path, digest, archive=document))
    return found, skipped


def write_replacing(folder: Path, name: str, data: bytes, mode: int | None = None) -> Path:
    """Write `data` as `folder/name`, whole or not at all: a temporary file first (a name
    sync clients skip, made exclusively so two werfs never share one), then renamed over
    the old file. Only calls Windows has too. `mode`: `file_mode(folder)`, when known."""
    target = folder / name
    temp = folder / f"{TEMP_PREFIX}{name}.{secrets.token_hex(4)}.tmp"
    if mode is None:
        mode = file_mode(folder)  # a team must be able to open what its laptops write there
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            set_mode(handle.fileno(), temp, mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.replace(temp, target)
        except PermissionError as exc:  # Windows: the old file is open (a reader, the sync client)
            raise FileBusy(str(target)) from exc
    finally:
        if temp.exists():
            temp.unlink()
    return target


class FileBusy(OSError):
    """The session's file is held open elsewhere right now; the write is tried next time."""




@dataclass
class SyncReport:
    """What a sync did: sessions by id."""

    published: list[str] = field(default_factory=list)
    received: list[str] = field(default_factory=list)  # new here
    changed: list[str] = field(default_factory=list)  # merged in
    removed: list[str] = field(default_factory=list)  # deleted or purged here by a tombstone
    conflicts: list[Conflict] = field(default_factory=list)  # all that wait, after this sync
    skipped: list[Path] = field(default_factory=list)  # not readable now; tried next time
    busy: list[str] = field(default_factory=list)  # file held open elsewhere; written next time
    copies: list[Path] = field(default_factory=list)  # sync clients' second copies, merged
    failed: list[tuple[str, str]] = field(default_factory=list)  # (session id, reason)

    def lines(self, label: Callable[[str], str] = lambda sid: sid[:8]) -> list[str]:
        out = [_("{published} published, {received} new, {changed} changed, {removed} removed, "
                 "{conflicts} in conflict.").format(
            published=len(self.published), received=len(self.received),
            changed=len(self.changed), removed=len(self.removed),
            conflicts=len(self.conflicts))]
        for title, ids in ((_("published"), self.published), (_("new"), self.received),
                           (_("changed"), self.changed), (_("removed"), self.removed)):
            out += [f"  {title}: {label(sid)}" for sid in ids]
        out += [f"  {_('conflict')}: {conflict.id[:8]} {label(conflict.session_id)}, "
                f"{what(conflict.key)}" for conflict in self.conflicts]
        for sid, reason in self.failed:
            out.append(f"  {label(sid)}: {reason}")
        if self.skipped:
            out.append(ngettext("{count} file could not be read now (still syncing or locked); "
                                "it is read again next time.",
                                "{count} files could not be read now (still syncing or locked); "
                                "they are read again next time.",
                                len(self.skipped)).format(count=len(self.skipped)))
        if self.copies:
            out.append(ngettext("{count} second copy made by the sync service was merged and "
                                "removed.",
                                "{count} second copies made by the sync service were merged and "
                                "removed.", len(self.copies)).format(count=len(self.copies)))
        if self.busy:
            out.append(ngettext("{count} file is open elsewhere and could not be replaced now; "
                                "it is written next time.",
                                "{count} files are open elsewhere and could not be replaced now; "
                                "they are written next time.",
                                len(self.busy)).format(count=len(self.busy)))
        return out

    def as_json(self) -> dict[str, object]:
        return {"published": self.published, "received": self.received, "changed": self.changed,
                "removed": self.removed, "skipped": [str(path) for path in self.skipped],
                "busy": self.busy, "copies": [str(path) for path in self.copies],
                "failed": [{"session": sid, "reason": why} for sid, why in self.failed],
                "conflicts": [conflict_json(c) for c in self.conflicts]}


def conflict_json(conflict: Conflict) -> dict[str, object]:
    return {"id": conflict.id, "session": conflict.session_id, "key": conflict.key,
            "mine": conflict.mine, "theirs": conflict.theirs, "found_at": conflict.found_at}


class SyncFolderError(Exception):
    """The shared folder cannot be used at all; the message is for the user."""


def check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise SyncFolderError(_("The shared folder {folder} does not exist or is not a folder.")
                              .format(folder=folder))


def sync(store: Store, folder: Path, *, now: datetime | None = None,
         only: str | None = None,
         progress: Callable[[int, int], None] | None = None) -> SyncReport:
    """Read the shared folder into this database, then publish what the folder lacks.
    `only`: just this session (published when it is finished or corrected). A session whose
    file and local copy are both as they were at its last sync is passed over unread.
    `progress(done, total)` after each finished session looked at for publishing."""
    check_folder(folder)
    now = now or utc_now()
    report = SyncReport()
    report.removed += store.settle_tombstones()  # their windows have let go since
    merged_copies: list[tuple[str, Path]] = []
    if only is None:
        sweep_stale_temps(folder, now.timestamp())
        merged_copies = _merge_copies(store, folder, now, report)
    local = store.local_signatures()
    known = {sid: digest for sid, (digest, signature) in store.sync_marks().items()
             if local.get(sid, GONE) == signature}
    shared, report.skipped = read_folder(folder, only, known)
    for session_id, entry in shared.items():
        if entry.tombstone is not None:
            if apply_tombstone(store, entry.tombstone):
                report.removed.append(session_id)
        elif entry.archive is not None and store.tombstone(session_id) is None:
            _merge_in(store, entry.archive, now, report)
    written = _publish(store, folder, shared, report, only, progress)
    local = store.local_signatures()
    digests = {sid: entry.digest for sid, entry in shared.items()} | written
    unreadable = [sid for path in report.skipped if (sid := _session_of(path))]
    failed = [sid for sid, _reason in report.failed] + report.busy
    store.save_sync_marks({sid: (digest, local.get(sid, GONE)) for sid, digest in digests.items()
                           if sid not in failed}, forget=unreadable + failed)
    for session_id, path in merged_copies:
        if session_id not in failed and session_id not in unreadable:
            with contextlib.suppress(OSError):  # held open: removed next time
                path.unlink()
                report.copies.append(path)
    report.conflicts = store.conflicts()
    return report


def _merge_copies(store: Store, folder: Path, now: datetime,
                  report: SyncReport) -> list[tuple[str, Path]]:
    """Merge the second copies a sync client kept; those that could be read, by session."""
    done: list[tuple[str, Path]] = []
    for name in sorted(entry.name for entry in os.scandir(folder)):
        match = _COPY.fullmatch(name)
        if not match:
            continue
        path = folder / name
        try:
            document = document_from(read_limited(path))
        except (ArchiveError, OSError):
            continue  # not whole yet, or not ours: left alone
        if isinstance(document, Tombstone):
            if document.session_id == match.group(1):
                if apply_tombstone(store, document):
                    report.removed.append(document.session_id)
                done.append((document.session_id, path))
            continue
        if document.session.id != match.group(1):
            continue
        if store.tombstone(document.session.id) is None:
            _merge_in(store, document, now, report)
        done.append((document.session.id, path))
    return done


GONE = "gone"  # the local signature of a session not (or no longer) here


def _session_of(path: Path) -> str | None:
    match = _NAME.fullmatch(path.name)
    return match.group(1) if match else None


def _merge_in(store: Store, archive: SessionArchive, now: datetime, report: SyncReport) -> None:
    theirs = archive.session
    foreign = store.ids_of_other_sessions(theirs)
    if foreign:  # record ids only ever match inside their own session
        report.failed.append((theirs.id, _(
            "uses record ids of another session in this database ({ids}); skipped").format(
            ids=", ".join(foreign[:3]) + (" …" if len(foreign) > 3 else ""))))
        return
    mine = store.load_session(theirs.id)
    if mine is not None and mine.status is SessionStatus.RUNNING:
        return  # still running here: it has not left this laptop; merged once finished
    states = note_changes(mine, store.record_states(theirs.id), store.laptop_id())
    waiting = [conflict.key for conflict in store.conflicts(theirs.id)]
    merged = merge(mine, states, theirs, archive_states(theirs, archive.versions), now=now,
                   waiting=waiting)
    try:
        store.save_merged(theirs.id, merged.session if (merged.changed or mine is None) else None,
                          merged.states, merged.found, merged.settled, received_at=now)
    except (sqlite3.Error, OverflowError, ValueError) as exc:  # the rest still sync
        report.failed.append((theirs.id, _("could not be saved: {reason}").format(reason=exc)))
        return
    if mine is None:
        report.received.append(theirs.id)
    elif merged.changed:
        report.changed.append(theirs.id)


def withdraw(store: Store, folder: Path) -> SyncReport:
    """Replace the shared folder's copies of sessions deleted or purged here by their
    tombstones (after a purge: this laptop's files past the retention period go)."""
    check_folder(folder)
    report = SyncReport()
    shared, report.skipped = read_folder(folder)
    _publish_tombstones(store, folder, shared, report)
    return report  # the marks stay: the next sync reads the tombstones' files anew


def _publish_tombstones(store: Store, folder: Path, shared: dict[str, Shared],
                        report: SyncReport) -> dict[str, str]:
    written: dict[str, str] = {}
    for session_id, (kind, at) in store.tombstones().items():
        entry = shared.get(session_id)
        if entry is None or entry.unchanged:
            continue  # never shared (or arriving now), or already as it was last time
        if entry.tombstone is not None and entry.tombstone.kind == kind:
            continue
        stone = Tombstone(session_id=session_id, kind=kind, at=datetime.fromisoformat(at))
        _write(folder, session_id, stone.model_dump_json(indent=2).encode("utf-8"), report,
               written)
    return written


def _publish(store: Store, folder: Path, shared: dict[str, Shared], report: SyncReport,
             only: str | None = None,
             progress: Callable[[int, int], None] | None = None) -> dict[str, str]:
    """Write what the folder lacks; the digests of the files written, by session.
    `progress(done, total)` after each finished session looked at."""
    me = store.laptop_id()
    written = _publish_tombstones(store, folder, shared, report)
    unreadable = {_session_of(path) for path in report.skipped}
    finished = [sid for sid in store.finished_session_ids() if only is None or sid == only]
    with _Writers(folder, report, written) as writers:
        for done, session_id in enumerate(finished, start=1):
            _publish_one(store, session_id, shared, unreadable, me, writers)
            if progress is not None:
                progress(done, len(finished))
    return written


def _publish_one(store: Store, session_id: str, shared: dict[str, Shared],
                 unreadable: set[str | None], me: str, writers: _Writers) -> None:
    """Hand `session_id`'s archive to the writers, when the folder lacks it or holds it older."""
    entry = shared.get(session_id)
    if session_id in unreadable or (entry is not None and entry.unchanged):
        return  # arriving: merged first, next time; or in step with the folder
    if entry is not None and entry.tombstone is not None:
        return  # the tombstone was applied above, or this one is deleted here
    session = store.load_session(session_id)
    if session is None:
        return
    before = store.record_states(session_id)
    states = note_changes(session, before, me)
    if states != before:
        store.save_record_states(session_id, states)
    if entry is not None and entry.archive is not None and _same(states, entry.archive):
        return
    archive = SessionArchive(
        protocol=None, session=session, laptop=me,
        base_revision=entry.archive.session.revision if entry and entry.archive else None,
        versions={key: state.versions for key, state in states.items()})
    writers.write(session_id, archive.model_dump_json(indent=2).encode("utf-8"))


WRITERS = 4  # files written at once: their fsyncs overlap (one after another, each waits alone)


class _Writers:
    """Writes session files on a few threads, and reports each in the order given (as one
    after another would): published, busy, or failed with its reason. At most 2 × WRITERS
    files wait in memory. Publishing is disk-bound (each file is fsynced before its rename:
    two thirds of the time), so threads pay where worker processes would not."""

    def __init__(self, folder: Path, report: SyncReport, written: dict[str, str]) -> None:
        self.folder, self.report, self.written = folder, report, written
        self.mode = file_mode(folder)  # once, not once per file
        self.pool = ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="werf-share")
        self.waiting: deque[tuple[str, str, Future[Path]]] = deque()

    def __enter__(self) -> _Writers:
        return self

    def write(self, session_id: str, data: bytes) -> None:
        self.waiting.append((session_id, digest_of(data), self.pool.submit(
            write_replacing, self.folder, share_name(session_id), data, self.mode)))
        while len(self.waiting) > 2 * WRITERS:
            self._settle()

    def _settle(self) -> None:
        session_id, digest, future = self.waiting.popleft()
        _settled(session_id, digest, future.exception, self.report, self.written)

    def __exit__(self, *exc_info: object) -> None:
        try:
            while self.waiting:
                self._settle()
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _same(states: dict[str, RecordState], archive: SessionArchive) -> bool:
    theirs = archive_states(archive.session, archive.versions)
    return {k: (s.hash, s.versions) for k, s in states.items()} == {
        k: (s.hash, s.versions) for k, s in theirs.items()}


def _write(folder: Path, session_id: str, data: bytes, report: SyncReport,
           written: dict[str, str]) -> None:
    def outcome() -> BaseException | None:
        try:
            write_replacing(folder, share_name(session_id), data)
        except OSError as exc:
            return exc
        return None

    _settled(session_id, digest_of(data), outcome, report, written)


def _settled(session_id: str, digest: str, outcome: Callable[[], BaseException | None],
             report: SyncReport, written: dict[str, str]) -> None:
    """Report one file's write: `outcome()` is its error (None: written). An error that is
    not the file system's is raised."""
    error = outcome()
    if isinstance(error, FileBusy):
        report.busy.append(session_id)
    elif isinstance(error, OSError):
        report.failed.append((session_id, _("could not be written to the shared folder: {reason}")
                              .format(reason=error.strerror or error)))
    elif error is not None:
        raise error
    else:
        report.published.append(session_id)
        written[session_id] = digest


def find_conflict(store: Store, wanted: str) -> list[Conflict]:
    """The conflicts whose id (or session's id) starts with `wanted`."""
    return [c for c in store.conflicts() if c.id.startswith(wanted)] or [
        c for c in store.conflicts() if c.session_id.startswith(wanted)]


def resolve(store: Store, conflict: Conflict, keep: Keep, *,
            now: datetime | None = None) -> Session | None:
    """Settle one conflict: keep my version, theirs, or both. The choice counts as a change
    here that includes both versions, so it wins everywhere at the next syncs."""
    now = now or utc_now()
    session = store.load_session(conflict.session_id)
    if session is None:
        store.remove_conflict(conflict.id)
        return None
    me = store.laptop_id()
    states = note_changes(session, store.record_states(session.id), me)
    chosen = resolved(session, conflict, keep)
    chosen.revision = session.revision + 1
    chosen.updated_at = now
    ours = states.get(conflict.key, RecordState("", {}))
    both = joined(ours.versions, conflict.theirs_versions)
    both[me] = both.get(me, 0) + 1
    states[conflict.key] = RecordState(content_hash(records(chosen).get(conflict.key)), both)
    store.save_merged(session.id, chosen, states, [], [conflict.key])
    return chosen


def describe(key: str, record: dict[str, Any] | None) -> str:
    """One line for one side of a conflict, in the reader's language."""
    if record is None:
        return _("(deleted)")
    kind, _sep, name = key.partition(":")
    if kind == "note":
        return str(record.get("text", ""))
    if kind == "action":
        owner = record.get("owner") or ""
        return f"{record.get('text', '')}" + (f" ({owner})" if owner else "")
    if kind == "done":
        return _("done on {date}").format(date=record.get("done_on")) if record.get("done") \
            else _("open")
    if kind == "member":
        return str(record.get("relation", ""))
    value = record.get("value")
    if name == "pulse" and isinstance(value, dict):  # the team's totals: say how many answered
        return _("team pulse, {count} answered").format(count=value.get("respondents", "?"))
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def what(key: str) -> str:
    """What kind of record a conflict is about, in the reader's language."""
    kind, _sep, name = key.partition(":")
    return {"note": _("note"), "action": _("action point"), "done": _("done-mark"),
            "member": _("network member")}.get(kind, name.replace("_", " "))


# --- for the app: jobs for the store thread, each returning what a screen shows ------------


@dataclass(frozen=True)
class ConflictRow:
    """One conflict as a dialog shows it: both versions side by side."""

    id: str
    session: str  # date, team and short id
    what: str
    mine: str
    theirs: str


def session_label(store: Store, session_id: str) -> str:
    from werf.dates import format_date

    session = store.load_session(session_id)
    if session is None:
        return session_id[:8]
    return f"{format_date(session.date)} {session.team} ({session_id[:8]})"


def conflict_rows(store: Store) -> list[ConflictRow]:
    return [ConflictRow(c.id, session_label(store, c.session_id), what(c.key),
                        describe(c.key, c.mine), describe(c.key, c.theirs))
            for c in store.conflicts()]


def sync_job(store: Store, folder: Path, only: str | None = None) -> SyncReport | str:
    """`sync` for the app: a folder that cannot be used is a line to show, not an error."""
    try:
        return sync(store, folder, only=only)
    except (SyncFolderError, OSError) as error:
        return str(error) if isinstance(error, SyncFolderError) else _(
            "The shared folder {folder} cannot be read: {reason}").format(
            folder=folder, reason=error.strerror or error)


def withdraw_job(store: Store, folder: Path) -> SyncReport | str:
    try:
        return withdraw(store, folder)
    except (SyncFolderError, OSError) as error:
        return str(error) if isinstance(error, SyncFolderError) else _(
            "The shared folder {folder} cannot be read: {reason}").format(
            folder=folder, reason=error.strerror or error)


def resolve_job(store: Store, conflict_id: str, keep: Keep) -> bool:
    found = [c for c in store.conflicts() if c.id == conflict_id]
    if not found:
        return False
    resolve(store, found[0], keep)
    return True


__all__ = ["ConflictRow", "SyncFolderError", "conflict_rows", "resolve_job", "session_label",
           "sync_job", "withdraw_job", "describe", "what", "withdraw", "SyncReport", "check_folder", "find_conflict",
           "read_folder", "resolve", "share_name", "sync", "write_replacing"]
