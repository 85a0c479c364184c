"""Escape on the setup screen: an empty form leaves at once, a filled-in one asks first."""

from __future__ import annotations

from pathlib import Path

from werf.screens.confirm import ConfirmScreen
from werf.screens.home import HomeScreen
from werf.screens.setup import SetupScreen

from .pilot import fill, make_app, settle


async def test_escape_on_an_empty_setup_leaves_at_once(tmp_path: Path) -> None:
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_escape_on_a_half_filled_setup_asks_first(tmp_path: Path) -> None:
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        await fill(pilot, "#case-title", "Eenzame buurman")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no: keep editing
        await settle(pilot)
        assert app.screen is setup and setup.form.case_title == "Eenzame buurman"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#yes")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_a_half_typed_participant_counts_as_input(tmp_path: Path) -> None:
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "#new-participant", "Bra")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
