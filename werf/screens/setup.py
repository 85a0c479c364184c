"""Setup: protocol, team, date, who is at the table and in which role, the case and question."""

from __future__ import annotations

import asyncio
import copy
from dataclasses import dataclass, field

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button,
    Input,
    Label,
    ListItem,
    ListView,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from werf.dates import DATE_PATTERN, DateError, format_date, format_decimal, parse_date
from werf.i18n import N_, _, get_language
from werf.labels import attendance_name, role_name
from werf.models import Attendance, Participant, Protocol, RoleId, Session
from werf.network import shown_owner
from werf.overview import team_rota
from werf.rota import Rota
from werf.screens.base import WerfScreen
from werf.store import OpenAction, Store
from werf.theme_list import shown_theme, starting_themes
from werf.widgets.checklist import CheckList
from werf.widgets.fields import TextField
from werf.widgets.footer import Footer
from werf.widgets.header import WerfHeader

CAST_ROLES = [RoleId.CASE_BRINGER, RoleId.TIMEKEEPER, RoleId.MINUTE_TAKER, RoleId.OBSERVER]


@dataclass
class SetupForm:
    """What the facilitator has entered so far (kept apart from the widgets)."""

    protocol_id: str
    date_text: str
    team: str = ""
    facilitator: str = ""
    participants: list[str] = field(default_factory=list)
    absent: dict[str, Attendance] = field(default_factory=dict)  # name: absent or apologies
    roles: dict[RoleId, str] = field(default_factory=dict)
    case_title: str = ""
    question: str = ""
    location: str = ""
    themes: list[str] = field(default_factory=list)

    def problems(self, protocol: Protocol | None) -> list[str]:
        found = []
        if protocol is None:
            found.append(_("Choose a protocol."))
        if not self.team.strip():
            found.append(_("Enter the team."))
        try:
            parse_date(self.date_text)
        except DateError as error:
            found.append(error.user_message())
        if not self.facilitator.strip():
            found.append(_("Enter the facilitator."))
        if len(self.people()) < 2:
            found.append(_("Add at least two participants."))
        if not self.roles.get(RoleId.CASE_BRINGER):
            found.append(_("Choose the case bringer."))
        return found

    def people(self) -> list[str]:
        """Participants at the table, with the facilitator added when they are not on the
        list (the facilitator is always there)."""
        facilitator = self.facilitator.strip()
        names = [name for name in self.participants
                 if name not in self.absent or name == facilitator]
        if facilitator and facilitator not in names:
            names.insert(0, facilitator)
        return names

    def attendance(self, name: str) -> Attendance:
        if name == self.facilitator.strip():
            return Attendance.PRESENT
        return self.absent.get(name, Attendance.PRESENT)

    def cycle_attendance(self, name: str) -> Attendance:
        """Present → absent → absent with apologies → present; a role an absentee held is
        given up."""
        order = list(Attendance)
        now = order[(order.index(self.attendance(name)) + 1) % len(order)]
        if now is Attendance.PRESENT:
            self.absent.pop(name, None)
        else:
            self.absent[name] = now
            self.roles = {role: holder for role, holder in self.roles.items() if holder != name}
        return now

    def roster(self) -> list[str]:
        """The team's list this session leaves behind: the facilitator and everyone listed."""
        return list(dict.fromkeys([*self.people(), *self.participants]))

    def session(self, protocol: Protocol, lang: str) -> Session:
        participants = []
        for name in self.people():
            roles = [role for role, holder in self.roles.items() if holder == name]
            if name == self.facilitator.strip():
                roles.insert(0, RoleId.FACILITATOR)
            participants.append(Participant(name=name, roles=roles))
        participants += [Participant(name=name, attendance=self.attendance(name))
                         for name in self.participants if name not in self.people()]
        return Session(
            protocol_id=protocol.id,
            protocol_version=protocol.version,
            team=self.team.strip(),
            date=parse_date(self.date_text),
            facilitator=self.facilitator.strip(),
            case_title=self.case_title.strip(),
            question=self.question.strip(),
            lang=lang,
            location=self.location.strip(),
            participants=participants,
            themes=list(self.themes),
        )


