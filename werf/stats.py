"""Figures for the coordinator: how a team's intervision went over a period.

Plain Python over the session database, no Textual. `compute_stats` answers with a
`TeamStats` (pydantic, so `stats.model_dump(mode="json")` is the JSON of `werf stats`):
sessions held, attendance, the rota (who brought a case, who facilitated), protocols, planned
against actual minutes per phase, and action points made and done.

The figures hold **no case content**: no case titles, questions, notes, action texts or
action owners are read, only counts, dates, protocol and phase ids, and the names of the
colleagues at the table (participants and facilitators).

Choices, in one place:

- A session belongs to the period when its date lies between `since` and `until`, both
  included; a missing bound leaves that side open. `team` must match exactly (as in
  `werf sessions list --team`); `None` means all teams.
- Every session in the period counts as held, finished or not (an interrupted session did
  take place); `sessions_finished` says how many were closed with F12. Attendance, the rota,
  protocols and action points count all held sessions.
- Timing counts finished sessions only (a running session's phases are not over yet), and
  only phases that were visited (a skipped phase would count as zero minutes). "Planned" is
  the phase's plan as it stood at the end of the session, extensions with F3/F4 included;
  `protocol_minutes` is what the protocol file plans, when a catalog is given. A phase runs
  over when its actual time is more than its planned time.
- `sessions_per_month` runs over every month from `since` (or the first session found) to
  `until` (or the last session found), months without a session as 0, so a sparkline shows
  the gaps.
- People are matched by name, ignoring surrounding spaces and upper/lower case ("bram" and
  "Bram " are one person); the spelling used most often is shown. `attendance` counts the
  sessions each person was at; `participants_per_session_avg` is the number of names at
  the table (the facilitator included) divided by the sessions held.
- The facilitator is the session's facilitator field (every session has exactly one), not
  the facilitator role in the participant list. A case bringer is a participant with the
  role `case_bringer`.
- An action point is overdue when it is not done and its due date lies before `today`.
- `actions_by_carrier` counts action points by who carries them (professional, resident,
  network); `actions_carried_by_network` is the resident's and the network's share together.
  Only the kind is read, never the owner.
- `sessions_per_theme` counts held sessions per theme; a session with two themes counts for
  both, so the counts can add up to more than `sessions_held`. Its keys are the themes as
  stored (a starting theme's key, "informal_care", or a team's own words), so a theme given
  in Dutch and in English counts once; screens and `werf stats` show them translated
  (`werf.theme_list.shown_theme`), `--json` keeps the keys.
- `attendance` counts only the sessions a person was at: a participant marked absent (or
  absent with apologies) in setup is not counted, nor in `participants_per_session_avg`.
- An action point dropped at a later session's follow-up counts in `actions_dropped`, not as
  done and not as open.
- `marks` holds the closing round per team and month: the average mark (1-10, one decimal),
  how many marks and from how many sessions; never anyone's own mark or word.
- `months` holds per team and month the sessions held, the closing round's average mark and
  the team's pulse: its score (1-7, one decimal: the mean of the seven statements' scored
  means over every answer of the month, werf.pulse.team_score) and how many answered; a
  pulse is only ever kept from three answers, and a month shows one only from three.
- `attendance_by_month` counts per team, month and colleague the sessions they were present,
  absent, and absent with apologies (names merged as for `attendance`).
- Everything is counted in SQL (a few grouped queries over the sessions, participants,
  phases and actions tables, in werf/store/figures.py; notes are never read), so the time
  does not grow with the number of notes: about 0.07 s for 10,000 sessions with 200,000
  notes, a few milliseconds for a year of one team, and linear in the sessions (schema
  18's indexes; bench/stats_ratio.py). This module only merges and orders what those
  queries return.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, computed_field

from werf.dates import month_key, month_starts
from werf.models import PULSE_ITEMS, PULSE_MIN_RESPONDENTS, OwnerKind
from werf.protocols import ProtocolCatalog
from werf.pulse import team_score
from werf.store import Store


class Period(BaseModel):
    """The dates asked for (None: open on that side) and the sessions found in them."""

    since: date | None = None
    until: date | None = None
    first_session: date | None = None
    last_session: date | None = None


class PhaseTiming(BaseModel):
    """Planned against actual minutes of one phase of one protocol, over finished sessions."""

    protocol_id: str
    phase_id: str
    position: int  # the phase's place in its protocol, from 0
    sessions: int  # finished sessions in which the phase was visited
    planned_minutes_avg: float
    actual_minutes_avg: float
    overrun_share: float  # share of those sessions in which the phase ran over, 0..1
    protocol_minutes: float | None = None  # planned by the protocol file, when known

    @computed_field  # type: ignore[prop-decorator]
    @property
    def runs_over(self) -> bool:
        """On average the phase took longer than planned."""
        return self.actual_minutes_avg > self.planned_minutes_avg


class MarkFigure(BaseModel):
    """The closing round's marks of one team in one month: only the average and counts."""

    team: str
    month: str  # "YYYY-MM"
    average: float  # rounded to one decimal
    marks: int
    sessions: int


