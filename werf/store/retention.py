"""Retention: purging case content, deleting sessions, and making removed text unrecoverable.

A purged or deleted session leaves a tombstone (`tombstones(session_id, kind, at)`, kind
'purged' or 'deleted'): importing an archive of it again, older or newer, is refused, so
what retention removed does not come back from a laptop or the shared folder.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from werf.i18n import _, ngettext
from werf.models import case_fields, utc_now
from werf.store.base import StoreBase
from werf.store.leases import _TABLE as LEASE_TABLE
from werf.store.leases import Lease
from werf.store.search import CASE_TABLES, rebuild_search
from werf.windows import holder_gone

# Emptying the write-ahead log waits for readers that still see old pages (another werf
# window in the middle of a read): tried this often, with this pause between tries.
CHECKPOINT_ATTEMPTS = 20
CHECKPOINT_PAUSE = 0.1

Wait = Callable[[float], None]


@dataclass(frozen=True)
class Tombstone:
    """A session that retention removed: 'purged' (case content gone, figures kept) or
    'deleted' (gone whole), and when (UTC, ISO)."""

    session_id: str
    kind: str
    at: str


@dataclass
class ScrubReport:
    """Whether the file was rewritten (VACUUM) and the write-ahead log emptied."""

    vacuumed: bool = True
    wal_emptied: bool = True
    reason: str = ""  # why VACUUM failed, as SQLite said it


@dataclass(frozen=True)
class Held:
    """An old session a purge kept because a werf window holds it right now."""

    session_id: str
    date: str
    team: str
    lease: Lease


@dataclass
class PurgeReport:
    """What a purge did: the sessions whose case content went, the old sessions it kept and
    why (open in a werf window right now), and the scrub."""

    purged: list[str] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    scrub: ScrubReport = field(default_factory=ScrubReport)

    @property
    def count(self) -> int:
        return len(self.purged)

    def lines(self) -> list[str]:
        """What to tell the user, one line each, in the current language."""
        from werf.dates import format_date, format_datetime

        out = [ngettext("Case content removed from {count} session.", "Case content removed from {count} sessions.",
                        self.count).format(count=self.count)]
        for held in self.held:
            since = datetime.fromtimestamp(held.lease.since, UTC)
            out.append(_("{id} ({date}, {team}): kept, it is open in a werf window (since {since}); "
                         "purge again once it is closed.").format(
                id=held.session_id[:8], date=format_date(held.date), team=held.team,
                since=format_datetime(since)))
        if not self.scrub.vacuumed:
            out.append(_("The database file could not be rewritten ({reason}); the removed text was "
                         "overwritten where it stood.").format(reason=self.scrub.reason))
        if not self.scrub.wal_emptied:
            out.append(_("Another program is still reading the database: the removed text may stay in "
                         "its write-ahead log until that program closes. Run werf purge again then."))
        return out


class RetentionMixin(StoreBase):
    """Purge, delete, tombstones and scrub; part of `Store`."""

    def purge_before(self, before: date, *, now: float | None = None, wait: Wait = time.sleep) -> PurgeReport:
        """Remove case content of sessions held before `before`, finished or not; keep what
        the figures need.

        What goes is what the models declare case content, where CASE_TABLES says it is
        stored: notes and the network are deleted; the case title, question, sensitive names,
        drafts, and action texts and owners are blanked. Team, date, protocol, people and
        roles, themes, timings, action counts and who carried them (professional, resident,
        network) stay. An unfinished session that a werf window holds right now (a live
        lease; `now` is wall-clock seconds) is kept and reported: purging it would pull the
        text from under the people typing it. Each purged session gets a tombstone. A session
        another laptop purged (a 'purged' tombstone) while a window here held it is purged now,
        whatever its date.
        """
        now = time.time() if now is None else now
        report = PurgeReport()
        with self.atomic():
            candidates = self.db.execute(
                "SELECT id, date, team FROM sessions WHERE purged_at IS NULL AND (date < ? OR id IN "
                "(SELECT session_id FROM tombstones WHERE kind = 'purged')) ORDER BY date, id",
                [before.isoformat()]).fetchall()
            held = self._held_sessions(now)
            report.held = [Held(sid, day, team, held[sid]) for sid, day, team in candidates if sid in held]
            ids = report.purged = [sid for sid, _day, _team in candidates if sid not in held]
            self._purge_ids(ids, utc_now().isoformat())
        if ids:
            report.scrub = self.scrub(wait=wait)
        return report

    def purge_sessions(self, ids: list[str], *, now: float | None = None, wait: Wait = time.sleep) -> int:
        """Purge these sessions (a tombstone from the shared folder says another laptop purged
        them), each leaving a 'purged' tombstone; see `_remove_unless_held` for one a window
        here holds."""
        return len(self._remove_unless_held(ids, "purged", now, wait))

    def delete_sessions(self, ids: list[str], *, now: float | None = None, wait: Wait = time.sleep) -> int:
        """Delete these sessions (a tombstone from the shared folder says another laptop
        deleted them), each leaving a 'deleted' tombstone; see `_remove_unless_held`."""
        return len(self._remove_unless_held(ids, "deleted", now, wait))

    def _remove_unless_held(self, ids: list[str], kind: str, now: float | None, wait: Wait) -> list[str]:
        """The one rule for removing sessions because another laptop did: one that a werf
        window here holds right now (`_held_sessions`, as for `purge_before`) gets its
        tombstone only. Removing it under the people typing would refuse what they type next
        (deleted: its rows are gone) or keep it for good (purged: a purged session is not
        purged again). Every sync (`settle_tombstones`) takes it once the window has let go,
        what was typed meanwhile included; a purge takes a waiting purge too. The ids removed
        now."""
        now = time.time() if now is None else now
        with self.atomic():
            still = "" if kind == "deleted" else "purged_at IS NULL AND "
            ids = [row[0] for row in self.db.execute(
                f"SELECT id FROM sessions WHERE {still}id IN ({', '.join('?' * len(ids))})",
                ids).fetchall()] if ids else []
            held = self._held_sessions(now)
            stamp = utc_now().isoformat()
            for session_id in ids:
                if session_id in held:
                    self._tombstone(session_id, kind, stamp)
            ids = [session_id for session_id in ids if session_id not in held]
            if kind == "deleted":
                self._delete_ids(ids, stamp)
            else:
                self._purge_ids(ids, stamp)
        if ids:
            self.scrub(wait=wait)
        return ids

    def settle_tombstones(self, *, now: float | None = None, wait: Wait = time.sleep) -> list[str]:
        """Remove the sessions whose tombstone waited for a window that has let go of them
        since; the ids removed."""
        waiting = self.db.execute(
            "SELECT t.session_id, t.kind FROM tombstones t JOIN sessions s ON s.id = t.session_id "
            "WHERE t.kind = 'deleted' OR s.purged_at IS NULL ORDER BY t.session_id").fetchall()
        done: list[str] = []
        for kind in ("deleted", "purged"):
            if ids := [sid for sid, of in waiting if of == kind]:
                done += self._remove_unless_held(ids, kind, now, wait)
        return done

    def _purge_ids(self, ids: list[str], stamp: str) -> None:
        """Remove the case content of these sessions (inside the caller's transaction)."""
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            marks = ", ".join("?" * len(part))
            for table, (model, purge) in CASE_TABLES.items():
                key = "id" if table == "sessions" else "session_id"
                if purge == "delete":
                    self.db.execute(f"DELETE FROM {table} WHERE {key} IN ({marks})", part)
                    continue
                sets = [f"{field.name} = '{'[]' if field.many else ''}'" for field in case_fields(model)]
                params = [stamp, stamp] if table == "sessions" else []
                sets += ["purged_at = ?", "updated_at = ?"] if table == "sessions" else []
                self.db.execute(f"UPDATE {table} SET {', '.join(sets)} WHERE {key} IN ({marks})",
                                [*params, *part])
            for table in ("sync_records", "sync_conflicts"):
                self.db.execute(f"DELETE FROM {table} WHERE session_id IN ({marks})", part)
        for session_id in ids:
            self._tombstone(session_id, "purged", stamp)

    def _held_sessions(self, now: float) -> dict[str, Lease]:
        """Sessions a live werf window holds (its lease neither lapsed nor of a dead process)."""
        self.db.execute(LEASE_TABLE)
        rows = self.db.execute("SELECT session_id, holder, since, heartbeat FROM session_leases").fetchall()
        leases = {row[0]: Lease(*row[1:]) for row in rows}
        return {sid: lease for sid, lease in leases.items()
                if not lease.lapsed(now) and not holder_gone(lease.holder)}

    def delete_session(self, session_id: str, *, now: float | None = None, wait: Wait = time.sleep) -> bool:
        """Delete one session and everything recorded in it, for good (a tombstone stays).
        False for a mistyped id, and for a session a werf window holds right now (`lease_of`
        says which): that window would lose what it writes next."""
        now = time.time() if now is None else now
        with self.atomic():
            if session_id in self._held_sessions(now):
                return False
            gone = self._delete_ids([session_id], utc_now().isoformat())
        self.scrub(wait=wait)
        return bool(gone)

    def _delete_ids(self, ids: list[str], stamp: str) -> int:
        """Delete these sessions whole and leave their tombstones (inside the caller's
        transaction); how many there were (a mistyped id leaves no tombstone to publish)."""
        gone = 0
        for session_id in ids:
            for table in ("notes", "actions", "phases", "participants", "network_members",
                          "session_themes", "closing_marks", "pulse_totals", "pulses",
                          "sync_records", "sync_conflicts"):
                self.db.execute(f"DELETE FROM {table} WHERE session_id = ?", [session_id])
            if self.db.execute("DELETE FROM sessions WHERE id = ?", [session_id]).rowcount:
                gone += 1
                self._tombstone(session_id, "deleted", stamp)
        return gone

    def tombstone(self, session_id: str) -> Tombstone | None:
        """Whether retention removed this session here (then an archive of it is not imported)."""
        row = self.db.execute("SELECT session_id, kind, at FROM tombstones WHERE session_id = ?",
                              [session_id]).fetchone()
        return Tombstone(*row) if row else None

    def _tombstone(self, session_id: str, kind: str, at: str) -> None:
        """Remember that a session was deleted or purged; 'deleted' is never weakened to
        'purged'."""
        held = self.tombstone(session_id)
        if held is not None and (held.kind == "deleted" or held.kind == kind):
            return
        self.db.execute("INSERT OR REPLACE INTO tombstones (session_id, kind, at) VALUES (?, ?, ?)",
                        [session_id, kind, at])

    def tombstones(self) -> dict[str, tuple[str, str]]:
        """Every tombstone: session id → (kind, at)."""
        return {session_id: (kind, at) for session_id, kind, at in
                self.db.execute("SELECT session_id, kind, at FROM tombstones")}

    def add_tombstone(self, session_id: str, kind: str, at: str) -> None:
        with self.atomic():
            self._tombstone(session_id, kind, at)

    def scrub(self, *, wait: Wait = time.sleep) -> ScrubReport:
        """Make deleted text unrecoverable: rebuild the search index, rewrite the file, empty
        the write-ahead log (secure_delete zeroes freed space as it goes), and remove the
        copies taken before schema migrations, which still hold the old text — those go
        whatever VACUUM and the checkpoint did."""
        report = ScrubReport()
        try:
            with self.atomic():
                rebuild_search(self.db)
            try:
                self._vacuum()
            except sqlite3.OperationalError as error:  # a reader holds the file; secure_delete zeroed the pages
                report.vacuumed, report.reason = False, str(error)
            with self.atomic():
                rebuild_search(self.db)  # VACUUM may renumber the sessions' rowids
            self.db.execute("INSERT INTO session_search(session_search) VALUES ('optimize')")
            self.db.conn.commit()
            if self.path is not None:
                report.wal_emptied = self._checkpoint(wait)
        finally:
            if self.path is not None:
                for backup in self.path.parent.glob(f"{self.path.name}.schema*.bak"):
                    backup.unlink(missing_ok=True)  # pre-migration copies would keep the removed text
        return report

    def _vacuum(self) -> None:
        self.db.execute("VACUUM")

    def _checkpoint(self, wait: Wait, attempts: int = CHECKPOINT_ATTEMPTS) -> bool:
        """Copy the write-ahead log into the file and empty it; a reader that still sees old
        pages makes SQLite report busy: wait and try again, at most `attempts` times. SQLite's
        own busy wait is off meanwhile, so `wait` is the only waiting (tests pass their own)."""
        timeout = self.db.execute("PRAGMA busy_timeout").fetchone()[0]
        self.db.execute("PRAGMA busy_timeout = 0")
        try:
            for attempt in range(attempts):
                busy = self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                if not busy:
                    return True
                if attempt < attempts - 1:
                    wait(CHECKPOINT_PAUSE)
            return False
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {int(timeout)}")
