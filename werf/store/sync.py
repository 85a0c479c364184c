"""What the shared folder needs kept (werf.shared_folder): this laptop's id, each record's
version vector and content hash as last synced, and the conflicts that wait for a person."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from werf.models import Session
from werf.store.base import StoreBase

Versions = dict[str, int]  # laptop id → how many changes of that laptop a record has seen
RECEIVED = "received:"  # + a team: in `sync_state`, when a session of it last came in (UTC, ISO)


@dataclass(frozen=True)
class RecordState:
    """A record as last synced: its content hash ('' when deleted) and version vector."""

    hash: str
    versions: Versions


@dataclass(frozen=True)
class Conflict:
    """The same record changed on two laptops: both versions, kept in full."""

    id: str
    session_id: str
    key: str  # "note:<id>", "action:<id>", "done:<id>", "member:<id>" or "field:<name>"
    mine: dict[str, Any] | None  # None: deleted here
    theirs: dict[str, Any] | None  # None: deleted there
    theirs_versions: Versions
    found_at: str


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


class SyncMixin(StoreBase):
    """Sync bookkeeping; part of `Store`."""

    def laptop_id(self) -> str:
        """This database's own short id, made once: the name of its counter in version
        vectors."""
        row = self.db.execute("SELECT value FROM sync_state WHERE name = 'laptop'").fetchone()
        if row:
            return str(row[0])
        made = uuid.uuid4().hex[:12]
        with self.atomic():
            self.db.execute("INSERT OR IGNORE INTO sync_state (name, value) VALUES ('laptop', ?)",
                            [made])
        return self.laptop_id()

    def finished_session_ids(self) -> list[str]:
        """Finished sessions that were neither deleted nor purged: what this laptop shares."""
        return [row[0] for row in self.db.execute(
            "SELECT id FROM sessions WHERE status = 'finished' AND purged_at IS NULL "
            "AND id NOT IN (SELECT session_id FROM tombstones) ORDER BY date, id")]

    def record_states(self, session_id: str) -> dict[str, RecordState]:
        return {row[0]: RecordState(row[1], json.loads(row[2])) for row in self.db.execute(
            "SELECT key, hash, versions FROM sync_records WHERE session_id = ?", [session_id])}

    def _write_record_states(self, session_id: str, states: Mapping[str, RecordState]) -> None:
        self.db.execute("DELETE FROM sync_records WHERE session_id = ?", [session_id])
        self.db.conn.executemany(
            "INSERT INTO sync_records (session_id, key, hash, versions) VALUES (?, ?, ?, ?)",
            [(session_id, key, state.hash, json.dumps(state.versions, sort_keys=True))
             for key, state in states.items()])

    def save_record_states(self, session_id: str, states: Mapping[str, RecordState]) -> None:
        with self.atomic():
            self._write_record_states(session_id, states)

    def save_merged(self, session_id: str, session: Session | None, states: Mapping[str, RecordState],
                    found: list[Conflict], settled: list[str], *, received_at: datetime | None = None) -> None:
        """One transaction: the merged session (exactly this copy), its records' states, the
        conflicts found and the keys whose conflict is settled. `received_at`: the session came
        in from the shared folder then (new here, or changed there): its team's mark moves on."""
        with self.atomic():
            if session is not None:
                self.save_session(session, replace=True)  # type: ignore[attr-defined]
                if received_at is not None:
                    self.db.execute(
                        "INSERT INTO sync_state (name, value) VALUES (?, ?) ON CONFLICT(name) "
                        "DO UPDATE SET value = max(value, excluded.value)",
                        [RECEIVED + session.team, received_at.isoformat()])
            self._write_record_states(session_id, states)
            for key in settled:
                self.db.execute("DELETE FROM sync_conflicts WHERE session_id = ? AND key = ?",
                                [session_id, key])
            for conflict in found:
                self.db.execute(
                    "INSERT INTO sync_conflicts (id, session_id, key, mine, theirs, "
                    "theirs_versions, found_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(session_id, key) DO UPDATE SET mine = excluded.mine, "
                    "theirs = excluded.theirs, theirs_versions = excluded.theirs_versions",
                    [conflict.id, conflict.session_id, conflict.key, _dumps(conflict.mine),
                     _dumps(conflict.theirs), json.dumps(conflict.theirs_versions),
                     conflict.found_at])

    def received_from_share(self) -> dict[str, datetime]:
        """Per team: when this laptop last took in a session of it from the shared folder."""
        return {name.removeprefix(RECEIVED): datetime.fromisoformat(value) for name, value in self.db.execute(
            "SELECT name, value FROM sync_state WHERE substr(name, 1, ?) = ?", [len(RECEIVED), RECEIVED])}

    def local_signatures(self) -> dict[str, str]:
        """Per session a line that changes with every change to it (revision, time, status,
        purge)."""
        return {row[0]: row[1] for row in self.db.execute(
            "SELECT id, revision || '|' || updated_at || '|' || status || '|' || "
            "COALESCE(purged_at, '') FROM sessions")}

    def sync_marks(self) -> dict[str, tuple[str, str]]:
        """Per session: the digest of its shared file and its local signature when both were
        last in step."""
        return {row[0]: (row[1], row[2]) for row in
                self.db.execute("SELECT session_id, digest, local FROM sync_marks")}

    def save_sync_marks(self, marks: Mapping[str, tuple[str, str]], forget: list[str]) -> None:
        with self.atomic():
            self.db.conn.executemany(
                "INSERT INTO sync_marks (session_id, digest, local) VALUES (?, ?, ?) "
                "ON CONFLICT(session_id) DO UPDATE SET digest = excluded.digest, "
                "local = excluded.local", [(sid, *mark) for sid, mark in marks.items()])
            self.db.conn.executemany("DELETE FROM sync_marks WHERE session_id = ?",
                                     [(sid,) for sid in forget])

    def conflicts(self, session_id: str | None = None) -> list[Conflict]:
        sql = ("SELECT id, session_id, key, mine, theirs, theirs_versions, found_at "
               "FROM sync_conflicts")
        params: list[str] = []
        if session_id is not None:
            sql += " WHERE session_id = ?"
            params.append(session_id)
        return [Conflict(row[0], row[1], row[2], _loads(row[3]), _loads(row[4]),
                         json.loads(row[5]), row[6])
                for row in self.db.execute(sql + " ORDER BY found_at, session_id, key", params)]

    def remove_conflict(self, conflict_id: str) -> None:
        with self.atomic():
            self.db.execute("DELETE FROM sync_conflicts WHERE id = ?", [conflict_id])
