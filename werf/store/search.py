"""Full-text search: one FTS5 document per session holding every text the models declare case
content (SEARCH_COLUMNS), kept up to date by triggers, and the session list that searches it."""

from __future__ import annotations

import re
from datetime import date

import sqlite_utils
from pydantic import BaseModel

from werf.models import Action, NetworkMember, Note, PhaseRecord, Session, case_fields
from werf.store.base import SessionSummary, StoreBase
from werf.store.peek import session_list_sql
from werf.theme_list import stored_theme

# The search document as schemas 5 and 6 built it (case title, question, notes, actions).
# Frozen: migration 5 must keep doing what it did. Schema 7 on: SEARCH_COLUMNS.
SESSION_TEXT_SQL = (
    "SELECT s.rowid, s.case_title || ' ' || s.question || ' ' || "
    "coalesce((SELECT group_concat(n.text, ' ') FROM notes n WHERE n.session_id = s.id), '') "
    "|| ' ' || coalesce((SELECT group_concat(a.text || ' ' || a.owner, ' ') FROM actions a "
    "WHERE a.session_id = s.id), '') FROM sessions s"
)


def _reindex_session(key: str, document_sql: str = SESSION_TEXT_SQL) -> str:
    """Trigger statements that rebuild one session's search document (`document_sql` selects
    rowid and document from `sessions s`)."""
    return (
        f"DELETE FROM session_search WHERE rowid = (SELECT rowid FROM sessions WHERE id = {key}); "
        f"INSERT INTO session_search(rowid, body) {document_sql} WHERE s.id = {key}; "
    )


# Where the session models' case content (declared in werf.models) is stored, and what purge
# does with a row: "delete" a row that is nothing without its case text, or "blank" its case
# columns and keep the row for the figures. A column has its field's name; a list of texts is
# a JSON list. Every other table holds no case content (tests/test_case_content.py checks).
CASE_TABLES: dict[str, tuple[type[BaseModel], str]] = {
    "sessions": (Session, "blank"),  # team, date, protocol and timings stay
    "phases": (PhaseRecord, "blank"),  # the phase's times stay
    "network_members": (NetworkMember, "delete"),  # a relation is all a member is
    "notes": (Note, "delete"),  # a note is its text
    "actions": (Action, "blank"),  # counts, due dates and who carried them stay
}


def case_columns() -> dict[str, tuple[str, ...]]:
    """The case-content columns of each table in CASE_TABLES, from the models' declaration;
    a JSON list of texts is written `name[]`."""
    return {table: tuple(f"{field.name}[]" if field.many else field.name for field in case_fields(model))
            for table, (model, _purge) in CASE_TABLES.items()}


# What the search document of schema 7 holds: every case-content column as declared when it
# shipped. Frozen (migration 7 builds its triggers from it); a test compares it with
# case_columns(), so a field newly declared case content fails until a migration indexes it.
SEARCH_COLUMNS_V7: dict[str, tuple[str, ...]] = {
    "sessions": ("case_title", "question", "sensitive_names[]"),
    "phases": ("draft",),
    "network_members": ("relation",),
    "notes": ("text",),
    "actions": ("text", "owner"),
}
SEARCH_COLUMNS_V13: dict[str, tuple[str, ...]] = {
    **SEARCH_COLUMNS_V7, "actions": ("text", "owner", "follow_up_note")}
SEARCH_COLUMNS = SEARCH_COLUMNS_V13  # what the search holds in the current schema


def _column_texts(alias: str, columns: tuple[str, ...]) -> str:
    """SQL joining the texts of `columns` of one row (`alias`), a space apart."""
    texts = [f"coalesce((SELECT group_concat(value, ' ') FROM json_each({alias}.{column[:-2]})), '')"
             if column.endswith("[]") else f"coalesce({alias}.{column}, '')" for column in columns]
    return " || ' ' || ".join(texts)


def search_document_sql(columns: dict[str, tuple[str, ...]]) -> str:
    """`SELECT rowid, document FROM sessions s`: each session's texts in `columns` (the
    session's own row, and the rows of the other tables that belong to it), a space apart."""
    parts = []
    for table, names in columns.items():
        if table == "sessions":
            parts.append(_column_texts("s", names))
        else:
            parts.append(f"coalesce((SELECT group_concat({_column_texts('x', names)}, ' ') FROM {table} x "
                         "WHERE x.session_id = s.id), '')")
    return "SELECT s.rowid, " + " || ' ' || ".join(parts) + " FROM sessions s"


