"""What the phase records: its notes (and action points), and a line to type a new one."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, ListItem, ListView, Static

from werf.dates import format_date
from werf.engine import SessionEngine
from werf.guard import findings
from werf.i18n import _
from werf.labels import ACTION_STATE_NAMES, record_name
from werf.models import Action, ActionState, Note, RecordKind, Session
from werf.network import shown_owner
from werf.widgets.fields import NoteInput, mark_seen, pass_on

GUARD_MARK = "⚠ "  # the privacy guard found an identifier in the item (werf.guard)


def guard_mark(line: Text, marked: bool) -> Text:
    """`line` with the guard's mark before it when `marked` (its own styles kept)."""
    return Text.assemble((GUARD_MARK, "bold red"), line) if marked else line


def note_line(note: Note, speaker: str = "") -> Text:
    """A note as the lists show it: its kind, who said it (a short name) and its text."""
    line = Text(f"[{record_name(note.kind)}] ", style="dim")
    if speaker:
        line.append(f"{speaker}: ", style="bold")
    return line + Text(note.text)


def short_speaker(session: Session, note: Note) -> str:
    """Who said the note, by the first word of their name ("" when nobody is recorded)."""
    person = session.speaker_of(note)
    return person.short_name if person is not None else ""


def record_line(record: Note | Action, speaker: str = "") -> Text:
    """How a note (with who said it) or an action point reads in the phase's list."""
    if isinstance(record, Note):
        return note_line(record, speaker)
    due = format_date(record.due) if record.due else "-"
    line = Text(f"[{record_name(RecordKind.ACTION)}] ", style="bold")
    line.append(record.text)
    line.append(f" — {shown_owner(record) or '-'} — {due}", style="dim")
    if record.state is ActionState.DONE:
        line.append(f"  ✓ {format_date(record.done_on) if record.done_on else ''}", style="green")
    elif record.state is ActionState.DROPPED:
        line.append(f"  ✗ {_(ACTION_STATE_NAMES[ActionState.DROPPED])}", style="dim")
    return line


class RecordItem(ListItem):
    """One saved note or action point in the list; `marked` when it holds an identifier.
    `shown` is what it shows, so that a list refresh keeps the items that did not change."""

    def __init__(self, record: Note | Action, marked: bool = False, speaker: str = "",
                 line: Text | None = None) -> None:
        """`line`: the record's line when the caller has it already (else made from it and
        `speaker`)."""
        line = record_line(record, speaker) if line is None else line
        super().__init__(Label(guard_mark(line, marked)))
        self._take(record, line, marked)

    def _take(self, record: Note | Action, line: Text, marked: bool) -> None:
        self.record = record
        self.marked = marked
        self.shown = (line, marked)

    def show(self, record: Note | Action, line: Text, marked: bool) -> None:
        """Show another record of the same kind (or the same one in other words): its label
        is updated, not mounted anew."""
        if (line, marked) != self.shown:
            self.query_one(Label).update(guard_mark(line, marked))
        self._take(record, line, marked)


class NoteItem(RecordItem):
    """One saved note in the list; `speaker`: the short name of who said it (in a round), or
    ""."""

    @property
    def note(self) -> Note:
        assert isinstance(self.record, Note)
        return self.record


class ActionItem(RecordItem):
    """One action point in the list."""

    @property
    def action_point(self) -> Action:
        assert isinstance(self.record, Action)
        return self.record


def _item_class(record: Note | Action) -> type[RecordItem]:
    return NoteItem if isinstance(record, Note) else ActionItem


class NoteList(ListView):
    """The phase's notes. A character typed here belongs to a new note: it goes to the note
    line, which takes over the typing."""

    has_items = False  # set with the items it shows, at once (mounting them comes later)

    def allow_focus(self) -> bool:
        """An empty list takes no focus: Textual takes focus away from an empty list at the
        next refresh, leaving nothing focused (Tab from the note line in a phase without notes),
        and the keys typed next went nowhere."""
        return self.has_items

    handing_over = False  # a note is being typed here: every key goes on to the note line

    async def _on_key(self, event: events.Key) -> None:
        """A letter starts a note: it and every key after it (Enter, Backspace, F5 too) go on
        to the note line, in order. Focus moves to the note line only once no key waits here:
        moved at once, the keys still on their way here would reach the note line after those
        that went there directly (a note typed fast after Shift+Tab ended up in another
        phase)."""
        mark_seen(event)
        if pass_on(self, event):
            return
        panel = self.parent
        if (event.is_printable or self.handing_over) and isinstance(panel, NotesPanel):
            event.stop()
            event.prevent_default()
            panel.query_one(NoteInput)._forward_event(events.Key(event.key, event.character))
            if not self.handing_over:
                self.handing_over = True
                self.call_later(self._hand_over_focus)
            return
        await super()._on_key(event)

    def _hand_over_focus(self) -> None:
        if not self._message_queue.empty():  # keys still wait here: after them
            self.call_later(self._hand_over_focus)
            return
        self.handing_over = False
        panel = self.parent
        if isinstance(panel, NotesPanel):
            panel.focus_note()


