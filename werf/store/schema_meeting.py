"""Migrations 12-17: the meeting as teams run it (issue 15) — the team's roster and who came,
the follow-up of earlier action points, the closing round, minutes fit to file, the team's
pulse, and who said each note of a round."""

from __future__ import annotations

import sqlite_utils

from werf.store.search import SEARCH_COLUMNS_V13, _search_triggers


def _roster_v12(db: sqlite_utils.Database) -> None:
    """The team's roster and who came: each participant's attendance (present, absent,
    apologies; everyone before this schema was at the table) and `team_members`, the team's
    own list of colleagues that setup offers (filled from each team's latest session)."""
    db.execute("ALTER TABLE participants ADD COLUMN attendance TEXT NOT NULL DEFAULT 'present'")
    db.execute("CREATE TABLE team_members (team TEXT NOT NULL, position INTEGER NOT NULL, "
               "name TEXT NOT NULL, PRIMARY KEY (team, name))")
    db.execute(
        "INSERT OR IGNORE INTO team_members (team, position, name) "
        "SELECT s.team, p.position, p.name FROM participants p JOIN sessions s ON s.id = p.session_id "
        "WHERE s.id = (SELECT s2.id FROM sessions s2 WHERE s2.team = s.team "
        "ORDER BY s2.date DESC, s2.created_at DESC LIMIT 1) AND trim(p.name) != ''")


def _follow_up_v13(db: sqlite_utils.Database) -> None:
    """The follow-up of action points at a later session's opening: on the action point its
    outcome (done, under_way, dropped), day and one line of what happened (case content, so
    searched: SEARCH_COLUMNS_V13); on the review note of the later session, the outcome."""
    db.execute("ALTER TABLE actions ADD COLUMN follow_up TEXT")
    db.execute("ALTER TABLE actions ADD COLUMN followed_up_on TEXT")
    db.execute("ALTER TABLE actions ADD COLUMN follow_up_note TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE notes ADD COLUMN follow_up TEXT")
    _search_triggers(db, SEARCH_COLUMNS_V13, deferrable=True)


def _closing_round_v14(db: sqlite_utils.Database) -> None:
    """The closing round: per session, each participant's mark (1-10) and one word."""
    db.execute("CREATE TABLE closing_marks (session_id TEXT NOT NULL REFERENCES sessions(id), "
               "participant_id TEXT NOT NULL, position INTEGER NOT NULL, "
               "mark INTEGER NOT NULL CHECK (mark BETWEEN 1 AND 10), word TEXT NOT NULL DEFAULT '', "
               "PRIMARY KEY (session_id, participant_id))")


def _minutes_to_file_v15(db: sqlite_utils.Database) -> None:
    """Where the team met, and whether its minutes are a concept or adopted ("vastgesteld")."""
    db.execute("ALTER TABLE sessions ADD COLUMN location TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE sessions ADD COLUMN minutes_status TEXT NOT NULL DEFAULT 'concept'")


def _pulse_v16(db: sqlite_utils.Database) -> None:
    """The team's pulse (werf/pulse.py): per session only the team's totals — how many
    answered (at least three, or nothing is stored) and per statement the sum of the answers.
    No table has a row per colleague or per answer."""
    db.execute("CREATE TABLE pulses (session_id TEXT PRIMARY KEY REFERENCES sessions(id), "
               "instrument TEXT NOT NULL, respondents INTEGER NOT NULL CHECK (respondents >= 3))")
    db.execute("CREATE TABLE pulse_totals (session_id TEXT NOT NULL REFERENCES sessions(id), "
               "item INTEGER NOT NULL CHECK (item BETWEEN 1 AND 7), total INTEGER NOT NULL, "
               "PRIMARY KEY (session_id, item))")


def _note_speaker_v17(db: sqlite_utils.Database) -> None:
    """Who said it: on each note the participant who had the floor in a round phase (an id
    werf writes itself, never searched; empty for notes made before this schema)."""
    db.execute("ALTER TABLE notes ADD COLUMN speaker_id TEXT")
