"""Small dialogs to add or correct what was recorded: an action point, a note."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from werf.carrier import PROFESSIONAL, RESIDENT, apply_carrier, carrier_choices, carrier_of
from werf.dates import DATE_PATTERN, DateError, format_date, parse_optional_date
from werf.i18n import N_, _
from werf.labels import follow_up_name
from werf.models import Action, FollowUp, NetworkMember, Note, OwnerKind
from werf.network import OWNER_KIND_NAMES, shown_owner
from werf.screens.base import WerfModal, focus_anew, show_anew
from werf.widgets.fields import TextField

DELETE = "delete"


class ActionForm(WerfModal):
    """Add or edit an action point: what, carried by whom, by when. Dismisses with the action,
    DELETE, or None. The action is changed only on save."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="action_cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="action_save"),
    ]

    def __init__(self, action: Action, people: list[str], network: list[NetworkMember] | None = None,
                 editing: bool = False) -> None:
        super().__init__()
        self._take(action, people, network, editing)
        self._built_for: tuple[object, ...] = ()

    def _take(self, action: Action, people: list[str], network: list[NetworkMember] | None,
              editing: bool) -> None:
        self.action_point = action
        self.people = people
        self.network = list(network or [])
        self.editing = editing
        self.carrier = carrier_of(action, self.network)

    def _shape(self) -> tuple[object, ...]:
        """What the dialog's widgets are built from, apart from the fields' texts."""
        return (self.editing, carrier_choices(self.network, self.action_point), self.people)

    def reopen(self, action: Action, people: list[str], network: list[NetworkMember] | None = None,
               editing: bool = False) -> bool:
        """Opened again (the run screen keeps this dialog, `KeptScreens`) for another action
        point: as a new dialog for it starts. False when it would be built otherwise (another
        title or buttons, other carriers to choose from)."""
        self._take(action, people, network, editing)
        if self._shape() != self._built_for:
            return False
        for field, text in (("action-text", action.text), ("action-owner", action.owner),
                            ("action-due", format_date(action.due) if action.due else "")):
            show_anew(self.query_one(f"#{field}", Input), text)
        carrier = self.query_one("#action-carrier", Select)
        carrier.expanded = False
        carrier.value = self.carrier
        self.query_one("#action-problem", Static).update("")
        self._show_owner()
        self.query_one(".dialog").scroll_home(animate=False)
        focus_anew(self, self.query_one("#action-text", Input))
        return True

    def compose(self) -> ComposeResult:
        action = self.action_point
        self._built_for = self._shape()
        with VerticalScroll(classes="dialog"):
            yield Static(_("Edit action point") if self.editing else _("New action point"),
                         classes="dialog-title")
            yield Label(_("What will be done?"))
            yield TextField(action.text, id="action-text")
            yield Label(_("Carried by"))
            yield Select([(Text(label), choice) for label, choice in carrier_choices(self.network, action)],
                         value=self.carrier, allow_blank=False, id="action-carrier")
            yield Label("", id="action-owner-label")
            yield TextField(action.owner, id="action-owner")
            yield Label(_("By when? (YYYY-MM-DD, may stay empty)"))
            yield TextField(format_date(action.due) if action.due else "", placeholder=_(DATE_PATTERN),
                        id="action-due")
            yield Static("", id="action-problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), id="save", variant="primary")
                if self.editing:
                    yield Button(_("Delete"), id="delete", variant="error")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self._show_owner()
        self.query_one("#action-text", Input).focus()

    async def language_changed(self) -> None:
        await super().language_changed()
        self._show_owner()

    def _show_owner(self) -> None:
        """A colleague's name for a professional; for the resident it may stay empty; a
        network member is named by their relation, so there is nothing to type."""
        label = self.query_one("#action-owner-label", Label)
        owner = self.query_one("#action-owner", Input)
        typed = self.carrier in (PROFESSIONAL, RESIDENT)
        label.display = owner.display = typed
        if self.carrier == PROFESSIONAL:
            label.update(_("Which colleague?"))
            owner.placeholder = ", ".join(self.people)
        elif self.carrier == RESIDENT:
            label.update(_("Who exactly? (may stay empty: the resident)"))
            owner.placeholder = _(OWNER_KIND_NAMES[OwnerKind.RESIDENT])

    @on(Select.Changed, "#action-carrier")
    def carrier_changed(self, event: Select.Changed) -> None:
        choice = str(event.value)
        if choice == self.carrier:
            return
        self.carrier = choice
        self.query_one("#action-owner", Input).value = ""  # a colleague's name is no relation
        self._show_owner()
        owner = self.query_one("#action-owner", Input)
        (owner if owner.display else self.query_one("#action-due", Input)).focus()

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        order = [field for field in ("action-text", "action-owner", "action-due")
                 if self.query_one(f"#{field}", Input).display]
        current = event.input.id or ""
        if current == order[-1]:
            self.action_save()
        else:
            self.query_one(f"#{order[order.index(current) + 1]}", Input).focus()

    @on(Button.Pressed)
    def button(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "delete":
            self.dismiss(DELETE)
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        text = self.query_one("#action-text", Input).value.strip()
        problem = self.query_one("#action-problem", Static)
        if not text:
            problem.update(_("Say what will be done."))
            return
        try:
            due = parse_optional_date(self.query_one("#action-due", Input).value)
        except DateError as error:
            problem.update(error.user_message())
            return
        self.action_point.text = text
        apply_carrier(self.action_point, self.carrier, self.query_one("#action-owner", Input).value,
                      self.network)
        self.action_point.due = due
        self.dismiss(self.action_point)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteForm(WerfModal):
    """Correct a note. Dismisses with the new text, DELETE, or None."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="note_cancel")]

    def __init__(self, note: Note) -> None:
        super().__init__()
        self.note = note

    def reopen(self, note: Note) -> bool:
        """Opened again (the run screen keeps this dialog, `KeptScreens`) for another note: as a
        new dialog for it starts."""
        self.note = note
        field = self.query_one("#note-text", Input)
        show_anew(field, note.text)
        self.query_one(".dialog").scroll_home(animate=False)
        focus_anew(self, field)
        return True

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(_("Correct the note"), classes="dialog-title")
            yield TextField(self.note.text, id="note-text")
            yield Static(Text(_("Enter saves; an empty note is deleted.")), classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), id="save", variant="primary")
                yield Button(_("Delete"), id="delete", variant="error")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note-text", Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value if event.value.strip() else DELETE)

    @on(Button.Pressed)
    def button(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            value = self.query_one("#note-text", Input).value
            self.dismiss(value if value.strip() else DELETE)
        elif event.button.id == "delete":
            self.dismiss(DELETE)
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SaveOrCancel(WerfModal):
    """A form with Save and Cancel: Save (the button) runs the form's `_save`; Cancel and
    Escape dismiss it with None."""

    def _save(self) -> None:
        raise NotImplementedError

    @on(Button.Pressed)
    def button(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CaseForm(SaveOrCancel):
    """The case title and the case bringer's question, often only clear during the case
    introduction. Dismisses with (title, question) or None."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="case_cancel")]

    def __init__(self, title: str, question: str) -> None:
        super().__init__()
        self.case_title = title
        self.question = question

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(_("The case"), classes="dialog-title")
            yield Label(_("Case title"))
            yield TextField(self.case_title, placeholder=_("a few words, no client names"),
                        id="case-title")
            yield Label(_("The case bringer's question"))
            yield TextField(self.question, placeholder=_("How can I …?"), id="case-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), id="save", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#case-title", Input).focus()

    def _save(self) -> None:
        self.dismiss((self.query_one("#case-title", Input).value.strip(),
                      self.query_one("#case-question", Input).value.strip()))

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "case-title":
            self.query_one("#case-question", Input).focus()
        else:
            self._save()



class FollowUpForm(SaveOrCancel):
    """One open action point of an earlier session, reviewed at the opening: done, under way
    or dropped, and one line of what happened. Dismisses with (outcome, line) or None."""

    BINDINGS = [Binding("escape", "cancel", N_("Stop reviewing"), id="follow_up_cancel")]

    def __init__(self, action: Action, session_date: str, number: int, count: int) -> None:
        super().__init__()
        self.action_point = action
        self.session_date = session_date
        self.number, self.count = number, count

    def compose(self) -> ComposeResult:
        action = self.action_point
        with VerticalScroll(classes="dialog"):
            yield Static(_("Earlier action point {number} of {count}").format(
                number=self.number, count=self.count), classes="dialog-title")
            yield Static(Text(action.text, style="bold"))
            yield Static(Text(_("{who} · agreed on {date}").format(
                who=shown_owner(action) or "-", date=format_date(self.session_date))))
            with Horizontal(classes="field"):
                yield Label(_("What became of it"))
                yield Select([(follow_up_name(outcome), str(outcome)) for outcome in FollowUp],
                             value=str(action.follow_up or FollowUp.DONE), allow_blank=False,
                             compact=True, id="follow-up")
            yield Label(_("What happened (one line)"))
            yield TextField(action.follow_up_note, id="follow-up-note")
            yield Static(Text(_("Enter saves and goes on to the next; Escape stops.")), classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), id="save", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#follow-up", Select).focus()

    def _save(self) -> None:
        outcome = self.query_one("#follow-up", Select).value
        self.dismiss((FollowUp(str(outcome)), self.query_one("#follow-up-note", Input).value))

    @on(Input.Submitted)
    def submitted(self) -> None:
        self._save()



class ClosingMarkForm(SaveOrCancel):
    """One participant's mark for the session (1-10) and one word, in the closing round.
    Dismisses with (mark, word) or None."""

    BINDINGS = [Binding("escape", "cancel", N_("Stop the round"), id="closing_cancel")]

    def __init__(self, name: str, number: int, count: int) -> None:
        super().__init__()
        self.person = name
        self.number, self.count = number, count

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Text(_("Closing round {number} of {count}: {name}").format(
                number=self.number, count=self.count, name=self.person)), classes="dialog-title")
            yield Label(_("Mark for the session (1–10)"))
            yield TextField(id="closing-mark", restrict=r"[0-9]{0,2}")
            yield Label(_("One word"))
            yield TextField(id="closing-word")
            yield Static("", id="closing-problem", classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), id="save", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#closing-mark", Input).focus()

    def _save(self) -> None:
        text = self.query_one("#closing-mark", Input).value.strip()
        if not text.isdigit() or not 1 <= int(text) <= 10:
            self.query_one("#closing-problem", Static).update(
                Text(_("Give a mark from 1 to 10.")))
            self.query_one("#closing-mark", Input).focus()
            return
        self.dismiss((int(text), self.query_one("#closing-word", Input).value))

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "closing-mark" and event.value.strip():
            self.query_one("#closing-word", Input).focus()
        else:
            self._save()

