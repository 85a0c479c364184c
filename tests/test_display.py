"""`werf display` follows a session run by another werf on the same database."""

from __future__ import annotations

from pathlib import Path

import pytest

from werf.display_app import DisplayApp, RoomScreen
from werf.i18n import set_language
from werf.room_view import room_view

from .helpers import FakeClock, make_session, protocol
from .pilot import make_app, set_up_werf_session
from .test_snapshots import seeded_db


def test_room_view_runs_the_clock_on_between_saves() -> None:
    session = make_session()
    from werf.engine import SessionEngine

    engine = SessionEngine(protocol(), session, FakeClock())
    engine.go_to(3)
    session = engine.snapshot()
    session.phases[3].elapsed_seconds = 100
    paused = room_view(session, protocol(), False, 1000.0, 1030.0, "en")
    running = room_view(session, protocol(), True, 1000.0, 1030.0, "en")
    assert paused.remaining_seconds == 20 * 60 - 100
    assert running.remaining_seconds == 20 * 60 - 130
    assert running.case_bringer_silent and running.case_bringer == "Bram"
    assert running.phase_number == 4 and running.phase_name == "Reflection through four lenses"


async def test_display_follows_the_facilitator(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    wall = FakeClock(5000.0)
    facilitator = make_app(db)
    display = DisplayApp(db, wall_clock=wall)
    async with facilitator.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        await pilot.press("f6", "f6")  # clarifying questions: a round
        await pilot.press("f2")  # the first speaker gets the floor
        await pilot.pause()
        facilitator.store.flush()
        async with display.run_test(size=(100, 30)) as room:
            await room.pause()
            await display.workers.wait_for_complete()
            await room.pause()
            screen = display.screen
            assert isinstance(screen, RoomScreen) and screen.view is not None
            assert screen.view.phase_number == 3
            assert screen.view.speaker == "Fatima"
            assert "Phase 3 of 6: Clarifying questions" in str(
                screen.query_one("#room-phase").render())
            await pilot.press("f7", "f6")  # next speaker, then next phase
            await pilot.pause()
            facilitator.store.flush()
            screen.poll()
            await display.workers.wait_for_complete()
            await room.pause()
            assert screen.view.phase_number == 4
            assert screen.view.case_bringer_silent


@pytest.fixture(params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    set_language(request.param)
    return str(request.param)


def test_display_snapshot(snap_compare, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    db = seeded_db(tmp_path, phase=3)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = DisplayApp(db, wall_clock=lambda: 0.0)
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_serve_binds_to_localhost_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import sys
    import types

    from werf.cli import serve_display

    served: dict[str, object] = {}

    class FakeServer:
        def __init__(self, command: str, host: str, port: int, title: str) -> None:
            served.update(command=command, host=host, port=port)

        def serve(self) -> None:
            served["served"] = True

    module = types.ModuleType("textual_serve.server")
    module.Server = FakeServer  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "textual_serve", types.ModuleType("textual_serve"))
    monkeypatch.setitem(sys.modules, "textual_serve.server", module)
    serve_display(tmp_path / "w.db", "nl", 9123)
    assert served["host"] == "127.0.0.1" and served["port"] == 9123 and served["served"]
    assert "display" in str(served["command"]) and str(tmp_path / "w.db") in str(served["command"])


@pytest.mark.parametrize("theme", ["werf-high-contrast-light", "werf-high-contrast-dark"])
def test_high_contrast_theme_snapshot(snap_compare, tmp_path: Path, theme: str) -> None:  # type: ignore[no-untyped-def]
    set_language("nl")
    db = seeded_db(tmp_path, phase=2, overrun_seconds=75)
    app = make_app(db)
    app.theme = theme

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)
