"""The figures screen: filters, the numbers it shows, and how it looks in Dutch and English."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Select, Sparkline, Static

from werf.demo import demo_sessions
from werf.i18n import set_language
from werf.screens.figures import FiguresScreen, year_back
from werf.store import Store

from .helpers import demo_db
from .pilot import TODAY, choose, make_app, settle

SIZE = (120, 36)




def shown(screen: FiguresScreen, selector: str) -> str:
    """The text of a Static as it is drawn (tables included), without colours."""
    console = Console(width=100, file=io.StringIO(), record=True, color_system=None)
    console.print(screen.query_one(selector, Static).content)
    return console.export_text().rstrip()


async def open_figures(pilot: Pilot) -> FiguresScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.push_screen(FiguresScreen())
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, FiguresScreen)
    return screen


def test_default_period_is_twelve_calendar_months() -> None:
    assert year_back(date(2026, 11, 24)) == date(2025, 12, 1)
    assert year_back(date(2026, 12, 31)) == date(2026, 1, 1)
    assert year_back(date(2026, 1, 5)) == date(2025, 2, 1)


async def test_filters_change_the_figures(tmp_path: Path) -> None:
    # 30 weekly sessions, 2026-04-28 .. 2026-11-17, ten per team.
    app = make_app(demo_db(tmp_path, 30))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_figures(pilot)
        assert screen.query_one("#figures-since", Input).value == "2025-12-01"
        assert screen.query_one("#figures-until", Input).value == "2026-11-24"
        assert shown(screen, "#figures-held").startswith("30\n")
        assert shown(screen, "#figures-people").startswith("14\n")  # 5 + 5 + 4 colleagues
        assert "5 / 35" in shown(screen, "#figures-actions-done")
        spark = screen.query_one("#figures-sparkline", Sparkline)
        assert list(spark.data or []) == [0, 0, 0, 0, 1, 4, 5, 4, 4, 5, 4, 3]
        assert shown(screen, "#figures-first-month") == "2025-12"

        await choose(pilot, "#figures-team", "Wijkteam Noord")
        await settle(pilot)
        assert screen.stats is not None and screen.stats.team == "Wijkteam Noord"
        assert shown(screen, "#figures-held").startswith("10\n")
        assert shown(screen, "#figures-people").startswith("5\n")
        rota = shown(screen, "#figures-rota")
        assert "Fatima" in rota and "Gijs" not in rota  # Gijs is in Wijkteam Zuid
        timing = shown(screen, "#figures-timing")
        assert "Clarifying questions" in timing and "Gossip" not in timing

        # A half-typed date keeps the figures and says what is wrong.
        since = screen.query_one("#figures-since", Input)
        since.value = "2026-10-"
        await settle(pilot)
        assert "YYYY-MM-DD" in shown(screen, "#figures-problem")
        assert shown(screen, "#figures-held").startswith("10\n")
        since.value = "2026-10-01"
        await settle(pilot)
        assert shown(screen, "#figures-problem") == ""
        assert shown(screen, "#figures-held").startswith("2\n")  # October 13 and 20

        screen.query_one("#figures-until", Input).value = "2026-09-30"
        await settle(pilot)
        assert "ends before it starts" in shown(screen, "#figures-problem")

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, FiguresScreen)


async def test_names_are_shown_as_typed(tmp_path: Path) -> None:
    """A name that looks like markup is shown as it is, and changes nothing."""
    db = demo_db(tmp_path, 6)
    store = Store.open(db)
    session = next(iter(demo_sessions(1, today=TODAY)))
    session.participants[1].name = "[red]Bram[/red]"
    store.save_session(session)
    store.close()
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_figures(pilot)
        assert "[red]Bram[/red]" in shown(screen, "#figures-rota")


async def test_language_switch_keeps_filters_and_figures(tmp_path: Path) -> None:
    app = make_app(demo_db(tmp_path, 12))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_figures(pilot)
        await choose(pilot, "#figures-team", "Wijkteam Oost")
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert screen.stats is not None and screen.stats.team == "Wijkteam Oost"
        assert screen.query_one("#figures-team", Select).value == "Wijkteam Oost"
        assert shown(screen, "#figures-held").startswith("4\n")
        assert "Aanwezig" in shown(screen, "#figures-rota")


async def test_empty_and_broken_databases(tmp_path: Path) -> None:
    async with make_app(tmp_path / "empty.db").run_test(size=SIZE) as pilot:
        screen = await open_figures(pilot)
        assert shown(screen, "#figures-held").startswith("0\n")
        assert shown(screen, "#figures-rota") == "No sessions in this period."
        assert "No finished sessions" in shown(screen, "#figures-timing")
        assert list(screen.query_one("#figures-sparkline", Sparkline).data or []) == [0] * 12
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"[red]not a database[/red]" * 40)
    async with make_app(broken).run_test(size=SIZE) as pilot:
        screen = await open_figures(pilot)
        assert "not a werf database" in " ".join(shown(screen, "#figures-problem").split())  # wrapped
        assert screen.stats is None


@pytest.fixture(params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    set_language(request.param)
    return str(request.param)


def test_figures_all_teams(snap_compare, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await open_figures(pilot)

    assert snap_compare(make_app(demo_db(tmp_path, 60)), terminal_size=SIZE,
                        run_before=run_before)


def test_figures_one_team(snap_compare, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await open_figures(pilot)
        await choose(pilot, "#figures-team", "Wijkteam Noord")
        await settle(pilot)

    assert snap_compare(make_app(demo_db(tmp_path, 60)), terminal_size=SIZE,
                        run_before=run_before)
