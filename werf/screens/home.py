"""Home: start a new session, resume an unfinished one, see the latest sessions."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from werf.dates import format_date
from werf.i18n import N_, _, get_language
from werf.screens.base import WerfScreen, background
from werf.widgets.header import WerfHeader

if TYPE_CHECKING:
    from werf.models import Session
    from werf.store import SessionSummary
    from werf.store.leases import Lease


RECENT = 20  # latest sessions shown


class HomeScreen(WerfScreen):
    """The first screen: what werf is, and where to go."""

    LOOKS_FIRST = True  # starts the app's loading after its quick look at the latest sessions

    BINDINGS = [
        Binding("n", "new_session", N_("New session"), id="new_session"),
        Binding("r", "resume", N_("Resume session"), id="resume"),
        Binding("h", "history", N_("History"), id="history",
                tooltip=N_("All past sessions: search, filter, review, correct")),
        Binding("a", "actions", N_("Action points"), id="actions",
                tooltip=N_("Open action points of all sessions")),
        Binding("f", "figures", N_("Figures"), id="figures",
                tooltip=N_("Figures per team and period, without case content")),
        Binding("b", "book", N_("Book of takeaways"), id="takeaways_book",
                tooltip=N_("The team's book of takeaways, by theme")),
        Binding("t", "teams", N_("Teams"), id="teams",
                tooltip=N_("One row per team: sessions, attendance, open and overdue action points")),
        Binding("s,f5", "sync", N_("Sync"), id="home_sync",
                tooltip=N_("Exchange sessions with the shared folder")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.unfinished: Session | None = None
        self.recent: list[SessionSummary] = []
        self._shown_names: list[str] = []
        self._asked_resume = False
        self._synced_at_start = False
        self.database_failed = False

    def compose(self) -> ComposeResult:
        yield WerfHeader(show_clock=False, icon="")
        with Vertical(id="home"):
            yield Static(_("Intervision, phase by phase"), id="home-title")
            yield Static(
                _(
                    "Pick a protocol, enter who is at the table, and werf walks the group "
                    "through every phase with a timer the whole room can read. Everything "
                    "you note is saved as you type."
                ),
                id="home-intro",
            )
            yield Static(self._start_hint(), id="home-hint")
            yield Static(_("Latest sessions"), classes="section-title")
            yield DataTable(id="recent", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def _start_hint(self) -> str:
        hint = _("Press N to start a new session.")
        if self.unfinished is not None:
            hint += " " + _("Press R to resume the unfinished session.")
        return hint

    def on_mount(self) -> None:
        self.sub_title = _("Home")

    def on_screen_resume(self) -> None:
        """Shown first, or back from another screen: (re)read the sessions once drawn."""
        self.call_after_refresh(self.run_worker, self.load(), exclusive=True, group="home-load",
                                exit_on_error=False)

    def show_failure(self, failure: str) -> None:
        """The database cannot be used: say why, and offer nothing that would write."""
        self.database_failed = True
        self.query_one("#home-hint", Static).update(
            Text(failure + "\n" + _("werf has not changed the file. Ctrl+Q closes werf."),
                 style="bold red")
        )
        self.refresh_bindings()

    async def load(self) -> None:
        """Wait for the database (opened after the first frame), then fill the screen. The
        first time, the latest sessions are shown from a quick read-only look while the store
        and the protocols still load."""
        store = self.werf.store
        try:
            if not self.recent and self.werf.db_path is not None:
                await self._first_look()
        finally:
            self.werf.start_loading()  # the store and the protocols, once the rows are drawn
        with contextlib.suppress(Exception):  # retrieved here, shown below in words
            await asyncio.wrap_future(store.start())
        failure = self.werf.store_failure()
        if failure is not None:
            self.show_failure(failure)
            return
        self.unfinished = await asyncio.wrap_future(store.call_method("unfinished_session"))
        recent = await asyncio.wrap_future(store.call_method("list_sessions", limit=RECENT))
        await asyncio.to_thread(lambda: self.werf.catalog)  # read on a thread, not here
        if recent != self.recent or self._shown_names != self._names(recent):
            self.recent = recent
            self._fill_table()
        self.query_one("#home-hint", Static).update(self._start_hint())
        self.refresh_bindings()
        if self.unfinished is not None and not self._asked_resume:
            self._asked_resume = True
            self.action_resume()
        if not self._synced_at_start and self.werf.config.shared_folder is not None:
            self._synced_at_start = True
            self.sync(quiet=True)

    def action_sync(self) -> None:
        self.sync(quiet=False)

    @background(exclusive=True, group="home-sync")
    async def sync(self, quiet: bool) -> None:
        """Read and publish the shared folder (at start quietly); show what came in."""
        from werf.screens.sync import sync_now

        report = await sync_now(self.werf, quiet=quiet)
        if report is not None and (report.received or report.changed or report.removed):
            self.on_screen_resume()

    async def _first_look(self) -> None:
        """The latest sessions from a read-only look (plain sqlite3), drawn before the store
        and the protocols load, whose imports would hold them up."""
        from werf.store.peek import latest_sessions

        assert self.werf.db_path is not None
        peeked = await asyncio.to_thread(latest_sessions, self.werf.db_path, RECENT)
        if peeked and not self.recent:
            self.recent = peeked
            self._fill_table()
            drawn = asyncio.Event()
            self.call_after_refresh(drawn.set)
            await drawn.wait()

    def _names(self, sessions: list[SessionSummary]) -> list[str]:
        name_of = self._protocol_names()
        return [name_of(s.protocol_id) or s.protocol_id for s in sessions]

    def _protocol_names(self) -> Callable[[str], str | None]:
        """Protocol id → its name in the user's language: from the catalog once it is read,
        before that from the built-in protocol files (the first look at the data)."""
        lang = get_language()
        if self.werf.catalog_loaded:
            catalog = self.werf.catalog

            def from_catalog(protocol_id: str) -> str | None:
                protocol = catalog.get(protocol_id)
                return protocol.name.get(lang) if protocol else None

            return from_catalog
        from werf.protocols.names import builtin_names

        names = builtin_names()
        return lambda protocol_id: names.get(protocol_id, {}).get(lang)

    def _fill_table(self) -> None:
        table = self.query_one("#recent", DataTable)
        table.clear(columns=True)
        for label, width in ((_("Date"), 10), (_("Team"), 22), (_("Protocol"), 30),
                             (_("Case"), 32), (_("Status"), 12)):
            table.add_column(label, width=width)
        self._shown_names = self._names(self.recent)
        for summary, name in zip(self.recent, self._shown_names, strict=True):
            status = _("finished") if summary.status == "finished" else _("unfinished")
            table.add_row(
                format_date(summary.date),
                Text(summary.team),
                Text(name),
                Text(summary.case_title),
                status,
                key=summary.id,
            )

    async def language_changed(self) -> None:
        await super().language_changed()
        self.sub_title = _("Home")
        self._fill_table()

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a session opens its summary, from which it can be exported."""
        from werf.store import Store

        session_id = event.row_key.value
        store = self.werf.store
        session = await asyncio.wrap_future(store.call(Store.load_session, session_id))
        protocol = self.werf.catalog.get(session.protocol_id) if session else None
        if session is None or protocol is None:
            self.notify(_("This session cannot be shown."), severity="error")
            return
        if session.status == "running":
            self.unfinished = session  # this one, not the most recent
            self.action_resume()
            return
        from werf.screens.session_view import SessionScreen

        self.app.push_screen(SessionScreen(session))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.database_failed and action in ("new_session", "resume", "history", "actions",
                                                             "figures", "book", "teams",
                                                             "sync"):
            return False
        if action == "resume":
            return self.unfinished is not None
        return True

    def action_history(self) -> None:
        from werf.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_figures(self) -> None:
        from werf.screens.figures import FiguresScreen

        self.app.push_screen(FiguresScreen())

    def action_teams(self) -> None:
        from werf.screens.teams import TeamsScreen

        self.app.push_screen(TeamsScreen())

    def action_book(self) -> None:
        from werf.screens.book import BookScreen

        self.app.push_screen(BookScreen())

    def action_actions(self) -> None:
        from werf.screens.actions import ActionsScreen

        self.app.push_screen(ActionsScreen())

    def action_new_session(self) -> None:
        from werf.screens.setup import SetupScreen

        self.app.push_screen(SetupScreen())

    def action_resume(self) -> None:
        from werf.screens.resume import ResumeScreen

        if self.unfinished is None:
            return
        session = self.unfinished

        def answered(resume: bool | None) -> None:
            if resume:
                self.open_run(session)

        self.app.push_screen(ResumeScreen(session), answered)

    @background(exclusive=True, group="open-run")
    async def open_run(self, session: Session) -> None:
        from werf.screens.run import RunScreen
        from werf.store import Store

        protocol = self.werf.catalog.get(session.protocol_id)
        if protocol is None:
            self.notify(
                _("The protocol '{id}' of this session is not available.").format(
                    id=session.protocol_id
                ),
                severity="error",
            )
            return
        app = self.werf
        held = await app.ask(Store.take_lease, session.id, app.window_id, app.wall_clock())
        if held is not None:
            from werf.screens.session_view import SessionScreen

            self.notify(in_another_window(held), severity="warning", timeout=15)
            self.app.push_screen(SessionScreen(session, read_only=True))  # to look, not touch
            return
        self.app.push_screen(RunScreen(protocol, session))


def in_another_window(lease: Lease) -> str:
    """The line a second window shows for a session the first one runs."""
    from werf.store.leases import LAPSE_SECONDS

    since = datetime.fromtimestamp(lease.since).strftime("%H:%M")
    return _("This session is open in another werf window since {time}. It can be resumed here "
             "once that window is closed, or has been silent for {seconds} seconds.").format(
        time=since, seconds=int(LAPSE_SECONDS))
