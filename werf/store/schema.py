"""The schema: its tables, the migrations that build it, its version, and the copy of an
existing database taken before a migration changes it.

Migration n brings the schema from version n-1 to n. A file written by a newer werf is
refused with a clear message and left exactly as it was.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import sqlite_utils

from werf.i18n import N_
from werf.network import resident_words
from werf.paths import make_private_dir
from werf.store.base import StoreBase, StoreError
from werf.store.schema_figures import _figures_indexes_v18
from werf.store.schema_meeting import (
    _closing_round_v14,
    _follow_up_v13,
    _minutes_to_file_v15,
    _note_speaker_v17,
    _pulse_v16,
    _roster_v12,
)
from werf.store.search import (
    SEARCH_COLUMNS_V7,
    SESSION_TEXT_SQL,
    _reindex_session,
    _search_triggers,
    search_document_sql,
)
from werf.theme_list import stored_theme

SCHEMA_VERSION = 18


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
    _search_triggers(db, SEARCH_COLUMNS_V7)  # in place of schema 5's (sessions, notes, actions)
    db.execute("DELETE FROM session_search")
    db.execute(f"INSERT INTO session_search(rowid, body) {search_document_sql(SEARCH_COLUMNS_V7)}")


def _language_neutral_data_v8(db: sqlite_utils.Database) -> None:
    """Data is language-neutral: a starting theme saved in the screen's language
    ("mantelzorg", "informal care") becomes its key ("informal_care") in the sessions' themes
    and the teams' lists, so the two count as one; an action point the resident carries no
    longer stores "de bewoner" / "the resident" as its "who" (it is shown translated).
    Where a session or list held a starting theme in both languages, one row is kept."""
    for table, owner in (("session_themes", "session_id"), ("team_themes", "team")):
        for row in list(db.query(f"SELECT rowid, {owner} AS owner, theme FROM {table}")):
            key = stored_theme(row["theme"])
            if key == row["theme"]:
                continue
            taken = db.execute(f"SELECT 1 FROM {table} WHERE {owner} = ? AND theme = ?",
                               [row["owner"], key]).fetchone()
            if taken:
                db.execute(f"DELETE FROM {table} WHERE rowid = ?", [row["rowid"]])
            else:
                db.execute(f"UPDATE {table} SET theme = ? WHERE rowid = ?", [key, row["rowid"]])
    words = resident_words()
    for row in list(db.query("SELECT id, owner FROM actions WHERE owner_kind = 'resident' "
                             "AND owner != ''")):
        if row["owner"].strip().casefold() in words:
            db.execute("UPDATE actions SET owner = '' WHERE id = ?", [row["id"]])


def _search_once_per_session_write_v9(db: sqlite_utils.Database) -> None:
    """Import indexes a session once, not once per note: the search triggers stand still
    for a session listed in `search_deferred` (only ever inside the transaction that writes
    the whole session, which then rebuilds its document once). The same documents as schema
    8; importing 2,000 notes went from quadratic (58x the time of 250) to linear."""
    db.execute("CREATE TABLE search_deferred (session_id TEXT PRIMARY KEY)")
    _search_triggers(db, SEARCH_COLUMNS_V7, deferrable=True)


def _tombstones_v10(db: sqlite_utils.Database) -> None:
    """A purged or deleted session stays so: `tombstones` remembers each one (its id, how it
    went: 'purged' or 'deleted', and when), and import (later also the shared folder's sync)
    refuses an archive of it, older or newer. Sessions purged before this schema get theirs."""
    db.execute("CREATE TABLE tombstones (session_id TEXT PRIMARY KEY, kind TEXT NOT NULL "
               "CHECK (kind IN ('purged', 'deleted')), at TEXT NOT NULL)")
    db.execute("INSERT INTO tombstones (session_id, kind, at) "
               "SELECT id, 'purged', purged_at FROM sessions WHERE purged_at IS NOT NULL")


def _shared_folder_v11(db: sqlite_utils.Database) -> None:
    """The shared folder (werf.shared_folder): tombstones of deleted and purged sessions
    (made by migration 10; `IF NOT EXISTS` for a database that got it first), each record's version vector
    and content hash as last synced, the conflicts that wait for a person, this
    laptop's own id (`sync_state`), and per session the digest of its shared file and the
    local revision as of the last sync, so a sync skips what changed on neither side."""
    db.execute("CREATE TABLE IF NOT EXISTS tombstones (session_id TEXT PRIMARY KEY, "
               "kind TEXT NOT NULL, at TEXT NOT NULL)")
    db.execute("""CREATE TABLE sync_records (
            session_id TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL,
            versions TEXT NOT NULL, PRIMARY KEY (session_id, key))""")
    db.execute("""CREATE TABLE sync_conflicts (
            id TEXT PRIMARY KEY, session_id TEXT NOT NULL, key TEXT NOT NULL,
            mine TEXT, theirs TEXT, theirs_versions TEXT NOT NULL, found_at TEXT NOT NULL,
            UNIQUE (session_id, key))""")
    db.execute("CREATE TABLE sync_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE TABLE sync_marks (session_id TEXT PRIMARY KEY, digest TEXT NOT NULL, "
               "local TEXT NOT NULL)")


# Migration n brings the schema from version n-1 to n. Append; never edit one that shipped.
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: _create_v1,
    2: _add_sensitive_names_v2,
    3: _add_search_v3,
    4: _add_timer_state_v4,
    5: _search_per_session_v5,
    6: _network_and_themes_v6,
    7: _search_all_case_content_v7,
    8: _language_neutral_data_v8,
    9: _search_once_per_session_write_v9,
    10: _tombstones_v10,
    11: _shared_folder_v11,
    12: _roster_v12,
    13: _follow_up_v13,
    14: _closing_round_v14,
    15: _minutes_to_file_v15,
    16: _pulse_v16,
    17: _note_speaker_v17,
    18: _figures_indexes_v18,
}


def _create_private_file(path: Path) -> None:
    make_private_dir(path.parent)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)



class SchemaMixin(StoreBase):
    """Creating and migrating the schema; part of `Store`."""

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
