"""Syncing with the shared folder from the app (home and history screens), and the dialog
that shows conflicts side by side. The work is werf.shared_folder's, on the store thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Static

from werf.i18n import N_, _
from werf.screens.base import WerfModal

if TYPE_CHECKING:
    from werf.app import WerfApp
    from werf.shared_folder import ConflictRow, SyncReport


async def sync_now(app: WerfApp, quiet: bool = False) -> SyncReport | None:
    """Read and publish the shared folder; say what happened; open the conflicts dialog when
    conflicts wait. `quiet` (at start): no word when there is no folder or nothing new, and
    conflicts are announced, not opened."""
    from werf.shared_folder import sync_job

    folder = app.config.shared_folder
    if folder is None:
        if not quiet:
            app.notify(_("No shared folder is set (shared_folder in the config file)."),
                       severity="warning")
        return None
    result = await app.ask(sync_job, folder.expanduser())
    if result is None:
        return None
    if isinstance(result, str):
        app.notify(result, severity="warning" if quiet else "error", timeout=15)
        return None
    busy = result.published or result.received or result.changed or result.removed
    if busy or result.conflicts or result.failed or not quiet:
        lines = result.lines()
        app.notify("\n".join([lines[0], *(line for line in lines[1:] if not line.startswith(" "))]),
                   title=_("Shared folder"), severity="warning" if result.failed else "information",
                   timeout=10)
    if result.conflicts and quiet:  # at start a dialog would cover the resume question
        app.notify(_("Conflicts wait in the shared folder: S on the home screen shows them."),
                   severity="warning", timeout=15)
    elif result.conflicts:
        await app.push_screen(ConflictsScreen())
    return result


def publish_soon(app: WerfApp, session_id: str) -> None:
    """A session was finished or corrected: its file in the shared folder follows (after the
    writes already waiting, on the store thread), in the background, without a word unless
    it fails or finds a conflict."""
    if app.config.shared_folder is None:
        return

    async def publish() -> None:
        from werf.shared_folder import sync_job

        try:
            folder = app.config.shared_folder
            result = await app.ask(sync_job, folder.expanduser(), session_id) if folder else None
        except Exception as error:  # noqa: BLE001 - the app's one handler says it
            app.worker_failed(error)
            return
        if isinstance(result, str):
            app.notify(result, severity="warning", timeout=15)
        elif result is not None and (result.failed or result.conflicts):
            app.notify(result.lines()[0], title=_("Shared folder"), severity="warning",
                       timeout=10)

    app.run_worker(publish(), group=f"publish-{session_id}", exit_on_error=False)


async def withdraw_now(app: WerfApp) -> None:
    """After a delete or purge: the folder's copies make way for their tombstones."""
    from werf.shared_folder import withdraw_job

    folder = app.config.shared_folder
    if folder is not None:
        result = await app.ask(withdraw_job, folder.expanduser())
        if isinstance(result, str):
            app.notify(result, severity="warning", timeout=15)


class ConflictsScreen(WerfModal):
    """Conflicts from the shared folder, both versions side by side; M, T or B settles the
    selected one (this laptop's version, the other laptop's, or both)."""

    BINDINGS = [
        Binding("m", "keep('mine')", N_("Keep mine"), id="conflict_mine"),
        Binding("t", "keep('theirs')", N_("Keep theirs"), id="conflict_theirs"),
        Binding("b", "keep('both')", N_("Keep both"), id="conflict_both"),
        Binding("escape", "close", N_("Close"), id="conflict_close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ConflictRow] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(_("Conflicts: the same record changed on two laptops"),
                         classes="dialog-title")
            yield Static(_("M keeps this laptop's version, T the other one, B both."))
            yield DataTable(id="conflicts", cursor_type="row", zebra_stripes=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Close"), id="close")

    async def on_mount(self) -> None:
        await self.reload()
        self.query_one("#conflicts", DataTable).focus()

    async def reload(self) -> None:
        from werf.shared_folder import conflict_rows

        self.rows = await self.werf.ask(conflict_rows) or []
        table = self.query_one("#conflicts", DataTable)
        table.clear(columns=True)
        for label, width in ((_("Session"), 24), (_("What"), 12), (_("Mine"), 28),
                             (_("Theirs"), 28)):
            table.add_column(label, width=width)
        for row in self.rows:
            table.add_row(Text(row.session), Text(row.what), Text(row.mine), Text(row.theirs),
                          key=row.id)

    async def language_changed(self) -> None:
        await super().language_changed()
        await self.reload()

    async def action_keep(self, keep: str) -> None:
        from werf.shared_folder import resolve_job

        table = self.query_one("#conflicts", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return
        row = self.rows[table.cursor_row]
        if await self.werf.ask(resolve_job, row.id, keep):
            self.notify(_("Settled; the next sync shares it."))
        await self.reload()
        if not self.rows:
            self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
