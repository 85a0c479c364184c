"""Export a session: choose folder and formats, pseudonymise, and see what looks identifying.

The export itself runs in a thread worker (it writes to what may be a slow network share);
the dialog reports each written file or a clear error. The session stays in the database
whatever happens to the export.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from werf.i18n import N_, _, get_language
from werf.models import Protocol, Session
from werf.screens.base import WerfModal, background
from werf.widgets.fields import TextField

FORMAT_LABELS = {
    "docx": N_("Word minutes (.docx)"),
    "md": N_("Markdown minutes (.md)"),
    "json": N_("Session archive (.json) for other laptops"),
}
IDENTIFIER_LABELS = {
    "bsn": N_("a BSN-like number"),
    "birth_date": N_("a date of birth"),
    "email": N_("an e-mail address"),
    "phone": N_("a phone number"),
}


def identifier_warnings(session: Session) -> list[str]:
    """What looks like a client identifier in the session's case content (as declared on the
    models: also network relations, action owners, sensitive names and drafts, which the
    archive carries)."""
    from werf.minutes import find_identifiers

    found = []
    for text in session.case_texts():
        for finding in find_identifiers(text):
            found.append(_("{what}: {text}").format(
                what=_(IDENTIFIER_LABELS.get(finding.kind, finding.kind)), text=finding.text))
    return found


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
            yield Label(_("Sensitive names in this session (comma-separated)"))
            yield TextField(", ".join(self.session.sensitive_names),
                        placeholder=_("e.g. names of the resident or family"), id="sensitive")
            yield Static("", id="identifier-warnings")
            yield Static("", id="export-result")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Export"), id="export", variant="primary")
                yield Button(_("Close"), id="close")

    def on_mount(self) -> None:
        self.query_one("#export", Button).focus()
        self.check_identifiers()

    @background(thread=True, exclusive=True, group="identifiers")
    def check_identifiers(self) -> None:
        warnings = identifier_warnings(self.session)
        self.app.call_from_thread(self._show_identifiers, warnings)

    def _show_identifiers(self, warnings: list[str]) -> None:
        box = self.query_one("#identifier-warnings", Static)
        if not warnings:
            box.update("")
            return
        text = Text(_("This looks like client information; check before you export:") + "\n",
                    style="bold yellow")
        for line in warnings[:8]:
            text.append(f"  • {line}\n")
        if len(warnings) > 8:
            text.append("  " + _("and {count} more").format(count=len(warnings) - 8) + "\n")
        box.update(text)

    def _chosen_formats(self) -> list[str]:
        return [fmt for fmt in FORMAT_LABELS if self.query_one(f"#format-{fmt}", Checkbox).value]

    def _save_sensitive_names(self) -> None:
        """Store the names to hide once (on export or close), not at every keystroke: for a
        finished session each change is a correction that raises the revision."""
        self.record.set_sensitive_names(self.query_one("#sensitive", Input).value.split(","))

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
        self.run_export(self.session.model_copy(deep=True), Path(typed).expanduser(), formats,
                        pseudonymise)

    @background(thread=True, exclusive=True, group="export")
    def run_export(self, session: Session, folder: Path, formats: list[str],
                   pseudonymise: bool) -> None:
        from werf.export import ExportError, export_session

        lines = Text()
        template = self.werf.config.template
        for fmt in formats:
            try:
                done = export_session(session, self.protocol, fmt, folder, lang=get_language(),
                                      pseudonymise=pseudonymise, template=template)
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
