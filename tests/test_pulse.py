"""The team's pulse (issue 15): Edmondson's seven statements, answered one colleague after
another; only the team's totals are kept, and only when at least three answered."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from werf.i18n import set_language
from werf.models import PulseTotals, SessionStatus
from werf.pulse import STATEMENTS, PulseRound, item_scores, pulse_due, score_of, team_score
from werf.recorder import Recorder, direct_sink
from werf.store import Store

from .helpers import make_session, protocol

# three colleagues' answers, and two of an earlier try with too few
FIRST, SECOND, THIRD = [1, 2, 3, 4, 5, 6, 7], [7, 6, 5, 4, 3, 2, 1], [2, 6, 2, 6, 2, 6, 2]
TOO_FEW = ([3, 5, 3, 5, 3, 5, 3], [6, 1, 6, 1, 6, 1, 6])


def _taken(*people: list[int]) -> PulseRound:
    pulse = PulseRound()
    for answers in people:
        for value in answers:
            pulse.answer(value)
    return pulse


# --- the scale and its scoring ----------------------------------------------------------


def test_the_scale_is_edmondsons_with_the_published_reverse_scored_statements() -> None:
    assert [s.number for s in STATEMENTS] == [1, 2, 3, 4, 5, 6, 7]
    assert [s.number for s in STATEMENTS if s.reverse] == [1, 3, 5]
    assert STATEMENTS[0].text.en == "If you make a mistake on this team, it is often held against you."
    assert STATEMENTS[3].text.nl == "Het is veilig om in dit team een risico te nemen."
    # the safest answers: agree with the positive statements, disagree with the negative ones
    safest = [1 if s.reverse else 7 for s in STATEMENTS]
    assert team_score([3 * v for v in safest], 3) == 7.0
    assert team_score([3 * (8 - v) for v in safest], 3) == 1.0
    assert item_scores([9] * 7, 3) == [5.0, 3.0, 5.0, 3.0, 5.0, 3.0, 3.0]


def test_a_round_keeps_sums_only_and_a_colleague_who_stops_counts_for_nothing() -> None:
    pulse = _taken(FIRST, SECOND)
    for value in (5, 5, 5):
        pulse.answer(value)
    pulse.drop_current()  # the third colleague stops halfway
    assert pulse.respondents == 2 and pulse.result() is None  # too few: nothing at all
    pulse = _taken(FIRST, SECOND, THIRD)
    result = pulse.result()
    assert result is not None and result.respondents == 3
    assert result.totals == [10, 14, 10, 14, 10, 14, 10]
    assert round(score_of(result), 2) == 4.48
    with pytest.raises(ValueError):
        pulse.answer(8)


def test_totals_of_fewer_than_three_or_that_no_answers_add_up_to_are_refused() -> None:
    with pytest.raises(ValidationError):
        PulseTotals(respondents=2, totals=[8] * 7)  # an archive cannot carry two people's sums
    with pytest.raises(ValidationError):
        PulseTotals(respondents=3, totals=[22] * 7)  # more than 3 × 7
    with pytest.raises(ValidationError):
        PulseTotals(respondents=3, totals=[9] * 6)


def test_the_pulse_is_due_every_n_sessions_of_the_team() -> None:
    assert not pulse_due(10, None) and not pulse_due(10, 0)
    assert pulse_due(0, 1)
    assert [pulse_due(since, 4) for since in range(5)] == [False, False, False, True, True]
    store = Store.memory()
    first = make_session()
    sessions = []
    for weeks in range(5):
        session = make_session()
        session.date = first.date + timedelta(weeks=weeks)
        store.save_session(session)
        sessions.append(session)
    other = make_session(team="Wijkteam Zuid")
    store.save_session(other)
    now = sessions[-1]
    assert store.sessions_since_pulse(now.team, now.date, now.id) == 4
    Recorder(sessions[1], direct_sink(store)).take_pulse(_taken(FIRST, SECOND, THIRD))
    assert store.sessions_since_pulse(now.team, now.date, now.id) == 2  # the 3rd and 4th
    assert store.sessions_since_pulse(other.team, other.date, other.id) == 0


# --- stored: the team's totals only -----------------------------------------------------


def test_the_recorder_keeps_totals_once_and_nothing_below_three(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "werf.db")
    session = make_session()
    store.save_session(session)
    record = Recorder(session, direct_sink(store))
    assert record.take_pulse(_taken(*TOO_FEW)) is None and session.pulse is None
    kept = record.take_pulse(_taken(FIRST, SECOND, THIRD))
    assert kept is not None and session.pulse == kept
    assert record.take_pulse(_taken(FIRST, THIRD, SECOND)) is None  # one per session
    loaded = store.load_session(session.id)
    assert loaded is not None and loaded.pulse == kept
    # the coordinator's archive carries the team's totals, and they come back from it
    from werf.exchange import archive_bytes, archive_for, document_from

    archive = archive_bytes(archive_for(loaded, "coordinator"))
    assert b'"respondents": 3' in archive
    back = document_from(archive)
    assert back.session.pulse == kept  # type: ignore[union-attr]
    # a whole session written again (an import) keeps it; the figures stay after a purge
    store.save_session(loaded, replace=True)
    store.purge_sessions([session.id], now=0, wait=lambda _s: None)
    purged = store.load_session(session.id)
    assert purged is not None and purged.pulse == kept
    store.delete_session(session.id, wait=lambda _s: None)
    assert store.db.execute("SELECT COUNT(*) FROM pulse_totals").fetchone() == (0,)


def test_a_correction_after_finishing_counts_as_one_revision() -> None:
    store = Store.memory()
    session = make_session()
    session.status = SessionStatus.FINISHED
    store.save_session(session)
    Recorder(session, direct_sink(store)).take_pulse(_taken(FIRST, SECOND, THIRD))
    loaded = store.load_session(session.id)
    assert loaded is not None and loaded.revision == 2 and loaded.pulse is not None


def _patterns(answers: list[int]) -> list[bytes]:
    """How one colleague's seven answers could sit in a file: digits in a row, or a list."""
    return [pattern.encode() for pattern in (
        "".join(map(str, answers)), ",".join(map(str, answers)), ", ".join(map(str, answers)))]


