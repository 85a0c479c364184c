"""`werf display`: the room's view on a second terminal (the projector), read-only.

It follows the facilitator's werf through the database (no network): protocol, phase,
who speaks now, the case bringer's question and a large countdown.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Digits, Static

from werf.dates import countdown_text
from werf.i18n import N_, _, get_language, set_language
from werf.protocols import ProtocolCatalog, load_catalog
from werf.room_view import RoomView, room_view
from werf.screens.base import WerfScreen
from werf.store import Store
from werf.store.thread import StoreThread
from werf.widgets.footer import Footer

POLL_SECONDS = 0.5


def read_room(store: Store) -> tuple[object, bool, float | None] | None:
    session = store.unfinished_session()
    if session is None:
        return None
    running, saved_at = store.timer_state(session.id)
    return session, running, saved_at


class RoomScreen(WerfScreen):
    """The projected view; it polls the database and redraws."""

    def compose(self) -> ComposeResult:
        with Vertical(id="room"):
            yield Static("", id="room-title")
            yield Static("", id="room-phase")
            yield Static("", id="room-banner")
            with Center():
                yield Digits("", id="room-clock")
            yield Static("", id="room-speaker")
            yield Static("", id="room-question")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.view: RoomView | None = None
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(0.2, self.tick)
        self.poll()

    def poll(self) -> None:
        self.run_worker(self._load(), exclusive=True, group="room")

    async def _load(self) -> None:
        app = self.app
        found = await asyncio.wrap_future(app.store.call(read_room))  # type: ignore[attr-defined]
        self._found = found
        self.tick()

    def tick(self) -> None:
        found = getattr(self, "_found", None)
        if found is None:
            self.show(None)
            return
        session, running, saved_at = found
        protocol = self.app.catalog.get(session.protocol_id)  # type: ignore[attr-defined]
        if protocol is None:
            self.show(None)
            return
        self.show(room_view(session, protocol, running, saved_at,
                            self.app.wall_clock(), get_language()))  # type: ignore[attr-defined]

    def show(self, view: RoomView | None) -> None:
        self.view = view
        title = self.query_one("#room-title", Static)
        if view is None:
            title.update(_("Waiting for a session… (werf display follows the facilitator)"))
            for part in ("#room-phase", "#room-banner", "#room-speaker", "#room-question"):
                self.query_one(part, Static).update("")
            self.query_one("#room-clock", Digits).update("")
            return
        title.update(Text(f"{view.protocol_name} · {view.team}"))
        self.query_one("#room-phase", Static).update(Text(
            _("Phase {number} of {count}: ").format(number=view.phase_number,
                                                    count=view.phase_count) + view.phase_name))
        banner = self.query_one("#room-banner", Static)
        banner.display = view.case_bringer_silent
        banner.update(Text(_("{name} (case bringer) listens in silence and takes notes").format(
            name=view.case_bringer or _("The case bringer"))))
        clock = self.query_one("#room-clock", Digits)
        clock.update(countdown_text(view.remaining_seconds))
        clock.set_class(view.remaining_seconds < 0, "-overrun")
        clock.set_class(not view.running, "-paused")
        speaker = self.query_one("#room-speaker", Static)
        speaker.update(Text(_("Now speaking: {name}").format(name=view.speaker))
                       if view.speaker else Text(view.purpose))
        self.query_one("#room-question", Static).update(
            Text(_("Question") + ": " + view.question) if view.question else "")


class DisplayApp(App[None]):
    """Read-only room display."""

    CSS_PATH = "werf.tcss"
    TITLE = "werf"
    BINDINGS = [
        Binding("ctrl+l", "switch_language", N_("NL/EN"), id="language"),
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True),
    ]

    def __init__(self, db_path: Path | None, *, wall_clock: Callable[[], float] = time.time,
                 catalog: ProtocolCatalog | None = None) -> None:
        super().__init__()
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
