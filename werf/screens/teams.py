"""The coordinator of many teams: one row per team — sessions, attendance, open and overdue
action points, the last session, the last session received from the shared folder. Counts
only (werf.overview), read on the store thread. Below, the rota of the team under the cursor:
when each member last brought a case and facilitated, and who is next (the rule of werf.rota)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from werf.dates import format_date, format_datetime, format_decimal
from werf.i18n import N_, _, ngettext
from werf.labels import ROLE_NAMES
from werf.overview import TeamRow, team_overview, team_rota
from werf.rota import Rota
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
        self.rota: Rota | None = None

    def compose(self) -> ComposeResult:
        yield WerfHeader(show_clock=False, icon="")
        yield Static("", id="teams-count", markup=False)
        yield DataTable(id="teams", cursor_type="row", zebra_stripes=True)
        yield Static("", id="rota-title", markup=False)
        yield DataTable(id="rota", cursor_type="none", zebra_stripes=True)
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        self.sub_title = _("Teams")
        self.rows = await self.werf.ask(team_overview, self.werf.today()) or []
        self.show_rows()
        if self.rows:  # the first team's rota before the screen shows
            await self._load_rota(self.rows[0].team)
        self.query_one("#teams", DataTable).focus()

    async def language_changed(self) -> None:
        await super().language_changed()
        self.sub_title = _("Teams")
        self.show_rows()
        self.show_rota()

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

    @on(DataTable.RowHighlighted, "#teams")
    def team_highlighted(self, event: DataTable.RowHighlighted) -> None:
        team = event.row_key.value
        if team is not None and (self.rota is None or self.rota.team != team):
            self.run_worker(self._load_rota(team), exclusive=True, group="rota", exit_on_error=False)

    async def _load_rota(self, team: str) -> None:
        rota = await self.werf.ask(team_rota, team)
        if rota is not None:
            self.rota = rota
            self.show_rota()

    def show_rota(self) -> None:
        table = self.query_one("#rota", DataTable)
        table.clear(columns=True)
        if self.rota is None:
            return
        self.query_one("#rota-title", Static).update(
            _("Rota of {team}: whoever has waited longest is next").format(team=self.rota.team))
        table.add_columns(_("Name"), _("Last case bringer"), _("Last facilitator"), _("Next time"))
        for line, role in self.rota.rows():
            table.add_row(Text(line.name),
                          Text(format_date(line.last_case_bringer) if line.last_case_bringer else "–"),
                          Text(format_date(line.last_facilitator) if line.last_facilitator else "–"),
                          Text(_(ROLE_NAMES[role]) if role else "", style="bold"))

    def action_back(self) -> None:
        self.app.pop_screen()
