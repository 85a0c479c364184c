"""Helpers for Pilot tests: build the app as the CLI does, type like a user."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select

from werf.app import WerfApp, build_app  # noqa: F401  (re-exported for tests)
from werf.screens.run import RunScreen

from .helpers import FakeClock

TODAY = date(2026, 11, 24)


def make_app(db: Path | None, clock: FakeClock | None = None) -> WerfApp:
    """The app as the CLI builds it, with time injected: the session clock, today's date, and
    a steady cursor (a blinking one is drawn by the wall clock, not by the keys pressed)."""
    return build_app(db, clock=clock or FakeClock(), today=lambda: TODAY, bell=False,
                     cursor_blink=False)


KEY_NAMES = {" ": "space", "-": "minus", ".": "full_stop", ",": "comma", "?": "question_mark",
             "/": "slash", "'": "apostrophe", ":": "colon"}


def _quiet(app: WerfApp) -> bool:
    """No message or callback waits anywhere: the app, its screens, their widgets."""
    pumps: list[object] = [app]
    for screen in app.screen_stack:
        pumps.extend(screen.walk_children(with_self=True))
    return all(pump._message_queue.empty() and not pump._next_callbacks  # type: ignore[attr-defined]
               for pump in pumps)


async def settle(pilot: Pilot) -> None:
    """Let the screen draw and every worker (store calls, queries) finish, and go on only
    when no message waits in any widget's queue. Pilot's own pause guesses idleness from CPU
    time, which a busy machine fools: keys still on their way then looked lost."""
    app = pilot.app
    quiet = 0
    for _ in range(1000):
        await pilot.pause()
        await app.workers.wait_for_complete()
        quiet = quiet + 1 if _quiet(app) else 0  # type: ignore[arg-type]
        if quiet >= 2:
            return
    raise AssertionError("the app kept busy: messages never stopped coming")


async def resumed(pilot: Pilot) -> RunScreen:
    """On the home screen of a database with one unfinished session: Enter resumes it. The
    run screen, once it stands."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    run = pilot.app.screen
    assert isinstance(run, RunScreen)
    return run


async def type_text(pilot: Pilot, text: str) -> None:
    """Type text key by key into whatever has focus."""
    await pilot.press(*(KEY_NAMES.get(char, char) for char in text))


async def fill(pilot: Pilot, selector: str, text: str) -> None:
    """Focus an input and put text in at the cursor, as one paste. Typing key by key costs a
    frame per key: the typing itself is tested where it matters (test_typing_order,
    test_setup_typing, the tmux crash test); elsewhere a form is filled at once."""
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    await pilot.pause()
    if text:
        widget.insert_text_at_cursor(text)
        await pilot.pause()


async def type_at_once(pilot: Pilot, text: str) -> None:
    """What `type_text` does, without a frame per key: the text goes into the Input that has
    focus, at its cursor, as one paste. The focus is not moved (a test that relied on where
    the focus is still fails when it is elsewhere)."""
    widget = pilot.app.focused
    assert isinstance(widget, Input), f"typing goes to {widget!r}, not to a text field"
    widget.insert_text_at_cursor(text)
    await pilot.pause()


async def choose(pilot: Pilot, selector: str, value: str) -> None:
    pilot.app.screen.query_one(selector, Select).value = value
    await pilot.pause()


async def set_up_werf_session(pilot: Pilot) -> None:
    """From the home screen: fill in the setup of a WERF session and start it."""
    await pilot.press("n")
    await pilot.pause()
    await fill(pilot, "#team", "Wijkteam Noord")
    await fill(pilot, "#facilitator", "Fatima")
    for name in ("Bram", "Chantal", "Dirk", "Eva"):
        await fill(pilot, "#new-participant", name)
        await pilot.press("enter")
    await choose(pilot, "#role-case_bringer", "Bram")
    await choose(pilot, "#role-timekeeper", "Chantal")
    await choose(pilot, "#role-minute_taker", "Dirk")
    await fill(pilot, "#case-title", "Eenzame buurman")
    await fill(pilot, "#question", "Hoe betrek ik zijn netwerk?")
    await pilot.press("ctrl+s")
    await pilot.pause()
