"""Finish: a summary of the session that just ended, phase by phase."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from werf.dates import duration_text, format_date
from werf.i18n import N_, _, get_language
from werf.labels import minutes_text, participants_line, record_name
from werf.models import Protocol, RecordKind, Session
from werf.network import shown_owner
from werf.screens.base import WerfScreen, background
from werf.widgets.footer import Footer
from werf.widgets.header import WerfHeader


class FinishScreen(WerfScreen):
    """What happened: time per phase, what was recorded, the action points."""

    BINDINGS = [
        Binding("e", "export", N_("Export"), id="export_minutes",
                tooltip=N_("Export the minutes (Word, Markdown, archive)")),
        Binding("escape", "home", N_("Home"), id="finish_home"),
    ]

    def __init__(self, protocol: Protocol, session: Session, reviewing: bool = False) -> None:
        super().__init__()
        self.protocol = protocol
        self.session = session
        self.reviewing = reviewing

    def compose(self) -> ComposeResult:
        yield WerfHeader(show_clock=False, icon="")
        with VerticalScroll(id="finish"):
            yield Static(_("Session") if self.reviewing else _("Session finished"),
                         id="finish-title")
            yield Static(self._heading())
            yield Static(self._phase_table())
            yield Static(self._takeaways())
            yield Static(self._actions())
            yield Static(_("Everything is saved. E exports the minutes; Escape goes back to the "
                           "start."), classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = self.protocol.name.get(get_language())
        self.sub_title = _("Summary")
        if not self.reviewing and self.werf.config.archive_on_finish:
            self.write_archive(self.session.model_copy(deep=True))
        if not self.reviewing:
            from werf.screens.sync import publish_soon

            publish_soon(self.werf, self.session.id)  # to the shared folder, when one is set

    @background(thread=True, group="archive")
    def write_archive(self, session: Session) -> None:
        """Leave an archive in the export folder, for the coordinator's `werf import`: made
        for `shared_folder_audience` (without client identifiers unless that says team)."""
        from werf.export import ExportError, export_session

        config = self.werf.config
        try:
            done = export_session(session, self.protocol, "json", config.export_folder(),
                                  lang=get_language(), pseudonymise=config.pseudonymise,
                                  audience=config.shared_folder_audience)
        except ExportError as error:
            self.app.call_from_thread(self.notify, error.user_message(), severity="error")
        else:
            self.app.call_from_thread(
                self.notify, _("Archive written: {path}").format(path=done.path))

    def action_export(self) -> None:
        from werf.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.session, self.protocol))

    def _heading(self) -> Text:
        session = self.session
        text = Text()
        text.append(f"{session.case_title or _('(no case title)')}\n", style="bold")
        text.append(f"{_('Question')}: {session.question or '-'}\n")
        text.append(f"{_('Team')}: {session.team}   {_('Date')}: {format_date(session.date)}\n")
        text.append(f"{_('Participants')}: {participants_line(session)}\n")
        return text

    def _phase_table(self) -> Table:
        lang = get_language()
        table = Table(expand=True, title=_("Phases"), title_justify="left")
        table.add_column("#", justify="right")
        table.add_column(_("Phase"))
        table.add_column(_("Planned"), justify="right")
        table.add_column(_("Actual"), justify="right")
        table.add_column(_("Recorded"))
        planned_total = actual_total = 0.0
        for record, phase in zip(self.session.phases, self.protocol.phases, strict=False):
            planned_total += record.planned_seconds
            actual_total += record.elapsed_seconds
            over = record.elapsed_seconds > record.planned_seconds
            notes = self.session.notes_of(record.index)
            counts: dict[str, int] = {}
            for note in notes:
                counts[record_name(note.kind)] = counts.get(record_name(note.kind), 0) + 1
            actions = sum(1 for a in self.session.actions if a.phase_index == record.index)
            if actions:
                counts[record_name(RecordKind.ACTION)] = actions
            table.add_row(
                str(record.index + 1),
                Text(phase.name.get(lang)),
                f"{minutes_text(record.planned_seconds)} min",
                Text(duration_text(record.elapsed_seconds),
                     style="bold red" if over else ""),
                ", ".join(f"{count} × {name}" for name, count in counts.items()) or "-",
            )
        table.add_row("", Text(_("Total"), style="bold"), f"{minutes_text(planned_total)} min",
                      duration_text(actual_total), "")
        return table

    def _takeaways(self) -> Text:
        takeaways = [n for n in self.session.notes if n.kind is RecordKind.TAKEAWAY]
        text = Text()
        if takeaways:
            text.append(_("Takeaways") + "\n", style="bold")
            for note in takeaways:
                text.append("• ")
                text.append(note.text + "\n")
        return text

    def _actions(self) -> Table | Text:
        if not self.session.actions:
            return Text(_("No action points were made."), style="italic")
        table = Table(expand=True, title=_("Action points"), title_justify="left")
        table.add_column(_("What"))
        table.add_column(_("Who"))
        table.add_column(_("By when"))
        for action in self.session.actions:
            table.add_row(Text(action.text), Text(shown_owner(action) or "-"),
                          format_date(action.due) if action.due else "-")
        return table

    def action_home(self) -> None:
        self.app.pop_screen()
