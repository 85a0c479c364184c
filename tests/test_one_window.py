"""One window per session: a second werf cannot run a session the first one runs, and can
take it over once the first has been silent too long; the first then writes no more."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from werf.app import build_app
from werf.screens.home import HomeScreen
from werf.screens.run import RunScreen
from werf.screens.session_view import SessionScreen
from werf.store import Store
from werf.store.leases import LAPSE_SECONDS

from .helpers import FakeClock
from .pilot import TODAY, resumed, settle
from .test_typing_order import fresh_db


class Wall:
    """The clock on the wall, moved by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def window(db: Path, wall: Wall):  # type: ignore[no-untyped-def]
    return build_app(db, clock=FakeClock(), today=lambda: TODAY, bell=False, cursor_blink=False,
                     wall_clock=wall)


def session_id(db: Path) -> str:
    store = Store.open(db)
    try:
        return store.unfinished_session().id  # type: ignore[union-attr]
    finally:
        store.close()


def test_a_lease_is_held_renewed_and_taken_over_once_lapsed(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    sid = session_id(db)
    first, second = Store.open(db), Store.open(db)
    try:
        assert first.take_lease(sid, "A", 100.0) is None
        held = second.take_lease(sid, "B", 110.0)
        assert held is not None and held.holder == "A" and held.since == 100.0
        assert first.renew_lease(sid, "A", 125.0)
        assert second.take_lease(sid, "B", 125.0 + LAPSE_SECONDS - 1) is not None  # still alive
        assert second.take_lease(sid, "B", 125.0 + LAPSE_SECONDS + 1) is None  # silent: lapsed
        assert not first.renew_lease(sid, "A", 200.0)  # the first learns it lost the session
        first.release_lease(sid, "A")  # releasing what it no longer holds changes nothing
        assert second.lease_of(sid).holder == "B"  # type: ignore[union-attr]
    finally:
        first.close()
        second.close()


async def test_a_second_window_cannot_resume_until_the_first_is_silent(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    sid = session_id(db)
    other = Store.open(db)
    wall = Wall()
    other.take_lease(sid, "the first window", wall.now)
    app = window(db, wall)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # resume?
        await settle(pilot)
        view = app.screen
        assert isinstance(view, SessionScreen) and view.read_only  # it can be looked at
        assert any("open in another werf window since" in n.message for n in app._notifications)
        assert "Read-only" in str(view.query_one("#session-heading").visual)  # type: ignore[attr-defined]
        await pilot.press("c", "n", "d", "e")  # no correction, no export from here
        await settle(pilot)
        assert app.screen is view
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        wall.now += LAPSE_SECONDS + 1  # the first window has been silent: take it over
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        assert other.lease_of(sid).holder == app.window_id  # type: ignore[union-attr]
        await pilot.press("ctrl+q")
    assert other.lease_of(sid) is None  # closing lets go of the session
    other.close()


async def taken_over(pilot: Pilot, run: RunScreen, other: Store, sid: str, wall: Wall) -> None:
    """This window's laptop slept; a second window took the session over. The run screen's
    heartbeat asks, and hears it lost the session."""
    wall.now += LAPSE_SECONDS + 1
    assert other.take_lease(sid, "the second window", wall.now) is None
    wall.now += 10
    run._save_if_needed()  # the heartbeat asks
    pilot.app.store.flush()  # type: ignore[attr-defined]
    await settle(pilot)
    run._save_if_needed()  # and hears it lost the session
    await settle(pilot)


async def test_the_first_window_stops_writing_when_taken_over(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    sid = session_id(db)
    wall = Wall()
    app = window(db, wall)
    other = Store.open(db)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await resumed(pilot)
        assert other.lease_of(sid).holder == app.window_id  # type: ignore[union-attr]
        await taken_over(pilot, run, other, sid, wall)
        assert isinstance(app.screen, HomeScreen)
        assert any("taken over in another werf window" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
    assert other.lease_of(sid).holder == "the second window"  # type: ignore[union-attr]
    other.close()


def test_a_window_whose_process_ended_lets_go_at_once(tmp_path: Path) -> None:
    """After a crash the facilitator restarts werf and resumes at once: a lease held by a
    process of this computer that no longer runs does not wait for its lapse."""
    import socket
    import subprocess
    import sys

    db = fresh_db(tmp_path)
    sid = session_id(db)
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    crashed = f"{socket.gethostname()}:{ended.stdout.strip()}:0badc0de"
    alive = f"{socket.gethostname()}:1:00000001"  # pid 1 always runs
    store = Store.open(db)
    try:
        assert store.take_lease(sid, crashed, 100.0) is None
        assert store.take_lease(sid, "this window", 101.0) is None  # no 30 s wait
        store.release_lease(sid, "this window")
        assert store.take_lease(sid, alive, 200.0) is None
        assert store.take_lease(sid, "this window", 201.0) is not None  # a live holder keeps it
    finally:
        store.close()


async def test_taken_over_while_the_network_screen_is_open(tmp_path: Path) -> None:
    """The run screen learns it lost the session while its network screen (kept between
    openings) is on top: the window still goes back to the home screen, not to a run screen
    that no longer writes."""
    db = fresh_db(tmp_path)
    sid = session_id(db)
    wall = Wall()
    app = window(db, wall)
    other = Store.open(db)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await resumed(pilot)
        await pilot.press("ctrl+r", "escape", "ctrl+r")  # opened again: the kept one
        await settle(pilot)
        await taken_over(pilot, run, other, sid, wall)
        assert isinstance(app.screen, HomeScreen), app.screen_stack
        assert not [name for name in app._installed_screens if name.startswith("network-")]
        await pilot.press("ctrl+q")
    other.close()
