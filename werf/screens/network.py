"""The resident's network: a map of who is around them, and a form to add or change a person.

People are recorded by relation only ("sister", "neighbour", "GP"), never by name. Each
person saved (Enter or Ctrl+S), changed or removed is handed to the store thread at once,
so a werf that is killed afterwards keeps it; Escape closes the screen and discards only the
form that was not saved. The recorder (`werf.recorder`) does each change and its write.
Changing a relation also changes the "who" of the action points
that person carries; removing a person leaves those action points as they are (their "who"
keeps the relation), so nothing recorded is lost.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    ListItem,
    ListView,
    Select,
    SelectionList,
    Static,
)

from werf.dates import format_date
from werf.guard import findings
from werf.i18n import N_, _
from werf.models import Availability, Circle, NetworkMember, Support, TieStrength
from werf.network import AVAILABILITY_NAMES, CIRCLE_NAMES, STRENGTH_NAMES, SUPPORT_LETTERS
from werf.recorder import Recorder
from werf.screens.base import WerfScreen, focus_anew
from werf.widgets.checklist import CheckList
from werf.widgets.fields import TextField
from werf.widgets.footer import Footer
from werf.widgets.header import WerfHeader
from werf.widgets.network_map import NetworkMap
from werf.widgets.notes import guard_mark

# What the form of a new screen says about a new person, apart from the relation.
NEW_PERSON: dict[str, Any] = {"circle": Circle.FAMILY, "support": [], "strength": TieStrength.MODERATE,
                              "availability": Availability.LIMITED, "involved": False}


class PersonItem(ListItem):
    """One person in the list: relation and circle; `marked` when the relation holds an
    identifier (a name, a phone number: werf.guard)."""

    def __init__(self, member: NetworkMember, marked: bool = False) -> None:
        line = Text(member.relation)
        line.append(f" · {_(CIRCLE_NAMES[member.circle])}", style="dim")
        super().__init__(Label(guard_mark(line, marked)))
        self.member = member
        self.marked = marked


class PeopleList(ListView):
    """The people in the network; Enter changes one, Delete removes it."""

    BINDINGS = [
        Binding("delete", "remove_person", N_("Remove person"), id="network_remove_person",
                tooltip=N_("Remove the selected person from the network")),
    ]

    class RemoveRequested(Message):
        def __init__(self, member: NetworkMember) -> None:
            super().__init__()
            self.member = member

    def action_remove_person(self) -> None:
        item = self.highlighted_child
        if isinstance(item, PersonItem):
            self.post_message(self.RemoveRequested(item.member))


class NetworkScreen(WerfScreen):
    """Record the resident's network during the session (in any phase)."""

    BINDINGS = [
        Binding("ctrl+s", "save_person", N_("Save person"), id="network_save_person",
                tooltip=N_("Add the person to the network, or save the changes to them")),
        Binding("ctrl+n", "new_person", N_("New person"), id="network_new_person",
                tooltip=N_("Empty the form to add someone else")),
        Binding("ctrl+g", "replace_identifiers", N_("⚠ Replace"), id="network_replace_identifiers",
                tooltip=N_("Replace a name or number in the marked ⚠ relation by the relation alone")),
        Binding("escape", "close", N_("Close"), id="network_close",
                tooltip=N_("Back to the session; a person not yet saved is left out")),
    ]
    ALWAYS_IN_HELP = frozenset({"network_replace_identifiers"})  # in the footer only with a ⚠ item; in F1 always

    def __init__(self, record: Recorder) -> None:
        super().__init__()
        self.record = record
        self.session = record.session
        self.editing: NetworkMember | None = None
        self._shown: list[tuple[NetworkMember, bool]] = []  # the people as the list shows them

    # --- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield WerfHeader(show_clock=False, icon="")
        yield NetworkMap(self.session.network, id="network-map", empty_hint=_(
            "No one in the network yet. Who is around the resident? Household, family, "
            "friends and neighbours, a club or neighbourhood initiative, professionals. "
            "Fill in the form below: a relation (not a name) and what they give."))
        with Horizontal(id="network-edit"):
            yield PeopleList(*self._items(), id="network-people")
            with Vertical(id="network-form"):
                yield Static("", id="person-form-title")
                with Horizontal(classes="field"):
                    yield Label(_("Relation"))
                    yield TextField(placeholder=_("sister, neighbour, football coach, GP… (no names)"),
                                id="person-relation", compact=True)
                with Horizontal(id="person-choices"):
                    with Vertical(id="person-left"):
                        with Horizontal(classes="field"):
                            yield Label(_("Circle"))
                            yield Select(self._options(CIRCLE_NAMES), value=NEW_PERSON["circle"],
                                         allow_blank=False, id="person-circle", compact=True)
                        with Horizontal(classes="field"):
                            yield Label(_("Tie"))
                            yield Select(self._options(STRENGTH_NAMES), value=NEW_PERSON["strength"],
                                         allow_blank=False, id="person-strength", compact=True)
                        with Horizontal(classes="field"):
                            yield Label(_("Availability"))
                            yield Select(self._options(AVAILABILITY_NAMES), value=NEW_PERSON["availability"],
                                         allow_blank=False, id="person-availability", compact=True)
                        yield Checkbox(_("Already involved"), id="person-involved", compact=True)
                    with Vertical(id="person-right"):
                        yield Label(_("Gives support (Space marks)"))
                        yield CheckList(
                            *[(_(SUPPORT_LETTERS[kind]), kind) for kind in Support],
                            id="person-support", compact=True)
                yield Static("", id="person-problem", classes="problem")
                with Horizontal(id="person-buttons"):
                    yield Button(_("Save person"), id="person-save", variant="primary", compact=True)
                    yield Button(_("Remove person"), id="person-remove", variant="error", compact=True)
                    yield Button(_("New person"), id="person-new", compact=True)
        yield Footer(compact=True)

    @staticmethod
    def _options(names: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
        return [(_(name), value) for value, name in names.items()]

    def _people(self) -> list[tuple[NetworkMember, bool]]:
        """Each person (a copy) and whether the guard marks their relation."""
        return [(member.model_copy(), bool(findings(member.relation, self.session)))
                for member in self.session.network]

    def _items(self) -> list[ListItem]:
        self._shown = self._people()
        return [PersonItem(member, marked) for member, marked in self._shown]

    def reopen(self) -> bool:
        """Opened again (the run screen keeps this screen, `KeptScreens`): as a new one
        starts, with what was not saved gone. False when the people changed elsewhere since
        (then a new one is built)."""
        if self._people() != self._shown:
            return False
        for select in self.query(Select):
            select.expanded = False
        people = self.query_one(PeopleList)
        people.index = 0 if people.children else None
        people.scroll_home(animate=False)
        self.query_one(NetworkMap).query_one(".network-map-body").scroll_home(animate=False)
        self._show_form(shown=dict(NEW_PERSON))
        focus_anew(self, self.query_one("#person-relation", Input))
        return True

    def _marked(self) -> list[NetworkMember]:
        return [member for member in self.session.network if findings(member.relation, self.session)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The guard's key shows only while someone's relation is marked."""
        return bool(self._marked()) if action == "replace_identifiers" else True

    def action_replace_identifiers(self) -> None:
        """The privacy guard: replace a name or number in the highlighted (or first) marked
        relation by a relation alone."""
        from werf.screens.replace import offer_replacement

        item = self.query_one(PeopleList).highlighted_child
        marked = self._marked()
        member = item.member if isinstance(item, PersonItem) and item.member in marked else (
            marked[0] if marked else None)
        if member is None:
            return

        def done(changed: bool) -> None:
            if changed:
                self.call_later(self._refresh, self.session.network_member(member.id))

        offer_replacement(self, self.record, member, done)

    def on_mount(self) -> None:
        self.title = _("The resident's network")
        self.sub_title = f"{self.session.team} · {format_date(self.session.date)}"
        self.query_one(PeopleList).border_title = self._people_title()
        self._show_form()
        self.query_one("#person-relation", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        """Up to 100 columns: a narrower list of people, so the form's pickers keep room; up
        to 30 rows the map drops its legend, so people show."""
        self.set_class(event.size.width <= 100, "-narrow")
        self.set_class(event.size.height <= 30, "-short")

    def on_key(self, event: events.Key) -> None:
        """Keys for the form where no text is typed (on a picker or a check box): 1–5 choose
        the circle, the letters of the kinds of support (P, E, A, G in Dutch; P, E, A, C in
        English) mark or unmark one. A person is then a relation, Tab, a digit and a letter."""
        if isinstance(self.focused, Input) or not event.character:
            return
        circles = list(Circle)
        if event.character in "12345" and event.character:
            self.query_one("#person-circle", Select).value = circles[int(event.character) - 1]
            event.stop()
            return
        letters = {_(SUPPORT_LETTERS[kind])[:1].lower(): kind for kind in Support}
        kind = letters.get(event.character.lower())
        if kind is not None:
            self.query_one("#person-support", CheckList).toggle(kind)
            event.stop()

    def _people_title(self) -> str:
        return _("People ({count})").format(count=len(self.session.network))

    async def language_changed(self) -> None:
        """The screen is built again in the other language; what is in the form stays."""
        relation = self.query_one("#person-relation", Input).value
        draft, editing = self._form_values(), self.editing
        await super().language_changed()
        self.on_mount()
        self._show_form(editing, shown=draft)
        self.query_one("#person-relation", Input).value = relation

    # --- the form ----------------------------------------------------------------------
    def _show_form(self, member: NetworkMember | None = None,
                   shown: dict[str, Any] | None = None) -> None:
        """Fill the form with a person to change (`member`), or empty it for a new one.
        `shown` overrides what the fields hold (a form kept through a language switch)."""
        self.editing = member
        if shown is None:
            shown = {
                "circle": member.circle if member else self._circle(),
                "support": member.support if member else NEW_PERSON["support"],
                "strength": member.strength if member else NEW_PERSON["strength"],
                "availability": member.availability if member else NEW_PERSON["availability"],
                "involved": member.involved if member else NEW_PERSON["involved"],
            }
        title = Text(_("Change person: {relation}").format(relation=member.relation) if member
                     else _("New person"), style="bold")
        self.query_one("#person-form-title", Static).update(title)
        self.query_one("#person-relation", Input).value = member.relation if member else ""
        self.query_one("#person-circle", Select).value = shown["circle"]
        self.query_one("#person-strength", Select).value = shown["strength"]
        self.query_one("#person-availability", Select).value = shown["availability"]
        self.query_one("#person-involved", Checkbox).value = shown["involved"]
        support = self.query_one("#person-support", CheckList)
        support.deselect_all()
        support.reset_highlight()
        for kind in shown["support"]:
            support.select(kind)
        self.query_one("#person-remove", Button).display = member is not None
        self.query_one("#person-problem", Static).update("")

    def _circle(self) -> Circle:
        """The circle chosen last: people are often added a few from the same circle."""
        value = self.query_one("#person-circle", Select).value
        return value if isinstance(value, Circle) else Circle(str(value))

    def _form_values(self) -> dict[str, Any]:
        """What the form says about the person, apart from the relation."""
        chosen = set(self.query_one("#person-support", SelectionList).selected)
        return {
            "circle": self._circle(),
            "support": [kind for kind in Support if kind in chosen],
            "strength": TieStrength(str(self.query_one("#person-strength", Select).value)),
            "availability": Availability(str(self.query_one("#person-availability", Select).value)),
            "involved": self.query_one("#person-involved", Checkbox).value,
        }

    # --- actions -----------------------------------------------------------------------
    async def action_save_person(self) -> None:
        relation = self.query_one("#person-relation", Input).value.strip()
        if not relation:
            self.query_one("#person-problem", Static).update(
                _("Write the relation (sister, neighbour, GP…), not a name."))
            self.query_one("#person-relation", Input).focus()
            return
        member = self.record.save_member(self.editing.id if self.editing else None, relation,
                                         **self._form_values())
        await self._refresh(member)
        self._show_form()
        self.query_one("#person-relation", Input).focus()

    async def remove_person(self, member: NetworkMember) -> None:
        """Take a person out of the network; action points they carry keep their "who"."""
        self.record.remove_member(member.id)
        await self._refresh()
        if self.editing is not None and self.editing.id == member.id:
            self._show_form()
        self.notify(_("Removed from the network: {relation}").format(relation=member.relation))

    def action_new_person(self) -> None:
        self._show_form()
        self.query_one("#person-relation", Input).focus()

    def action_close(self) -> None:
        self.dismiss()

    async def _refresh(self, highlight: NetworkMember | None = None) -> None:
        self.query_one(NetworkMap).update_network(self.session.network)
        people = self.query_one(PeopleList)
        await people.clear()
        await people.extend(self._items())
        people.border_title = self._people_title()
        if highlight is not None:
            ids = [m.id for m in self.session.network]
            people.index = ids.index(highlight.id) if highlight.id in ids else None

    # --- events ------------------------------------------------------------------------
    @on(Input.Submitted, "#person-relation")
    async def relation_entered(self) -> None:
        await self.action_save_person()

    @on(ListView.Selected, "#network-people")
    def person_selected(self, event: ListView.Selected) -> None:
        if isinstance(event.item, PersonItem):
            self._show_form(event.item.member)
            self.query_one("#person-relation", Input).focus()

    @on(PeopleList.RemoveRequested)
    async def remove_requested(self, event: PeopleList.RemoveRequested) -> None:
        await self.remove_person(event.member)

    @on(Button.Pressed)
    async def button(self, event: Button.Pressed) -> None:
        if event.button.id == "person-save":
            await self.action_save_person()
        elif event.button.id == "person-remove" and self.editing is not None:
            await self.remove_person(self.editing)
        elif event.button.id == "person-new":
            self.action_new_person()
