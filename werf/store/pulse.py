"""The team's pulse in the database (schema 16 on): per session only the team's totals, in
`pulses` (instrument, how many answered) and `pulse_totals` (per statement the sum of the
answers). What is kept and why: werf/pulse.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from werf.models import PulseTotals, Revision
from werf.store.base import StoreBase


class PulseMixin(StoreBase):
    """Writing and reading the team's pulse; part of `Store`."""

    def _has_pulse_tables(self) -> bool:
        return "pulses" in self.db.table_names()  # schema 16 on

    def _write_pulse(self, session_id: str, pulse: PulseTotals | None) -> None:
        if not self._has_pulse_tables():
            return
        self.db.execute("DELETE FROM pulse_totals WHERE session_id = ?", [session_id])
        self.db.execute("DELETE FROM pulses WHERE session_id = ?", [session_id])
        if pulse is None:
            return
        self.db.execute("INSERT INTO pulses (session_id, instrument, respondents) VALUES (?, ?, ?)",
                        [session_id, pulse.instrument, pulse.respondents])
        self.db.conn.executemany("INSERT INTO pulse_totals (session_id, item, total) VALUES (?, ?, ?)",
                            [(session_id, item, total)
                             for item, total in enumerate(pulse.totals, start=1)])

    def save_pulse(self, session_id: str, pulse: PulseTotals,
                   revision: Revision | None = None) -> None:
        """The team's totals of a session's pulse, in one transaction."""
        with self.atomic():
            self._write_pulse(session_id, pulse)
            self._stamp(session_id, revision)

    def _read_pulse(self, session_id: str) -> PulseTotals | None:
        if not self._has_pulse_tables():
            return None
        row = self.db.execute("SELECT instrument, respondents FROM pulses WHERE session_id = ?",
                              [session_id]).fetchone()
        if row is None:
            return None
        totals = [r[0] for r in self.db.execute(
            "SELECT total FROM pulse_totals WHERE session_id = ? ORDER BY item", [session_id])]
        return PulseTotals(instrument=row[0], respondents=row[1], totals=totals)

    def sessions_since_pulse(self, team: str, day: date, session_id: str) -> int:
        """The team's sessions (other than `session_id`) held up to `day` since the date of
        its latest session with a pulse; all of them when it never took one."""
        since = "''"
        if self._has_pulse_tables():
            since = ("COALESCE((SELECT MAX(s.date) FROM sessions s JOIN pulses p "
                     "ON p.session_id = s.id WHERE s.team = :team AND s.id != :id), '')")
        row = self.db.execute(
            f"SELECT COUNT(*) FROM sessions WHERE team = :team AND id != :id AND date <= :day "
            f"AND date > {since}", {"team": team, "id": session_id, "day": day.isoformat()}
        ).fetchone()
        return int(row[0])

    def pulse_rows(self, selected: str, params: list[Any]) -> list[tuple[Any, ...]]:
        """Per team, month and statement: (team, "YYYY-MM", statement, sum of the answers,
        answers, sessions), for the sessions of `selected` (a `WITH sel AS (…)` clause)."""
        if not self._has_pulse_tables():
            return []
        return list(self.db.execute(
            selected + "SELECT sel.team, substr(sel.date, 1, 7) AS m, t.item, SUM(t.total), "
            "SUM(p.respondents), COUNT(*) FROM pulses p JOIN sel ON sel.id = p.session_id "
            "JOIN pulse_totals t ON t.session_id = p.session_id "
            "GROUP BY sel.team, m, t.item ORDER BY sel.team, m, t.item", params).fetchall())
