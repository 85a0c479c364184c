"""The room and the person: remapped keys, remembered themes, settings from the config."""

from __future__ import annotations

from pathlib import Path

from werf.config import Config, load_config
from werf.screens.run import RunScreen

from .helpers import FakeClock
from .pilot import TODAY, build_app, make_app, set_up_werf_session


async def test_a_remapped_key_works_and_the_footer_shows_it(tmp_path: Path) -> None:
    from werf.widgets.footer import Footer

    clock = FakeClock()
    config = Config(keymap={"toggle_timer": "f11", "next_phase": "f10"}, bell=False)
    app = build_app(tmp_path / "w.db", clock=clock, today=lambda: TODAY, config=config)
    async with app.run_test(size=(120, 36)) as pilot:
        await set_up_werf_session(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f2")  # the old key no longer starts the timer
        assert not run.engine.running
        await pilot.press("f11")
        assert run.engine.running
        await pilot.press("f10")
        assert run.engine.index == 1
        await pilot.pause()
        keys = set(app.screen.query_one(Footer).keys)
        assert "f11" in keys and "f2" not in keys
        status = str(run.query_one("#clock-status").render())
        assert "F11" in status or "Running" in status


async def test_theme_choice_survives_a_restart(tmp_path: Path) -> None:
    app = make_app(tmp_path / "w.db")
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "werf-high-contrast-light"
        await pilot.pause()
    again = make_app(tmp_path / "w.db")
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == "werf-high-contrast-light"


def test_config_errors_are_named_and_defaults_used(isolated_home: Path) -> None:
    path = isolated_home / "config" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('language = "fr"\nbell = false\ncolour = "red"\n', "utf-8")
    config, problems = load_config()
    assert config.bell is False and config.language is None
    assert any("language" in p for p in problems) and any("colour" in p for p in problems)
    path.write_text("bell = = ", "utf-8")
    config, problems = load_config()
    assert config == Config() and "cannot be read" in problems[0]