class TeamMonth(BaseModel):
    """One team in one month: sessions, the closing round's marks, and the team's pulse (only
    where at least three answered). None: no mark or no pulse that month."""

    team: str
    month: str  # "YYYY-MM"
    sessions: int
    mark_average: float | None = None  # 1-10, one decimal
    marks: int = 0
    pulse: float | None = None  # 1-7, one decimal, higher is safer
    pulse_answers: int = 0  # colleagues who answered, over the month's pulses
    pulse_sessions: int = 0


class MemberMonth(BaseModel):
    """One colleague of one team in one month: how often present, absent, with apologies."""

    team: str
    month: str
    name: str
    present: int
    absent: int
    apologies: int


class TeamStats(BaseModel):
    """The coordinator's figures for one team (or all) over one period."""

    period: Period
    team: str | None = None  # None: all teams
    teams: list[str] = Field(default_factory=list)  # the teams whose sessions were counted
    today: date
    sessions_held: int = 0
    sessions_finished: int = 0
    sessions_per_month: list[tuple[str, int]] = Field(default_factory=list)  # ("YYYY-MM", n)
    participants_distinct: int = 0
    participants_per_session_avg: float = 0.0
    attendance: dict[str, int] = Field(default_factory=dict)  # name → sessions attended
    case_bringers: dict[str, int] = Field(default_factory=dict)  # name → cases brought
    facilitators: dict[str, int] = Field(default_factory=dict)  # name → sessions facilitated
    protocols: dict[str, int] = Field(default_factory=dict)  # protocol id → sessions
    phase_timing: list[PhaseTiming] = Field(default_factory=list)
    actions_made: int = 0
    actions_done: int = 0
    actions_open: int = 0
    actions_dropped: int = 0  # dropped at a later session's follow-up: neither done nor open
    actions_overdue: int = 0
    # who carries the action points: "professional", "resident", "network" → count
    actions_by_carrier: dict[str, int] = Field(default_factory=dict)
    sessions_per_theme: dict[str, int] = Field(default_factory=dict)  # theme → sessions
    marks: list[MarkFigure] = Field(default_factory=list)  # the closing round, per team and month
    months: list[TeamMonth] = Field(default_factory=list)  # per team and month, by team
    attendance_by_month: list[MemberMonth] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def actions_carried_by_network(self) -> int:
        """Action points carried by the resident or their network, not by a professional."""
        return sum(n for kind, n in self.actions_by_carrier.items()
                   if kind != str(OwnerKind.PROFESSIONAL))


def compute_stats(
    store: Store,
    *,
    team: str | None = None,
    since: date | None = None,
    until: date | None = None,
    catalog: ProtocolCatalog | None = None,
    today: date | None = None,
) -> TeamStats:
    """The figures of `team` (all teams when None) for sessions dated `since`..`until`.

    Only reads. `catalog` orders the phases as their protocol does and adds the minutes the
    protocol plans; `today` (default: the system date) decides which action points are
    overdue. See the module docstring for what counts how.
    """
    today = today or date.today()
    found = store.figure_rows(team=team, since=since, until=until, today=today)
    held, finished, first, last = found.held, found.finished, found.first, found.last
    stats = TeamStats(
        period=Period(
            since=since,
            until=until,
            first_session=date.fromisoformat(first) if first else None,
            last_session=date.fromisoformat(last) if last else None,
        ),
        team=team,
        today=today,
        sessions_held=held,
        sessions_finished=finished,
    )
    if not held:
        stats.sessions_per_month = _months({}, since, until)
        return stats
    stats.teams = found.teams
    per_month = found.per_month
    stats.sessions_per_month = _months(per_month, since or date.fromisoformat(first),
                                       until or date.fromisoformat(last))

    # People: counted per spelling in SQL, spellings of one name merged here (a few hundred).
    people, facilitated = found.people, found.facilitated
    spelling = _spellings([(name, attended) for name, _s, attended, _b in people] + facilitated)
    stats.attendance = _merge_names(((name, attended) for name, _s, attended, _b in people),
                                    spelling)
    stats.participants_distinct = len(stats.attendance)
    stats.participants_per_session_avg = round(sum(r[1] for r in people) / held, 2)
    stats.case_bringers = _merge_names(((name, brought) for name, _s, _a, brought in people
                                        if brought), spelling)
    stats.facilitators = _merge_names(facilitated, spelling)
    stats.protocols = {pid: count for pid, count in found.protocols}
    stats.phase_timing = _phase_timing(found.phases, stats.protocols, catalog)

    made, done, overdue, dropped = found.actions
    stats.actions_made, stats.actions_done, stats.actions_dropped = made, done, dropped
    stats.actions_open, stats.actions_overdue = made - done - dropped, overdue
    carried = found.carried
    stats.actions_by_carrier = {str(kind): carried.get(str(kind), 0) for kind in OwnerKind}
    stats.sessions_per_theme = {theme: count for theme, count in found.themes}
    stats.marks = [MarkFigure(team=team, month=month, average=round(average, 1), marks=count,
                              sessions=sessions)
                   for team, month, average, count, sessions in found.marks]
    stats.months = _team_months(found.team_months, stats.marks, found.pulse)
    stats.attendance_by_month = [
        MemberMonth(team=team, month=month, name=name, present=present, absent=absent,
                    apologies=apologies)
        for (team, month, name), (present, absent, apologies) in _merge_members(
            found.attendance, {**_spellings((row[2], sum(row[3:])) for row in found.attendance),
                               **spelling}).items()]
    return stats


