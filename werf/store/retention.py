"""Retention: purging case content, deleting sessions, and making removed text unrecoverable."""

from __future__ import annotations

from datetime import date

from werf.models import case_fields, utc_now
from werf.store.base import StoreBase
from werf.store.search import CASE_TABLES, rebuild_search


class RetentionMixin(StoreBase):
    """Purge, delete and scrub; part of `Store`."""

    def purge_before(self, before: date) -> int:
        """Remove case content of sessions held before `before`; keep what the figures need.

        What goes is what the models declare case content, where CASE_TABLES says it is
        stored: notes and the network are deleted; the case title, question, sensitive names,
        drafts, and action texts and owners are blanked. Team, date, protocol, people and
        roles, themes, timings, action counts and who carried them (professional, resident,
        network) stay.
        """
        ids = [r[0] for r in self.db.execute(
            "SELECT id FROM sessions WHERE date < ? AND purged_at IS NULL "
            "AND status = 'finished'", [before.isoformat()]).fetchall()]
        return self.purge_sessions(ids)

    def purge_sessions(self, ids: list[str]) -> int:
        """Purge these sessions (as `purge_before` does), each leaving a 'purged' tombstone
        so that no archive brings its case content back (werf.shared_folder)."""
        with self.db.conn:
            now = utc_now().isoformat()
            for chunk in range(0, len(ids), 500):
                part = ids[chunk:chunk + 500]
                marks = ", ".join("?" * len(part))
                for table, (model, purge) in CASE_TABLES.items():
                    key = "id" if table == "sessions" else "session_id"
                    if purge == "delete":
                        self.db.execute(f"DELETE FROM {table} WHERE {key} IN ({marks})", part)
                        continue
                    sets = [f"{field.name} = '{'[]' if field.many else ''}'" for field in case_fields(model)]
                    params = [now, now] if table == "sessions" else []
                    sets += ["purged_at = ?", "updated_at = ?"] if table == "sessions" else []
                    self.db.execute(f"UPDATE {table} SET {', '.join(sets)} WHERE {key} IN ({marks})",
                                    [*params, *part])
                for table in ("sync_records", "sync_conflicts"):
                    self.db.execute(f"DELETE FROM {table} WHERE session_id IN ({marks})", part)
            for session_id in ids:
                self._tombstone(session_id, "purged", now)
        if ids:
            self.scrub()
        return len(ids)

    def _tombstone(self, session_id: str, kind: str, at: str) -> None:
        """Remember that a session was deleted or purged; 'deleted' is never weakened to
        'purged'. (No upsert: the table may come from another migration without a key.)"""
        held = self.tombstone(session_id)
        if held == "deleted" or held == kind:
            return
        self.db.execute("DELETE FROM tombstones WHERE session_id = ?", [session_id])
        self.db.execute("INSERT INTO tombstones (session_id, kind, at) VALUES (?, ?, ?)",
                        [session_id, kind, at])

    def tombstone(self, session_id: str) -> str | None:
        """'deleted', 'purged' or None."""
        kinds = {row[0] for row in self.db.execute(
            "SELECT kind FROM tombstones WHERE session_id = ?", [session_id])}
        return "deleted" if "deleted" in kinds else "purged" if kinds else None

    def tombstones(self) -> dict[str, tuple[str, str]]:
        """Every tombstone: session id → (kind, at); 'deleted' wins over 'purged'."""
        found: dict[str, tuple[str, str]] = {}
        for session_id, kind, at in self.db.execute(
                "SELECT session_id, kind, at FROM tombstones ORDER BY kind = 'deleted'"):
            found[session_id] = (kind, at)
        return found

    def add_tombstone(self, session_id: str, kind: str, at: str) -> None:
        with self.db.conn:
            self._tombstone(session_id, kind, at)

    def delete_session(self, session_id: str) -> bool:
        """Delete one session and everything recorded in it, for good; a 'deleted' tombstone
        keeps any archive from bringing it back (werf.shared_folder)."""
        with self.db.conn:
            for table in ("notes", "actions", "phases", "participants", "network_members",
                          "session_themes"):
                self.db.execute(f"DELETE FROM {table} WHERE session_id = ?", [session_id])
            for table in ("sync_records", "sync_conflicts"):
                self.db.execute(f"DELETE FROM {table} WHERE session_id = ?", [session_id])
            gone = self.db.execute("DELETE FROM sessions WHERE id = ?", [session_id]).rowcount
            self._tombstone(session_id, "deleted", utc_now().isoformat())
        self.scrub()
        return bool(gone)

    def scrub(self) -> None:
        """Make deleted text unrecoverable: rebuild the search index, rewrite the file, empty
        the write-ahead log (secure_delete zeroes freed space as it goes), and remove the
        copies taken before schema migrations, which still hold the old text."""
        with self.db.conn:
            rebuild_search(self.db)
        self.db.execute("VACUUM")
        with self.db.conn:
            rebuild_search(self.db)  # VACUUM may renumber the sessions' rowids
        self.db.execute("INSERT INTO session_search(session_search) VALUES ('optimize')")
        self.db.conn.commit()
        if self.path is not None:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            for backup in self.path.parent.glob(f"{self.path.name}.schema*.bak"):
                backup.unlink()  # pre-migration copies would keep the removed text

