"""Every place where users type a date reads it with the one parser (werf.dates): Dutch and
ISO dates are accepted everywhere, and a date that cannot be read gives the one message in
the user's language, never a silent drop or an exception."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot
from textual.widgets import Input, Static

from werf.cli import main
from werf.dates import DATE_MESSAGE
from werf.i18n import catalog, set_language
from werf.models import Action
from werf.screens.figures import FiguresScreen
from werf.screens.forms import ActionForm
from werf.screens.history import HistoryScreen
from werf.screens.setup import SetupForm

from .helpers import demo_db
from .pilot import make_app, settle, type_text

DUTCH_MESSAGE = catalog("nl")[DATE_MESSAGE]


def static_text(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector, Static).visual)


# --- history: a Dutch date filters instead of being dropped ---------------------------------
async def open_history(pilot: Pilot) -> HistoryScreen:
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)
    return pilot.app.screen


async def test_history_filters_on_dutch_dates(tmp_path: Path) -> None:
    app = make_app(demo_db(tmp_path))  # one session a week, 2026-11-17 back to 2026-09-01
    async with app.run_test(size=(140, 40)) as pilot:
        history = await open_history(pilot)
        assert len(history.rows) == 12
        history.query_one("#since", Input).value = "3-11-2026"
        await settle(pilot)
        assert [row.date for row in history.rows] == ["2026-11-17", "2026-11-10", "2026-11-03"]
        history.query_one("#until", Input).value = "10.11.2026"
        await settle(pilot)
        assert [row.date for row in history.rows] == ["2026-11-10", "2026-11-03"]
        history.query_one("#until", Input).value = "2026-11-03"  # ISO still works
        await settle(pilot)
        assert [row.date for row in history.rows] == ["2026-11-03"]

        # A date that cannot be read says so, and the rows stay as they were.
        history.query_one("#until", Input).value = "31-02-2026"
        await settle(pilot)
        assert static_text(history, "#history-count") == DATE_MESSAGE
        assert [row.date for row in history.rows] == ["2026-11-03"]
        history.query_one("#until", Input).value = ""
        await settle(pilot)
        assert len(history.rows) == 3 and "3 sessions" in static_text(history, "#history-count")


async def test_history_says_it_in_dutch(tmp_path: Path) -> None:
    set_language("nl")
    app = make_app(demo_db(tmp_path, 3))
    async with app.run_test(size=(140, 40)) as pilot:
        history = await open_history(pilot)
        assert history.query_one("#since", Input).placeholder == "vanaf DD-MM-JJJJ"
        history.query_one("#since", Input).focus()
        await type_text(pilot, "24-11")  # half typed
        await settle(pilot)
        assert static_text(history, "#history-count") == DUTCH_MESSAGE
        await type_text(pilot, "-2025")
        await settle(pilot)
        assert len(history.rows) == 3


# --- figures: a bad date shows the line, a Dutch date is read -------------------------------
async def test_figures_read_dutch_dates_and_show_the_one_line(tmp_path: Path) -> None:
    set_language("nl")
    app = make_app(demo_db(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await app.push_screen(FiguresScreen())
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FiguresScreen)
        since = screen.query_one("#figures-since", Input)
        assert since.value == "01-12-2025"  # twelve calendar months, shown the Dutch way
        assert screen.query_one("#figures-until", Input).value == "24-11-2026"
        assert screen.stats is not None and screen.stats.period.since == date(2025, 12, 1)

        since.value = "31-02-2026"
        await settle(pilot)
        assert static_text(screen, "#figures-problem") == DUTCH_MESSAGE
        since.value = "1-10-2026"
        await settle(pilot)
        assert static_text(screen, "#figures-problem") == ""
        assert screen.stats.period.since == date(2026, 10, 1)
        assert screen.stats.sessions_held == 7  # 6, 13, 20, 27 October; 3, 10, 17 November

        since.value = "gisteren"
        await settle(pilot)
        assert static_text(screen, "#figures-problem") == DUTCH_MESSAGE
        await pilot.press("ctrl+l")  # to English: the same line, in English
        await settle(pilot)
        assert static_text(screen, "#figures-problem") == DATE_MESSAGE
        screen.query_one("#figures-since", Input).value = "01-10-2026"  # shown in Dutch: still read
        await settle(pilot)
        assert static_text(screen, "#figures-problem") == ""


# --- setup: the date field takes 24-11-2026 --------------------------------------------------
def test_setup_form_reads_a_dutch_date() -> None:
    form = SetupForm(protocol_id="werf", date_text="24-11-2026", team="Wijkteam Noord",
                     facilitator="Fatima", participants=["Bram", "Eva"])
    assert DATE_MESSAGE not in form.problems(None)
    set_language("nl")
    form.date_text = "24-11-26"
    assert DUTCH_MESSAGE in form.problems(None)


async def test_setup_screen_starts_with_a_dutch_date(tmp_path: Path) -> None:
    set_language("nl")
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        field = app.screen.query_one("#date", Input)
        assert field.value == "24-11-2026"  # today, as the Dutch write it
        field.value = "1-12-2026"
        await settle(pilot)
        assert app.screen.form.date_text == "1-12-2026"  # type: ignore[attr-defined]
        problems = app.screen.form.problems(None)  # type: ignore[attr-defined]
        assert DUTCH_MESSAGE not in problems


# --- the action form -------------------------------------------------------------------------
async def test_action_form_reads_both_forms_and_says_the_one_line(tmp_path: Path) -> None:
    set_language("nl")
    app = make_app(tmp_path / "werf.db")
    saved: list[object] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        action = Action(phase_index=5, text="Zus bellen", owner="Bram", due=date(2026, 12, 1))
        await app.push_screen(ActionForm(action, ["Bram"], editing=True), saved.append)
        await pilot.pause()
        due = app.screen.query_one("#action-due", Input)
        assert due.value == "01-12-2026"
        due.value = "2026-13-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert static_text(app.screen, "#action-problem") == DUTCH_MESSAGE and saved == []
        due.value = "15/1/2027"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert saved == [action] and action.due == date(2027, 1, 15)


# --- the command line ------------------------------------------------------------------------
def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), obj={})
    return result.exit_code, result.stdout, result.stderr


def test_cli_dates_in_both_forms_and_one_clear_line(tmp_path: Path) -> None:
    db = str(demo_db(tmp_path))
    for since in ("3-11-2026", "03.11.2026", "2026-11-03"):
        code, out, err = run("--lang", "en", "--db", db, "sessions", "list", "--since", since)
        assert code == 0, err
        assert len(out.splitlines()) == 3
    code, out, err = run("--lang", "en", "--db", db, "sessions", "list", "--until", "31-02-2026")
    assert code == 2 and out == ""
    assert "Traceback" not in err and err.strip().splitlines()[-1].endswith(DATE_MESSAGE)
    code, _, err = run("--lang", "nl", "--db", db, "stats", "--since", "volgende week")
    assert code == 2 and err.strip().splitlines()[-1].endswith(DUTCH_MESSAGE)
    code, out, err = run("--lang", "nl", "--db", db, "stats", "--since", "1-11-2026", "--json")
    assert code == 0 and '"since": "2026-11-01"' in out  # JSON keeps ISO


def test_cli_stats_use_the_decimal_comma_in_dutch(tmp_path: Path) -> None:
    db = str(demo_db(tmp_path))
    code, out, _ = run("--lang", "nl", "--db", db, "stats")
    session = catalog("nl")["session"]
    assert code == 0
    assert re.search(rf"\(\d+,\d / {session}\)", out), out
    code, out, _ = run("--lang", "en", "--db", db, "stats")
    assert re.search(r"\(\d+\.\d / session\)", out), out


# --- dates and times shown -------------------------------------------------------------------
def test_cli_shows_dates_the_languages_way_and_json_keeps_iso(tmp_path: Path) -> None:
    db = str(demo_db(tmp_path, 2))
    code, out, _ = run("--lang", "nl", "--db", db, "sessions", "list")
    assert code == 0 and "  17-11-2026  " in out and "2026-11-17" not in out
    code, out, _ = run("--lang", "en", "--db", db, "sessions", "list")
    assert "  2026-11-17  " in out
    code, out, _ = run("--lang", "nl", "--db", db, "sessions", "list", "--json")
    assert '"date": "2026-11-17"' in out


async def test_session_view_shows_local_time(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import time

    from werf.screens.session_view import SessionScreen

    from .helpers import make_session

    if not hasattr(time, "tzset"):
        pytest.skip("time zones are set through the environment only on POSIX")
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        set_language("nl")
        session = make_session()
        session.updated_at = datetime(2026, 11, 24, 13, 5, tzinfo=UTC)  # 14:05 in Amsterdam
        app = make_app(tmp_path / "werf.db")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await app.push_screen(SessionScreen(session))
            await settle(pilot)
            heading = static_text(app.screen, "#session-heading")
            assert "24-11-2026 14:05" in heading and "13:05" not in heading
            assert app.screen.sub_title == "Wijkteam Noord · 24-11-2026"
    finally:
        monkeypatch.undo()
        time.tzset()