def _team_months(sessions: list[tuple[Any, ...]], marks: list[MarkFigure],
                 pulse: list[tuple[Any, ...]]) -> list[TeamMonth]:
    """Sessions, marks and pulse per team and month, in one list."""
    months = {(team, month): TeamMonth(team=team, month=month, sessions=count)
              for team, month, count in sessions}
    for mark in marks:
        months[mark.team, mark.month].mark_average = mark.average
        months[mark.team, mark.month].marks = mark.marks
    totals: dict[tuple[str, str], dict[int, tuple[int, int, int]]] = {}
    for team, month, item, total, answers, held in pulse:
        totals.setdefault((team, month), {})[item] = (total, answers, held)
    for key, items in totals.items():
        answers, held = items[1][1], items[1][2]
        if len(items) != PULSE_ITEMS or answers < PULSE_MIN_RESPONDENTS:
            continue
        month_figure = months[key]
        month_figure.pulse = round(team_score([items[i][0] for i in sorted(items)], answers), 1)
        month_figure.pulse_answers, month_figure.pulse_sessions = answers, held
    return list(months.values())


def _merge_members(rows: list[tuple[Any, ...]], spelling: dict[str, str]
                   ) -> dict[tuple[str, str, str], tuple[int, int, int]]:
    """Attendance per team, month and colleague, the spellings of one name added up."""
    merged: dict[tuple[str, str, str], tuple[int, int, int]] = {}
    for team, month, name, present, absent, apologies in rows:
        key = (team, month, spelling.get(name.casefold(), name))
        before = merged.get(key, (0, 0, 0))
        merged[key] = (before[0] + present, before[1] + absent, before[2] + apologies)
    return merged


def sparkline(values: Iterable[float | None], low: float, high: float) -> str:
    """A small chart in block characters, one per value from `low` (▁) to `high` (█); a
    missing value (None) is a space."""
    blocks = "▁▂▃▄▅▆▇█"
    span = (high - low) or 1
    return "".join(" " if value is None else blocks[max(0, min(len(blocks) - 1, round(
        (value - low) / span * (len(blocks) - 1))))] for value in values)


def _spellings(counts: Iterable[tuple[str, int]]) -> dict[str, str]:
    """For each name (case folded) the spelling counted most; alphabetically first on a tie."""
    found: dict[str, Counter[str]] = {}
    for name, count in counts:
        found.setdefault(name.casefold(), Counter())[name] += count
    return {key: min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]
            for key, spellings in found.items()}


def _merge_names(counts: Iterable[tuple[str, int]], spelling: dict[str, str]) -> dict[str, int]:
    """Add up the counts of the spellings of one name: most counted first, then by name."""
    totals: Counter[str] = Counter()
    for name, count in counts:
        totals[spelling.get(name.casefold(), name)] += count
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0].casefold(), item[0])))


def _months(per_month: dict[str, int], start: date | None, end: date | None) -> list[tuple[str, int]]:
    """Every month from `start` to `end` with its count, months without sessions as 0."""
    if start is None or end is None or start > end:
        return sorted(per_month.items())
    keys = [month_key(month) for month in month_starts(start, end)]
    return [(key, per_month.get(key, 0)) for key in keys]


def _phase_timing(
    found: list[tuple[Any, ...]], protocols: dict[str, int], catalog: ProtocolCatalog | None
) -> list[PhaseTiming]:
    """One entry per protocol and phase: protocols as often used first, phases in order."""
    timings: list[PhaseTiming] = []
    for protocol_id, phase_id, position, sessions, planned, actual, overruns in found:
        protocol = catalog.get(protocol_id) if catalog else None
        minutes: float | None = None
        if protocol is not None:
            for index, phase in enumerate(protocol.phases):
                if phase.id == phase_id:
                    position, minutes = index, phase.minutes
        timings.append(PhaseTiming(
            protocol_id=protocol_id,
            phase_id=phase_id,
            position=position,
            sessions=sessions,
            planned_minutes_avg=round(planned / 60, 2),
            actual_minutes_avg=round(actual / 60, 2),
            overrun_share=round(overruns / sessions, 3),
            protocol_minutes=minutes,
        ))
    order = {pid: rank for rank, pid in enumerate(protocols)}
    timings.sort(key=lambda t: (order.get(t.protocol_id, len(order)), t.protocol_id, t.position,
                                t.phase_id))
    return timings
