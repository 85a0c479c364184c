"""Base screens: key descriptions shown in the user's language, and a language refresh."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import events, on, work
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import ActiveBinding, Binding
from textual.geometry import Size
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from werf.i18n import N_, _, get_language

if TYPE_CHECKING:
    from textual.widget import Widget
    from textual.widgets import Input

    from werf.app import WerfApp
    from werf.engine import SessionEngine
    from werf.models import Session
    from werf.recorder import Recorder


def _translated_group(group: Binding.Group | None) -> Binding.Group | None:
    if group is None:
        return None
    return Binding.Group(_(group.description), compact=group.compact)


def own_bindings(screen: Screen) -> dict[str, ActiveBinding]:  # type: ignore[type-arg]
    """The keys of werf itself (the app's and the screen's), not the editing keys of the
    focused widget: those are what help and the command palette list."""
    return {key: active for key, active in screen.active_bindings.items()
            if isinstance(active.node, (App, Screen))}


def translated(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """The same bindings with their descriptions translated (Footer, key panel, help)."""
    return {
        key: active._replace(
            binding=replace(
                active.binding,
                description=_(active.binding.description),
                tooltip=_(active.binding.tooltip) if active.binding.tooltip else "",
                group=_translated_group(active.binding.group),
            ),
            tooltip=_(active.tooltip) if active.tooltip else "",
        )
        for key, active in bindings.items()
    }


class LanguageAware:
    """Screens that re-render their texts when the language changes."""

    async def language_changed(self) -> None:
        screen = cast("Screen[Any]", self)
        await screen.recompose()
        screen.refresh_bindings()


# Every worker of a screen: a failure never ends the app (Textual's default does), it reaches
# the app's one handler (`WerfApp.worker_failed`) through `SettledScreen.on_worker_state_changed`.
if TYPE_CHECKING:
    background = work  # the same signature, for the type checker
else:
    background = partial(work, exit_on_error=False)


class SettledScreen(Screen):  # type: ignore[type-arg]
    """A screen that a fast typist may close (Escape) or switch to the other language (Ctrl+L)
    while it is still being built: both wait until it stands, instead of pulling its widgets
    away from under its own `on_mount`.

    `werf` is the app with its own attributes typed (store, catalog, config, today, clock,
    ask…), and `recorder` the one way a screen changes a session (`werf.recorder`)."""

    @property
    def werf(self) -> WerfApp:
        return cast("WerfApp", self.app)

    def recorder(self, session: Session, engine: SessionEngine | None = None) -> Recorder:
        """A recorder for `session` whose writes go to the store thread."""
        from werf.recorder import Recorder

        return Recorder(session, self.werf.store.write, engine=engine)

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if not self.is_mounted:
            self.call_after_refresh(self.dismiss, result)
            return AwaitComplete(asyncio.sleep(0))
        return super().dismiss(result)

    sizes_seen: frozenset[Size] = frozenset()  # every size the screen was laid out at

    @on(events.Resize)
    def _remember_size(self, event: events.Resize) -> None:
        self.sizes_seen = self.sizes_seen | {event.size}

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Worker messages do not bubble: hand a failure to the app's one handler."""
        error = event.worker.error
        if event.state is WorkerState.ERROR and error is not None:
            self.werf.worker_failed(error)

    async def language_changed(self) -> None:
        if not self.is_mounted:
            self.call_after_refresh(self.language_changed)
            return
        await super().language_changed()  # type: ignore[misc]


class WerfScreen(SettledScreen, LanguageAware, Screen[None]):
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)


class WerfModal(SettledScreen, LanguageAware, ModalScreen):  # type: ignore[type-arg]
    """A dialog: it scrolls (`VerticalScroll`) within 90% of the screen, and up to 30 rows
    (a laptop at 80×24) it is `-short`, so tall parts give up room to the buttons."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height <= 30, "-short")


KeptT = TypeVar("KeptT", bound=SettledScreen)


class KeptScreens:
    """The screens one screen opens again and again (the run screen's network screen and its
    dialogs), built once and shown again. A new screen costs a compose, a mount, a styling and
    a layout of every widget in it (some 60 for the network screen): most of the CPU of opening
    it. A kept screen is installed in the app (so closing it does not take it down) and, when
    opened again, put back by its `reopen` in the state a new one starts in.

    It is built anew when the language or the theme changed since it was built (a screen out of
    the stack hears of neither), when it was ever laid out at another size than the terminal's
    now (Textual's layout after a resize is not always the one a new screen gets: a scroll bar
    may stay), or when its `reopen` says it cannot look like a new one."""

    def __init__(self, owner: Screen) -> None:  # type: ignore[type-arg]
        self.owner = owner
        self._kept: dict[str, tuple[tuple[str, str], SettledScreen]] = {}

    def open(self, name: str, build: Callable[[], KeptT], reopen: Callable[[KeptT], bool],
             callback: Callable[[Any], Any] | None = None) -> KeptT:
        """Push the screen kept as `name` (`reopen` puts it back as new; False: it cannot),
        or one that `build` makes and that is kept from now on."""
        app = self.owner.app
        made_for = (get_language(), app.theme)
        kept = self._kept.get(name)
        if (kept is not None and kept[0] == made_for and kept[1].sizes_seen == {app.size}
                and reopen(cast(KeptT, kept[1]))):
            screen = cast(KeptT, kept[1])
        else:
            self.drop(name)
            screen = build()
            app.install_screen(screen, f"{name}-{id(self)}")
            self._kept[name] = (made_for, screen)
        app.push_screen(screen, callback)
        return screen

    def drop(self, name: str) -> None:
        """Take the screen kept as `name` down (not while it is open; not while the app
        closes, which takes every screen down itself)."""
        kept = self._kept.pop(name, None)
        app = self.owner.app
        if kept is None or not app.is_running:
            return
        screen = kept[1]
        if screen in app.screen_stack:
            return
        app.uninstall_screen(screen)
        screen.remove()

    def drop_all(self) -> None:
        for name in list(self._kept):
            self.drop(name)


def show_anew(field: Input, text: str) -> None:
    """A field of a screen opened again holds `text` as a new field does: the cursor at its
    end and the text shown from its start (a new field scrolls to its cursor only once a key
    moves it). A text field scrolls to its cursor after the next refresh: the start is shown
    at once and again after that."""
    field.scroll_to(x=0, animate=False, force=True, immediate=True)
    field.value = text
    field.cursor_position = len(text)
    field.scroll_to(x=0, animate=False, force=True)


def focus_anew(screen: Screen, field: Widget) -> None:  # type: ignore[type-arg]
    """Focus `field` of a screen opened again as a new screen's field gets it (a text field's
    cursor blinks from the start again, also when it had the focus when the screen closed)."""
    screen.set_focus(None)
    screen.set_focus(field)


# Key descriptions that come from Textual itself, so the catalog translates them too.
TEXTUAL_DESCRIPTIONS = [
    N_("palette"), N_("Quit"), N_("Open the command palette"), N_("Focus Next"),
    N_("Focus Previous"), N_("Copy selected text"), N_("Dismiss menu"),
]
