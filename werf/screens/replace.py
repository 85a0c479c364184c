"""The privacy guard's dialog: replace what identifies someone in one note, action point or
network relation, in place, by a role or relation ("mevrouw De Vries" → "de moeder").

Each finding (`werf.guard.findings`) gets a line with what was found, its kind, and a field
holding the first suggestion; the network's relations are offered as completions (→ takes
one) and anything may be typed. Enter or Ctrl+S dismisses with the choices; an emptied
field keeps that finding as it was; Escape changes nothing. The recorder stores the result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from werf.guard import Finding, findings, suggestions
from werf.i18n import N_, _
from werf.minutes.pseudonymise import KIND_NAMES
from werf.models import Action, NetworkMember, Note
from werf.recorder import Recorder
from werf.screens.base import WerfModal
from werf.widgets.fields import TextField

Choices = list[tuple[Finding, str]]


class ReplaceDialog(WerfModal):
    """Dismisses with the choices (finding, replacement), or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="replace_cancel"),
        Binding("ctrl+s", "replace", N_("Replace"), id="replace_save"),
    ]

    def __init__(self, text: str, findings: list[Finding], suggestions: list[str]) -> None:
        super().__init__()
        self.text = text
        self.findings = findings
        self.suggestions = suggestions

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog replace"):
            yield Static(_("Replace what identifies someone"), classes="dialog-title")
            yield Static(Text(self.text), id="replace-text")
            for number, finding in enumerate(self.findings):
                yield Label(Text.assemble((f"“{finding.text}”", "bold"), f"  {_(KIND_NAMES[finding.kind])}"))
                offered = list(dict.fromkeys([finding.suggestion, *self.suggestions]))
                yield TextField(finding.suggestion, id=f"replace-{number}", compact=True,
                                suggester=SuggestFromList(offered, case_sensitive=False))
            yield Static(Text(_("Suggestions: {suggestions}. → takes the one shown; any words may be "
                                "typed; an empty field keeps what was found.").format(
                suggestions=" · ".join(self.suggestions))), classes="hint", id="replace-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Replace"), id="replace", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        if self.findings:
            field = self.query_one("#replace-0", Input)
            field.focus()
            field.cursor_position = len(field.value)

    def choices(self) -> Choices:
        return [(finding, self.query_one(f"#replace-{number}", Input).value)
                for number, finding in enumerate(self.findings)]

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_replace()

    def action_replace(self) -> None:
        self.dismiss(self.choices())

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "replace":
            self.action_replace()
        else:
            self.action_cancel()


def offer_replacement(screen: WerfModal | Screen, record: Recorder, item: Note | Action | NetworkMember,
                      done: Callable[[bool], Any]) -> bool:
    """Open the dialog for the findings in `item` (a note's or action point's text, a
    member's relation); the recorder stores the choices; `done(changed)` follows. False when
    the guard finds nothing in it (no dialog)."""
    text = item.relation if isinstance(item, NetworkMember) else item.text
    lang = record.session.lang  # the words offered go into the session's text: its language
    found = findings(text, record.session, lang)
    if not found:
        return False

    def chosen(choices: Choices | None) -> None:
        done(bool(choices) and record.replace_findings(item.id, choices or []))

    screen.app.push_screen(ReplaceDialog(text, found, suggestions(record.session, lang)), chosen)
    return True
