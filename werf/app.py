"""WerfApp: the screens, global keys, command palette and language of the app.

`build_app` is the one factory the CLI and the tests use.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

if TYPE_CHECKING:
    from werf.engine import Clock
    from werf.protocols import ProtocolCatalog

from werf.config import Config, load_config
from werf.i18n import N_, _, get_language, set_language
from werf.paths import default_paths
from werf.screens.base import LanguageAware, own_bindings
from werf.store.thread import StoreThread
from werf.themes import WERF_THEMES, remember_theme, remembered_theme
from werf.windows import window_id


class WerfApp(App[None]):
    """The facilitator's app."""

    CSS_PATH = "werf.tcss"
    TITLE = "werf"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", N_("Help"), id="help"),
        Binding("ctrl+l", "switch_language", N_("NL/EN"), id="language",
                tooltip=N_("Nederlands / English")),
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True, show=False,
                tooltip=N_("Close werf; a running session is kept for resuming")),
    ]

    def __init__(
        self,
        db_path: Path | None,
        *,
        clock: Clock = time.monotonic,
        today: Callable[[], date] = date.today,
        catalog: ProtocolCatalog | None = None,
        config: Config | None = None,
        bell: bool | None = None,
        cursor_blink: bool | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self.config_problems: list[str] = []
        if config is None:
            config, self.config_problems = load_config()
        self.config = config
        self.db_path = db_path
        self.clock = clock
        self.today = today
        self.bell_enabled = config.bell if bell is None else bell
        self.cursor_blink = config.cursor_blink if cursor_blink is None else cursor_blink
        self.wall_clock = wall_clock  # for leases between windows (the clock on the wall)
        self.window_id = window_id()
        self._catalog = catalog
        self._catalog_lock = threading.Lock()
        self._loading = False
        for theme in WERF_THEMES:
            self.register_theme(theme)
        chosen = config.theme or remembered_theme()
        if chosen and chosen in self.available_themes:
            self.theme = chosen
        if not config.animations:
            self.animation_level = "none"
        if config.keymap:
            self.set_keymap(config.keymap)
        self.store = StoreThread(db_path, on_error=self._write_failed, start=False)

    def watch_theme(self, theme: str) -> None:
        """One rule: `theme` in config.toml, when set, wins at every start. A theme picked in
        the command palette holds for this run; it is remembered for the next start only when
        config.toml names no theme, and the palette says so when it is not."""
        if not self.is_running:
            return
        if self.config.theme:
            self.notify(_("Theme for now; config.toml sets {theme} at the next start.").format(
                theme=self.config.theme), timeout=8)
        else:
            remember_theme(theme)

    @property
    def catalog(self) -> ProtocolCatalog:
        """The protocols, read on first use (not before the first screen is drawn; after it,
        on a thread, see `_read_catalog`)."""
        with self._catalog_lock:
            if self._catalog is None:
                from werf.protocols import load_catalog

                self._catalog = load_catalog([default_paths().protocols_dir])
            return self._catalog

    @property
    def catalog_loaded(self) -> bool:
        return self._catalog is not None

    # --- start and stop ------------------------------------------------------------------
    async def on_mount(self) -> None:
        from werf.screens.home import HomeScreen

        await self.push_screen(HomeScreen())
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """Open the database and read the protocols once the first screen is drawn; a first
        screen that takes a quicker look at the data first (home) starts this itself after it,
        so the imports of the store and the catalog do not hold up its rows."""
        if not getattr(self.screen, "LOOKS_FIRST", False):
            self.start_loading()

    def start_loading(self) -> None:
        """Open the database and read the protocols, both on threads (once)."""
        if self._loading:
            return
        self._loading = True
        self.store.start()
        for problem in self.config_problems:
            self.notify(problem, title=_("Setting not used"), severity="warning", timeout=15)
        self.run_worker(self._read_catalog(), group="catalog", exit_on_error=False)

    async def _read_catalog(self) -> None:
        """The protocols (and the models they import) are read on a thread, not on the one
        that draws; files that could not be used are reported."""
        catalog = await asyncio.to_thread(lambda: self.catalog)
        for error in catalog.errors:
            self.notify(error.describe(), title=_("Protocol file skipped"), severity="warning",
                        timeout=15)

    async def on_unmount(self) -> None:
        self.store.close()

    # --- crashes -------------------------------------------------------------------------
    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error ends the app. Textual would print a traceback with the local
        variables (case titles, questions, names) on a screen that may be on a projector;
        werf saves the running session, writes a crash log without locals or messages, and
        prints one line in the user's language."""
        self._return_code = 1
        if self._exception is None:  # Pilot re-raises it for the tests
            self._exception = error
            self._exception_event.set()
        saved = self._save_running_sessions()
        try:
            from werf.crash import write_crash_log

            where = str(write_crash_log(error))
        except Exception:
            where = "-"
        if saved:
            message = _("werf stopped because of an error; your session was saved. Details: {path}")
        else:
            message = _("werf stopped because of an error. Details: {path}")
        from rich.text import Text

        self.bell()
        self.panic(Text(message.format(path=where)))

    def worker_failed(self, error: BaseException) -> None:
        """The one handler for a failed background task (an export, a query): werf stays up,
        says so in one line, and keeps the details in a crash log without case content."""
        try:
            from werf.crash import write_crash_log

            where = str(write_crash_log(error))
        except Exception:
            where = "-"
        self.notify(_("This could not be done because of an error; werf keeps running. "
                      "Details: {path}").format(path=where), severity="error", timeout=30)

    def _save_running_sessions(self) -> bool:
        """Hand every running session's state to the store thread and wait for it."""
        from werf.screens.run import RunScreen

        saved = False
        try:
            for stack in self._screen_stacks.values():
                for screen in stack:
                    if isinstance(screen, RunScreen) and screen.is_running_session:
                        screen.save_progress()
                        saved = True
            self.store.flush(timeout=10.0)
        except Exception:
            return False
        return saved

    class WriteFailed(Message):
        """A write on the store thread failed (posted from that thread)."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def _write_failed(self, error: BaseException) -> None:
        """Called on the store thread: post, never wait for the UI (it may be closing)."""
        from werf.i18n import UserError

        message = error.user_message() if isinstance(error, UserError) else str(error)
        if self.is_running:
            self.post_message(self.WriteFailed(message))

    def on_werf_app_write_failed(self, event: WriteFailed) -> None:
        self.notify(
            _("Could not save: {reason}. werf keeps your changes and tries again.").format(
                reason=event.reason
            ),
            severity="error",
            timeout=30,
        )

    async def ask(self, job: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a store job and wait for it without blocking the screen. A database error
        becomes a message in the user's language and the result None."""
        from werf.i18n import UserError

        try:
            return await asyncio.wrap_future(self.store.call(job, *args, **kwargs))
        except UserError as error:
            self.notify(error.user_message(), severity="error", timeout=15)
        except sqlite3.Error as error:
            self.notify(_("The database could not do this: {reason}").format(reason=error),
                        severity="error", timeout=15)
        return None

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Notifications often hold what users typed (names, folders): never read as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def store_failure(self) -> str | None:
        """The reason the database could not be opened, or None when it is fine."""
        from werf.i18n import UserError

        if not self.store.opened.done():
            return None
        error = self.store.opened.exception()
        if error is None:
            return None
        return error.user_message() if isinstance(error, UserError) else str(error)

    # --- actions -------------------------------------------------------------------------
    async def action_quit(self) -> None:
        """Quitting while writes wait for the database (a full disk) asks first; the session
        is then saved beside the database as an archive (werf import takes it back)."""
        from werf.screens.confirm import ConfirmScreen

        if not self.store.waiting or isinstance(self.screen, ConfirmScreen):
            self.exit()
            return

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self.exit()

        self.push_screen(ConfirmScreen(
            N_("Some changes are not saved yet: the database does not take them (a full disk?). "
               "Quit anyway? werf then saves the session beside the database as a file for "
               "'werf import'."), N_("Quit and save to a file"), N_("Stay")), answered)

    def action_help(self) -> None:
        from werf.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_switch_language(self) -> None:
        set_language("en" if get_language() == "nl" else "nl")
        for screen in self.screen_stack:
            if isinstance(screen, LanguageAware):
                await screen.language_changed()
        self.notify(_("Language: English") if get_language() == "en" else _("Language: Dutch"))

    # --- Textual's own words, in the user's language ---------------------------------------
    # Translated here or in screens/base.py (TEXTUAL_DESCRIPTIONS) and widgets/header.py:
    # the palette's placeholder ("Search for commands…") and the theme search's ("Search for
    # themes…"), the Ctrl+C hint ("Press … to quit the app" / "Do you want to quit?"), the
    # header icon's tooltip, and the key descriptions Textual gives the app, the screens and
    # the Select menu ("palette", "Open the command palette", "Focus Next", "Focus Previous",
    # "Copy selected text", "Dismiss menu"), which the footer, help (F1) and palette show.
    # Textual's system commands ("Theme", "Quit", "Keys", "Maximize", "Minimize",
    # "Screenshot") are not offered: werf's palette lists its own keys, language and theme
    # (a screenshot would write case content to disk; help is F1).
    # Hard-coded in Textual 8.2.8, out of werf's reach without copying private code:
    # - "No matches found" in the command palette (a closure in
    #   CommandPalette._start_no_matches_countdown);
    # - the palette's own key descriptions ("Exit the command palette", "Next command", …) and
    #   the editing keys of Input, TextArea, DataTable and ListView ("Move cursor left", "Cut
    #   selected text", "Paste text from the clipboard", …): only Textual's key panel ("Keys")
    #   shows those, and werf does not offer it;
    # - the notifications of Textual's screenshot and of its system commands (not offered).
    def action_command_palette(self) -> None:
        """Textual's palette with a placeholder in the user's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_("Search for commands…")))

    def search_themes(self) -> None:
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…")))

    def action_help_quit(self) -> None:
        """Ctrl+C copies; without a selection it tells how to quit (Textual's words, translated;
        werf shows notifications without markup)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(_("Press {key} to quit the app").format(key=self.get_key_display(active.binding) or key),
                            title=_("Do you want to quit?"))
                return

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        """Every key of the current screen, plus theme and language, in the palette."""
        seen: set[str] = set()
        for key, active in own_bindings(screen).items():
            binding = active.binding
            if binding.action in seen or not active.enabled or binding.action == "command_palette":
                continue
            seen.add(binding.action)
            namespace = active.node

            def run(action: str = binding.action, node: object = namespace) -> None:
                self.call_later(self.run_action, action, node)

            yield SystemCommand(
                binding.tooltip or binding.description or binding.action,
                _("Key: {key}").format(key=self.get_key_display(binding) or key),
                run,
            )
        yield SystemCommand(_("Change theme"), _("Choose the colours of the app"),
                            self.action_change_theme)


def build_app(db_path: Path | None, **options) -> WerfApp:  # type: ignore[no-untyped-def]
    """The one way to make the app: used by the CLI, the tests and the snapshots."""
    return WerfApp(db_path, **options)
