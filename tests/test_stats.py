"""Coordinator figures: exact numbers for a small hand-made set, and no case content."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from werf.demo import demo_sessions
from werf.models import Action, Note, Participant, PhaseRecord, RecordKind, RoleId, Session, SessionStatus
from werf.protocols import load_catalog
from werf.stats import TeamStats, compute_stats
from werf.store import Store

TODAY = date(2026, 2, 1)
CB, FAC = RoleId.CASE_BRINGER, RoleId.FACILITATOR


def phase(index: int, phase_id: str, planned: int, elapsed: float, visited: bool = True) -> PhaseRecord:
    return PhaseRecord(index=index, phase_id=phase_id, planned_seconds=planned,
                       elapsed_seconds=elapsed, visited=visited)


def session(team: str, held: date, protocol_id: str, facilitator: str,
            people: list[tuple[str, list[RoleId]]], *, finished: bool = True,
            phases: list[PhaseRecord] | None = None,
            actions: list[Action] | None = None) -> Session:
    return Session(
        protocol_id=protocol_id, protocol_version=1, team=team, date=held,
        facilitator=facilitator,
        case_title=f"Geheime casus {team} {held}", question=f"Geheime vraag {held}?",
        status=SessionStatus.FINISHED if finished else SessionStatus.RUNNING,
        participants=[Participant(name=name, roles=roles) for name, roles in people],
        phases=phases or [],
        notes=[Note(phase_index=0, kind=RecordKind.QUESTION, text=f"Geheime notitie {held}")],
        actions=actions or [],
    )


def action(text: str, *, due: date | None = None, done: bool = False) -> Action:
    return Action(phase_index=0, text=text, owner="buurvrouw Jansen", due=due, done=done,
                  done_on=due if done else None)


@pytest.fixture
def store() -> Store:
    store = Store.memory()
    sessions = [
        session("Noord", date(2026, 1, 10), "werf", "Fatima",
                [("Fatima", [FAC]), ("Bram", [CB]), ("Chantal", [])],
                phases=[phase(0, "opening", 300, 360), phase(1, "case", 600, 500),
                        phase(2, "questions", 900, 0, visited=False)],
                actions=[action("Geheim actiepunt een", due=date(2026, 1, 17), done=True),
                         action("Geheim actiepunt twee", due=date(2026, 1, 20))]),
        # Names typed differently: "chantal " and "bram" are Chantal and Bram.
        session("Noord", date(2026, 1, 24), "werf", "Chantal",
                [("chantal ", [FAC]), ("Eva", [CB]), ("bram", [])],
                phases=[phase(0, "opening", 300, 240), phase(1, "case", 660, 700),
                        phase(2, "questions", 900, 0, visited=False)],
                actions=[action("Geheim actiepunt drie", due=date(2026, 3, 1))]),
        # Not finished: held and counted, but its times are not.
        session("Noord", date(2026, 3, 5), "solution_focused", "Bram",
                [("Bram", [FAC]), ("Eva", [CB])], finished=False,
                phases=[phase(0, "request", 300, 900)],
                actions=[action("Geheim actiepunt vier")]),
        session("Zuid", date(2026, 2, 1), "incident", "Gijs",
                [("Gijs", [FAC]), ("Hanna", [CB])],
                phases=[phase(0, "introduction", 300, 420)],
                actions=[action("Geheim actiepunt vijf", due=date(2026, 1, 1), done=True)]),
        # Before the period.
        session("Noord", date(2025, 12, 1), "werf", "Fatima",
                [("Fatima", [FAC]), ("Dirk", [CB])],
                actions=[action("Geheim actiepunt zes", due=date(2025, 12, 8))]),
    ]
    for one in sessions:
        store.save_session(one)
    return store


def test_exact_figures_for_one_team_and_period(store: Store) -> None:
    stats = compute_stats(store, team="Noord", since=date(2026, 1, 1), until=date(2026, 12, 31),
                          catalog=load_catalog(), today=TODAY)
    assert stats.team == "Noord" and stats.teams == ["Noord"]
    assert stats.period.since == date(2026, 1, 1) and stats.period.until == date(2026, 12, 31)
    assert stats.period.first_session == date(2026, 1, 10)
    assert stats.period.last_session == date(2026, 3, 5)
    assert (stats.sessions_held, stats.sessions_finished) == (3, 2)
    assert stats.sessions_per_month == [("2026-01", 2), ("2026-02", 0), ("2026-03", 1)] + [
        (f"2026-{month:02d}", 0) for month in range(4, 13)
    ]
    assert stats.participants_distinct == 4
    assert stats.participants_per_session_avg == 2.67  # 8 seats in 3 sessions
    assert stats.attendance == {"Bram": 3, "Chantal": 2, "Eva": 2, "Fatima": 1}
    assert list(stats.attendance) == ["Bram", "Chantal", "Eva", "Fatima"]
    assert stats.case_bringers == {"Eva": 2, "Bram": 1}
    assert list(stats.case_bringers) == ["Eva", "Bram"]
    assert stats.facilitators == {"Bram": 1, "Chantal": 1, "Fatima": 1}
    assert stats.protocols == {"werf": 2, "solution_focused": 1}
    timing = [(t.protocol_id, t.phase_id, t.position, t.sessions, t.planned_minutes_avg,
               t.actual_minutes_avg, t.overrun_share, t.protocol_minutes, t.runs_over)
              for t in stats.phase_timing]
    assert timing == [
        ("werf", "opening", 0, 2, 5.0, 5.0, 0.5, 5.0, False),
        ("werf", "case", 1, 2, 10.5, 10.0, 0.5, 10.0, False),
    ]
    assert (stats.actions_made, stats.actions_done, stats.actions_open,
            stats.actions_overdue) == (4, 1, 3, 1)


def test_all_teams_open_period(store: Store) -> None:
    stats = compute_stats(store, today=TODAY)
    assert stats.team is None and stats.teams == ["Noord", "Zuid"]
    assert (stats.sessions_held, stats.sessions_finished) == (5, 4)
    assert stats.period.since is None and stats.period.first_session == date(2025, 12, 1)
    # From the first to the last session's month, months without sessions included.
    assert stats.sessions_per_month == [("2025-12", 1), ("2026-01", 2), ("2026-02", 1),
                                        ("2026-03", 1)]
    assert stats.participants_distinct == 7
    assert stats.case_bringers == {"Eva": 2, "Bram": 1, "Dirk": 1, "Hanna": 1}
    assert stats.facilitators == {"Fatima": 2, "Bram": 1, "Chantal": 1, "Gijs": 1}
    assert stats.protocols == {"werf": 3, "incident": 1, "solution_focused": 1}
    # Without a catalog phases keep their recorded order; the protocol's minutes are unknown.
    assert [(t.protocol_id, t.phase_id, t.protocol_minutes) for t in stats.phase_timing] == [
        ("werf", "opening", None), ("werf", "case", None), ("incident", "introduction", None),
    ]
    incident = stats.phase_timing[2]
    assert (incident.actual_minutes_avg, incident.overrun_share, incident.runs_over) == (7.0, 1.0, True)
    # Overdue: "twee" (due 1-20) and "zes" (due 12-8); "vijf" is done, "drie" due later,
    # "vier" has no due date.
    assert (stats.actions_made, stats.actions_done, stats.actions_open,
            stats.actions_overdue) == (6, 2, 4, 2)


def test_today_decides_what_is_overdue(store: Store) -> None:
    assert compute_stats(store, team="Noord", today=date(2026, 1, 1)).actions_overdue == 1
    assert compute_stats(store, team="Noord", today=date(2026, 3, 2)).actions_overdue == 3


def test_period_bounds_are_inclusive(store: Store) -> None:
    stats = compute_stats(store, since=date(2026, 1, 10), until=date(2026, 1, 24), today=TODAY)
    assert stats.sessions_held == 2
    assert stats.sessions_per_month == [("2026-01", 2)]


def test_nothing_found() -> None:
    empty = compute_stats(Store.memory(), today=TODAY)
    assert empty.sessions_held == 0 and empty.sessions_per_month == []
    assert empty.participants_per_session_avg == 0.0 and empty.phase_timing == []
    stats = compute_stats(Store.memory(), team="Nergens", since=date(2026, 1, 15),
                          until=date(2026, 3, 1), today=TODAY)
    assert stats.sessions_per_month == [("2026-01", 0), ("2026-02", 0), ("2026-03", 0)]
    assert stats.actions_made == 0 and stats.teams == []
    backwards = compute_stats(Store.memory(), since=date(2026, 3, 1), until=date(2026, 1, 1),
                              today=TODAY)
    assert backwards.sessions_per_month == []


def test_json_holds_no_case_content(store: Store) -> None:
    sessions = list(demo_sessions(12, today=date(2026, 11, 24)))
    for one in sessions:
        store.save_session(one)
    sessions += [s for s in (store.load_session(r.id) for r in store.list_sessions()) if s]
    stats = compute_stats(store, catalog=load_catalog(), today=TODAY)
    text = json.dumps(stats.model_dump(mode="json"), ensure_ascii=False)
    assert TeamStats.model_validate_json(text) == stats
    secrets = set()
    for one in sessions:
        people = {p.name.strip() for p in one.participants}
        secrets |= {one.case_title, one.question}
        secrets |= {note.text for note in one.notes}
        secrets |= {a.text for a in one.actions}
        secrets |= {a.owner for a in one.actions if a.owner and a.owner not in people}
    assert "Geheime casus Noord 2026-01-10" in secrets and "buurvrouw" in secrets
    for secret in secrets:
        assert secret not in text, secret
    assert "Geheim" not in text and "buurvrouw" not in text


def test_demo_sessions_add_up() -> None:
    store = Store.memory()
    for one in demo_sessions(60, today=date(2026, 11, 24)):
        store.save_session(one)
    stats = compute_stats(store, catalog=load_catalog(), today=date(2026, 11, 24))
    assert stats.sessions_held == stats.sessions_finished == 60
    assert sum(count for _month, count in stats.sessions_per_month) == 60
    assert sum(stats.protocols.values()) == 60 == sum(stats.facilitators.values())
    assert sum(stats.case_bringers.values()) == 60  # one case bringer per demo session
    assert stats.actions_made == stats.actions_done + stats.actions_open
    by_team = [compute_stats(store, team=team, today=date(2026, 11, 24)) for team in store.teams()]
    assert sum(s.sessions_held for s in by_team) == 60
    assert sum(s.actions_overdue for s in by_team) == stats.actions_overdue
    for timing in stats.phase_timing:
        assert timing.sessions == stats.protocols[timing.protocol_id]
        assert 0 <= timing.overrun_share <= 1
        assert timing.planned_minutes_avg == timing.protocol_minutes


def test_stats_never_imports_textual() -> None:
    code = "import sys, werf.stats; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_figures_survive_the_retention_purge() -> None:
    """Removing case content of old sessions leaves every figure as it was."""
    store = Store.memory()
    for one in demo_sessions(30, today=date(2026, 11, 24)):
        store.save_session(one)
    catalog = load_catalog()
    before = compute_stats(store, catalog=catalog, today=date(2026, 11, 24))
    assert store.purge_before(date(2026, 9, 1)).count > 0
    assert compute_stats(store, catalog=catalog, today=date(2026, 11, 24)) == before


def test_all_sessions_read_without_the_selection_count_as_with_it(store: Store) -> None:
    """With no team and no dates the child tables are read alone (no join to the selected
    sessions): the same figures as with bounds that take in every session."""
    for one in demo_sessions(12, today=TODAY):
        store.save_session(one)
    open_ = compute_stats(store, catalog=load_catalog(), today=TODAY)
    bounded = compute_stats(store, since=date(1900, 1, 1), until=date(2999, 12, 31),
                            catalog=load_catalog(), today=TODAY)
    assert open_.sessions_held == 17 and open_.sessions_per_theme and open_.actions_overdue
    skip = {"period", "sessions_per_month"}  # the bounds asked for, and the months they span
    assert open_.model_dump(exclude=skip) == bounded.model_dump(exclude=skip)


def test_the_figures_walk_sessions_and_phases_in_order_on_covering_indexes() -> None:
    """Schema 18: the phase timing reads the sessions and their phases from two covering
    indexes in session-id order (no table rows, no lookups in random order) and the people
    come grouped by name from an index, so the figures grow linearly (bench/stats_ratio.py)."""
    store = Store.memory()
    for one in demo_sessions(3, today=TODAY):
        store.save_session(one)
    seen: list[tuple[str, list]] = []  # type: ignore[type-arg]
    execute = store.db.execute
    store.db.execute = lambda sql, params=(): seen.append((sql, params)) or execute(sql, params)  # type: ignore[method-assign,assignment,func-returns-value]
    store.figure_rows(today=TODAY)

    def plan(part: str) -> str:
        sql, params = next((sql, params) for sql, params in seen if part in sql)
        return " | ".join(row[3] for row in execute("EXPLAIN QUERY PLAN " + sql, params))

    phases = plan("phases ph")
    assert phases.startswith("SCAN sessions USING COVERING INDEX idx_sessions_figures"), phases
    assert "SEARCH ph USING COVERING INDEX idx_phases_figures" in phases, phases
    people = plan("FROM participants p")
    assert "idx_participants_figures" in people and "FOR GROUP BY" not in people, people
    seen.clear()  # a team or a period: its sessions first, then their rows; left to choose on
    # a large database, SQLite walked the whole name index instead (50,000 sessions, one
    # year: 409 ms against 3 ms), which a small one cannot show: the order is fixed in SQL
    store.figure_rows(team=store.teams()[0], since=date(2026, 1, 1), today=TODAY)
    for part in ("phases ph", "participants p", "actions a", "session_themes t"):
        assert f"FROM sel CROSS JOIN {part} ON" in next(sql for sql, _ in seen if part in sql)
        assert plan(part).startswith("SEARCH sessions USING INDEX"), plan(part)