def _individual_answers_in(blob: bytes, people: list[list[int]]) -> list[list[int]]:
    return [answers for answers in people if any(p in blob for p in _patterns(answers))]


def test_the_scan_for_individual_answers_can_find_them() -> None:
    assert _individual_answers_in(b'..."draft": "1234567"...', [FIRST, SECOND]) == [FIRST]
    assert _individual_answers_in(b"[7, 6, 5, 4, 3, 2, 1]", [FIRST, SECOND]) == [SECOND]


async def test_a_pulse_of_two_shows_nothing_of_three_the_score_and_no_one_s_answers_are_kept(
        tmp_path: Path) -> None:
    """One app start for the pulse and the figures screen that shows it."""
    from textual.widgets import Input

    from werf.screens.figures import FiguresScreen
    from werf.screens.pulse import PulseScreen
    from werf.screens.run import RunScreen

    from .pilot import make_app, settle
    from .test_figures_screen import shown

    db = tmp_path / "werf.db"
    _two_teams_over_two_months(db)  # for the figures at the end (their pulses: totals only)
    app = make_app(db)
    app.config.pulse_every = 1
    session = make_session()
    everyone = [FIRST, SECOND, THIRD, *TOO_FEW]

    async def answer(*people: list[int]) -> None:
        for answers in people:  # "Answer" (Enter): the next colleague starts, then 7 answers
            await pilot.press("enter")
            field = app.screen.query_one("#pulse-answer", Input)
            for value in answers:  # as typed and entered (a key each costs a frame each)
                field.value = str(value)
                await field.action_submit()
            await pilot.pause()
        await settle(pilot)

    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        app.push_screen(RunScreen(protocol(), session, new=True))
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen) and run.pulse_due
        await pilot.press("ctrl+z")  # only in the last phase
        await settle(pilot)
        assert app.screen is run
        run.engine.go_to(len(run.engine.phases) - 1)
        run.show_phase()
        assert "pulse is due" in str(run.query_one("#phase-guide").content)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert isinstance(app.screen, PulseScreen)
        await pilot.press("enter")
        field = app.screen.query_one("#pulse-answer", Input)
        await pilot.press("9", "4")  # 9 is no answer; 4 is typed, shown only as a dot
        assert field.password and field.has_focus and field.value == "4"
        await pilot.press("escape")  # this colleague stops: the 4 counts for nothing
        await answer(*TOO_FEW)
        await pilot.press("enter", "5", "enter", "escape")  # a third colleague stops after one answer
        await settle(pilot)
        app.store.flush()  # nothing was written while the pulse ran
        assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM pulses WHERE session_id = ?",
                                           [session.id]).fetchone() == (0,)
        await pilot.press("escape")  # the pulse ends with two answers
        await settle(pilot)
        assert app.screen is run and session.pulse is None
        guide = str(run.query_one("#phase-guide").content)
        assert "2 answered, too few for a result" in guide and "of 7" not in guide

        await pilot.press("ctrl+z")  # nothing was kept, so the team may take it again
        await settle(pilot)
        await answer(FIRST, SECOND, THIRD)
        await pilot.press("escape")
        await settle(pilot)
        guide = str(run.query_one("#phase-guide").content)
        assert "Team pulse: 4.5 of 7 (3 answered" in guide
        assert not run.check_action("team_pulse", ())  # once per session
        app.store.flush()
        # every table of the file, and the write-ahead log, as they are now
        tables = {name: sqlite3.connect(db).execute(f"SELECT * FROM [{name}]").fetchall()
                  for (name,) in sqlite3.connect(db).execute(
                      "SELECT name FROM sqlite_master WHERE type = 'table'")}
        wal = db.with_name(db.name + "-wal")
        files = db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")

        await app.push_screen(FiguresScreen())  # this session's pulse joins November's
        await settle(pilot)
        figures = app.screen
        assert isinstance(figures, FiguresScreen)
        meeting = shown(figures, "#figures-meeting")
        attendance = shown(figures, "#figures-attendance")
    assert [row for row in tables["pulses"] if row[0] == session.id] == [
        (session.id, "edmondson1999", 3)]
    assert [row[1:] for row in tables["pulse_totals"] if row[0] == session.id] == [
        (item, total) for item, total in enumerate([10, 14, 10, 14, 10, 14, 10], start=1)]
    assert _individual_answers_in(files, everyone) == []
    for name, rows in tables.items():
        for row in rows:
            text = repr(row).encode()
            assert _individual_answers_in(text, everyone) == [], name
            numbers = [value for value in row if isinstance(value, int)]
            for answers in everyone:  # nobody's seven answers side by side in a row
                assert not any(numbers[i:i + 7] == answers for i in range(len(numbers))), name
    # twelve months up to November 2026: a block for October and November, spaces before
    assert "Marks and team pulse per month, 2025-12 to 2026-11" in meeting
    noord = next(line for line in meeting.splitlines() if "Noord" in line)
    assert "▆▇" in noord and "8.5" in noord and "▅▅" in noord and "4.5" in noord
    zuid = next(line for line in meeting.splitlines() if "Zuid" in line)
    assert " ▄ " in zuid and "5.0" in zuid and "4.3" in zuid
    dirk = [line.split() for line in attendance.splitlines() if line.startswith("Dirk")]
    assert [row[-3:] for row in dirk] == [["2", "-", "1"], ["1", "1", "-"]]  # Noord, Zuid


