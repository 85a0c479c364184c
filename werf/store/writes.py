"""Writes: every write is one short transaction, so a note is on disk as soon as it is saved."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from werf.models import (
    Action,
    ClosingMark,
    MinutesStatus,
    NetworkMember,
    Note,
    Revision,
    Session,
    SessionStatus,
)
from werf.network import stored_owner
from werf.store.pulse import PulseMixin
from werf.store.search import reindex_session
from werf.theme_list import stored_themes

if TYPE_CHECKING:
    from werf.engine import PhaseTiming


def _note_row(session_id: str, note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "session_id": session_id,
        "phase_index": note.phase_index,
        "kind": str(note.kind),
        "text": note.text,
        "follow_up": str(note.follow_up) if note.follow_up else None,
        "speaker_id": note.speaker_id,
        "created_at": note.created_at.isoformat(),
        "updated_at": note.updated_at.isoformat(),
    }


def _member_row(session_id: str, member: NetworkMember, position: int) -> dict[str, Any]:
    return {
        "id": member.id,
        "session_id": session_id,
        "position": position,
        "relation": member.relation,
        "circle": str(member.circle),
        "support": json.dumps([str(kind) for kind in member.support]),
        "strength": str(member.strength),
        "availability": str(member.availability),
        "involved": int(member.involved),
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
        "follow_up": str(action.follow_up) if action.follow_up else None,
        "followed_up_on": action.followed_up_on.isoformat() if action.followed_up_on else None,
        "follow_up_note": action.follow_up_note,
        "created_at": action.created_at.isoformat(),
        "updated_at": action.updated_at.isoformat(),
    }


class WriteMixin(PulseMixin):
    """Saving sessions, notes, action points, networks and themes; part of `Store`.

    Rows go in through sqlite-utils' `upsert` (`upsert_all` for a session's lists, a few
    statements instead of one per row): INSERT … ON CONFLICT DO UPDATE of the columns given,
    so a row keeps its rowid and the columns not written here (a session's timer state and
    `purged_at`) keep their values. `alter=False`: a missing column is an error, never added.
    """

    def save_session(self, session: Session, replace: bool = False) -> None:
        """Write a whole session in one transaction: header, people, phases, network, themes,
        notes and action points.

        No write deletes rows its writer did not itself remove: notes, action points and
        network members in the database but not in `session` (written meanwhile by another
        window, say) stay, unless `replace` asks for exactly this copy to be left behind
        (an import of a newer revision). The search triggers stand still meanwhile and the
        session is indexed once at the end: per note they made saving n notes cost n².
        """
        with self.atomic():  # not `with conn:`: db.execute commits a write outside BEGIN
            deferred = self._defer_search(session.id)
            self._write_header(session)
            self.db.execute("DELETE FROM participants WHERE session_id = ?", [session.id])
            # attendance since schema 12 (tests and migrations write older schemas with this code)
            attendance = "attendance" in self.db["participants"].columns_dict
            self.db.table("participants").upsert_all(({
                "id": p.id,
                "session_id": session.id,
                "position": position,
                "name": p.name,
                "roles": json.dumps([str(role) for role in p.roles]),
                **({"attendance": str(p.attendance)} if attendance else {}),
            } for position, p in enumerate(session.participants)), pk="id", alter=False)
            self._write_phases(session)
            self._write_themes(session.id, session.themes)
            if "closing_marks" in self.db.table_names():  # schema 14 on
                self._write_closing(session.id, session.closing)
            self._write_pulse(session.id, session.pulse)
            if replace:
                self._write_network(session.id, session.network)
                self._delete_missing("notes", session.id, [n.id for n in session.notes])
                self._delete_missing("actions", session.id, [a.id for a in session.actions])
            else:
                for member in session.network:
                    self._write_member(session.id, member)
            self.db.table("notes").upsert_all(self._fitted("notes", (
                _note_row(session.id, note) for note in session.notes)), pk="id", alter=False)
            self.db.table("actions").upsert_all(self._fitted("actions", (
                _action_row(session.id, action) for action in session.actions)), pk="id", alter=False)
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

    def save_case(self, session_id: str, case_title: str, question: str,
                  revision: Revision | None = None) -> None:
        """The case title and question only: a case edit touches no other row."""
        with self.atomic():
            self.db.execute("UPDATE sessions SET case_title = ?, question = ? WHERE id = ?",
                            [case_title, question, session_id])
            self._stamp(session_id, revision)

    def _write_network(self, session_id: str, network: list[NetworkMember]) -> None:
        self.db.execute("DELETE FROM network_members WHERE session_id = ?", [session_id])
        self.db.table("network_members").upsert_all(
            (_member_row(session_id, member, position) for position, member in enumerate(network)),
            pk="id", alter=False)

    def _write_member(self, session_id: str, member: NetworkMember) -> None:
        """Add a person at the end of the network, or change one and keep their place."""
        row = _member_row(session_id, member, 0)
        columns = [name for name in row if name not in ("id", "session_id", "position")]
        self.db.execute(
            "INSERT INTO network_members (id, session_id, position, " + ", ".join(columns) + ") "
            "VALUES (?, ?, (SELECT COALESCE(MAX(position) + 1, 0) FROM network_members "
            "WHERE session_id = ?), " + ", ".join("?" * len(columns)) + ") "
            "ON CONFLICT(id) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in columns),
            [member.id, session_id, session_id, *(row[c] for c in columns)],
        )

    def _write_themes(self, session_id: str, themes: list[str]) -> None:
        self.db.execute("DELETE FROM session_themes WHERE session_id = ?", [session_id])
        for position, theme in enumerate(stored_themes(themes)):  # keys or the team's words
            self.db.execute("INSERT INTO session_themes (session_id, position, theme) VALUES (?, ?, ?)",
                            [session_id, position, theme])

    def save_network(self, session_id: str, network: list[NetworkMember]) -> None:
        """Replace the session's whole network (an import; the app saves one person at a time)."""
        with self.atomic():
            self._write_network(session_id, network)

    def save_network_member(self, session_id: str, member: NetworkMember,
                            revision: Revision | None = None,
                            carried: Sequence[Action] = ()) -> None:
        """Add or change one person; `carried`: the action points whose "who" follows a
        changed relation, written in the same transaction."""
        with self.atomic():
            self._write_member(session_id, member)
            for action in carried:
                self._write_action(session_id, action)
            self._stamp(session_id, revision)

    def delete_network_member(self, session_id: str, member_id: str,
                              revision: Revision | None = None) -> None:
        with self.atomic():
            self.db.execute("DELETE FROM network_members WHERE id = ? AND session_id = ?",
                            [member_id, session_id])
            self._stamp(session_id, revision)

    def save_themes(self, session_id: str, themes: list[str], revision: Revision | None = None) -> None:
        with self.atomic():
            self._write_themes(session_id, themes)
            self._stamp(session_id, revision)

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
        with self.atomic():
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

    def save_timer_state(self, session_id: str, current_phase: int, phases: Sequence[PhaseTiming],
                         running: bool, saved_at: float, updated_at: str,
                         finished_at: str | None = None) -> None:
        """The progress save, twice a second while the timer runs: where the session is and
        each phase's times, turns and draft, as plain values (`SessionEngine.timings`).
        With `finished_at` the session is finished in the same transaction."""
        with self.atomic():
            self.db.execute(
                "UPDATE sessions SET current_phase = ?, updated_at = ?, timer_running = ?, "
                "timer_saved_at = ? WHERE id = ?",
                [current_phase, updated_at, int(running), saved_at, session_id])
            if finished_at is not None:
                self.db.execute("UPDATE sessions SET status = ?, finished_at = ? WHERE id = ?",
                                [str(SessionStatus.FINISHED), finished_at, session_id])
            self.db.execute("DELETE FROM phases WHERE session_id = ? AND idx >= ?",
                            [session_id, len(phases)])
            self.db.conn.executemany(
                "INSERT INTO phases (session_id, idx, phase_id, planned_seconds, elapsed_seconds, "
                "visited, round_number, turns, draft) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(session_id, idx) DO UPDATE SET phase_id = excluded.phase_id, "
                "planned_seconds = excluded.planned_seconds, "
                "elapsed_seconds = excluded.elapsed_seconds, visited = excluded.visited, "
                "round_number = excluded.round_number, turns = excluded.turns, "
                "draft = excluded.draft",
                [(session_id, p.phase_index, p.phase_id, p.planned_seconds, p.elapsed_seconds,
                  int(p.visited), p.round_number,
                  json.dumps([{"participant_id": who, "seconds": seconds, "status": status}
                              for who, seconds, status in p.turns]),
                  p.draft) for p in phases],
            )

    def save_note(self, session_id: str, note: Note, revision: Revision | None = None) -> None:
        with self.atomic():
            self._write_note(session_id, note)
            self._stamp(session_id, revision)

    def delete_note(self, note_id: str, session_id: str | None = None,
                    revision: Revision | None = None) -> None:
        with self.atomic():
            self.db.execute("DELETE FROM notes WHERE id = ?", [note_id])
            if session_id is not None:
                self._stamp(session_id, revision)

    def save_action(self, session_id: str, action: Action, revision: Revision | None = None) -> None:
        with self.atomic():
            self._write_action(session_id, action)
            self._stamp(session_id, revision)

    def delete_action(self, action_id: str, session_id: str | None = None,
                      revision: Revision | None = None) -> None:
        with self.atomic():
            self.db.execute("DELETE FROM actions WHERE id = ?", [action_id])
            if session_id is not None:
                self._stamp(session_id, revision)

    def _write_header(self, session: Session) -> None:
        self.db.table("sessions").upsert_all(self._fitted("sessions", [{
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
            "location": session.location,
            "minutes_status": str(session.minutes_status),
        }]), pk="id", alter=False)

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

    def _write_closing(self, session_id: str, marks: list[ClosingMark]) -> None:
        self.db.execute("DELETE FROM closing_marks WHERE session_id = ?", [session_id])
        for position, mark in enumerate(marks):
            self.db.execute("INSERT INTO closing_marks (session_id, participant_id, position, mark, "
                            "word) VALUES (?, ?, ?, ?, ?)",
                            [session_id, mark.participant_id, position, mark.mark, mark.word])

    def save_closing(self, session_id: str, marks: list[ClosingMark],
                     revision: Revision | None = None) -> None:
        """The closing round's marks of a session, all of them (a handful of rows)."""
        with self.atomic():
            self._write_closing(session_id, marks)
            self._stamp(session_id, revision)

    def save_minutes_status(self, session_id: str, status: MinutesStatus,
                            revision: Revision | None = None) -> None:
        with self.atomic():
            self.db.execute("UPDATE sessions SET minutes_status = ? WHERE id = ?",
                            [str(status), session_id])
            self._stamp(session_id, revision)

    def _fitted(self, table: str, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """The rows without the columns an older schema lacks (follow-ups came with schema
        13; tests and migrations write older schemas with this code)."""
        columns = set(self.db[table].columns_dict)
        for row in rows:
            yield {name: value for name, value in row.items() if name in columns}

    def _write_note(self, session_id: str, note: Note) -> None:
        self.db.table("notes").upsert_all(self._fitted("notes", [_note_row(session_id, note)]),
                                          pk="id", alter=False)

    def _write_action(self, session_id: str, action: Action) -> None:
        self.db.table("actions").upsert_all(self._fitted("actions", [_action_row(session_id, action)]),
                                            pk="id", alter=False)

    def set_sensitive_names(self, session_id: str, names: list[str],
                            revision: Revision | None = None) -> None:
        """Change the names to hide on export."""
        with self.atomic():
            self.db.execute("UPDATE sessions SET sensitive_names = ? WHERE id = ?",
                            [json.dumps(names, ensure_ascii=False), session_id])
            self._stamp(session_id, revision)

    def set_team_themes(self, team: str, themes: list[str]) -> None:
        """Replace the team's list (starting themes as their keys). Sessions keep the themes
        they were given."""
        with self.atomic():
            self.db.execute("DELETE FROM team_themes WHERE team = ?", [team])
            for position, theme in enumerate(stored_themes(themes)):
                self.db.execute("INSERT INTO team_themes (team, position, theme) VALUES (?, ?, ?)",
                                [team, position, theme])


    def set_team_roster(self, team: str, names: list[str]) -> None:
        """Replace the team's list of members (setup writes the list a session started with:
        guests added there join it, names deleted there leave it)."""
        with self.atomic():
            self.db.execute("DELETE FROM team_members WHERE team = ?", [team])
            chosen = list(dict.fromkeys(name.strip() for name in names if name.strip()))
            for position, name in enumerate(chosen):
                self.db.execute("INSERT INTO team_members (team, position, name) VALUES (?, ?, ?)",
                                [team, position, name])
