"""The team's pulse: the seven statements, one colleague after another, on this laptop.

Each answer is typed hidden (a dot shows that something was typed, not what) and the screen
never shows an answer, not even after Enter; the room view shows nothing of it. The answers
live in a `werf.pulse.PulseRound` only: added to the team's sums once a colleague answered
all seven, and forgotten. Escape while answering: that colleague's answers count for
nothing; Escape between colleagues ends the pulse. Dismisses with the round (the run
screen hands it to the recorder, which keeps the totals only when three or more answered).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Static

from werf.i18n import N_, _, get_language
from werf.models import PULSE_ITEMS, PULSE_MIN_RESPONDENTS
from werf.pulse import SCALE, PulseRound
from werf.screens.base import WerfModal
from werf.widgets.fields import TextField


class PulseScreen(WerfModal):
    """Between colleagues ("hand the laptop on") or a colleague answering a statement."""

    BINDINGS = [Binding("escape", "stop", N_("Stop"), id="pulse_stop")]

    def __init__(self) -> None:
        super().__init__()
        self.round = PulseRound()

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("", id="pulse-title", classes="dialog-title")
            yield Static("", id="pulse-body")
            yield Static("", id="pulse-scale", classes="hint")
            yield TextField(id="pulse-answer", password=True, restrict=r"[1-7]?", max_length=1)
            yield Static("", id="pulse-problem", classes="problem")
            with Horizontal(classes="dialog-buttons", id="pulse-buttons"):
                yield Button(_("Answer"), id="pulse-start", variant="primary")
                yield Button(_("End the pulse"), id="pulse-end")

    def on_mount(self) -> None:
        self.show()

    async def language_changed(self) -> None:
        await super().language_changed()
        self.show()

    def show(self, answering: bool = False) -> None:
        """The state on screen: between colleagues, or a colleague at a statement."""
        lang = get_language()
        field = self.query_one("#pulse-answer", Input)
        field.display = answering
        self.query_one("#pulse-buttons").display = not answering
        self.query_one("#pulse-problem", Static).update("")
        title = self.query_one("#pulse-title", Static)
        body = self.query_one("#pulse-body", Static)
        scale = self.query_one("#pulse-scale", Static)
        if not answering:
            title.update(Text(_("Team pulse")))
            body.update(Text(_(
                "Seven statements about this team (Edmondson, 1999), answered by each colleague "
                "in turn on this laptop. The answers are hidden while typed and never shown; "
                "werf keeps only the team's totals, and shows a result only when at least "
                "{least} answered.").format(least=PULSE_MIN_RESPONDENTS) + "\n\n" + _(
                "Answered so far: {count}. Hand the laptop to the next colleague.").format(
                count=self.round.respondents)))
            scale.update("")
            self.query_one("#pulse-start", Button).focus()
            return
        statement = self.round.statement
        title.update(Text(_("Team pulse · statement {number} of {count}").format(
            number=statement.number, count=PULSE_ITEMS)))
        body.update(Text(statement.text.get(lang), style="bold"))
        scale.update(Text("\n".join(f"{value}  {label.get(lang)}"
                                    for value, label in enumerate(SCALE, start=1)) + "\n\n"
                          + _("Type 1 to 7 (hidden) and Enter. Escape: stop; your answers then "
                              "do not count.")))
        field.value = ""
        field.focus()

    @on(Button.Pressed, "#pulse-start")
    def start(self) -> None:
        self.show(answering=True)

    @on(Button.Pressed, "#pulse-end")
    def end(self) -> None:
        self.dismiss(self.round)

    @on(Input.Submitted, "#pulse-answer")
    def answered(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        event.input.value = ""
        if not value.isdigit() or not 1 <= int(value) <= len(SCALE):
            self.query_one("#pulse-problem", Static).update(Text(_("Type a number from 1 to 7.")))
            return
        done = self.round.answer(int(value))
        self.show(answering=not done)

    def action_stop(self) -> None:
        """Escape: a colleague stops (their answers do not count), or the pulse ends."""
        if self.query_one("#pulse-answer", Input).display:
            self.round.drop_current()
            self.show()
            return
        self.end()