class NotesPanel(Widget):
    """Notes of the current phase. Enter on the input saves a note; drafts are kept."""

    class NoteSubmitted(Message):
        """A note entered: its text, kind, phase and speaker (who had the floor in the round)
        as they were when Enter was pressed, before a key typed after it moved them on."""

        def __init__(self, text: str, kind: RecordKind, phase_index: int,
                     speaker_id: str | None = None) -> None:
            super().__init__()
            self.text = text
            self.kind = kind
            self.phase_index = phase_index
            self.speaker_id = speaker_id

    class DraftChanged(Message):
        """The draft of a phase changed (already in the engine): time to save."""

    class EditRequested(Message):
        def __init__(self, item: Note | Action) -> None:
            super().__init__()
            self.item = item

    def __init__(self, engine: SessionEngine, in_place: frozenset[str] = frozenset(),
                 **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.engine = engine
        self.in_place = in_place
        self.kind_index = 0
        self.marked: list[Note | Action] = []  # the phase's items the privacy guard marks

    def compose(self) -> ComposeResult:
        yield NoteList(id="note-list")
        yield Static("", id="note-kind")
        yield NoteInput(self.engine.current.draft, placeholder=_("Type a note and press Enter"),
                        id="note-input", on_enter=self._entered, on_edit=self._edited,
                        in_place=self.in_place)

    def on_mount(self) -> None:
        self.show_phase()

    def show_texts(self) -> None:
        """The panel's own words, in the language now chosen."""
        self.border_title = _("Notes")
        self.query_one(NoteInput).placeholder = _("Type a note and press Enter")
        self._show_kind()

    def _entered(self, text: str) -> None:
        self.query_one(NoteList).has_items = True  # Shift+Tab right after Enter finds the list
        self.post_message(self.NoteSubmitted(text, self.kind, self.engine.index,
                                             self.engine.speaker()))

    def _edited(self, text: str) -> None:
        self.engine.set_draft(text)
        self.post_message(self.DraftChanged())

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
        self.show_texts()
        self.query_one(NoteInput).show(self.engine.current.draft)
        self.refresh_items()

    def refresh_items(self) -> None:
        session = self.engine.session
        index = self.engine.index
        # the guard looks at saved texts only, once each (cached): typing is never held up
        notes = session.notes_of(index)
        actions = [a for a in session.actions if a.phase_index == index]
        records: list[Note | Action] = [*notes, *actions]
        self.marked = [item for item in records if findings(item.text, session)]
        wanted = [(record, record_line(record, short_speaker(session, record) if isinstance(record, Note) else ""),
                   any(record is m for m in self.marked)) for record in records]
        note_list = self.query_one("#note-list", NoteList)
        note_list.has_items = bool(wanted)
        # the items already shown stay, showing the records wanted now in their place (a new
        # phase's notes, other words): a list item is mounted only where none stands yet
        shown = [child for child in note_list.children
                 if isinstance(child, RecordItem) and not child._pruning]
        kept = 0
        while kept < min(len(shown), len(wanted)) and isinstance(shown[kept], _item_class(wanted[kept][0])):
            shown[kept].show(*wanted[kept])
            kept += 1
        if kept < len(shown):  # items no longer wanted, or of another kind, go
            note_list.remove_children(shown[kept:])
            if not kept:
                note_list.index = None
        note_list.extend([_item_class(record)(record, marked, line=line)
                          for record, line, marked in wanted[kept:]])
        if wanted:
            note_list.index = len(wanted) - 1
            note_list.scroll_end(animate=False)
        self.screen.refresh_bindings()  # the guard's key shows only with a marked item

    def marked_item(self) -> Note | Action | None:
        """The item the privacy guard's key acts on: the highlighted one when it is marked,
        else the last marked one of the phase; None when none is marked."""
        item = self.query_one("#note-list", NoteList).highlighted_child
        chosen = item.note if isinstance(item, NoteItem) else (
            item.action_point if isinstance(item, ActionItem) else None)
        if chosen is not None and any(chosen is marked for marked in self.marked):
            return chosen
        return self.marked[-1] if self.marked else None

    def focus_note(self) -> None:
        """Typing goes to the note line: put the cursor there (at once, not on the next
        refresh, so the keys that follow find it)."""
        note_input = self.query_one(NoteInput)
        if self.screen.focused is not note_input:
            self.screen.set_focus(note_input)

    @on(ListView.Selected, "#note-list")
    def item_selected(self, event: ListView.Selected) -> None:
        event.stop()
        item = event.item
        if isinstance(item, NoteItem):
            self.post_message(self.EditRequested(item.note))
        elif isinstance(item, ActionItem):
            self.post_message(self.EditRequested(item.action_point))
