"""The large countdown of the current phase, readable from the back of the room."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Digits, Static

from werf.engine import SessionEngine, format_clock
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
        return format_clock(self.engine.current.remaining())

    def _status(self) -> str:
        state = self.engine.current
        planned = format_clock(state.planned_seconds)
        if not self.engine.running:
            if state.elapsed() == 0:
                return _("Ready: F2 starts the timer ({planned} min)").format(planned=planned)
            return _("Paused: F2 goes on").format(planned=planned)
        if self.engine.overrun:
            return _("Over time: {planned} min were planned").format(planned=planned)
        return _("Running: {planned} min planned").format(planned=planned)

    def update_view(self) -> None:
        self.query_one("#clock-digits", Digits).update(self._digits())
        self.query_one("#clock-status", Static).update(self._status())
        self.set_class(self.engine.overrun, "-overrun")
        self.set_class(not self.engine.running, "-paused")
        if self.engine.running and self.engine.take_bell():
            self.post_message(self.Overrun())
