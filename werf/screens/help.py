"""Help (F1): every key of the screen below, in the user's language, and how werf works."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from werf.i18n import N_, _
from werf.screens.base import WerfModal, own_bindings


class HelpScreen(WerfModal):
    """Keys of the screen the user came from."""

    BINDINGS = [
        Binding("escape", "close", N_("Close"), id="help_close"),
        Binding("f1", "close", N_("Close"), id="help_close_f1", show=False),
    ]

    def __init__(self, below: Screen) -> None:  # type: ignore[type-arg]
        super().__init__()
        self.below = below

    def keys_table(self) -> Table:
        table = Table(show_header=True, header_style="bold", box=None, expand=True)
        table.add_column(_("Key"), no_wrap=True)
        table.add_column(_("What it does"))
        table.add_column(_("Id for the keymap"), style="dim")
        seen: set[tuple[str, str]] = set()
        ids: set[str] = set()
        for key, active in own_bindings(self.below).items():
            binding = active.binding
            if binding.action == "command_palette" and key != "ctrl+p":
                continue
            description = binding.tooltip or binding.description or binding.action
            entry = (self.app.get_key_display(binding), description)
            if entry in seen:
                continue
            seen.add(entry)
            ids.add(binding.id or "")
            table.add_row(entry[0], entry[1], binding.id or "")
        # keys the footer shows only when they apply (the privacy guard's, on a marked note)
        always: frozenset[str] = getattr(self.below, "ALWAYS_IN_HELP", frozenset())
        for bindings in self.below._bindings.key_to_bindings.values():
            for binding in bindings:
                if binding.id in always and binding.id not in ids:
                    table.add_row(self.app.get_key_display(binding), _(binding.tooltip or binding.description),
                                  binding.id)
        return table

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(_("Help"), classes="dialog-title")
            yield Static(self.keys_table())
            yield Static(
                _(
                    "Every key is also in the command palette (Ctrl+P). Everything you type "
                    "is saved as you go; there is no save button. Use colleagues' names or "
                    "initials, never the names of clients."
                ),
                classes="help-text",
            )
            yield Static(_("Press Escape to close."), classes="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