# --- figures: marks, pulse and attendance per team and month ----------------------------


def _two_teams_over_two_months(db: Path) -> None:
    from datetime import date as day

    from werf.models import Attendance, ClosingMark

    store = Store.open(db)
    plan = [  # team, date, marks, the pulse's colleagues, Dirk and Eva's attendance
        ("Wijkteam Noord", day(2026, 10, 6), [8, 7, 6], [FIRST, SECOND, THIRD],
         (Attendance.APOLOGIES, Attendance.ABSENT)),
        ("Wijkteam Noord", day(2026, 11, 3), [9, 8], [], (Attendance.PRESENT, Attendance.PRESENT)),
        ("Wijkteam Zuid", day(2026, 10, 13), [], [[7] * 7, [7] * 7, [6] * 7, [5] * 7],
         (Attendance.ABSENT, Attendance.PRESENT)),
        ("Wijkteam Zuid", day(2026, 11, 10), [5], [], (Attendance.PRESENT, Attendance.APOLOGIES)),
    ]
    for team, held, marks, pulse, (dirk, eva) in plan:
        session = make_session(team=team)
        session.date, session.status = held, SessionStatus.FINISHED
        session.participants[3].attendance, session.participants[4].attendance = dirk, eva
        session.closing = [ClosingMark(participant_id=p.id, mark=mark)
                           for p, mark in zip(session.participants, marks, strict=False)]
        session.pulse = _taken(*pulse).result() if pulse else None
        store.save_session(session)
    store.close()


