"""One window per session: a running session is held by one werf window at a time.

The window that runs a session holds a lease on it in the database and renews it (a
heartbeat) while it runs. A second werf that wants to resume the session sees who holds it
and since when; once the holder has been silent for `LAPSE_SECONDS` (closed without saying
so, or crashed), the lease has lapsed and the second werf may take it over. The first, at its
next heartbeat, finds the lease gone and stops writing.

A lease is coordination between running windows, not case data: its table is made on first
use (no migration) and holds no text about the case.
"""

from __future__ import annotations

from dataclasses import dataclass

from werf.store.base import StoreBase
from werf.windows import holder_gone

LAPSE_SECONDS = 30.0  # silent this long, a window has let go of its session
HEARTBEAT_SECONDS = 5.0  # how often a running session renews its lease

_TABLE = """CREATE TABLE IF NOT EXISTS session_leases (
    session_id TEXT PRIMARY KEY, holder TEXT NOT NULL, since REAL NOT NULL,
    heartbeat REAL NOT NULL)"""


@dataclass(frozen=True)
class Lease:
    """Who holds a session (a window's id), since when and their last sign of life (wall
    clock seconds)."""

    holder: str
    since: float
    heartbeat: float

    def lapsed(self, now: float) -> bool:
        return now - self.heartbeat > LAPSE_SECONDS


class LeaseMixin(StoreBase):
    def take_lease(self, session_id: str, holder: str, now: float) -> Lease | None:
        """Hold `session_id` for `holder`. None when it is now held by `holder`; otherwise the
        lease of the live window that holds it (nothing changes then)."""
        conn = self.db.conn
        conn.execute(_TABLE)
        with self.atomic():  # BEGIN IMMEDIATE: two windows asking at once, one gets it
            row = conn.execute("SELECT holder, since, heartbeat FROM session_leases WHERE session_id = ?",
                               [session_id]).fetchone()
            current = Lease(*row) if row else None
            if (current is not None and current.holder != holder and not current.lapsed(now)
                    and not holder_gone(current.holder)):
                return current
            since = current.since if current is not None and current.holder == holder else now
            conn.execute("INSERT OR REPLACE INTO session_leases VALUES (?, ?, ?, ?)",
                         [session_id, holder, since, now])
        return None

    def renew_lease(self, session_id: str, holder: str, now: float) -> bool:
        """The heartbeat. False when another window has taken the session over."""
        conn = self.db.conn
        conn.execute(_TABLE)
        with self.atomic():
            changed = conn.execute(
                "UPDATE session_leases SET heartbeat = ? WHERE session_id = ? AND holder = ?",
                [now, session_id, holder]).rowcount
        return changed == 1

    def release_lease(self, session_id: str, holder: str) -> None:
        """The window is done with the session (closed, finished): others may resume it."""
        conn = self.db.conn
        conn.execute(_TABLE)
        with self.atomic():
            conn.execute("DELETE FROM session_leases WHERE session_id = ? AND holder = ?",
                         [session_id, holder])

    def lease_of(self, session_id: str) -> Lease | None:
        conn = self.db.conn
        conn.execute(_TABLE)
        row = conn.execute("SELECT holder, since, heartbeat FROM session_leases WHERE session_id = ?",
                           [session_id]).fetchone()
        return Lease(*row) if row else None
