"""The run screen costs nothing while the room talks: the text cursor stops blinking after a
while without keys, and the phase clock and speaker queue sleep until their text changes.
(Their CPU figures are measured by bench/timer_cpu.py, not here.)"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Digits, Static

from werf.engine import SessionEngine
from werf.widgets import fields
from werf.widgets.fields import BLINK_SECONDS, TextField
from werf.widgets.phase_clock import WAKE_AFTER_CHANGE, PhaseClock
from werf.widgets.speaker_queue import SpeakerQueue

from .helpers import FakeClock, make_session, protocol


class OneField(App[None]):
    def compose(self) -> ComposeResult:
        yield TextField(id="field")


async def test_the_cursor_stands_still_after_a_quiet_while_and_blinks_at_the_next_key(
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    monkeypatch.setattr(fields, "_now", clock)
    app = OneField()
    async with app.run_test() as pilot:
        field = app.query_one(TextField)
        field.focus()
        await pilot.press("a")
        assert field.cursor_blink
        clock.advance(BLINK_SECONDS - 1)
        field._toggle_cursor()
        assert field.cursor_blink and not field._cursor_visible  # still blinking
        clock.advance(1)
        field._toggle_cursor()
        assert not field.cursor_blink and field._cursor_visible  # stands still, drawn
        assert field._blink_timer is not None and field._blink_timer._active.is_set() is False
        await pilot.press("b")
        assert field.cursor_blink and field._blink_timer._active.is_set()
        assert field.value == "ab"


class ClockAndQueue(App[None]):
    def __init__(self, engine: SessionEngine) -> None:
        super().__init__()
        self.engine = engine

    def compose(self) -> ComposeResult:
        yield PhaseClock(self.engine)
        yield SpeakerQueue(self.engine)


async def test_clock_and_queue_sleep_while_paused_and_redraw_only_a_changed_second() -> None:
    clock = FakeClock()
    engine = SessionEngine(protocol(), make_session(), clock)
    engine.go_to(next(i for i, state in enumerate(engine.phases) if state.round is not None))
    app = ClockAndQueue(engine)
    async with app.run_test():
        phase_clock, queue = app.query_one(PhaseClock), app.query_one(SpeakerQueue)
        assert phase_clock._tick is None and queue._tick is None  # paused: nothing wakes
        redrawn: list[str] = []
        digits = phase_clock.query_one(Digits)
        original = digits.update
        digits.update = lambda value: (redrawn.append(value), original(value))  # type: ignore[method-assign]
        status = phase_clock.query_one("#clock-status", Static)
        status_updates: list[object] = []
        status.update = lambda *a, **k: status_updates.append(a)  # type: ignore[method-assign]

        engine.start()
        phase_clock.update_view()
        queue.update_view()
        assert phase_clock._tick is not None and queue._tick is not None
        assert abs(phase_clock._tick._interval - (1 + WAKE_AFTER_CHANGE)) < 1e-9
        assert len(status_updates) == 1  # "Running…" once
        clock.advance(0.5)
        phase_clock.update_view()
        assert redrawn == []  # the same second: nothing drawn
        assert abs(phase_clock._tick._interval - (0.5 + WAKE_AFTER_CHANGE)) < 1e-9
        clock.advance(0.51)
        phase_clock.update_view()
        assert len(redrawn) == 1 and len(status_updates) == 1

        engine.pause()
        phase_clock.update_view()
        queue.update_view()
        assert phase_clock._tick is None and queue._tick is None


async def test_the_footer_mounts_nothing_and_follows_its_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Textual's footer mounted a widget per key and rebuilt them all at every focus change,
    note saved, phase move and language switch; werf's draws its keys on one line and holds
    no widgets: what it shows still follows the keys (a language switch, a phase with other
    keys), and what it draws only changes when they do. (What that saves: bench/RESULTS.md,
    "Suite".)"""
    from werf.widgets.footer import Footer

    from .pilot import make_app, settle
    from .test_typing_order import fresh_db

    app = make_app(fresh_db(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # resume the session: the run screen
        await settle(pilot)
        footer = app.screen.query_one(Footer)

        def shown() -> str:
            return footer.render_line(0).text

        before = footer.pieces
        assert before and "Start/pause" in shown() and not footer.children
        await pilot.press("tab", "shift+tab", "a", "enter")  # focus moves, a note is saved
        await settle(pilot)
        assert footer.pieces is before  # the same keys: nothing taken anew
        await pilot.press("ctrl+l")  # Dutch: the descriptions change
        await settle(pilot)
        assert "Start/pauze" in shown() and "Start/pause" not in shown()
        assert {"f7", "f8", "f9"} <= set(footer.keys) and "Ronde" in shown()  # the opening round
        await pilot.press("ctrl+l", "f6")  # English again; the case phase has no round
        await settle(pilot)
        assert "f7" not in footer.keys and "Round" not in shown() and "Start/pause" in shown()
        assert not footer.children