def test_stats_json_and_csv_carry_marks_pulse_and_attendance_per_team_and_month(
        tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from werf.cli import main

    db = tmp_path / "werf.db"
    _two_teams_over_two_months(db)

    def werf(*args: str) -> str:
        result = CliRunner().invoke(main, ["--db", str(db), "--lang", "en", *args], obj={})
        assert result.exit_code == 0, result.output
        return result.stdout

    figures = json.loads(werf("stats", "--json"))
    assert figures["months"] == [
        {"team": "Wijkteam Noord", "month": "2026-10", "sessions": 1, "mark_average": 7.0,
         "marks": 3, "pulse": 4.5, "pulse_answers": 3, "pulse_sessions": 1},
        {"team": "Wijkteam Noord", "month": "2026-11", "sessions": 1, "mark_average": 8.5,
         "marks": 2, "pulse": None, "pulse_answers": 0, "pulse_sessions": 0},
        # 7, 7, 6, 5 on every statement: 6.25 on the four positive ones, 8 - 6.25 on 1, 3, 5
        {"team": "Wijkteam Zuid", "month": "2026-10", "sessions": 1, "mark_average": None,
         "marks": 0, "pulse": 4.3, "pulse_answers": 4, "pulse_sessions": 1},
        {"team": "Wijkteam Zuid", "month": "2026-11", "sessions": 1, "mark_average": 5.0,
         "marks": 1, "pulse": None, "pulse_answers": 0, "pulse_sessions": 0}]
    attendance = {(m["team"], m["month"], m["name"]): (m["present"], m["absent"], m["apologies"])
                  for m in figures["attendance_by_month"]}
    assert len(attendance) == 20  # five colleagues, two teams, two months
    assert attendance["Wijkteam Noord", "2026-10", "Dirk"] == (0, 0, 1)
    assert attendance["Wijkteam Noord", "2026-10", "Eva"] == (0, 1, 0)
    assert attendance["Wijkteam Noord", "2026-11", "Eva"] == (1, 0, 0)
    assert attendance["Wijkteam Zuid", "2026-10", "Dirk"] == (0, 1, 0)
    assert attendance["Wijkteam Zuid", "2026-11", "Eva"] == (0, 0, 1)
    assert attendance["Wijkteam Zuid", "2026-11", "Fatima"] == (1, 0, 0)
    noord = json.loads(werf("stats", "--json", "--team", "Wijkteam Noord"))
    assert [m["month"] for m in noord["months"]] == ["2026-10", "2026-11"]

    months = werf("stats", "--format", "csv", "--table", "months").lstrip("\ufeff").splitlines()
    assert months[0] == "Team;Month;Sessions;Average mark;Marks;Team pulse (1–7);Pulse answers"
    assert months[1:] == ["Wijkteam Noord;2026-10;1;7.0;3;4.5;3", "Wijkteam Noord;2026-11;1;8.5;2;;",
                          "Wijkteam Zuid;2026-10;1;;;4.3;4", "Wijkteam Zuid;2026-11;1;5.0;1;;"]
    rows = werf("stats", "--format", "csv", "--table", "attendance").lstrip("\ufeff").splitlines()
    assert rows[0] == "Team;Month;Name;Present;Absent;Absent with apologies"
    assert "Wijkteam Noord;2026-10;Dirk;0;0;1" in rows and len(rows) == 21
    assert "Wijkteam Zuid 2026-10: mark –, team pulse 4.3 (4)" in werf("stats")


def test_a_pulse_in_a_sync_conflict_reads_as_one_line() -> None:
    """Two laptops that disagree on a session's pulse see how many answered, not a dict."""
    from werf.shared_folder import describe

    record = {"value": {"instrument": "edmondson1999", "respondents": 4, "totals": [20] * 7}}
    assert describe("field:pulse", record) == "team pulse, 4 answered"
    set_language("nl")
    assert describe("field:pulse", record) == "teampeiling, 4 geantwoord"
