"""Storage: one SQLite database through sqlite-utils, with a schema version and migrations.

Every write is one short transaction, so a note is on disk as soon as it is saved. The
database file is created readable by its owner only. A file that is not a werf database, or
one written by a newer werf, is refused with a clear message and left exactly as it was.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from pydantic import BaseModel

from werf.i18n import N_, UserError
from werf.models import (
    Action,
    NetworkMember,
    Note,
    Participant,
    PhaseRecord,
    Session,
    SessionStatus,
    case_fields,
    utc_now,
)
from werf.paths import make_private_dir

SCHEMA_VERSION = 7
SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(UserError):
    """A database problem, with a message in the user's language."""


@dataclass(frozen=True)
class SessionSummary:
    """One line of the session list."""

    id: str
    date: str
    team: str
    protocol_id: str
    case_title: str
    facilitator: str
    status: str
    open_actions: int


@dataclass(frozen=True)
class OpenAction:
    """An action point that is not done yet, with the session it came from."""

    action: Action
    session_id: str
    session_date: str
    team: str


def _create_v1(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE sessions (
            id TEXT PRIMARY KEY, protocol_id TEXT NOT NULL, protocol_version INTEGER NOT NULL,
            team TEXT NOT NULL, date TEXT NOT NULL, facilitator TEXT NOT NULL,
            case_title TEXT NOT NULL DEFAULT '', question TEXT NOT NULL DEFAULT '',
            lang TEXT NOT NULL DEFAULT 'nl', status TEXT NOT NULL,
            current_phase INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL, finished_at TEXT, revision INTEGER NOT NULL DEFAULT 1)"""
    )
    db.execute(
        """CREATE TABLE participants (
            id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id),
            position INTEGER NOT NULL, name TEXT NOT NULL, roles TEXT NOT NULL DEFAULT '[]')"""
    )
    db.execute(
        """CREATE TABLE phases (
            session_id TEXT NOT NULL REFERENCES sessions(id), idx INTEGER NOT NULL,
            phase_id TEXT NOT NULL, planned_seconds INTEGER NOT NULL,
            elapsed_seconds REAL NOT NULL DEFAULT 0, visited INTEGER NOT NULL DEFAULT 0,
            round_number INTEGER NOT NULL DEFAULT 1, turns TEXT NOT NULL DEFAULT '[]',
            draft TEXT NOT NULL DEFAULT '', PRIMARY KEY (session_id, idx))"""
    )
    db.execute(
        """CREATE TABLE notes (
            id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id),
            phase_index INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE actions (
            id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id),
            phase_index INTEGER NOT NULL, text TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '',
            due TEXT, done INTEGER NOT NULL DEFAULT 0, done_on TEXT,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"""
    )
    db.execute("CREATE INDEX idx_sessions_team_date ON sessions(team, date)")
    db.execute("CREATE INDEX idx_sessions_status ON sessions(status)")
    db.execute("CREATE INDEX idx_participants_session ON participants(session_id)")
    db.execute("CREATE INDEX idx_notes_session ON notes(session_id)")
    db.execute("CREATE INDEX idx_actions_session ON actions(session_id)")


def _add_sensitive_names_v2(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE sessions ADD COLUMN sensitive_names TEXT NOT NULL DEFAULT '[]'")


FTS_SOURCES = {
    # Schema 3's search, one FTS table per content table (history: migration 5 dropped them;
    # what the search holds now is SEARCH_COLUMNS, from the models' case-content declaration).
    # FTS table: (content table, indexed columns)
    "sessions_fts": ("sessions", ("case_title", "question")),
    "notes_fts": ("notes", ("text",)),
    "actions_fts": ("actions", ("text", "owner")),
}


def _add_search_v3(db: sqlite_utils.Database) -> None:
    """Full-text search (FTS5) over case titles, questions, notes and actions.

    External-content tables over the rows themselves, kept in sync by triggers, so the
    text is stored once. `purged_at` marks sessions whose case content was removed.
    """
    db.execute("ALTER TABLE sessions ADD COLUMN purged_at TEXT")
    db.execute("CREATE INDEX idx_sessions_date ON sessions(date)")
    db.execute("CREATE INDEX idx_actions_open ON actions(done, due)")
    for fts, (table, columns) in FTS_SOURCES.items():
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        db.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', "
            "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
        )
        db.execute(
            f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new}); END"
        )
        db.execute(
            f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); END"
        )
        db.execute(
            f"CREATE TRIGGER {table}_au AFTER UPDATE OF {cols} ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new}); END"
        )
        db.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _add_timer_state_v4(db: sqlite_utils.Database) -> None:
    """Whether the timer runs, and when that was saved: the room display runs it on."""
    db.execute("ALTER TABLE sessions ADD COLUMN timer_running INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE sessions ADD COLUMN timer_saved_at REAL")
    # the open-actions count per listed session must not walk every open action
    db.execute("CREATE INDEX idx_actions_session_done ON actions(session_id, done)")


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
SEARCH_COLUMNS = SEARCH_COLUMNS_V7  # what the search holds in the current schema


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


def _search_triggers(db: sqlite_utils.Database, columns: dict[str, tuple[str, ...]]) -> None:
    """Triggers that keep each session's search document to `columns`: a row's change
    rebuilds its session's document, only when a text in it changes (progress saves rewrite
    the phases many times a minute)."""
    document = search_document_sql(columns)
    for table, names in columns.items():
        plain = [name.removesuffix("[]") for name in names]
        empty = {name.removesuffix("[]"): "'[]'" if name.endswith("[]") else "''" for name in names}
        changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in plain)
        if table == "sessions":
            db.execute(f"CREATE TRIGGER sessions_search_ai AFTER INSERT ON sessions BEGIN "
                       f"{_reindex_session('new.id', document)} END")
            db.execute(f"CREATE TRIGGER sessions_search_au AFTER UPDATE OF {', '.join(plain)} ON sessions "
                       f"WHEN {changed} BEGIN {_reindex_session('new.id', document)} END")
            db.execute("CREATE TRIGGER sessions_search_ad BEFORE DELETE ON sessions BEGIN "
                       "DELETE FROM session_search WHERE rowid = old.rowid; END")
            continue
        for suffix, event, row, when in (
            ("ai", "INSERT", "new", " OR ".join(f"new.{c} != {empty[c]}" for c in plain)),
            ("au", f"UPDATE OF {', '.join(plain)}", "new", changed),
            ("ad", "DELETE", "old", " OR ".join(f"old.{c} != {empty[c]}" for c in plain)),
        ):
            db.execute(f"CREATE TRIGGER {table}_search_{suffix} AFTER {event} ON {table} WHEN {when} "
                       f"BEGIN {_reindex_session(f'{row}.session_id', document)} END")


def _search_per_session_v5(db: sqlite_utils.Database) -> None:
    """One search document per session instead of one per note.

    A search then returns sessions directly (at most one row per session, not one per
    matching note), which keeps search-as-you-type under 50 ms with 200,000 notes; all
    words must occur in the session, in any of its texts.
    """
    for fts, (table, _columns) in FTS_SOURCES.items():
        for suffix in ("ai", "ad", "au"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
        db.execute(f"DROP TABLE IF EXISTS {fts}")
    db.execute(
        "CREATE VIRTUAL TABLE session_search USING fts5(body, "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    for table, watched in (("notes", "text"), ("actions", "text, owner")):
        db.execute(f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN "
                   f"{_reindex_session('new.session_id')} END")
        db.execute(f"CREATE TRIGGER {table}_search_au AFTER UPDATE OF {watched} ON {table} BEGIN "
                   f"{_reindex_session('new.session_id')} END")
        db.execute(f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN "
                   f"{_reindex_session('old.session_id')} END")
    db.execute(f"CREATE TRIGGER sessions_search_ai AFTER INSERT ON sessions BEGIN "
               f"{_reindex_session('new.id')} END")
    db.execute(f"CREATE TRIGGER sessions_search_au AFTER UPDATE OF case_title, question "
               f"ON sessions BEGIN {_reindex_session('new.id')} END")
    db.execute("CREATE TRIGGER sessions_search_ad BEFORE DELETE ON sessions BEGIN "
               "DELETE FROM session_search WHERE rowid = old.rowid; END")
    db.execute(f"INSERT INTO session_search(rowid, body) {SESSION_TEXT_SQL}")


def _network_and_themes_v6(db: sqlite_utils.Database) -> None:
    """The resident's network per session, who carries an action point, and themes: each
    session's themes and each team's own list of them."""
    db.execute("ALTER TABLE actions ADD COLUMN owner_kind TEXT NOT NULL DEFAULT 'professional'")
    db.execute("ALTER TABLE actions ADD COLUMN network_member_id TEXT")
    db.execute(
        """CREATE TABLE network_members (
            id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id),
            position INTEGER NOT NULL, relation TEXT NOT NULL, circle TEXT NOT NULL,
            support TEXT NOT NULL DEFAULT '[]', strength TEXT NOT NULL,
            availability TEXT NOT NULL, involved INTEGER NOT NULL DEFAULT 0)"""
    )
    db.execute("CREATE INDEX idx_network_session ON network_members(session_id)")
    db.execute(
        """CREATE TABLE session_themes (
            session_id TEXT NOT NULL REFERENCES sessions(id), position INTEGER NOT NULL,
            theme TEXT NOT NULL, PRIMARY KEY (session_id, theme))"""
    )
    db.execute("CREATE INDEX idx_session_themes_theme ON session_themes(theme)")
    db.execute(
        """CREATE TABLE team_themes (
            team TEXT NOT NULL, position INTEGER NOT NULL, theme TEXT NOT NULL,
            PRIMARY KEY (team, theme))"""
    )


def _search_all_case_content_v7(db: sqlite_utils.Database) -> None:
    """The search document holds every case-content column (SEARCH_COLUMNS_V7): also the
    network's relations, the sensitive names and the drafts, which schema 5 left out."""
    for table in ("sessions", "notes", "actions"):
        for suffix in ("ai", "au", "ad"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")
    _search_triggers(db, SEARCH_COLUMNS_V7)
    db.execute("DELETE FROM session_search")
    db.execute(f"INSERT INTO session_search(rowid, body) {search_document_sql(SEARCH_COLUMNS_V7)}")


def rebuild_search(db: sqlite_utils.Database) -> None:
    """Rebuild every search document (after VACUUM, which may renumber rowids)."""
    db.execute("DELETE FROM session_search")
    db.execute(f"INSERT INTO session_search(rowid, body) {search_document_sql(SEARCH_COLUMNS)}")


# Migration n brings the schema from version n-1 to n. Append; never edit one that shipped.
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: _create_v1,
    2: _add_sensitive_names_v2,
    3: _add_search_v3,
    4: _add_timer_state_v4,
    5: _search_per_session_v5,
    6: _network_and_themes_v6,
    7: _search_all_case_content_v7,
}


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


