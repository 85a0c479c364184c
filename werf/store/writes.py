"""Writes: every write is one short transaction, so a note is on disk as soon as it is saved."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from werf.models import Action, NetworkMember, Note, Session, utc_now
from werf.network import stored_owner
from werf.store.base import StoreBase
from werf.store.search import reindex_session
from werf.theme_list import stored_themes


def _note_row(session_id: str, note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "session_id": session_id,
        "phase_index": note.phase_index,
        "kind": str(note.kind),
        "text": note.text,
        "created_at": note.created_at.isoformat(),
        "updated_at": note.updated_at.isoformat(),
    }


def _action_row(session_id: str, action: Action) -> dict[str, Any]:
    return {
        "id": action.id,
        "session_id": session_id,
        "phase_index": action.phase_index,
        "text": action.text,
        "owner": stored_owner(action),
        "owner_kind": str(action.owner_kind),
        "network_member_id": action.network_member_id,
        "due": action.due.isoformat() if action.due else None,
        "done": int(action.done),
        "done_on": action.done_on.isoformat() if action.done_on else None,
        "created_at": action.created_at.isoformat(),
        "updated_at": action.updated_at.isoformat(),
    }


class WriteMixin(StoreBase):
    """Saving sessions, notes, action points, networks and themes; part of `Store`.

    Rows go in through sqlite-utils' `upsert` (`upsert_all` for a session's lists, a few
    statements instead of one per row): INSERT … ON CONFLICT DO UPDATE of the columns given,
    so a row keeps its rowid and the columns not written here (a session's timer state and
    `purged_at`) keep their values. `alter=False`: a missing column is an error, never added.
    """

    def save_session(self, session: Session) -> None:
        """Write a whole session in one transaction: header, people, phases, notes, actions.

        Notes and actions no longer in the session are removed, so saving a newer revision
        (an import, a correction) leaves exactly that revision behind. The search triggers
        stand still meanwhile and the session is indexed once at the end: per note they
        made saving n notes cost n².
        """
        with self.db.atomic():  # not `with conn:`: db.execute commits a write outside BEGIN
            deferred = self._defer_search(session.id)
            self._write_header(session)
            self.db.execute("DELETE FROM participants WHERE session_id = ?", [session.id])
            self.db.table("participants").upsert_all(({
                "id": p.id,
                "session_id": session.id,
                "position": position,
                "name": p.name,
                "roles": json.dumps([str(role) for role in p.roles]),
            } for position, p in enumerate(session.participants)), pk="id", alter=False)
            self._write_phases(session)
            self._write_network(session.id, session.network)
            self._write_themes(session.id, session.themes)
            self._delete_missing("notes", session.id, [n.id for n in session.notes])
            self._delete_missing("actions", session.id, [a.id for a in session.actions])
            self.db.table("notes").upsert_all(
                (_note_row(session.id, note) for note in session.notes), pk="id", alter=False)
            self.db.table("actions").upsert_all(
                (_action_row(session.id, action) for action in session.actions), pk="id", alter=False)
            if deferred:
                self.db.execute("DELETE FROM search_deferred WHERE session_id = ?", [session.id])
                reindex_session(self.db, session.id)

    def _defer_search(self, session_id: str) -> bool:
        """Make the search triggers stand still for this session until the end of the
        transaction; False on a database of a schema before 9 (its triggers index as they
        always did: tests and migrations write such databases with this code)."""
        if self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                           "AND name = 'search_deferred'").fetchone() is None:
            return False
        self.db.execute("INSERT OR IGNORE INTO search_deferred (session_id) VALUES (?)", [session_id])
        return True

    def _write_network(self, session_id: str, network: list[NetworkMember]) -> None:
        self.db.execute("DELETE FROM network_members WHERE session_id = ?", [session_id])
        self.db.table("network_members").upsert_all(({
            "id": member.id,
            "session_id": session_id,
            "position": position,
            "relation": member.relation,
            "circle": str(member.circle),
            "support": json.dumps([str(kind) for kind in member.support]),
            "strength": str(member.strength),
            "availability": str(member.availability),
            "involved": int(member.involved),
        } for position, member in enumerate(network)), pk="id", alter=False)

    def _write_themes(self, session_id: str, themes: list[str]) -> None:
        self.db.execute("DELETE FROM session_themes WHERE session_id = ?", [session_id])
        for position, theme in enumerate(stored_themes(themes)):  # keys or the team's words
            self.db.execute("INSERT INTO session_themes (session_id, position, theme) VALUES (?, ?, ?)",
                            [session_id, position, theme])

    def save_network(self, session_id: str, network: list[NetworkMember]) -> None:
        """Replace the session's network (edited in the case introduction or later)."""
        with self.db.conn:
            self._write_network(session_id, network)

    def save_themes(self, session_id: str, themes: list[str]) -> None:
        with self.db.conn:
            self._write_themes(session_id, themes)

    def _delete_missing(self, table: str, session_id: str, keep: list[str]) -> None:
        placeholders = ", ".join("?" * len(keep)) or "''"
        self.db.execute(
            f"DELETE FROM {table} WHERE session_id = ? AND id NOT IN ({placeholders})",
            [session_id, *keep],
        )

    def save_progress(self, session: Session, running: bool = False,
                      saved_at: float | None = None) -> None:
        """Write where the session is: current phase, timers, turns and drafts.

        `running` and `saved_at` (wall-clock seconds) let a room display run the countdown
        on between saves.
        """
        with self.db.conn:
            self.db.execute(
                "UPDATE sessions SET current_phase = ?, updated_at = ?, status = ?, "
                "finished_at = ?, timer_running = ?, timer_saved_at = ? WHERE id = ?",
                [
                    session.current_phase,
                    session.updated_at.isoformat(),
                    str(session.status),
                    session.finished_at.isoformat() if session.finished_at else None,
                    int(running),
                    saved_at,
                    session.id,
                ],
            )
            self._write_phases(session)

    def save_note(self, session_id: str, note: Note) -> None:
        with self.db.conn:
            self._write_note(session_id, note)

    def delete_note(self, note_id: str) -> None:
        with self.db.conn:
            self.db.execute("DELETE FROM notes WHERE id = ?", [note_id])

    def save_action(self, session_id: str, action: Action) -> None:
        with self.db.conn:
            self._write_action(session_id, action)

    def delete_action(self, action_id: str) -> None:
        with self.db.conn:
            self.db.execute("DELETE FROM actions WHERE id = ?", [action_id])

    def _write_header(self, session: Session) -> None:
        self.db.table("sessions").upsert({
            "id": session.id,
            "protocol_id": session.protocol_id,
            "protocol_version": session.protocol_version,
            "team": session.team,
            "date": session.date.isoformat(),
            "facilitator": session.facilitator,
            "case_title": session.case_title,
            "question": session.question,
            "lang": session.lang,
            "status": str(session.status),
            "current_phase": session.current_phase,
            "created_at": session.created_at.isoformat(),
            "updated_at": session.updated_at.isoformat(),
            "finished_at": session.finished_at.isoformat() if session.finished_at else None,
            "revision": session.revision,
            "sensitive_names": json.dumps(session.sensitive_names, ensure_ascii=False),
        }, pk="id", alter=False)

    def _write_phases(self, session: Session) -> None:
        self.db.execute("DELETE FROM phases WHERE session_id = ? AND idx >= ?",
                        [session.id, len(session.phases)])
        self.db.table("phases").upsert_all(({
            "session_id": session.id,
            "idx": record.index,
            "phase_id": record.phase_id,
            "planned_seconds": record.planned_seconds,
            "elapsed_seconds": record.elapsed_seconds,
            "visited": int(record.visited),
            "round_number": record.round_number,
            "turns": json.dumps([turn.model_dump() for turn in record.turns]),
            "draft": record.draft,
        } for record in session.phases), pk=("session_id", "idx"), alter=False)

    def _write_note(self, session_id: str, note: Note) -> None:
        self.db.table("notes").upsert(_note_row(session_id, note), pk="id", alter=False)

    def _write_action(self, session_id: str, action: Action) -> None:
        self.db.table("actions").upsert(_action_row(session_id, action), pk="id", alter=False)

    def correct_note(self, session_id: str, note: Note) -> int:
        """Correct a note after the fact: the session's revision goes up. Returns it."""
        with self.db.conn:
            self._write_note(session_id, note)
            return self._bump_revision(session_id)

    def _bump_revision(self, session_id: str) -> int:
        now = utc_now().isoformat()
        self.db.execute(
            "UPDATE sessions SET revision = revision + 1, updated_at = ? WHERE id = ?",
            [now, session_id],
        )
        row = self.db.execute("SELECT revision FROM sessions WHERE id = ?", [session_id])
        return int(row.fetchone()[0])

    def set_action_done(self, action_id: str, done_on: date | None) -> int:
        """Mark an action point done on a date (or open again with None); returns the
        session's new revision (0 when the action point does not exist)."""
        with self.db.conn:
            self.db.execute(
                "UPDATE actions SET done = ?, done_on = ?, updated_at = ? WHERE id = ?",
                [int(done_on is not None), done_on.isoformat() if done_on else None,
                 utc_now().isoformat(), action_id],
            )
            row = self.db.execute("SELECT session_id FROM actions WHERE id = ?", [action_id])
            found = row.fetchone()
            return self._bump_revision(found[0]) if found else 0

    def set_sensitive_names(self, session_id: str, names: list[str]) -> int:
        """Change the names to hide on export; the revision goes up. Returns it."""
        with self.db.conn:
            self.db.execute("UPDATE sessions SET sensitive_names = ? WHERE id = ?",
                            [json.dumps(names, ensure_ascii=False), session_id])
            return self._bump_revision(session_id)

    def set_team_themes(self, team: str, themes: list[str]) -> None:
        """Replace the team's list (starting themes as their keys). Sessions keep the themes
        they were given."""
        with self.db.conn:
            self.db.execute("DELETE FROM team_themes WHERE team = ?", [team])
            for position, theme in enumerate(stored_themes(themes)):
                self.db.execute("INSERT INTO team_themes (team, position, theme) VALUES (?, ?, ?)",
                                [team, position, theme])

