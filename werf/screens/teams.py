"""The coordinator of many teams: one row per team — sessions, attendance, open and overdue
action points, the last session, the last session received from the shared folder. Counts
only (werf.overview), read on the store thread."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from werf.dates import format_date, format_datetime, format_decimal
from werf.i18n import N_, _, ngettext
from werf.overview import TeamRow, team_overview
from werf.screens.base import WerfScreen
from werf.widgets.footer import Footer
from werf.widgets.header import WerfHeader


class TeamsScreen(WerfScreen):
    """Every team on one line; a team with overdue action points stands out."""

    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="teams_back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[TeamRow] = []

    def compose(self) -> ComposeResult:
        yield WerfHeader(show_clock=False, icon="")
        yield Static("", id="teams-count", markup=False)
        yield DataTable(id="teams", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        self.sub_title = _("Teams")
        self.rows = await self.werf.ask(team_overview, self.werf.today()) or []
        self.show_rows()
        self.query_one("#teams", DataTable).focus()

    async def language_changed(self) -> None:
        await super().language_changed()
        self.sub_title = _("Teams")
        self.show_rows()

    def show_rows(self) -> None:
        table = self.query_one("#teams", DataTable)
        table.clear(columns=True)
        table.add_columns(_("Team"), _("Sessions"), _("Attendance"), _("Open"), _("Overdue"),
                          _("Last session"), _("Last received from the share"))
        for row in self.rows:
            late = "bold red" if row.actions_overdue else ""
            table.add_row(Text(row.team), Text(str(row.sessions), justify="right"),
                          Text(format_decimal(row.attendance), justify="right"),
                          Text(str(row.actions_open), justify="right"),
                          Text(str(row.actions_overdue), style=late, justify="right"),
                          Text(format_date(row.last_session)),
                          Text(format_datetime(row.last_received) if row.last_received else "–"), key=row.team)
        overdue = sum(1 for row in self.rows if row.actions_overdue)
        self.query_one("#teams-count", Static).update(
            ngettext("{count} team", "{count} teams", len(self.rows)).format(count=len(self.rows))
            + " · " + _("attendance: colleagues per session") + " · "
            + ngettext("{count} with overdue action points", "{count} with overdue action points",
                       overdue).format(count=overdue))

    def action_back(self) -> None:
        self.app.pop_screen()
