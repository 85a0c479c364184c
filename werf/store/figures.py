"""The SQL behind the coordinator's figures; `werf.stats` turns these rows into `TeamStats`.

A few grouped queries over the sessions, participants, phases, actions and session_themes
tables. They read **no case content**: no case titles, questions, notes, action texts or
action owners, only counts, dates, protocol and phase ids, who carries an action point (the
kind, never the owner), themes, and the names of the colleagues at the table. What counts
how is described in werf/stats.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from werf.models import RoleId, SessionStatus
from werf.store.pulse import PulseMixin
from werf.store.states import ACTION_DONE, ACTION_DONE_BEFORE_13, ACTION_DROPPED, ACTION_OPEN


@dataclass
class FigureRows:
    """The rows the figures are made of, as the queries return them. When no session was
    held in the period, only the first four are filled in (the other queries do not run)."""

    held: int
    finished: int
    first: Any  # dates of the first and last session found, "YYYY-MM-DD" (None: no session)
    last: Any
    teams: list[str] = field(default_factory=list)
    per_month: dict[str, int] = field(default_factory=dict)  # "YYYY-MM" → sessions
    # (name as typed, trimmed; seats taken; sessions attended; cases brought)
    people: list[tuple[Any, ...]] = field(default_factory=list)
    facilitated: list[tuple[Any, ...]] = field(default_factory=list)  # (name, sessions)
    protocols: list[tuple[Any, ...]] = field(default_factory=list)  # (protocol id, sessions)
    # (protocol id, phase id, position, sessions, avg planned s, avg actual s, overruns)
    phases: list[tuple[Any, ...]] = field(default_factory=list)
    actions: tuple[Any, ...] = (0, 0, 0, 0)  # (made, done, overdue, dropped)
    carried: dict[str, int] = field(default_factory=dict)  # owner kind → action points
    themes: list[tuple[Any, ...]] = field(default_factory=list)  # (theme, sessions)
    # the closing round: (team, "YYYY-MM", average mark, marks, sessions with marks)
    marks: list[tuple[Any, ...]] = field(default_factory=list)
    # per team and month: (team, "YYYY-MM", sessions)
    team_months: list[tuple[Any, ...]] = field(default_factory=list)
    # per team, month and name as typed (trimmed): (team, "YYYY-MM", name, present, absent,
    # absent with apologies)
    attendance: list[tuple[Any, ...]] = field(default_factory=list)
    # the team's pulse: (team, "YYYY-MM", statement, sum of answers, answers, sessions)
    pulse: list[tuple[Any, ...]] = field(default_factory=list)


class FiguresMixin(PulseMixin):
    """The coordinator's figures; part of `Store`. Only reads."""

    def figure_rows(
        self,
        *,
        team: str | None = None,
        since: date | None = None,
        until: date | None = None,
        today: date,
    ) -> FigureRows:
        """The grouped rows for sessions of `team` (all teams when None) dated
        `since`..`until`, both included; `today` decides which action points are overdue."""
        where, params = ["1 = 1"], []
        if team is not None:
            where.append("team = ?")
            params.append(team)
        if since is not None:
            where.append("date >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("date <= ?")
            params.append(until.isoformat())
        selected = (
            "WITH sel AS (SELECT id, team, date, protocol_id, facilitator, status FROM sessions "
            "WHERE " + " AND ".join(where) + ") "
        )

        def rows(sql: str, extra: list[Any] | None = None) -> list[tuple[Any, ...]]:
            return list(self.db.execute(selected + sql, [*params, *(extra or [])]).fetchall())

        # With no team and no dates every session counts, and every row of participants,
        # actions and themes belongs to one (a foreign key): those tables are read as they
        # are. A join looks each row's session up in the sessions' index (a search per row,
        # in random order); reading the table alone grows with the data, no faster. With a
        # team or dates the selected sessions come first (by their index) and then their
        # rows: SQLite, left to choose, may walk a whole table's index to skip a sort.
        every = len(where) == 1

        def of(table: str, alias: str) -> str:
            """`table`'s rows of the selected sessions (all rows when every session counts)."""
            return (f"{table} {alias}" if every
                    else f"sel CROSS JOIN {table} {alias} ON {alias}.session_id = sel.id")

        held, finished, first, last = rows(
            "SELECT COUNT(*), COALESCE(SUM(status = ?), 0), MIN(date), MAX(date) FROM sel",
            [str(SessionStatus.FINISHED)],
        )[0]
        found = FigureRows(held=held, finished=finished, first=first, last=last)
        if not held:
            return found
        found.teams = [r[0] for r in rows("SELECT DISTINCT team FROM sel ORDER BY team")]
        found.per_month = dict(rows("SELECT substr(date, 1, 7) AS m, COUNT(*) FROM sel GROUP BY m"))

        # People: counted per spelling here; werf.stats merges the spellings of one name.
        # roles is werf's own JSON list of role ids: a quoted id can only match that role, and
        # instr() is twice as fast as json_each() here.
        found.people = rows(
            "SELECT trim(p.name), COUNT(*), COUNT(DISTINCT p.session_id), "
            "SUM(instr(p.roles, ?) > 0) "
            f"FROM {of('participants', 'p')} "
            f"WHERE trim(p.name) != ''{self._present('p')} GROUP BY trim(p.name)",
            [json.dumps(str(RoleId.CASE_BRINGER))],
        )
        found.facilitated = rows(
            "SELECT trim(facilitator), COUNT(*) FROM sel WHERE trim(facilitator) != '' "
            "GROUP BY trim(facilitator)"
        )
        found.protocols = rows("SELECT protocol_id, COUNT(*) AS n FROM sel GROUP BY protocol_id "
                               "ORDER BY n DESC, protocol_id")
        found.phases = rows(
            "SELECT sel.protocol_id, ph.phase_id, MIN(ph.idx), COUNT(*), AVG(ph.planned_seconds), "
            "AVG(ph.elapsed_seconds), SUM(ph.elapsed_seconds > ph.planned_seconds) "
            # the sessions first, then each one's phases: with no team and no dates both are
            # walked in id order on schema 18's covering indexes (not by status, which
            # visits the sessions in another order than their phases' index)
            "FROM sel CROSS JOIN phases ph ON ph.session_id = sel.id "
            "WHERE +sel.status = ? AND ph.visited = 1 GROUP BY sel.protocol_id, ph.phase_id",
            [str(SessionStatus.FINISHED)],
        )
        # a point a later session dropped is closed but not done (schema 13 on)
        since_13 = "follow_up" in self.db["actions"].columns_dict
        done, dropped = (ACTION_DONE, ACTION_DROPPED) if since_13 else (ACTION_DONE_BEFORE_13, "0")
        found.actions = rows(
            f"SELECT COUNT(*), COALESCE(SUM({done}), 0), "
            f"COALESCE(SUM({ACTION_OPEN} AND a.due IS NOT NULL AND a.due < ?), 0), "
            f"COALESCE(SUM({dropped}), 0) FROM {of('actions', 'a')}",
            [today.isoformat()],
        )[0]
        found.carried = dict(rows(f"SELECT a.owner_kind, COUNT(*) FROM {of('actions', 'a')} "
                                  "GROUP BY a.owner_kind"))
        found.themes = rows(f"SELECT t.theme, COUNT(*) AS n FROM {of('session_themes', 't')} "
                            "GROUP BY t.theme ORDER BY n DESC, t.theme")
        if "closing_marks" in self.db.table_names():  # schema 14 on
            found.marks = rows(
                "SELECT sel.team, substr(sel.date, 1, 7) AS m, AVG(c.mark), COUNT(*), "
                "COUNT(DISTINCT c.session_id) FROM closing_marks c JOIN sel ON sel.id = c.session_id "
                "GROUP BY sel.team, m ORDER BY sel.team, m")
        found.team_months = rows("SELECT team, substr(date, 1, 7) AS m, COUNT(*) FROM sel "
                                 "GROUP BY team, m ORDER BY team, m")
        seat = ("p.attendance" if "attendance" in self.db["participants"].columns_dict
                else "'present'")
        found.attendance = rows(
            f"SELECT sel.team, substr(sel.date, 1, 7) AS m, trim(p.name), SUM({seat} = 'present'), "
            f"SUM({seat} = 'absent'), SUM({seat} = 'apologies') FROM participants p "
            "JOIN sel ON sel.id = p.session_id WHERE trim(p.name) != '' "
            "GROUP BY sel.team, m, trim(p.name) ORDER BY sel.team, m")
        found.pulse = self.pulse_rows(selected, params)
        return found

    def _present(self, alias: str) -> str:
        """SQL that keeps the participants at the table (absentees do not count as
        attending; schema 12 on)."""
        if "attendance" not in self.db["participants"].columns_dict:
            return ""
        return f" AND {alias}.attendance = 'present'"

    def team_rows(self, *, since: date | None = None, until: date | None = None,
                  today: date) -> list[tuple[Any, ...]]:
        """One row per team, by team: (team, sessions, finished, seats taken, first date,
        last date, action points, open, overdue), for sessions dated `since`..`until`."""
        where, params = ["1 = 1"], []
        for column, op, day in (("date", ">=", since), ("date", "<=", until)):
            if day is not None:
                where.append(f"{column} {op} ?")
                params.append(day.isoformat())
        sql = (
            "WITH sel AS (SELECT id, team, date, status FROM sessions WHERE " + " AND ".join(where) + "), "
            "seats AS (SELECT sel.team, COUNT(*) AS n FROM participants p JOIN sel ON sel.id = p.session_id "
            f"WHERE trim(p.name) != ''{self._present('p')} GROUP BY sel.team), "
            f"acts AS (SELECT sel.team, COUNT(*) AS made, COALESCE(SUM({ACTION_OPEN}), 0) AS open, "
            f"COALESCE(SUM({ACTION_OPEN} AND a.due IS NOT NULL AND a.due < ?), 0) AS overdue "
            "FROM actions a JOIN sel ON sel.id = a.session_id GROUP BY sel.team) "
            "SELECT sel.team, COUNT(*), COALESCE(SUM(sel.status = ?), 0), COALESCE(MAX(seats.n), 0), "
            "MIN(sel.date), MAX(sel.date), COALESCE(MAX(acts.made), 0), COALESCE(MAX(acts.open), 0), "
            "COALESCE(MAX(acts.overdue), 0) FROM sel LEFT JOIN seats ON seats.team = sel.team "
            "LEFT JOIN acts ON acts.team = sel.team GROUP BY sel.team ORDER BY sel.team"
        )
        return list(self.db.execute(sql, [*params, today.isoformat(), str(SessionStatus.FINISHED)]).fetchall())
