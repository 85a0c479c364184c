"""Full-text search: one FTS5 document per session (case title, question, notes, action
texts and owners), kept up to date by triggers, and the session list that searches it."""

from __future__ import annotations

import re
from datetime import date

import sqlite_utils

from werf.store.base import SessionSummary, StoreBase

SESSION_TEXT_SQL = (
    "SELECT s.rowid, s.case_title || ' ' || s.question || ' ' || "
    "coalesce((SELECT group_concat(n.text, ' ') FROM notes n WHERE n.session_id = s.id), '') "
    "|| ' ' || coalesce((SELECT group_concat(a.text || ' ' || a.owner, ' ') FROM actions a "
    "WHERE a.session_id = s.id), '') FROM sessions s"
)


def _reindex_session(key: str) -> str:
    """Trigger statements that rebuild one session's search document."""
    return (
        f"DELETE FROM session_search WHERE rowid = (SELECT rowid FROM sessions WHERE id = {key}); "
        f"INSERT INTO session_search(rowid, body) {SESSION_TEXT_SQL} WHERE s.id = {key}; "
    )


def rebuild_search(db: sqlite_utils.Database) -> None:
    """Rebuild every search document (after VACUUM, which may renumber rowids)."""
    db.execute("DELETE FROM session_search")
    db.execute(f"INSERT INTO session_search(rowid, body) {SESSION_TEXT_SQL}")


SEARCH_SQL = "SELECT rowid FROM session_search WHERE session_search MATCH ?"
SORTABLE = {
    "date": "s.date", "team": "s.team", "protocol": "s.protocol_id",
    "case": "s.case_title", "facilitator": "s.facilitator", "open": "open_actions",
}


def fts_query(text: str) -> str | None:
    """What a person types → an FTS5 query: every word must occur, as a word start."""
    words = [w for w in re.findall(r"\w+", text) if w]
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)



class SearchMixin(StoreBase):
    """Finding sessions: filters and full-text search; part of `Store`."""

    def list_sessions(
        self,
        *,
        team: str | None = None,
        since: date | None = None,
        until: date | None = None,
        search: str | None = None,
        protocol: str | None = None,
        facilitator: str | None = None,
        theme: str | None = None,
        order: str = "date",
        descending: bool = True,
        limit: int | None = None,
    ) -> list[SessionSummary]:
        """Sessions matching the filters; `search` is full-text over case, notes, actions."""
        where, params = ["1 = 1"], []
        for column, value in (("s.team", team), ("s.protocol_id", protocol),
                              ("s.facilitator", facilitator)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if since:
            where.append("s.date >= ?")
            params.append(since.isoformat())
        if until:
            where.append("s.date <= ?")
            params.append(until.isoformat())
        if theme:
            where.append("s.id IN (SELECT session_id FROM session_themes WHERE theme = ?)")
            params.append(theme)
        if search is not None:
            query = fts_query(search)
            if query is not None:
                where.append("s.rowid IN (" + SEARCH_SQL + ")")
                params.append(query)
        column = SORTABLE.get(order, "s.date")
        direction = "DESC" if descending else "ASC"
        sql = (
            "SELECT s.id, s.date, s.team, s.protocol_id, s.case_title, s.facilitator, s.status, "
            "(SELECT COUNT(*) FROM actions a WHERE a.session_id = s.id AND a.done = 0) "
            "AS open_actions FROM sessions s WHERE " + " AND ".join(where)
            + f" ORDER BY {column} {direction}, s.created_at {direction}"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [SessionSummary(**row) for row in self.db.query(sql, params)]

    def distinct_values(self, column: str) -> list[str]:
        """Teams, protocols or facilitators that occur, for filters."""
        if column not in ("team", "protocol_id", "facilitator"):
            raise ValueError(column)
        return [r[column] for r in self.db.query(
            f"SELECT DISTINCT {column} FROM sessions WHERE {column} != '' ORDER BY {column}")]
