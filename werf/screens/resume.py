"""Ask whether to resume an unfinished session, at its phase and elapsed time."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from werf.dates import duration_text, format_date
from werf.i18n import N_, _, ngettext
from werf.models import Session
from werf.screens.base import WerfModal
from werf.summary import phase_name


class ResumeScreen(WerfModal):
    """Resume (True) or not now (False)."""

    BINDINGS = [
        Binding("enter", "resume", N_("Resume"), id="resume_yes", show=False),
        Binding("escape", "later", N_("Not now"), id="resume_later"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        protocol = self.werf.catalog.get(session.protocol_id)
        index = session.current_phase
        phase = phase_name(protocol, index, str(index + 1))
        elapsed = session.phases[index].elapsed_seconds if index < len(session.phases) else 0
        total = sum(record.elapsed_seconds for record in session.phases)
        with VerticalScroll(classes="dialog"):
            yield Static(_("An unfinished session was found"), classes="dialog-title")
            yield Static(
                Text(
                    _("{team}, {date}: {case}").format(
                        team=session.team, date=format_date(session.date),
                        case=session.case_title or _("(no case title)"),
                    )
                )
            )
            yield Static(Text(
                _("Phase {number}: {phase}, {elapsed} into the phase ({total} in all).").format(
                    number=index + 1, phase=phase, elapsed=duration_text(elapsed),
                    total=duration_text(total),
                )
            ))
            notes, actions = len(session.notes), len(session.actions)
            yield Static(_("{notes} and {actions} are saved.").format(
                notes=ngettext("{count} note", "{count} notes", notes).format(count=notes),
                actions=ngettext("{count} action point", "{count} action points", actions).format(
                    count=actions)))
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Resume"), id="resume", variant="primary")
                yield Button(_("Not now"), id="later")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "resume")

    def action_resume(self) -> None:
        self.dismiss(True)

    def action_later(self) -> None:
        self.dismiss(False)
