"""The team's own list of themes, one per line: add, rename, reorder or remove themes.

Sessions keep the themes they were given; the list only decides what setup offers.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static, TextArea

from werf.i18n import N_, _
from werf.screens.base import WerfModal
from werf.theme_list import parse_theme_lines, shown_theme
from werf.widgets.fields import app_blinks


class ThemeListForm(WerfModal):
    """Edit a team's themes (shown in the screen's language). Dismisses with the new list as
    stored (starting themes as their keys), or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="themes_save"),
        Binding("escape", "cancel", N_("Cancel"), id="themes_cancel"),
    ]

    def __init__(self, team: str, themes: list[str]) -> None:
        super().__init__()
        self.team = team
        self.themes = themes

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="theme-dialog"):
            yield Static(Text(_("Themes of {team}").format(team=self.team)), classes="dialog-title")
            yield Static(_("One theme per line. Sessions keep the themes they were given."),
                         classes="hint")
            lines = TextArea("\n".join(shown_theme(t) for t in self.themes), id="theme-lines",
                             soft_wrap=False, show_line_numbers=False)
            lines.cursor_blink = app_blinks()
            yield lines
            yield Static("", id="theme-problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), id="save", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#theme-lines", TextArea).focus()

    def action_save(self) -> None:
        themes = parse_theme_lines(self.query_one("#theme-lines", TextArea).text)
        if not themes:
            self.query_one("#theme-problem", Static).update(_("Keep at least one theme."))
            return
        self.dismiss(themes)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def button(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)
