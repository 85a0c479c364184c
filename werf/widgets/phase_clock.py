"""The large countdown of the current phase, readable from the back of the room.

It wakes only when its text changes: while the timer runs, once a second, just after the
shown second has passed (computed from the engine's clock, so it does not drift); while the
timer is paused, not at all. A redraw touches only what changed, and the status line, whose
size does not change with its text as the clock runs, is not laid out again.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Digits, Static

from werf.dates import countdown_changes_in, countdown_text, duration_text
from werf.engine import SessionEngine
from werf.i18n import _

WAKE_AFTER_CHANGE = 0.01  # seconds: wake just after the shown second has passed, not before


class PhaseClock(Widget):
    """Counts down the phase; shows +m:ss in colour once the phase runs over."""

    class Overrun(Message):
        """The phase has just run over its planned time (sent once per phase)."""

    def __init__(self, engine: SessionEngine, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.engine = engine
        self._shown_digits = ""
        self._shown_status = ""
        self._tick: Timer | None = None

    def compose(self) -> ComposeResult:
        self._shown_digits, self._shown_status = self._digits(), self._status()
        with Center():
            yield Digits(self._shown_digits, id="clock-digits")
        yield Static(self._shown_status, id="clock-status")

    def on_mount(self) -> None:
        self.update_view()

    def _digits(self) -> str:
        return countdown_text(self.engine.current.remaining())

    def _status(self) -> str:
        state = self.engine.current
        planned = duration_text(state.planned_seconds)
        if not self.engine.running:
            key = self._key_for("toggle_timer")
            if state.elapsed() == 0:
                return _("Ready: {key} starts the timer ({planned} min)").format(
                    key=key, planned=planned)
            return _("Paused: {key} goes on").format(key=key)
        if self.engine.overrun:
            return _("Over time: {planned} min were planned").format(planned=planned)
        return _("Running: {planned} min planned").format(planned=planned)

    def _key_for(self, action: str) -> str:
        """The key the user presses for an action, as remapped in their keymap."""
        if not self.is_attached:
            return "F2"
        for active in self.screen.active_bindings.values():
            if active.binding.action == action:
                return self.app.get_key_display(active.binding).upper()
        return "F2"

    def update_view(self) -> None:
        """Show the engine's time and state; touch only what changed; wake again when the
        shown second will have passed (only while the timer runs)."""
        digits = self._digits()
        if digits != self._shown_digits:
            self._shown_digits = digits
            self.query_one("#clock-digits", Digits).update(digits)
        status = self._status()
        if status != self._shown_status:
            self._shown_status = status
            self.query_one("#clock-status", Static).update(status)
        self.set_class(self.engine.overrun, "-overrun")
        self.set_class(not self.engine.running, "-paused")
        if self.engine.running and self.engine.take_bell():
            self.post_message(self.Overrun())
        self._wake_later()

    def _wake_later(self) -> None:
        if self._tick is not None:
            self._tick.stop()
            self._tick = None
        if self.engine.running:
            delay = countdown_changes_in(self.engine.current.remaining()) + WAKE_AFTER_CHANGE
            self._tick = self.set_timer(delay, self.update_view, name="phase-clock")
