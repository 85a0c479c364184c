"""What the phase records: its notes (and action points), and a line to type a new one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, ListItem, ListView, Static

from werf.dates import format_date
from werf.engine import SessionEngine
from werf.i18n import _
from werf.labels import record_name
from werf.models import Action, Note, RecordKind


class NoteItem(ListItem):
    """One saved note in the list."""

    def __init__(self, note: Note) -> None:
        super().__init__(Label(Text(f"[{record_name(note.kind)}] ", style="dim") + Text(note.text)))
        self.note = note


class ActionItem(ListItem):
    """One action point in the list."""

    def __init__(self, action: Action) -> None:
        due = format_date(action.due) if action.due else "-"
        line = Text(f"[{record_name(RecordKind.ACTION)}] ", style="bold")
        line.append(action.text)
        line.append(f" — {action.owner or '-'} — {due}", style="dim")
        if action.done:
            line.append(f"  ✓ {format_date(action.done_on) if action.done_on else ''}", style="green")
        super().__init__(Label(line))
        self.action_point = action


class NotesPanel(Widget):
    """Notes of the current phase. Enter on the input saves a note; drafts are kept."""

    class NoteSubmitted(Message):
        def __init__(self, text: str, kind: RecordKind) -> None:
            super().__init__()
            self.text = text
            self.kind = kind

    class DraftChanged(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class EditRequested(Message):
        def __init__(self, item: Note | Action) -> None:
            super().__init__()
            self.item = item

    def __init__(self, engine: SessionEngine, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.engine = engine
        self.kind_index = 0

    def compose(self) -> ComposeResult:
        yield ListView(id="note-list")
        yield Static("", id="note-kind")
        yield Input(self.engine.current.draft, placeholder=_("Type a note and press Enter"),
                    id="note-input")

    def on_mount(self) -> None:
        self.border_title = _("Notes")
        self.show_phase()

    @property
    def kinds(self) -> list[RecordKind]:
        return self.engine.current.phase.note_kinds

    @property
    def kind(self) -> RecordKind:
        return self.kinds[self.kind_index % len(self.kinds)]

    def next_kind(self) -> None:
        self.kind_index = (self.kind_index + 1) % len(self.kinds)
        self._show_kind()

    def _show_kind(self) -> None:
        hint = _("Ctrl+T: other kind") if len(self.kinds) > 1 else ""
        self.query_one("#note-kind", Static).update(
            Text(_("New {kind}").format(kind=record_name(self.kind)), style="bold")
            + Text(f"   {hint}", style="dim")
        )

    def show_phase(self) -> None:
        """Show the notes and draft of the phase the engine is in now."""
        self.kind_index = 0
        self._show_kind()
        note_input = self.query_one("#note-input", Input)
        with note_input.prevent(Input.Changed):
            note_input.value = self.engine.current.draft
        self.refresh_items()

    def refresh_items(self) -> None:
        session = self.engine.session
        index = self.engine.index
        items: list[ListItem] = [NoteItem(note) for note in session.notes_of(index)]
        items += [ActionItem(a) for a in session.actions if a.phase_index == index]
        note_list = self.query_one("#note-list", ListView)
        note_list.clear()
        note_list.extend(items)
        if items:
            note_list.index = len(items) - 1
            note_list.scroll_end(animate=False)

    @on(Input.Changed, "#note-input")
    def draft_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.DraftChanged(event.value))

    @on(Input.Submitted, "#note-input")
    def note_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            return
        self.post_message(self.NoteSubmitted(event.value, self.kind))
        with event.input.prevent(Input.Changed):
            event.input.value = ""
        self.post_message(self.DraftChanged(""))

    @on(ListView.Selected, "#note-list")
    def item_selected(self, event: ListView.Selected) -> None:
        event.stop()
        item = event.item
        if isinstance(item, NoteItem):
            self.post_message(self.EditRequested(item.note))
        elif isinstance(item, ActionItem):
            self.post_message(self.EditRequested(item.action_point))