def _search_triggers(db: sqlite_utils.Database, columns: dict[str, tuple[str, ...]],
                     deferrable: bool = False) -> None:
    """Triggers that keep each session's search document to `columns`: a row's change
    rebuilds its session's document, only when a text in it changes (progress saves rewrite
    the phases many times a minute). They replace the search triggers those tables had.

    `deferrable` (schema 9 on): the triggers stand still for a session listed in
    `search_deferred`, so a whole-session write (an import) indexes the session once at its
    end (`reindex_session`) instead of once per note, which made import quadratic.
    """
    document = search_document_sql(columns)

    def unless_deferred(key: str) -> str:
        return f" AND NOT EXISTS (SELECT 1 FROM search_deferred WHERE session_id = {key})" \
            if deferrable else ""

    for table in columns:
        for suffix in ("ai", "au", "ad"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")
    for table, names in columns.items():
        plain = [name.removesuffix("[]") for name in names]
        empty = {name.removesuffix("[]"): "'[]'" if name.endswith("[]") else "''" for name in names}
        changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in plain)
        if table == "sessions":
            when = f"WHEN 1{unless_deferred('new.id')} " if deferrable else ""
            db.execute(f"CREATE TRIGGER sessions_search_ai AFTER INSERT ON sessions {when}BEGIN "
                       f"{_reindex_session('new.id', document)} END")
            db.execute(f"CREATE TRIGGER sessions_search_au AFTER UPDATE OF {', '.join(plain)} ON sessions "
                       f"WHEN ({changed}){unless_deferred('new.id')} "
                       f"BEGIN {_reindex_session('new.id', document)} END")
            db.execute("CREATE TRIGGER sessions_search_ad BEFORE DELETE ON sessions BEGIN "
                       "DELETE FROM session_search WHERE rowid = old.rowid; END")
            continue
        for suffix, event, row, when in (
            ("ai", "INSERT", "new", " OR ".join(f"new.{c} != {empty[c]}" for c in plain)),
            ("au", f"UPDATE OF {', '.join(plain)}", "new", changed),
            ("ad", "DELETE", "old", " OR ".join(f"old.{c} != {empty[c]}" for c in plain)),
        ):
            condition = f"({when}){unless_deferred(f'{row}.session_id')}" if deferrable else when
            db.execute(f"CREATE TRIGGER {table}_search_{suffix} AFTER {event} ON {table} WHEN {condition} "
                       f"BEGIN {_reindex_session(f'{row}.session_id', document)} END")


def _searched(db: sqlite_utils.Database) -> dict[str, tuple[str, ...]]:
    """SEARCH_COLUMNS, or schema 7's for a database before schema 13 (tests and migrations
    write such databases with this code)."""
    return SEARCH_COLUMNS if "follow_up_note" in db["actions"].columns_dict else SEARCH_COLUMNS_V7


def reindex_session(db: sqlite_utils.Database, session_id: str) -> None:
    """Rebuild one session's search document (after a write that deferred its triggers)."""
    db.execute("DELETE FROM session_search WHERE rowid = (SELECT rowid FROM sessions WHERE id = ?)",
               [session_id])
    db.execute(f"INSERT INTO session_search(rowid, body) {search_document_sql(_searched(db))} "
               "WHERE s.id = ?", [session_id])


def rebuild_search(db: sqlite_utils.Database) -> None:
    """Rebuild every search document (after VACUUM, which may renumber rowids)."""
    db.execute("DELETE FROM session_search")
    db.execute(f"INSERT INTO session_search(rowid, body) {search_document_sql(_searched(db))}")


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
            params.append(stored_theme(theme))  # a starting theme in either language: its key
        if search is not None:
            query = fts_query(search)
            if query is not None:
                where.append("s.rowid IN (" + SEARCH_SQL + ")")
                params.append(query)
        column = SORTABLE.get(order, "s.date")
        sql = session_list_sql(where, column, "DESC" if descending else "ASC", limit)
        return [SessionSummary(**row) for row in self.db.query(sql, params)]

    def distinct_values(self, column: str) -> list[str]:
        """Teams, protocols or facilitators that occur, for filters."""
        if column not in ("team", "protocol_id", "facilitator"):
            raise ValueError(column)
        return [r[column] for r in self.db.query(
            f"SELECT DISTINCT {column} FROM sessions WHERE {column} != '' ORDER BY {column}")]
