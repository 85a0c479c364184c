"""History: every session in a sortable table, filtered and searched as you type.

Queries run on the store thread; only the newest answer is shown (an exclusive worker
cancels the one before), so typing stays fluid with 10,000 sessions.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Input, Select, Static

from werf.dates import DateError, format_date, parse_optional_date
from werf.i18n import N_, _, get_language, ngettext
from werf.screens.base import WerfScreen, background
from werf.screens.sync import withdraw_now
from werf.store import SessionSummary, Store
from werf.theme_list import theme_choices
from werf.widgets.fields import TextField
from werf.widgets.footer import Footer
from werf.widgets.header import WerfHeader

PAGE = 250
COLUMNS = [  # (sort key, label, width)
    ("date", N_("Date"), 10),
    ("team", N_("Team"), 18),
    ("protocol", N_("Protocol"), 24),
    ("case", N_("Case"), 30),
    ("facilitator", N_("Facilitator"), 14),
    ("open", N_("Open actions"), 8),
]


class HistoryScreen(WerfScreen):
    """Past sessions for the coordinator."""

    BINDINGS = [
        Binding("ctrl+f", "focus_search", N_("Search"), id="history_search"),
        Binding("delete", "delete_session", N_("Delete"), id="history_delete",
                tooltip=N_("Delete the selected session for good (asks first)")),
        Binding("ctrl+r", "purge", N_("Retention"), id="history_purge",
                tooltip=N_("Remove case content older than the retention period")),
        Binding("ctrl+o", "more", N_("More"), id="history_more",
                tooltip=N_("Show more sessions")),
        Binding("f5", "sync", N_("Sync"), id="history_sync",
                tooltip=N_("Exchange sessions with the shared folder")),
        Binding("escape", "back", N_("Back"), id="history_back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.order = "date"
        self.descending = True
        self.rows: list[SessionSummary] = []
        self.limit = PAGE

    def compose(self) -> ComposeResult:
        yield WerfHeader(show_clock=False, icon="")
        with Horizontal(id="history-filters"):
            yield TextField(placeholder=_("Search case, question, notes, actions"), id="search",
                        compact=True)
            yield Select([], prompt=_("All teams"), id="team", compact=True)
            yield Select([], prompt=_("All protocols"), id="protocol", compact=True)
            yield Select([], prompt=_("All facilitators"), id="facilitator", compact=True)
            yield Select([], prompt=_("All themes"), id="theme", compact=True)
            yield TextField(placeholder=_("from YYYY-MM-DD"), id="since", compact=True)
            yield TextField(placeholder=_("to YYYY-MM-DD"), id="until", compact=True)
        yield Static("", id="history-count")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        """Up to 100 columns (a laptop at 80×24): the filters on two rows, so each shows what
        it filters."""
        self.set_class(event.size.width <= 100, "-narrow")

    async def on_mount(self) -> None:
        self.sub_title = _("History")
        table = self.query_one("#sessions", DataTable)
        for key, label, width in COLUMNS:
            table.add_column(_(label), width=width, key=key)
        self.refresh_rows()
        for column, select_id in (("team", "#team"), ("protocol_id", "#protocol"),
                                  ("facilitator", "#facilitator")):
            values = await self.werf.ask(Store.distinct_values, column) or []
            self.query_one(select_id, Select).set_options(
                [(Content(self._protocol_name(v) if column == "protocol_id" else v), v)
                 for v in values])
        themes = await self.werf.ask(Store.themes_in_use) or []
        self.query_one("#theme", Select).set_options(  # shown translated, filtered as stored
            [(Content(shown), stored) for shown, stored in theme_choices(themes)])
        table.focus()

    def _protocol_name(self, protocol_id: str) -> str:
        protocol = self.werf.catalog.get(protocol_id)
        return protocol.name.get(get_language()) if protocol else protocol_id

    def filters(self) -> dict[str, Any]:
        """The filters as the store takes them; DateError when a date cannot be read."""

        def chosen(select_id: str) -> str | None:
            value = self.query_one(select_id, Select).value
            return value if isinstance(value, str) else None

        return {
            "search": self.query_one("#search", Input).value,
            "team": chosen("#team"),
            "protocol": chosen("#protocol"),
            "facilitator": chosen("#facilitator"),
            "theme": chosen("#theme"),
            "since": parse_optional_date(self.query_one("#since", Input).value),
            "until": parse_optional_date(self.query_one("#until", Input).value),
            "order": self.order,
            "descending": self.descending,
        }

    @on(Input.Changed)
    @on(Select.Changed)
    def filters_changed(self) -> None:
        self.refresh_rows()

    @background(exclusive=True, group="history-query")
    async def refresh_rows(self) -> None:
        try:
            filters = self.filters()
        except DateError as error:  # said where the count goes; the rows stay until it reads
            self.query_one("#history-count", Static).update(error.user_message())
            return
        rows = await self.werf.ask(
            Store.list_sessions, limit=self.limit, **filters)
        if rows is None:
            return
        self.rows = rows
        self.show_rows()

    def show_rows(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for row in self.rows:
            table.add_row(
                format_date(row.date),
                Text(row.team),
                Text(self._protocol_name(row.protocol_id)),
                Text(row.case_title or "–"),
                Text(row.facilitator),
                Text(str(row.open_actions) if row.open_actions else "",
                     style="bold" if row.open_actions else ""),
                key=row.id,
            )
        shown = len(self.rows)
        count = (ngettext("{count} session", "{count} sessions", shown).format(count=shown) if shown < self.limit
                 else ngettext("the first {count} session; Ctrl+O shows more",
                               "the first {count} sessions; Ctrl+O shows more", shown).format(count=shown))
        self.query_one("#history-count", Static).update(count)

    @on(DataTable.HeaderSelected)
    def sort_by(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key == self.order:
            self.descending = not self.descending
        else:
            self.order, self.descending = key, key in ("date", "open")
        self.refresh_rows()

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from werf.screens.session_view import SessionScreen

        session = await self.werf.ask(Store.load_session, event.row_key.value)
        if session is not None:
            self.app.push_screen(SessionScreen(session))

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def action_more(self) -> None:
        self.limit += PAGE
        self.refresh_rows()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def _selected_id(self) -> str | None:
        table = self.query_one("#sessions", DataTable)
        if not self.rows or table.cursor_row < 0 or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row].id

    def action_delete_session(self) -> None:
        from werf.screens.confirm import ConfirmScreen

        session_id = self._selected_id()
        if session_id is None:
            return

        async def answered(yes: bool | None) -> None:
            if yes:
                if await self.werf.ask(Store.delete_session, session_id):
                    self.notify(_("The session is deleted."))
                    await withdraw_now(self.werf)  # its copy in the shared folder goes too
                elif await self.werf.ask(Store.lease_of, session_id) is not None:
                    self.notify(_("This session is open in a werf window: it can be deleted once "
                                  "that window is closed."), severity="warning", timeout=15)
                self.refresh_rows()

        self.app.push_screen(
            ConfirmScreen(N_("Delete this session and everything noted in it, for good?"),
                          N_("Delete")), answered)

    def action_purge(self) -> None:
        from werf.screens.confirm import ConfirmScreen

        before = self.werf.config.retention_cutoff(self.werf.today())
        if before is None:
            self.notify(_("No retention period is set (retention_months in the config file)."),
                        severity="warning")
            return

        async def answered(yes: bool | None) -> None:
            if yes:
                report = await self.werf.ask(Store.purge_before, before)
                if report is not None:
                    if report.count:
                        await withdraw_now(self.werf)
                    held = bool(report.held or not report.scrub.wal_emptied)
                    self.notify("\n".join(report.lines()), severity="warning" if held else "information")
                self.refresh_rows()

        question = _("Remove case content of sessions before {date}? Figures stay.").format(
            date=format_date(before))
        self.app.push_screen(ConfirmScreen(question, N_("Remove")), answered)

    @background(exclusive=True, group="history-sync")
    async def action_sync(self) -> None:
        """Read and publish the shared folder, then show the sessions as they now are."""
        from werf.screens.sync import sync_now

        if await sync_now(self.werf) is not None:
            self.refresh_rows()

    def action_back(self) -> None:
        self.app.pop_screen()
