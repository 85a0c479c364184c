"""A quick look at the latest sessions for the first screen, with nothing but `sqlite3`.

The store proper (sqlite-utils, the pydantic models, the schema check and migrations) takes a
few hundred milliseconds to import and open; the home screen shows its latest sessions from
this read-only look first, and from the store once that is open. Also the one place that
writes the session list's SQL, so both read the same rows.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


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


COLUMNS = "s.id, s.date, s.team, s.protocol_id, s.case_title, s.facilitator, s.status"
OPEN_ACTIONS = ("(SELECT COUNT(*) FROM actions a WHERE a.session_id = s.id AND a.done = 0) "
                "AS open_actions")


def session_list_sql(where: list[str], column: str, direction: str, limit: int | None) -> str:
    """The session list: `where` (all true), sorted by `column` then creation, up to `limit`.
    The open action points are counted for the rows of the page only (the page is chosen
    first), unless the list is sorted by that count."""
    ordering = f" ORDER BY {column} {direction}, s.created_at {direction}"
    page = f" LIMIT {int(limit)}" if limit else ""
    condition = " AND ".join(where)
    if column == "open_actions":  # sorted by the count: every match needs it
        return f"SELECT {COLUMNS}, {OPEN_ACTIONS} FROM sessions s WHERE {condition}{ordering}{page}"
    return (f"SELECT {COLUMNS}, {OPEN_ACTIONS} FROM sessions s WHERE s.rowid IN "
            f"(SELECT s.rowid FROM sessions s WHERE {condition}{ordering}{page}){ordering}")


def latest_sessions(path: Path, limit: int = 20) -> list[SessionSummary] | None:
    """The newest `limit` sessions in the database at `path`, read-only; None when it cannot
    be read so (no file yet, not a database, another layout): the store will say why."""
    if not Path(path).is_file():
        return None
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return None
    try:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(session_list_sql(["1 = 1"], "s.date", "DESC", limit)).fetchall()
        return [SessionSummary(**dict(row)) for row in rows]
    except (sqlite3.Error, TypeError):
        return None
    finally:
        conn.close()
