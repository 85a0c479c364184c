"""Export a session: choose folder and formats, pseudonymise, and see what will be replaced.

The dialog lists what the detector found in the case content and a pseudonymised export
will replace, grouped by kind, with the text and how often it occurs
(`werf.minutes.replaced.what_will_be_replaced`, the same record the export itself keeps):
Space on an item keeps it as typed, and a name typed under "sensitive names" is added to the
list. Without pseudonymising, the list is the warning of what the minutes would carry.

The export itself runs in a thread worker (it writes to what may be a slow network share);
the dialog reports each written file or a clear error. The session stays in the database
whatever happens to the export.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection
from textual.worker import get_current_worker

from werf.i18n import N_, _, get_language
from werf.models import Protocol, Session
from werf.screens.base import WerfModal, background
from werf.widgets.fields import TextField

if TYPE_CHECKING:
    from werf.minutes.replaced import Replaced

FORMAT_LABELS = {
    "docx": N_("Word minutes (.docx)"),
    "md": N_("Markdown minutes (.md)"),
    "json": N_("Session archive (.json) for other laptops"),
}


def typed_names(value: str) -> list[str]:
    """The names typed in the "sensitive names" field, comma-separated."""
    return [name.strip() for name in value.split(",") if name.strip()]


def found_in(session: Session, names: list[str]) -> list[Replaced]:
    """What a pseudonymised export of `session` replaces with `names` as its sensitive names
    (as typed in the dialog): the one function the command line's counts come from too."""
    from werf.minutes.replaced import what_will_be_replaced

    return what_will_be_replaced(session.model_copy(update={"sensitive_names": names}), get_language())


