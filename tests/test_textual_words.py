"""The words Textual itself shows in werf (command palette, key descriptions, hints) follow
the user's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandInput, CommandPalette

from werf.i18n import set_language
from werf.widgets.header import WerfHeaderIcon

from .pilot import make_app, settle


@pytest.mark.parametrize(("lang", "placeholder"), [("nl", "Opdrachten zoeken…"), ("en", "Search for commands…")])
async def test_the_palette_asks_in_the_users_language(tmp_path: Path, lang: str, placeholder: str) -> None:
    set_language(lang)
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == placeholder


async def test_the_theme_search_and_the_palette_commands_are_dutch(tmp_path: Path) -> None:
    set_language("nl")
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Geselecteerde tekst kopiëren" in titles and "Thema wijzigen" in titles
        english = {"Copy selected text", "Focus Next", "Quit", "Theme", "Keys", "Screenshot",
                   "Quit the application as soon as possible", "Open the command palette"}
        assert not titles & english
        app.search_themes()
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Thema's zoeken…"


async def test_ctrl_c_without_a_selection_says_how_to_quit_in_dutch(tmp_path: Path) -> None:
    set_language("nl")
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        [notice] = list(app._notifications)
        assert notice.title == "Wil je afsluiten?"
        assert notice.message == "Druk op ^q om de app af te sluiten"


async def test_the_header_icon_tooltip_is_dutch(tmp_path: Path) -> None:
    set_language("nl")
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h")  # the history screen has werf's header
        await settle(pilot)
        assert app.screen.query_one(WerfHeaderIcon).tooltip == "Het opdrachtenpalet openen"
