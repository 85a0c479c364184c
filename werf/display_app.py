"""`werf display`: the room's view on a second terminal (the projector), read-only.

It follows the facilitator's werf through the database (no network): protocol, phase and
its guidance, who speaks now and who is next, the case bringer's question, and a countdown
that takes most of the screen, with "paused" when it stands. What it shows is decided in
`werf.room_view`; this module lays it out.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.timer import Timer
from textual.widgets import Static

from werf.i18n import N_, _, get_language, set_language
from werf.protocols import ProtocolCatalog, load_catalog
from werf.room_view import ClockState, RoomView, room_view
from werf.screens.base import WerfScreen
from werf.store import Store
from werf.store.thread import StoreThread
from werf.themes import WERF_THEMES, remembered_theme
from werf.widgets.footer import Footer
from werf.widgets.room_clock import RoomClock

if TYPE_CHECKING:
    from werf.models import Session

POLL_SECONDS = 1.0  # how soon the room sees what the facilitator did
WAKE_AFTER_CHANGE = 0.01  # seconds: wake just after the shown second has passed, not before
LARGE_FROM_ROWS = 40  # from this height: the phase's guiding questions, a taller "paused"

Found = tuple["Session", bool, "float | None"]


def read_room(store: Store, since: int | None = None) -> tuple[int, Found | None] | None:
    """(the database's data version, the running session with its timer state), or None
    when no other connection wrote since version `since` (nothing to read again)."""
    version = store.data_version()
    if version == since:
        return None
    session = store.unfinished_session()
    if session is None:
        return version, None
    running, saved_at = store.timer_state(session.id)
    return version, (session, running, saved_at)


def _same_lines(old: Text | None, new: Text) -> bool:
    """Lines of the same lengths wrap the same way: no need to lay out again."""
    return old is not None and [len(line) for line in old.plain.split("\n")] == [
        len(line) for line in new.plain.split("\n")]


class RoomScreen(WerfScreen):
    """The projected view. It reads the database once a second (and reads the session again
    only when another werf wrote), and repaints the countdown when its second changes, only
    while it runs; a part is laid out again only when its text changed its size."""

    def __init__(self) -> None:
        super().__init__()
        self.view: RoomView | None = None
        self._found: Found | None = None
        self._version: int | None = None
        self._shown: dict[str, Text] = {}
        self._tick: Timer | None = None
        self._loading = False  # a read of the session is on its way
        self._again = False  # … and another poll came meanwhile

    def compose(self) -> ComposeResult:
        with Vertical(id="room"):
            yield Static("", id="room-title")
            yield Static("", id="room-phase")
            yield Static("", id="room-banner")
            yield RoomClock(id="room-clock")
            with Center(id="room-state-row"):
                yield Static("", id="room-state")
            yield Static("", id="room-speaker")
            yield Static("", id="room-guide")
            yield Static("", id="room-question")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.poll, name="room-poll")
        self.poll()

    def on_resize(self) -> None:
        self.tick()  # the guiding questions come and go with the height

    def poll(self) -> None:
        """Read the session again. A read on its way is not cancelled (that left its
        coroutine never run, and whoever waited for it with an error): it reads once more
        when it is done, so the view is never older than the last poll."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        self.run_worker(self._load(), group="room")

    async def _load(self) -> None:
        app = self.app
        try:
            self._again = True
            while self._again:
                self._again = False
                read = await asyncio.wrap_future(
                    app.store.call(read_room, self._version))  # type: ignore[attr-defined]
                if read is not None:
                    self._version, self._found = read
                    self.tick()
        finally:
            self._loading = False

    def tick(self) -> None:
        """Show the view as of now, and wake when the countdown's second will have passed."""
        if self._tick is not None:
            self._tick.stop()
            self._tick = None
        view = None
        if self._found is not None:
            session, running, saved_at = self._found
            protocol = self.app.catalog.get(session.protocol_id)  # type: ignore[attr-defined]
            if protocol is not None:
                view = room_view(session, protocol, running, saved_at,
                                 self.app.wall_clock(), get_language())  # type: ignore[attr-defined]
        self.show(view)
        if view is not None and view.changes_in is not None:
            self._tick = self.set_timer(view.changes_in + WAKE_AFTER_CHANGE, self.tick,
                                        name="room-clock")

    def _set(self, part: str, text: Text, visible: bool = True) -> None:
        widget = self.query_one(f"#{part}", Static)
        if widget.display != visible:
            widget.display = visible
        shown = self._shown.get(part)
        if shown != text:
            self._shown[part] = text
            widget.update(text, layout=not _same_lines(shown, text))

    def show(self, view: RoomView | None) -> None:
        self.view = view
        clock = self.query_one("#room-clock", RoomClock)
        if view is None:
            self._set("room-title", Text(_("Waiting for a session… (werf display follows the "
                                           "facilitator)")))
            for part in ("room-phase", "room-banner", "room-state", "room-speaker",
                         "room-guide", "room-question"):
                self._set(part, Text(), visible=False)
            clock.show("")
            return
        self._set("room-title", Text(f"{view.protocol_name} · {view.team}"))
        self._set("room-phase", Text(
            _("Phase {number} of {count}: ").format(number=view.phase_number,
                                                    count=view.phase_count) + view.phase_name))
        self._set("room-banner", Text(_(
            "{name} (case bringer) listens in silence and takes notes").format(
            name=view.case_bringer or _("The case bringer"))), visible=view.case_bringer_silent)
        clock.show(view.clock_text)
        clock.set_class(view.overrun, "-overrun")
        clock.set_class(view.state is not ClockState.RUNNING, "-paused")
        large = self.size.height >= LARGE_FROM_ROWS
        self.query_one("#room-state-row").set_class(large, "-large")
        state = self.query_one("#room-state", Static)
        state.set_class(view.state is ClockState.PAUSED, "-paused")
        self._set("room-state", _state_text(view.state))
        self._set("room-speaker", _speaker_text(view), visible=view.in_round)
        guide = Text(view.purpose)
        if large:
            for prompt in view.prompts:
                guide.append(f"\n• {prompt}", style="italic")
        self._set("room-guide", guide)
        self._set("room-question", Text(_("Question") + ": " + view.question),
                  visible=bool(view.question))


def _state_text(state: ClockState) -> Text:
    """Paused in capitals on a block of colour (the stylesheet's, readable in every theme);
    nothing while it runs."""
    if state is ClockState.PAUSED:
        return Text(_("Paused").upper())
    if state is ClockState.READY:
        return Text(_("The timer has not started yet"))
    return Text()


def _speaker_text(view: RoomView) -> Text:
    """Who speaks and who is next, in a round."""
    text = Text()
    if view.speaker is not None:
        text.append(_("Now speaking: {name}").format(name=view.speaker), style="bold")
        text.append("   ·   ")
        text.append(_("Next: {name}").format(name=view.next_speaker) if view.next_speaker
                    else _("the last of this round"))
    elif view.next_speaker is not None:
        text.append(_("First: {name}").format(name=view.next_speaker), style="bold")
    else:
        text.append(_("Everyone has had a turn in this round"))
    return text


class DisplayApp(App[None]):
    """Read-only room display."""

    CSS_PATH = "werf.tcss"
    TITLE = "werf"
    BINDINGS = [
        Binding("ctrl+l", "switch_language", N_("NL/EN"), id="language"),
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True),
    ]

    def __init__(self, db_path: Path | None, *, wall_clock: Callable[[], float] = time.time,
                 catalog: ProtocolCatalog | None = None, theme: str | None = None) -> None:
        super().__init__()
        for werf_theme in WERF_THEMES:
            self.register_theme(werf_theme)
        if theme is None:
            from werf.config import load_config

            theme = load_config()[0].theme or remembered_theme()
        if theme and theme in self.available_themes:
            self.theme = theme
        self.wall_clock = wall_clock
        self.store = StoreThread(db_path)
        if catalog is None:
            from werf.paths import default_paths

            catalog = load_catalog([default_paths().protocols_dir])
        self.catalog = catalog

    def on_mount(self) -> None:
        self.push_screen(RoomScreen())

    async def on_unmount(self) -> None:
        self.store.close()

    async def action_switch_language(self) -> None:
        set_language("en" if get_language() == "nl" else "nl")
        self.screen.refresh_bindings()
        if isinstance(self.screen, RoomScreen):
            self.screen.tick()
