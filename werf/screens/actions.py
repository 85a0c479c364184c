"""Open action points across all sessions: overdue first, by team and owner; mark done
(through the recorder of the session the action point belongs to)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Select, Static

from werf.dates import format_date
from werf.guard import findings_among
from werf.i18n import N_, _
from werf.network import shown_owner
from werf.screens.base import WerfScreen
from werf.store import OpenAction, Store
from werf.widgets.footer import Footer
from werf.widgets.header import WerfHeader
from werf.widgets.notes import guard_mark


class ActionsScreen(WerfScreen):
    """Follow up action points; D marks the selected one done today."""

    BINDINGS = [
        Binding("d", "mark_done", N_("Done"), id="actions_done",
                tooltip=N_("Mark the selected action point done today")),
        Binding("ctrl+g", "replace_identifiers", N_("⚠ Replace"), id="actions_replace_identifiers",
                tooltip=N_("Replace a name, address or number in the selected ⚠ action point by a role "
                           "or relation")),
        Binding("escape", "back", N_("Back"), id="actions_back"),
    ]
    ALWAYS_IN_HELP = frozenset({"actions_replace_identifiers"})  # in the footer only with a ⚠ item; in F1 always

    def __init__(self) -> None:
        super().__init__()
        self.items: list[OpenAction] = []
        self.marked: set[str] = set()  # ids of the action points the privacy guard marks

    def compose(self) -> ComposeResult:
        yield WerfHeader(show_clock=False, icon="")
        yield Select([], prompt=_("All teams"), id="actions-team", compact=True)
        yield Static("", id="actions-count")
        yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        self.sub_title = _("Open action points")
        table = self.query_one("#actions", DataTable)
        for label, width in ((_("By when"), 11), (_("Team"), 18), (_("Who"), 16),
                             (_("What"), 50), (_("Session"), 10)):
            table.add_column(label, width=width)
        teams = await self.werf.ask(Store.distinct_values, "team") or []
        self.query_one("#actions-team", Select).set_options([(Content(t), t) for t in teams])
        await self.load()
        table.focus()

    async def load(self) -> None:
        team = self.query_one("#actions-team", Select).value
        self.items = await self.werf.ask(
            Store.all_open_actions, team if isinstance(team, str) else None) or []
        colleagues = await self.werf.ask(
            Store.colleagues_of, list(dict.fromkeys(item.session_id for item in self.items))) or {}
        self.marked = {item.action.id for item in self.items
                       if findings_among(item.action.text, colleagues.get(item.session_id, []))}
        self.refresh_bindings()
        today = self.werf.today()
        table = self.query_one("#actions", DataTable)
        table.clear()
        overdue = 0
        for item in self.items:
            action = item.action
            late = action.due is not None and action.due < today
            overdue += late
            style = "bold red" if late else ""
            table.add_row(Text(format_date(action.due) if action.due else "–", style=style),
                          Text(item.team), Text(shown_owner(action) or "–"),
                          guard_mark(Text(action.text), action.id in self.marked),
                          format_date(item.session_date), key=action.id)
        self.query_one("#actions-count", Static).update(
            _("{count} open, {overdue} overdue").format(count=len(self.items), overdue=overdue))

    @on(Select.Changed, "#actions-team")
    async def team_changed(self) -> None:
        await self.load()

    async def action_mark_done(self) -> None:
        table = self.query_one("#actions", DataTable)
        if not self.items or not 0 <= table.cursor_row < len(self.items):
            return
        item = self.items[table.cursor_row]
        session = await self.werf.ask(Store.load_session, item.session_id)
        if session is not None and self.recorder(session).set_action_done(
                item.action.id, self.werf.today()) is not None:
            self.notify(_("Done: {what}").format(what=item.action.text))
        await self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.marked) if action == "replace_identifiers" else True

    async def action_replace_identifiers(self) -> None:
        """The privacy guard on the selected action point, through its session's recorder."""
        from werf.screens.replace import offer_replacement

        table = self.query_one("#actions", DataTable)
        if not self.items or not 0 <= table.cursor_row < len(self.items):
            return
        item = self.items[table.cursor_row]
        if item.action.id not in self.marked:
            self.notify(_("Select an action point marked ⚠ first."))
            return
        session = await self.werf.ask(Store.load_session, item.session_id)
        action = next((a for a in session.actions if a.id == item.action.id), None) if session else None
        if session is None or action is None:
            return
        offer_replacement(self, self.recorder(session), action,
                          lambda changed: self.call_later(self.load) if changed else None)

    def action_back(self) -> None:
        self.app.pop_screen()
