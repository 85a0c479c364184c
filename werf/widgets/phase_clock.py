"""The large countdown of the current phase, readable from the back of the room."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Digits, Static

from werf.dates import countdown_text, duration_text
from werf.engine import SessionEngine
from werf.i18n import _


class PhaseClock(Widget):
    """Counts down the phase; shows +m:ss in colour once the phase runs over."""

    class Overrun(Message):
        """The phase has just run over its planned time (sent once per phase)."""

    def __init__(self, engine: SessionEngine, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.engine = engine

    def compose(self) -> ComposeResult:
        with Center():
            yield Digits(self._digits(), id="clock-digits")
        yield Static(self._status(), id="clock-status")

    def on_mount(self) -> None:
        self.set_interval(0.2, self.update_view)
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
        for active in self.screen.active_bindings.values():
            if active.binding.action == action:
                return self.app.get_key_display(active.binding).upper()
        return "F2"

    def update_view(self) -> None:
        self.query_one("#clock-digits", Digits).update(self._digits())
        self.query_one("#clock-status", Static).update(self._status())
        self.set_class(self.engine.overrun, "-overrun")
        self.set_class(not self.engine.running, "-paused")
        if self.engine.running and self.engine.take_bell():
            self.post_message(self.Overrun())
