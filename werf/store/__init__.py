"""Storage: one SQLite database through sqlite-utils, with a schema version and migrations.

`Store` is one class (screens hand its unbound methods, such as `Store.save_note`, to the
store thread), built from one mixin per concern:

- `schema`: tables, migrations, the schema version, the copy taken before a migration
- `writes`: saving sessions, notes, action points, networks and themes
- `reads`: loading sessions, open action points, themes and teams
- `search`: the full-text index (FTS5) and the session list that searches it
- `retention`: purge, delete, and scrub removed text from the file
- `figures`: the grouped queries behind the coordinator's figures (`werf.stats`)
- `core`: the `Store` class itself, and opening and closing the database file
- `thread`: the one thread that owns the connection; everything else hands it jobs

The names below load on first use (PEP 562): the app imports the store thread at start, and
that must not import sqlite-utils or pydantic before the first screen is drawn.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from werf.store.base import OpenAction as OpenAction
    from werf.store.base import SessionSummary as SessionSummary
    from werf.store.base import StoreError as StoreError
    from werf.store.core import SQLITE_HEADER as SQLITE_HEADER
    from werf.store.core import Store as Store
    from werf.store.schema import FTS_SOURCES as FTS_SOURCES
    from werf.store.schema import MIGRATIONS as MIGRATIONS
    from werf.store.schema import SCHEMA_VERSION as SCHEMA_VERSION
    from werf.store.search import CASE_TABLES as CASE_TABLES
    from werf.store.search import SEARCH_COLUMNS as SEARCH_COLUMNS
    from werf.store.search import SEARCH_SQL as SEARCH_SQL
    from werf.store.search import SESSION_TEXT_SQL as SESSION_TEXT_SQL
    from werf.store.search import SORTABLE as SORTABLE
    from werf.store.search import case_columns as case_columns
    from werf.store.search import fts_query as fts_query
    from werf.store.search import rebuild_search as rebuild_search
    from werf.store.search import search_document_sql as search_document_sql

# public name → the module of this package that defines it
_HOME = {
    "OpenAction": "base", "SessionSummary": "base", "StoreError": "base",
    "SQLITE_HEADER": "core", "Store": "core",
    "FTS_SOURCES": "schema", "MIGRATIONS": "schema", "SCHEMA_VERSION": "schema",
    "SEARCH_SQL": "search", "SESSION_TEXT_SQL": "search", "SORTABLE": "search",
    "fts_query": "search", "rebuild_search": "search", "CASE_TABLES": "search",
    "SEARCH_COLUMNS": "search", "case_columns": "search", "search_document_sql": "search",
}
__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value  # the next lookup does not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})