def _check_is_sqlite(path: Path) -> None:
    """Refuse a file that is not SQLite before sqlite3 touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(N_("{path} is not a werf database (not an SQLite file)."), path=path)


def _is_lock_error(exc: sqlite3.DatabaseError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _create_private_file(path: Path) -> None:
    make_private_dir(path.parent)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


class Store:
    """The session database. Use it from one thread: the thread that opened it."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None = None) -> None:
        self.db = db
        self.path = path
        self.backup_path: Path | None = None

    # --- opening -----------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, timeout: float = 5.0) -> Store:
        """Open (creating or migrating) the database at `path`.

        Another werf starting on the same file at the same moment can hold a lock that
        SQLite's busy handler does not wait for (switching to WAL, upgrading a read lock):
        opening is then retried until `timeout`, and only after that reported as in use.
        """
        path = Path(path)
        _check_is_sqlite(path)
        _create_private_file(path)
        deadline = time.monotonic() + timeout
        while True:
            try:
                return cls._open_once(path, timeout)
            except sqlite3.OperationalError as exc:
                if not _is_lock_error(exc) or time.monotonic() >= deadline:
                    raise cls._open_error(path, exc) from exc
                time.sleep(0.05)
            except sqlite3.DatabaseError as exc:
                raise cls._open_error(path, exc) from exc

    @classmethod
    def _open_once(cls, path: Path, timeout: float) -> Store:
        conn = sqlite3.connect(str(path), timeout=timeout)
        try:
            db = sqlite_utils.Database(conn)
            db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            store = cls(db, path)
            store._prepare()
        except BaseException:
            conn.close()  # a clean close removes the -wal/-shm files SQLite made
            raise
        return store

    @staticmethod
    def _open_error(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
        if _is_lock_error(exc):
            return StoreError(
                N_("The database {path} is in use by another program; try again."), path=path
            )
        return StoreError(
            N_("The database {path} is damaged or unreadable: {detail}"),
            path=path,
            detail=str(exc),
        )

    @classmethod
    def memory(cls) -> Store:
        store = cls(sqlite_utils.Database(memory=True))
        store._prepare()
        return store

    def _prepare(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                N_(
                    "The database {path} was written by a newer werf (schema {found}, this "
                    "werf knows {known}); update werf."
                ),
                path=self.path or ":memory:",
                found=version,
                known=SCHEMA_VERSION,
            )
        self.backup_path = self._backup_before_migration(version)
        if self.path is not None:
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA secure_delete = ON")
        self._migrate(version)

    def schema_version(self) -> int:
        if "schema_version" not in self.db.table_names():
            if self.db.table_names():
                raise StoreError(
                    N_("{path} is an SQLite database, but not one of werf."),
                    path=self.path or ":memory:",
                )
            return 0
        row = self.db.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _backup_before_migration(self, current: int) -> Path | None:
        """Copy an existing database aside before its schema changes (owner-only file)."""
        if self.path is None or current == 0 or current >= SCHEMA_VERSION:
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.schema{current}-{stamp}.bak")
        _create_private_file(backup)
        target = sqlite3.connect(str(backup))
        try:
            self.db.conn.backup(target)
        finally:
            target.close()
        return backup

    def _migrate(self, current: int) -> None:
        """Bring the schema up to date, holding the write lock so two werfs cannot race."""
        if current >= SCHEMA_VERSION:
            return
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = self.schema_version()  # another werf may have migrated meanwhile
            for version in range(current + 1, SCHEMA_VERSION + 1):
                if version == 1:
                    conn.execute(
                        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)"
                    )
                MIGRATIONS[version](self.db)
                conn.execute("INSERT INTO schema_version VALUES (?, datetime('now'))", [version])
        except BaseException:
            conn.rollback()
            raise
        conn.commit()

    def close(self) -> None:
        self.db.conn.close()

    # --- writing -----------------------------------------------------------------------
    def _upsert(self, table: str, row: dict[str, Any], key: tuple[str, ...] = ("id",)) -> None:
        """Insert a row or update it in place (children keep their foreign keys)."""
        columns = list(row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
        self.db.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}",
            list(row.values()),
        )

    def save_session(self, session: Session) -> None:
        """Write a whole session in one transaction: header, people, phases, notes, actions.

        Notes and actions no longer in the session are removed, so saving a newer revision
        (an import, a correction) leaves exactly that revision behind.
        """
        with self.db.conn:
            self._write_header(session)
            self.db.execute("DELETE FROM participants WHERE session_id = ?", [session.id])
            for position, p in enumerate(session.participants):
                self._upsert("participants", {
                    "id": p.id,
                    "session_id": session.id,
                    "position": position,
                    "name": p.name,
                    "roles": json.dumps([str(role) for role in p.roles]),
                })
            self._write_phases(session)
            self._write_network(session.id, session.network)
            self._write_themes(session.id, session.themes)
            self._delete_missing("notes", session.id, [n.id for n in session.notes])
            self._delete_missing("actions", session.id, [a.id for a in session.actions])
            for note in session.notes:
                self._write_note(session.id, note)
            for action in session.actions:
                self._write_action(session.id, action)

    def _write_network(self, session_id: str, network: list[NetworkMember]) -> None:
        self.db.execute("DELETE FROM network_members WHERE session_id = ?", [session_id])
        for position, member in enumerate(network):
            self._upsert("network_members", {
                "id": member.id,
                "session_id": session_id,
                "position": position,
                "relation": member.relation,
                "circle": str(member.circle),
                "support": json.dumps([str(kind) for kind in member.support]),
                "strength": str(member.strength),
                "availability": str(member.availability),
                "involved": int(member.involved),
            })

    def _write_themes(self, session_id: str, themes: list[str]) -> None:
        self.db.execute("DELETE FROM session_themes WHERE session_id = ?", [session_id])
        for position, theme in enumerate(dict.fromkeys(themes)):
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
        self._upsert("sessions", {
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
        })

    def _write_phases(self, session: Session) -> None:
        self.db.execute("DELETE FROM phases WHERE session_id = ? AND idx >= ?",
                        [session.id, len(session.phases)])
        for record in session.phases:
            self._upsert(
                "phases",
                {
                    "session_id": session.id,
                    "idx": record.index,
                    "phase_id": record.phase_id,
                    "planned_seconds": record.planned_seconds,
                    "elapsed_seconds": record.elapsed_seconds,
                    "visited": int(record.visited),
                    "round_number": record.round_number,
                    "turns": json.dumps([turn.model_dump() for turn in record.turns]),
                    "draft": record.draft,
                },
                key=("session_id", "idx"),
            )

    def _write_note(self, session_id: str, note: Note) -> None:
        self._upsert("notes", {
            "id": note.id,
            "session_id": session_id,
            "phase_index": note.phase_index,
            "kind": str(note.kind),
            "text": note.text,
            "created_at": note.created_at.isoformat(),
            "updated_at": note.updated_at.isoformat(),
        })

    def _write_action(self, session_id: str, action: Action) -> None:
        self._upsert("actions", {
            "id": action.id,
            "session_id": session_id,
            "phase_index": action.phase_index,
            "text": action.text,
            "owner": action.owner,
            "owner_kind": str(action.owner_kind),
            "network_member_id": action.network_member_id,
            "due": action.due.isoformat() if action.due else None,
            "done": int(action.done),
            "done_on": action.done_on.isoformat() if action.done_on else None,
            "created_at": action.created_at.isoformat(),
            "updated_at": action.updated_at.isoformat(),
        })

    # --- reading -----------------------------------------------------------------------
    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, list(params))
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def load_session(self, session_id: str) -> Session | None:
        rows = self._rows("SELECT * FROM sessions WHERE id = ?", [session_id])
        if not rows:
            return None
        data = rows[0]
        data["sensitive_names"] = json.loads(data["sensitive_names"])
        data["participants"] = [
            Participant(id=r["id"], name=r["name"], roles=json.loads(r["roles"]))
            for r in self._rows(
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
            for r in self._rows("SELECT * FROM phases WHERE session_id = ? ORDER BY idx", [session_id])
        ]
        data["network"] = [
            NetworkMember(id=r["id"], relation=r["relation"], circle=r["circle"],
                          support=json.loads(r["support"]), strength=r["strength"],
                          availability=r["availability"], involved=bool(r["involved"]))
            for r in self._rows(
                "SELECT * FROM network_members WHERE session_id = ? ORDER BY position", [session_id]
            )
        ]
        data["themes"] = [r["theme"] for r in self._rows(
            "SELECT theme FROM session_themes WHERE session_id = ? ORDER BY position", [session_id])]
        data["notes"] = [
            Note.model_validate(r)
            for r in self._rows(
                "SELECT * FROM notes WHERE session_id = ? ORDER BY created_at, rowid", [session_id]
            )
        ]
        data["actions"] = [
            Action.model_validate(r)
            for r in self._rows(
                "SELECT * FROM actions WHERE session_id = ? ORDER BY created_at, rowid",
                [session_id],
            )
        ]
        return Session.model_validate(data)

    def timer_state(self, session_id: str) -> tuple[bool, float | None]:
        """Whether the session's timer was running at its last save, and when that was."""
        row = self.db.execute(
            "SELECT timer_running, timer_saved_at FROM sessions WHERE id = ?", [session_id]
        ).fetchone()
        return (bool(row[0]), row[1]) if row else (False, None)

    def unfinished_session(self) -> Session | None:
        """The most recently touched session that was not finished, if any."""
        rows = self._rows(
            "SELECT id FROM sessions WHERE status = ? ORDER BY updated_at DESC LIMIT 1",
            [str(SessionStatus.RUNNING)],
        )
        return self.load_session(rows[0]["id"]) if rows else None

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
        return [SessionSummary(**row) for row in self._rows(sql, params)]

    def distinct_values(self, column: str) -> list[str]:
        """Teams, protocols or facilitators that occur, for filters."""
        if column not in ("team", "protocol_id", "facilitator"):
            raise ValueError(column)
        return [r[column] for r in self._rows(
            f"SELECT DISTINCT {column} FROM sessions WHERE {column} != '' ORDER BY {column}")]

    # --- corrections, actions, retention ---------------------------------------------
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

    def all_open_actions(self, team: str | None = None) -> list[OpenAction]:
        """Open action points of every session (or one team), overdue first, by owner."""
        where, params = ("AND s.team = ? ", [team]) if team else ("", [])
        return self._open_actions(where, params, "a.due IS NULL, a.due, s.team, a.owner")

    def _open_actions(self, where: str, params: list[Any], order: str) -> list[OpenAction]:
        rows = self._rows(
            "SELECT a.*, s.id AS sid, s.date AS sdate, s.team AS steam FROM actions a "
            f"JOIN sessions s ON s.id = a.session_id WHERE a.done = 0 {where}ORDER BY {order}",
            params,
        )
        return [OpenAction(action=Action.model_validate(row), session_id=row["sid"],
                           session_date=row["sdate"], team=row["steam"]) for row in rows]

    def set_sensitive_names(self, session_id: str, names: list[str]) -> int:
        """Change the names to hide on export; the revision goes up. Returns it."""
        with self.db.conn:
            self.db.execute("UPDATE sessions SET sensitive_names = ? WHERE id = ?",
                            [json.dumps(names, ensure_ascii=False), session_id])
            return self._bump_revision(session_id)

    def purge_before(self, before: date) -> int:
        """Remove case content of sessions held before `before`; keep what the figures need.

        What goes is what the models declare case content, where CASE_TABLES says it is
        stored: notes and the network are deleted; the case title, question, sensitive names,
        drafts, and action texts and owners are blanked. Team, date, protocol, people and
        roles, themes, timings, action counts and who carried them (professional, resident,
        network) stay.
        """
        with self.db.conn:
            ids = [r[0] for r in self.db.execute(
                "SELECT id FROM sessions WHERE date < ? AND purged_at IS NULL "
                "AND status = 'finished'", [before.isoformat()]).fetchall()]
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
        if ids:
            self.scrub()
        return len(ids)

    def delete_session(self, session_id: str) -> bool:
        """Delete one session and everything recorded in it, for good."""
        with self.db.conn:
            for table in ("notes", "actions", "phases", "participants", "network_members",
                          "session_themes"):
                self.db.execute(f"DELETE FROM {table} WHERE session_id = ?", [session_id])
            gone = self.db.execute("DELETE FROM sessions WHERE id = ?", [session_id]).rowcount
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

    def open_actions(self, team: str, exclude_session: str | None = None) -> list[OpenAction]:
        """Action points of the team that are not done, oldest session first."""
        return self._open_actions("AND s.team = ? AND s.id != ? ", [team, exclude_session or ""],
                                  "s.date, a.created_at")

    # --- themes ------------------------------------------------------------------------
    def team_themes(self, team: str) -> list[str] | None:
        """The team's own list of themes, or None when the team never saved one."""
        rows = self._rows("SELECT theme FROM team_themes WHERE team = ? ORDER BY position", [team])
        return [r["theme"] for r in rows] if rows else None

    def set_team_themes(self, team: str, themes: list[str]) -> None:
        """Replace the team's list. Sessions keep the themes they were given."""
        with self.db.conn:
            self.db.execute("DELETE FROM team_themes WHERE team = ?", [team])
            for position, theme in enumerate(dict.fromkeys(t.strip() for t in themes if t.strip())):
                self.db.execute("INSERT INTO team_themes (team, position, theme) VALUES (?, ?, ?)",
                                [team, position, theme])

    def themes_in_use(self, team: str | None = None) -> list[str]:
        """Themes that sessions (of one team, or all) were given, for filters."""
        if not team:  # from the index on theme alone
            return [r["theme"] for r in self._rows(
                "SELECT DISTINCT theme FROM session_themes ORDER BY theme")]
        return [r["theme"] for r in self._rows(
            "SELECT DISTINCT t.theme FROM session_themes t JOIN sessions s ON s.id = t.session_id "
            "WHERE s.team = ? ORDER BY t.theme", [team])]

    def session_ids_with_theme(self, theme: str, team: str | None = None) -> list[str]:
        """Sessions given `theme` (of one team, or all), newest first."""
        where, params = ("AND s.team = ? ", [theme, team]) if team else ("", [theme])
        return [r["id"] for r in self._rows(
            "SELECT s.id FROM sessions s JOIN session_themes t ON t.session_id = s.id "
            f"WHERE t.theme = ? {where}ORDER BY s.date DESC, s.created_at DESC", params)]

    def session_ids_without_theme(self, team: str | None = None) -> list[str]:
        where, params = ("AND s.team = ? ", [team]) if team else ("", [])
        return [r["id"] for r in self._rows(
            "SELECT s.id FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM session_themes t "
            f"WHERE t.session_id = s.id) {where}ORDER BY s.date DESC, s.created_at DESC", params)]

    def teams(self) -> list[str]:
        return [r["team"] for r in self._rows("SELECT DISTINCT team FROM sessions ORDER BY team")]

    def count_sessions(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0])
