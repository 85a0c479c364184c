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
            assert screen.view.next_speaker == "Chantal"  # as the facilitator's queue says
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
            # Polls that come while a read is on its way (the display's own timer, a busy
            # machine) do not cancel it: no worker ends cancelled, the last poll is seen.
            await pilot.press("f6")
            await pilot.pause()
            facilitator.store.flush()
            screen.poll()
            screen.poll()
            screen.poll()
            await display.workers.wait_for_complete()
            await room.pause()
            assert screen.view.phase_number == 5


def test_serve_binds_to_localhost_only(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve")
    from werf.display_serve import RoomServer

    server = RoomServer(tmp_path / "w.db", "nl", 9123)
    assert server.host == "127.0.0.1" and server.port == 9123
    assert server.public_url == "http://127.0.0.1:9123"
    assert server.command.endswith("display") and str(tmp_path / "w.db") in server.command


@pytest.mark.parametrize(("lang", "words"), [("nl", "alleen op deze computer"),
                                              ("en", "this computer only")])
async def test_the_served_page_loads_nothing_from_elsewhere(tmp_path: Path, lang: str,
                                                            words: str) -> None:
    """werf's page, not textual-serve's: every address in it is this server's, the font is
    served from here, and it says that it is for this computer only."""
    pytest.importorskip("textual_serve")
    import re

    from aiohttp.test_utils import make_mocked_request

    from werf.display_serve import RoomServer

    set_language(lang)
    server = RoomServer(tmp_path / "w.db", lang, 9123)
    app = await server.make_app()
    response = await server.handle_index(make_mocked_request("GET", "/", app=app))
    page = response.text or ""
    addresses = re.findall(r"(?:https?|wss?)://[^\s\"'<>)]+", page)
    assert addresses and all(a.startswith(("http://127.0.0.1:9123/", "ws://127.0.0.1:9123/"))
                             for a in addresses), addresses
    assert "googleapis" not in page and "@font-face" in page
    assert words in page and f'lang="{lang}"' in page
    served = re.findall(r"http://127\.0\.0\.1:9123/static/([^\"]+)", page)
    assert any(name.endswith(".ttf") for name in served), served
    for name in served:  # what the page asks for is there to serve
        assert (server.statics_path / name).is_file(), name


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
