"""Migration 18: indexes that let the coordinator's figures (werf/store/figures.py) read
their rows in order, so their time grows with the data and no faster (issue 16).

The phase timing joins each finished session to its visited phases. Without these indexes
SQLite finds the sessions by status, looks each one's phases up in the phases' key and reads
every phase row from the table: lookups in random order, which cost more per row as the
tables outgrow the caches (10,000 → 50,000 sessions: 5.9× the time). With a covering index
on each side it walks both in session-id order and never reads the tables. The people's
figures group by the name as trimmed: an index on that expression hands SQLite the rows
already grouped, instead of sorting them all.
"""

from __future__ import annotations

import sqlite_utils


def _figures_indexes_v18(db: sqlite_utils.Database) -> None:
    db.execute("CREATE INDEX IF NOT EXISTS idx_sessions_figures "
               "ON sessions(id, status, protocol_id)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_phases_figures ON phases(session_id, visited, "
               "phase_id, idx, planned_seconds, elapsed_seconds)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_participants_figures "
               "ON participants(trim(name), attendance, session_id, roles)")
