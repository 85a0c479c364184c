"""Reads: whole sessions, open action points, themes and teams."""

from __future__ import annotations

import json
from typing import Any

from werf.models import Action, ClosingMark, NetworkMember, Note, Participant, PhaseRecord, Session, SessionStatus
from werf.store.base import OpenAction
from werf.store.pulse import PulseMixin
from werf.store.states import ACTION_OPEN
from werf.theme_list import stored_theme


class ReadMixin(PulseMixin):
    """Reading what was saved; part of `Store`."""

    def ids_of_other_sessions(self, session: Session) -> list[str]:
        """The ids of `session`'s participants, network members, notes and action points that
        another session in this database already uses (record ids only match inside their
        own session; an import refuses an archive that reuses them)."""
        found: list[str] = []
        for table, records in (("participants", session.participants),
                               ("network_members", session.network),
                               ("notes", session.notes), ("actions", session.actions)):
            ids = [record.id for record in records]
            for start in range(0, len(ids), 500):  # within SQLite's number of parameters
                chunk = ids[start:start + 500]
                found += [row[0] for row in self.db.execute(
                    f"SELECT id FROM {table} WHERE session_id != ? AND id IN "
                    f"({', '.join('?' * len(chunk))})", [session.id, *chunk])]
        return found

    def session_ids_starting(self, prefix: str, limit: int = 2) -> list[str]:
        """Up to `limit` session ids that start with `prefix` (one range scan of the primary
        key: the ids from the prefix up to the prefix followed by the highest character)."""
        return [row[0] for row in self.db.execute(
            "SELECT id FROM sessions WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            [prefix, prefix + "\U0010ffff", limit])]

    def load_session(self, session_id: str) -> Session | None:
        rows = list(self.db.query("SELECT * FROM sessions WHERE id = ?", [session_id]))
        if not rows:
            return None
        data = rows[0]
        data["sensitive_names"] = json.loads(data["sensitive_names"])
        data["participants"] = [
            Participant(id=r["id"], name=r["name"], roles=json.loads(r["roles"]),
                        attendance=r.get("attendance", "present"))
            for r in self.db.query(
                "SELECT * FROM participants WHERE session_id = ? ORDER BY position", [session_id]
            )
        ]
        data["phases"] = [
            PhaseRecord(
                index=r["idx"],
                phase_id=r["phase_id"],
                planned_seconds=r["planned_seconds"],
                elapsed_seconds=r["elapsed_seconds"],
                visited=bool(r["visited"]),
                round_number=r["round_number"],
                turns=json.loads(r["turns"]),
                draft=r["draft"],
            )
            for r in self.db.query("SELECT * FROM phases WHERE session_id = ? ORDER BY idx", [session_id])
        ]
        data["network"] = [
            NetworkMember(id=r["id"], relation=r["relation"], circle=r["circle"],
                          support=json.loads(r["support"]), strength=r["strength"],
                          availability=r["availability"], involved=bool(r["involved"]))
            for r in self.db.query(
                "SELECT * FROM network_members WHERE session_id = ? ORDER BY position", [session_id]
            )
        ]
        data["themes"] = [r["theme"] for r in self.db.query(
            "SELECT theme FROM session_themes WHERE session_id = ? ORDER BY position", [session_id])]
        data["notes"] = [
            Note.model_validate(r)
            for r in self.db.query(
                "SELECT * FROM notes WHERE session_id = ? ORDER BY created_at, rowid", [session_id]
            )
        ]
        data["actions"] = [
            Action.model_validate(r)
            for r in self.db.query(
                "SELECT * FROM actions WHERE session_id = ? ORDER BY created_at, rowid",
                [session_id],
            )
        ]
        if "closing_marks" in self.db.table_names():  # schema 14 on
            data["closing"] = [ClosingMark(participant_id=r["participant_id"], mark=r["mark"],
                                           word=r["word"]) for r in self.db.query(
                "SELECT * FROM closing_marks WHERE session_id = ? ORDER BY position", [session_id])]
        data["pulse"] = self._read_pulse(session_id)
        return Session.model_validate(data)

    def timer_state(self, session_id: str) -> tuple[bool, float | None]:
        """Whether the session's timer was running at its last save, and when that was."""
        row = self.db.execute(
            "SELECT timer_running, timer_saved_at FROM sessions WHERE id = ?", [session_id]
        ).fetchone()
        return (bool(row[0]), row[1]) if row else (False, None)

    def unfinished_session(self) -> Session | None:
        """The most recently touched session that was not finished, if any (a purged one has
        nothing left to resume)."""
        rows = list(self.db.query(
            "SELECT id FROM sessions WHERE status = ? AND purged_at IS NULL "
            "ORDER BY updated_at DESC LIMIT 1",
            [str(SessionStatus.RUNNING)],
        ))
        return self.load_session(rows[0]["id"]) if rows else None

    def all_open_actions(self, team: str | None = None) -> list[OpenAction]:
        """Open action points of every session (or one team), overdue first, by owner."""
        where, params = ("AND s.team = ? ", [team]) if team else ("", [])
        return self._open_actions(where, params, "a.due IS NULL, a.due, s.team, a.owner")

    def _open_actions(self, where: str, params: list[Any], order: str) -> list[OpenAction]:
        rows = self.db.query(
            "SELECT a.*, s.id AS sid, s.date AS sdate, s.team AS steam FROM actions a "
            f"JOIN sessions s ON s.id = a.session_id WHERE {ACTION_OPEN} {where}ORDER BY {order}",
            params,
        )  # iterated once, below
        return [OpenAction(action=Action.model_validate(row), session_id=row["sid"],
                           session_date=row["sdate"], team=row["steam"]) for row in rows]

    def colleagues_of(self, session_ids: list[str]) -> dict[str, list[str]]:
        """Per session, the names of the colleagues at the table and the facilitator (for
        the privacy guard, which leaves colleagues' names alone)."""
        found: dict[str, list[str]] = {session_id: [] for session_id in session_ids}
        for start in range(0, len(session_ids), 500):
            chunk = session_ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            for row in self.db.query(
                    f"SELECT session_id AS sid, name FROM participants WHERE session_id IN ({marks}) "
                    f"UNION ALL SELECT id, facilitator FROM sessions WHERE id IN ({marks})", [*chunk, *chunk]):
                found[row["sid"]].append(row["name"])
        return found

    def open_actions(self, team: str, exclude_session: str | None = None) -> list[OpenAction]:
        """Action points of the team that are not done, oldest session first."""
        return self._open_actions("AND s.team = ? AND s.id != ? ", [team, exclude_session or ""],
                                  "s.date, a.created_at")

    def team_roster(self, team: str) -> list[str]:
        """The team's members as setup offers them: its own list (`set_team_roster`), or,
        for a team that has none yet, everyone on the list of its latest session."""
        names = [r["name"] for r in self.db.query(
            "SELECT name FROM team_members WHERE team = ? ORDER BY position", [team])]
        if names:
            return names
        return [r["name"] for r in self.db.query(
            "SELECT p.name FROM participants p WHERE p.session_id = (SELECT id FROM sessions "
            "WHERE team = ? ORDER BY date DESC, created_at DESC LIMIT 1) ORDER BY p.position",
            [team])]

    def team_roles_held(self, team: str) -> list[tuple[str, str, str]]:
        """(day, name, roles as JSON) of everyone who had a role at one of the team's
        sessions, and of each session's facilitator: what the rota is made of."""
        return [(r["day"], r["name"], r["roles"]) for r in self.db.query(
            "SELECT s.date AS day, p.name AS name, p.roles AS roles FROM participants p "
            "JOIN sessions s ON s.id = p.session_id WHERE s.team = ? AND p.roles != '[]' "
            "UNION ALL SELECT date, facilitator, '[\"facilitator\"]' FROM sessions "
            "WHERE team = ? AND trim(facilitator) != ''", [team, team])]

    def team_themes(self, team: str) -> list[str] | None:
        """The team's own list of themes, or None when the team never saved one."""
        rows = list(self.db.query("SELECT theme FROM team_themes WHERE team = ? ORDER BY position",
                                  [team]))
        return [r["theme"] for r in rows] if rows else None

    def themes_in_use(self, team: str | None = None) -> list[str]:
        """Themes that sessions (of one team, or all) were given, as stored, for filters."""
        if not team:  # from the index on theme alone
            return [r["theme"] for r in self.db.query(
                "SELECT DISTINCT theme FROM session_themes ORDER BY theme")]
        return [r["theme"] for r in self.db.query(
            "SELECT DISTINCT t.theme FROM session_themes t JOIN sessions s ON s.id = t.session_id "
            "WHERE s.team = ? ORDER BY t.theme", [team])]

    def session_ids_with_theme(self, theme: str, team: str | None = None) -> list[str]:
        """Sessions given `theme` (of one team, or all), newest first; `theme` as stored, or
        a starting theme's name in either language."""
        theme = stored_theme(theme)
        where, params = ("AND s.team = ? ", [theme, team]) if team else ("", [theme])
        return [r["id"] for r in self.db.query(
            "SELECT s.id FROM sessions s JOIN session_themes t ON t.session_id = s.id "
            f"WHERE t.theme = ? {where}ORDER BY s.date DESC, s.created_at DESC", params)]

    def session_ids_without_theme(self, team: str | None = None) -> list[str]:
        where, params = ("AND s.team = ? ", [team]) if team else ("", [])
        return [r["id"] for r in self.db.query(
            "SELECT s.id FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM session_themes t "
            f"WHERE t.session_id = s.id) {where}ORDER BY s.date DESC, s.created_at DESC", params)]

    def teams(self) -> list[str]:
        return [r["team"] for r in self.db.query("SELECT DISTINCT team FROM sessions ORDER BY team")]

    def count_sessions(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0])
