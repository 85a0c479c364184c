"""Base screens: key descriptions shown in the user's language, and a language refresh."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual import events, work
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import ActiveBinding, Binding
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from werf.i18n import N_, _

if TYPE_CHECKING:
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


# Key descriptions that come from Textual itself, so the catalog translates them too.
TEXTUAL_DESCRIPTIONS = [
    N_("palette"), N_("Quit"), N_("Open the command palette"), N_("Focus Next"),
    N_("Focus Previous"), N_("Copy selected text"), N_("Dismiss menu"),
]
