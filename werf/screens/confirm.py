"""A yes/no question in a small dialog."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from werf.i18n import N_, _
from werf.screens.base import WerfModal


class ConfirmScreen(WerfModal):
    """Dismisses with True for yes, False for no."""

    BINDINGS = [Binding("escape", "no", N_("Cancel"), id="confirm_cancel")]

    def __init__(self, question: str, yes: str, no: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(_(self.question), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_(self.yes), id="yes", variant="primary")
                yield Button(_(self.no or N_("Cancel")), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_no(self) -> None:
        self.dismiss(False)