class ExportScreen(WerfModal):
    """Dismisses with the list of written files (empty when nothing was written)."""

    BINDINGS = [
        Binding("escape", "close", N_("Close"), id="export_close"),
        Binding("ctrl+s", "export", N_("Export"), id="export_run"),
    ]

    def __init__(self, session: Session, protocol: Protocol | None) -> None:
        super().__init__()
        self.session = session
        self.record = self.recorder(session)
        self.protocol = protocol
        self.written: list[Path] = []
        self.kept: set[str] = set()  # found texts to keep as typed (Space in the list)
        self.found: list[Replaced] | None = None  # None: still looking
        self._showing = asyncio.Lock()

    def compose(self) -> ComposeResult:
        config = self.werf.config
        formats = set(config.export_formats) | ({"json"} if config.archive_on_finish else set())
        with VerticalScroll(classes="dialog export"):
            yield Static(_("Export the minutes"), classes="dialog-title")
            yield Label(_("Folder (for example the team's shared drive)"))
            yield TextField(str(config.export_folder()), id="export-folder")
            for fmt, label in FORMAT_LABELS.items():
                yield Checkbox(_(label), fmt in formats, id=f"format-{fmt}")
            yield Checkbox(_("Pseudonymise: names become roles, sensitive names a placeholder"),
                           config.pseudonymise, id="pseudonymise")
            yield Checkbox(_("Group the notes of a round by who said them"),
                           config.minutes_by_speaker, id="by-speaker")
            yield Label(_("Sensitive names in this session (comma-separated)"))
            yield TextField(", ".join(self.session.sensitive_names),
                        placeholder=_("e.g. names of the resident or family"), id="sensitive")
            yield Static(_("Looking for names and identifiers…"), id="identifier-warnings")
            yield Vertical(id="found")
            yield Static("", id="export-result")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Export"), id="export", variant="primary")
                yield Button(_("Close"), id="close")

    def on_mount(self) -> None:
        self.query_one("#export", Button).focus()
        self.check_identifiers(list(self.session.sensitive_names))

    async def language_changed(self) -> None:
        """Ctrl+L: the dialog is built again in the other language, and so is the list."""
        await super().language_changed()
        self.check_identifiers(typed_names(self.query_one("#sensitive", Input).value))

    @on(Input.Changed, "#sensitive")
    def _names_changed(self, event: Input.Changed) -> None:
        self.check_identifiers(typed_names(event.value))

    @background(thread=True, exclusive=True, group="identifiers")
    def check_identifiers(self, names: list[str]) -> None:
        found = found_in(self.session, names)
        if not get_current_worker().is_cancelled:  # a later name was typed meanwhile
            self.app.call_from_thread(self.call_later, self._show_found, found)

    async def _show_found(self, found: list[Replaced]) -> None:
        async with self._showing:  # one list at a time: a later one waits for the earlier
            await self._replace_found(found)

    async def _replace_found(self, found: list[Replaced]) -> None:
        from werf.minutes.replaced import kind_name

        self.found = found
        heading = self.query_one("#identifier-warnings", Static)
        box = self.query_one("#found", Vertical)
        await box.remove_children()
        if not found:
            heading.update(_("No names or identifiers found in the case content."))
            return
        heading.update(Text(_("Found in the case content; pseudonymising replaces what is ticked "
                              "(Space: keep as typed):"), style="bold yellow"))
        lang = get_language()
        lists: list[Label | SelectionList[str]] = []
        for kind in dict.fromkeys(item.kind for item in found):
            items = [item for item in found if item.kind == kind]
            total = sum(item.count for item in items)
            lists.append(Label(Text(f"{kind_name(kind, lang)} ({total})", style="bold"), classes="found-kind"))
            lists.append(SelectionList[str](
                *(Selection(Text(f"{item.text}  {item.count}×"), item.text, item.text not in self.kept)
                  for item in items), id=f"found-{kind}", classes="found-items"))
        await box.mount_all(lists)

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        text = event.selection.value
        if text in event.selection_list.selected:
            self.kept.discard(text)
        else:
            self.kept.add(text)

    def _chosen_formats(self) -> list[str]:
        return [fmt for fmt in FORMAT_LABELS if self.query_one(f"#format-{fmt}", Checkbox).value]

    def _save_sensitive_names(self) -> None:
        """Store the names to hide once (on export or close), not at every keystroke: for a
        finished session each change is a correction that raises the revision."""
        self.record.set_sensitive_names(typed_names(self.query_one("#sensitive", Input).value))

    @on(Button.Pressed)
    def button(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.action_export()
        else:
            self.action_close()

    def action_export(self) -> None:
        formats = self._chosen_formats()
        result = self.query_one("#export-result", Static)
        if not formats:
            result.update(Text(_("Choose at least one format."), style="yellow"))
            return
        typed = self.query_one("#export-folder", Input).value.strip()
        if not typed:
            result.update(Text(_("Enter the folder to export to."), style="yellow"))
            return
        self._save_sensitive_names()
        result.update(_("Exporting…"))
        pseudonymise = self.query_one("#pseudonymise", Checkbox).value
        by_speaker = self.query_one("#by-speaker", Checkbox).value
        self.run_export(self.session.model_copy(deep=True), Path(typed).expanduser(), formats,
                        pseudonymise, sorted(self.kept), by_speaker)

    @background(thread=True, exclusive=True, group="export")
    def run_export(self, session: Session, folder: Path, formats: list[str],
                   pseudonymise: bool, keep: list[str], by_speaker: bool = False) -> None:
        from werf.export import ExportError, export_session

        lines = Text()
        template = self.werf.config.template
        for fmt in formats:
            try:
                done = export_session(session, self.protocol, fmt, folder, lang=get_language(),
                                      pseudonymise=pseudonymise, template=template, keep=keep,
                                      by_speaker=by_speaker)
            except ExportError as error:
                lines.append(error.user_message() + " ", style="bold red")
                lines.append(_("The session is safe in the database.") + "\n")
                continue
            self.written.append(done.path)
            lines.append("✓ " + str(done.path) + "\n", style="green")
            for warning in done.warnings:
                lines.append(f"  {warning}\n", style="yellow")
        self.app.call_from_thread(self.query_one("#export-result", Static).update, lines)

    def action_close(self) -> None:
        self._save_sensitive_names()
        self.dismiss(self.written)