class SetupScreen(WerfScreen):
    """Fill in the session; Ctrl+S starts it."""

    BINDINGS = [
        Binding("ctrl+s", "start", N_("Start session"), id="start_session"),
        Binding("escape", "back", N_("Back"), id="setup_back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        catalog = self.werf.catalog
        preferred = self.werf.config.default_protocol
        default = next(
            (pid for pid in (preferred, "werf") if pid and catalog.get(pid)),
            next(iter(catalog.protocols), ""),
        )
        self.form = SetupForm(protocol_id=default, date_text=format_date(self.werf.today()))
        self._pristine = copy.deepcopy(self.form)
        self.open_actions: list[OpenAction] = []
        self.team_themes: list[str] = starting_themes()  # as stored: keys or the team's words
        self._people_shown: tuple[object, ...] | None = None  # what the role lists offer now
        self.rota: Rota | None = None  # the team's rota, once its members are shown
        self._rota_facilitator: str | None = None  # the facilitator the rota filled in

    @property
    def protocol(self) -> Protocol | None:
        return self.werf.catalog.get(self.form.protocol_id)

    def compose(self) -> ComposeResult:
        lang = get_language()
        form = self.form
        self._people_shown = None  # new role lists: the next refresh fills them
        yield WerfHeader(show_clock=False, icon="")
        with Horizontal(id="setup"):
            with VerticalScroll(id="setup-form"):
                with Horizontal(classes="field"):
                    yield Label(_("Protocol"))
                    yield Select(
                        [
                            (Content(f"{p.name.get(lang)} ({format_decimal(p.total_minutes, None)} min)"), p.id)
                            for p in self.werf.catalog
                        ],
                        value=form.protocol_id or Select.NULL,
                        allow_blank=False,
                        compact=True,
                        id="protocol",
                    )
                yield Static(self._protocol_description(), id="protocol-description")
                with Horizontal(classes="field"):
                    yield Label(_("Team"))
                    yield TextField(form.team, placeholder=_("e.g. Wijkteam Noord"), compact=True,
                                id="team")
                with Horizontal(classes="field"):
                    yield Label(_("Date"))
                    yield TextField(form.date_text, placeholder=_(DATE_PATTERN), compact=True, id="date")
                with Horizontal(classes="field"):
                    yield Label(_("Location"))
                    yield TextField(form.location, placeholder=_("where the team meets"), compact=True,
                                id="location")
                with Horizontal(classes="field"):
                    yield Label(_("Facilitator"))
                    yield TextField(form.facilitator, placeholder=_("name or initials"), compact=True,
                                id="facilitator")
                with Horizontal(classes="field"):
                    yield Label(_("Participants"))
                    yield TextField(placeholder=_("Type a name and press Enter"), compact=True,
                                id="new-participant", clear_on_submit=True)
                yield Static(
                    _("Colleagues' names or initials only; never the names of clients.")
                    + " " + _("Select a name and press Delete to remove it, Space to set "
                              "who is absent."),
                    classes="hint",
                )
                yield ListView(*self._participant_items(), id="participants")
                for role in self._cast_roles():
                    with Horizontal(classes="field"):
                        yield Label(role_name(role))
                        yield Select(
                            self._people_options(),
                            value=form.roles.get(role, Select.NULL),
                            prompt=_("(nobody)"),
                            compact=True,
                            id=f"role-{role.value}",
                        )
                with Horizontal(classes="field"):
                    yield Label(_("Case title"))
                    yield TextField(form.case_title, placeholder=_("a few words, no client names"),
                                compact=True, id="case-title")
                with Horizontal(classes="field"):
                    yield Label(_("Question"))
                    yield TextField(form.question, placeholder=_("How can I …?"), compact=True,
                                id="question")
                with Horizontal(classes="field"):
                    yield Label(_("Themes"))
                    yield Button(_("Edit the list…"), id="edit-themes", compact=True)
                yield CheckList(*self._theme_options(), id="themes", compact=True)
                yield Static("", id="setup-problems")
                yield Button(_("Start session"), id="start", variant="primary")
            with VerticalScroll(id="setup-side"):
                yield Static(_("Open action points of this team"), classes="section-title")
                yield Static(self._open_actions_text(), id="open-actions")
        yield Footer(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        """Up to 100 columns (a laptop at 80×24): narrower labels, so the fields keep room."""
        self.set_class(event.size.width <= 100, "-narrow")

    def on_mount(self) -> None:
        self.sub_title = _("New session")
        self.query_one("#team", Input).focus()

    async def language_changed(self) -> None:
        await super().language_changed()
        self.sub_title = _("New session")

    # --- rendering pieces --------------------------------------------------------------
    def _protocol_description(self) -> Text:
        """Protocol files may be the user's own: their texts are shown, never parsed."""
        protocol = self.protocol
        return Text(protocol.description.get(get_language()) if protocol else "")

    def _cast_roles(self) -> list[RoleId]:
        protocol = self.protocol
        roles = protocol.roles if protocol else [RoleId.CASE_BRINGER]
        return [role for role in CAST_ROLES if role in roles]

    def _people_options(self) -> list[tuple[Content, str]]:
        """Names as plain content: a name like "B[/]" must not be read as markup."""
        return [(Content(name), name) for name in self.form.people()]

    def _theme_options(self) -> list[Selection[str]]:
        """The team's themes (the chosen ones first kept in place), and chosen ones no
        longer on the list, so a choice never silently disappears. Shown in the screen's
        language, chosen as stored."""
        return [Selection(Content(shown_theme(name)), name, name in self.form.themes)
                for name in self._offered_themes()]

    def _offered_themes(self) -> list[str]:
        return self.team_themes + [t for t in self.form.themes if t not in self.team_themes]

    def _show_themes(self) -> None:
        themes = self.query_one("#themes", SelectionList)
        with themes.prevent(SelectionList.SelectedChanged):
            themes.clear_options()
            themes.add_options(self._theme_options())

    def _participant_items(self) -> list[ListItem]:
        return [ListItem(Label(self._participant_text(name))) for name in self.form.participants]

    def _participant_text(self, name: str) -> Text:
        attendance = self.form.attendance(name)
        if attendance is Attendance.PRESENT:
            return Text(name)
        return Text.assemble(name, (f" · {attendance_name(attendance)}", "italic"))

    def _open_actions_text(self) -> Text:
        if not self.form.team.strip():
            return Text(_("Enter the team to see its open action points."), style="italic")
        if not self.open_actions:
            return Text(_("None: this team has no open action points."), style="italic")
        text = Text()
        for item in self.open_actions:
            action = item.action
            due = format_date(action.due) if action.due else "-"
            text.append(f"• {action.text}\n", style="bold")
            text.append(f"  {shown_owner(action) or '-'} · {due} · {_('from')} {format_date(item.session_date)}\n")
        return text

    def _refresh_people(self) -> None:
        options = self._people_options()
        names = {name for _label, name in options}
        shown = (tuple(self.form.people()), tuple(sorted(self.form.roles.items())))
        if shown == self._people_shown:
            return  # the same names and roles: nothing to rebuild
        self._people_shown = shown
        for role in self._cast_roles():
            select = self.query_one(f"#role-{role.value}", Select)
            holder = self.form.roles.get(role)
            with select.prevent(Select.Changed):
                select.set_options(options)
                if holder in names:
                    select.value = holder
                else:
                    self.form.roles.pop(role, None)

    # --- events ------------------------------------------------------------------------
    @on(Select.Changed, "#protocol")
    async def protocol_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.form.protocol_id:
            self.form.protocol_id = event.value
            await self.recompose()
            self.query_one("#protocol", Select).focus()

    @on(Select.Changed)
    def role_changed(self, event: Select.Changed) -> None:
        select_id = event.select.id or ""
        if not select_id.startswith("role-"):
            return
        role = RoleId(select_id.removeprefix("role-"))
        if isinstance(event.value, str):
            for other, holder in list(self.form.roles.items()):
                if holder == event.value and other is not role and RoleId.CASE_BRINGER in (
                    role,
                    other,
                ):
                    # the case bringer has no second role: they speak from inside the case
                    self.form.roles.pop(other)
            self.form.roles[role] = event.value
        else:
            self.form.roles.pop(role, None)
        self._refresh_people()

    @on(Input.Changed)
    def field_changed(self, event: Input.Changed) -> None:
        fields = {
            "team": "team",
            "date": "date_text",
            "facilitator": "facilitator",
            "case-title": "case_title",
            "question": "question",
            "location": "location",
        }
        name = fields.get(event.input.id or "")
        if name is None:
            return
        setattr(self.form, name, event.value)
        if name == "team":
            self.run_worker(self._lookup_team(), exclusive=True, group="open-actions",
                            exit_on_error=False)

    @on(Input.Blurred, "#facilitator")
    def facilitator_done(self) -> None:
        """The facilitator is one of the people the roles offer: the role lists follow once
        the name is typed (leaving the field), not at every key."""
        self._refresh_people()

    async def _lookup_team(self) -> None:
        """The team's open action points and its own list of themes."""
        await asyncio.sleep(0.3)  # wait until typing pauses
        team = self.form.team.strip()
        found: list[OpenAction] = []
        themes: list[str] | None = None
        if team:
            found = await self.werf.ask(Store.open_actions, team) or []
            themes = await self.werf.ask(Store.team_themes, team)
            if not self.form.participants:  # the team's members, unless some were typed
                roster = await self.werf.ask(Store.team_roster, team) or []
                if roster and not self.form.participants and team == self.form.team.strip():
                    await self._show_roster(roster)
                    self.rota = await self.werf.ask(team_rota, team)
                    self._suggest_roles()
        self.open_actions = found
        self.query_one("#open-actions", Static).update(self._open_actions_text())
        self.team_themes = themes or starting_themes()
        self._show_themes()

    async def _show_roster(self, names: list[str]) -> None:
        self.form.participants = list(names)
        participants = self.query_one("#participants", ListView)
        await participants.clear()
        await participants.extend(self._participant_items())
        self._refresh_people()

    def _suggest_roles(self) -> None:
        """Fill in the rota's next facilitator and case bringer where nobody was chosen yet
        (werf.rota decides; the facilitator changes what they like)."""
        if self.rota is None:
            return
        suggestion = self.rota.suggest(away=list(self.form.absent), facilitator=self.form.facilitator or None)
        facilitator = suggestion.facilitator
        if bringer := self.form.roles.get(RoleId.CASE_BRINGER):  # chosen already: not both
            facilitator = self.rota.next_in_line(RoleId.FACILITATOR, [*self.form.absent, bringer])
        if not self.form.facilitator.strip() and facilitator:
            self._set_facilitator(facilitator)
            self._rota_facilitator = facilitator
        if RoleId.CASE_BRINGER not in self.form.roles and suggestion.case_bringer in self.form.people() \
                and RoleId.CASE_BRINGER in self._cast_roles():
            self.form.roles[RoleId.CASE_BRINGER] = suggestion.case_bringer
        self._people_shown = None
        self._refresh_people()

    def _set_facilitator(self, name: str) -> None:
        self.form.facilitator = name
        field = self.query_one("#facilitator", Input)
        with field.prevent(Input.Changed):
            field.value = name

    @on(SelectionList.SelectedChanged, "#themes")
    def themes_chosen(self, event: SelectionList.SelectedChanged) -> None:
        chosen = set(event.selection_list.selected)
        self.form.themes = [theme for theme in self._offered_themes() if theme in chosen]

    @on(Button.Pressed, "#edit-themes")
    def edit_themes(self) -> None:
        from werf.screens.theme_list import ThemeListForm

        team = self.form.team.strip()
        if not team:
            self.notify(_("Enter the team first: every team keeps its own list."),
                        severity="warning")
            return

        def saved(themes: list[str] | None) -> None:
            if themes is None:
                return
            self.team_themes = themes
            self.werf.store.write(Store.set_team_themes, team, themes)
            self._show_themes()

        self.app.push_screen(ThemeListForm(team, self.team_themes), saved)

    @on(Input.Submitted, "#new-participant")
    async def add_participant(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if not name:
            return
        if name in self.form.participants:
            self.notify(_("{name} is already on the list.").format(name=name), severity="warning")
            return
        self.form.participants.append(name)
        await self.query_one("#participants", ListView).append(
            ListItem(Label(self._participant_text(name))))
        self._refresh_people()

    async def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        participants = self.query_one("#participants", ListView)
        if event.key == "delete" and participants.has_focus and participants.index is not None:
            index = participants.index
            self.form.absent.pop(self.form.participants[index], None)
            del self.form.participants[index]
            await participants.pop(index)
            self._refresh_people()
            event.stop()
        elif event.key == "space" and participants.has_focus and participants.index is not None:
            name = self.form.participants[participants.index]
            gave_way = False
            if self._rota_facilitator is not None and name == self.form.facilitator.strip() \
                    == self._rota_facilitator:
                # the rota's facilitator is away after all: the next in line facilitates (a
                # facilitator typed by hand is always there, as before)
                self._set_facilitator("")
                self._rota_facilitator = None
                gave_way = True
            self.form.cycle_attendance(name)
            item = participants.children[participants.index]
            item.query_one(Label).update(self._participant_text(name))
            self._people_shown = None  # an absentee holds no role: the lists follow
            self._refresh_people()
            if RoleId.CASE_BRINGER not in self.form.roles or gave_way:
                self._suggest_roles()  # the next in line brings the case or facilitates
            event.stop()

    @on(Button.Pressed, "#start")
    def start_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        protocol = self.protocol
        problems = self.form.problems(protocol)
        self.query_one("#setup-problems", Static).update("\n".join(problems))
        if problems or protocol is None:
            self.notify("\n".join(problems), title=_("Not ready yet"), severity="warning")
            return
        session = self.form.session(protocol, get_language())
        self.werf.store.write(Store.set_team_roster, session.team, self.form.roster())
        from werf.screens.run import RunScreen

        self.app.switch_screen(RunScreen(protocol, session, new=True))

    def has_input(self) -> bool:
        """Whether the facilitator entered anything (a half-typed participant counts)."""
        pending = self.query("#new-participant").only_one(Input).value.strip() \
            if self.query("#new-participant") else ""
        return self.form != self._pristine or bool(pending)

    def action_back(self) -> None:
        """Escape leaves an empty form at once; a filled-in one only when the user says so."""
        if not self.has_input():
            self.app.pop_screen()
            return
        from werf.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.app.pop_screen()

        self.app.push_screen(ConfirmScreen(N_("Discard this setup?"), N_("Discard"),
                                           N_("Keep editing")), answered)
