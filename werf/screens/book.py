"""The team's book of takeaways: per theme, what earlier sessions taught, newest first.

Only takeaways and action points, pseudonymised, without case titles, questions or names
(see `werf.takeaways`). The book is built on the store thread.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Select, Static

from werf.dates import format_date
from werf.i18n import N_, _, get_language, ngettext
from werf.models import ActionState
from werf.screens.base import WerfScreen, background
from werf.store import Store
from werf.takeaways import BookEntry, TakeawayBook, build_book
from werf.theme_list import theme_choices
from werf.widgets.footer import Footer
from werf.widgets.header import WerfHeader

STATE_MARKS = {ActionState.OPEN: "→", ActionState.DONE: "✓", ActionState.DROPPED: "✗"}


def entry_view(entry: BookEntry) -> Table:
    """One session's lessons: a dated line, then takeaways (✦) and action points (→ open, ✓ done, ✗ dropped)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=2, justify="right")
    table.add_column(ratio=1)
    title = Text(format_date(entry.date), style="bold")
    title.append(f" · {entry.team} · {entry.protocol_name}", style="dim")
    if entry.themes:
        title.append(" · " + ", ".join(entry.themes), style="dim italic")
    table.add_row("", title)
    for takeaway in entry.takeaways:
        table.add_row("✦", Text(takeaway))
    for action in entry.actions:
        line = Text(action.text)
        line.append(f" ({action.carried_by})", style="dim")
        table.add_row(STATE_MARKS[action.state], line)
    return table


def book_view(book: TakeawayBook) -> Group | Text:
    if not book.entries:
        return Text(_("No takeaways yet for this choice. They are the notes of the kind "
                      "'takeaway' and the action points of sessions with this theme."),
                    style="italic")
    parts: list[RenderableType] = []
    for chapter in book.chapters:
        if not chapter.entries:
            continue
        heading = Text(chapter.title, style="bold reverse")
        heading.append(" · " + ngettext("{count} session", "{count} sessions", len(chapter.entries)).format(
            count=len(chapter.entries)),
                       style="dim")
        parts.append(heading)
        for entry in chapter.entries:
            parts.extend([entry_view(entry), Text("")])
    return Group(*parts)


class BookScreen(WerfScreen):
    """Choose a theme (or all) and a team; read what the team learned."""

    BINDINGS = [
        Binding("e", "export('docx')", N_("Export (Word)"), id="book_export_docx",
                tooltip=N_("Write this book as a Word document into the export folder")),
        Binding("m", "export('md')", N_("Export (Markdown)"), id="book_export_md",
                tooltip=N_("Write this book as Markdown into the export folder")),
        Binding("escape", "back", N_("Back"), id="book_back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.book: TakeawayBook | None = None

    def compose(self) -> ComposeResult:
        yield WerfHeader(show_clock=False, icon="")
        with Horizontal(id="book-filters"):
            yield Label(_("Theme"))
            yield Select([], prompt=_("All themes"), id="book-theme", compact=True)
            yield Label(_("Team"))
            yield Select([], prompt=_("All teams"), id="book-team", compact=True)
        yield Static(Text(_("Takeaways and action points only: no case titles, questions or "
                            "names.")), id="book-hint")
        with VerticalScroll(id="book-scroll"):
            yield Static(Text(_("Loading…"), style="italic"), id="book-body")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        self.sub_title = _("Book of takeaways")
        themes = await self.werf.ask(Store.themes_in_use) or []
        teams = await self.werf.ask(Store.distinct_values, "team") or []
        self.query_one("#book-theme", Select).set_options(  # shown translated, chosen as stored
            [(Content(shown), stored) for shown, stored in theme_choices(themes)])
        self.query_one("#book-team", Select).set_options([(Content(t), t) for t in teams])
        self.refresh_book()
        self.query_one("#book-scroll").focus()

    async def language_changed(self) -> None:
        await super().language_changed()
        await self.on_mount()

    def chosen(self, select_id: str) -> str | None:
        value = self.query_one(select_id, Select).value
        return value if isinstance(value, str) else None

    @on(Select.Changed)
    def choice_changed(self) -> None:
        self.refresh_book()

    @background(exclusive=True, group="book")
    async def refresh_book(self) -> None:
        book = await self.werf.ask(
            build_book, lang=get_language(), theme=self.chosen("#book-theme"),
            team=self.chosen("#book-team"), catalog=self.werf.catalog)
        if book is None:
            return
        self.book = book
        self.query_one("#book-body", Static).update(book_view(book))

    def action_export(self, fmt: str) -> None:
        if self.book is None or not self.book.entries:
            self.notify(_("There is nothing in this book yet."), severity="warning")
            return
        self.write_book(self.book, fmt)

    @background(thread=True, exclusive=True, group="book-export")
    def write_book(self, book: TakeawayBook, fmt: str) -> None:
        """Render and write off the UI thread; say where it went, or why it could not."""
        from werf.export import ExportError, export_book

        try:
            folder = self.werf.config.export_folder()
            path = export_book(book, fmt, folder, today=self.werf.today())
        except ExportError as error:
            self.app.call_from_thread(self.notify, error.user_message(), severity="error",
                                      timeout=15)
            return
        self.app.call_from_thread(self.notify, _("Written: {path}").format(path=path), timeout=10)

    def action_back(self) -> None:
        self.app.pop_screen()
