"""Closing werf mid-session loses nothing: the next start offers to resume it."""

from __future__ import annotations

from pathlib import Path

import pytest

from werf.screens.home import HomeScreen
from werf.screens.resume import ResumeScreen
from werf.screens.run import RunScreen
from werf.widgets.notes import NotesPanel

from .helpers import FakeClock
from .pilot import make_app, set_up_werf_session, type_text


async def test_close_mid_session_then_resume_with_every_note(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    clock = FakeClock()
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        await pilot.press("f2")
        clock.advance(200)
        await type_text(pilot, "eerste")
        await pilot.press("enter")
        await pilot.press("f6")
        clock.advance(75)
        await type_text(pilot, "tweede")
        await pilot.press("enter")
        await type_text(pilot, "half getypt")  # not entered: kept as a draft
        await pilot.pause()
        await pilot.press("ctrl+q")  # the facilitator closes werf mid-session

    again = make_app(db, FakeClock(50))
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await again.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen)
        await pilot.press("enter")
        await pilot.pause()
        run = again.screen
        assert isinstance(run, RunScreen)
        assert run.engine.index == 1
        assert not run.engine.running
        assert run.engine.phases[0].elapsed() == pytest.approx(200)
        assert run.engine.current.elapsed() == pytest.approx(75)
        assert [n.text for n in run.session.notes] == ["eerste", "tweede"]
        assert run.query_one("#note-input").value == "half getypt"
        notes_panel = run.query_one(NotesPanel)
        assert len(notes_panel.query("NoteItem")) == 1


async def test_later_leaves_the_session_for_another_time(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        await pilot.press("ctrl+q")
    again = make_app(db)
    async with again.run_test(size=(120, 40)) as pilot:
        await again.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
        await pilot.press("r")  # it can still be resumed from home
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen)
