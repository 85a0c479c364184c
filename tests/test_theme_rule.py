"""One rule for the theme: config.toml's `theme`, when set, wins; otherwise the palette's."""

from __future__ import annotations

from pathlib import Path

from werf.app import build_app
from werf.config import Config
from werf.themes import remember_theme, remembered_theme

LIGHT = "werf-high-contrast-light"
DARK = "werf-high-contrast-dark"


async def test_config_theme_wins_over_a_palette_choice(tmp_path: Path) -> None:
    app = build_app(None, config=Config(theme=LIGHT), bell=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == LIGHT
        app.theme = DARK  # what the command palette does
        await pilot.pause()
        assert app.theme == DARK  # for this run
        messages = [notification.message for notification in app._notifications]
        assert any("config.toml" in message and LIGHT in message for message in messages)
    assert remembered_theme() is None
    again = build_app(None, config=Config(theme=LIGHT), bell=False)
    assert again.theme == LIGHT


async def test_an_old_remembered_theme_does_not_override_the_config() -> None:
    remember_theme(DARK)
    app = build_app(None, config=Config(theme=LIGHT), bell=False)
    assert app.theme == LIGHT


async def test_without_a_config_theme_the_palette_choice_is_remembered() -> None:
    app = build_app(None, config=Config(), bell=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = DARK
        await pilot.pause()
        assert not any("config.toml" in notification.message for notification in app._notifications)
    assert remembered_theme() == DARK
    assert build_app(None, config=Config(), bell=False).theme == DARK
