"""One past session, phase by phase; every part can be corrected after the fact.

Above the phases: the case, the themes and (when recorded) the resident's network as a map.

Enter on a note corrects it, Enter on an action point changes what, who and by when, D marks
it done (or open again), C the case title and question, N the network. Each correction goes
through the recorder (`werf.recorder`): saved at once, and for a finished session it raises
the revision by one (so a newer archive wins on other laptops).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, ListItem, ListView, Static

from werf.dates import countdown_text, format_date, format_datetime
from werf.guard import findings
from werf.i18n import N_, _
from werf.labels import minutes_text, participants_line
from werf.models import Action, MinutesStatus, Note, Session, SessionStatus
from werf.screens.base import WerfScreen
from werf.summary import phase_name
from werf.theme_list import shown_theme
from werf.widgets.footer import Footer
from werf.widgets.header import WerfHeader
from werf.widgets.network_map import NetworkMap
from werf.widgets.notes import ActionItem, NoteItem, short_speaker


class PhaseHeading(ListItem):
    """A phase's name and timing between the notes (not selectable)."""

    def __init__(self, text: Text) -> None:
        super().__init__(Label(text), disabled=True)


class SessionScreen(WerfScreen):
    """Enter corrects a note or an action point; D marks an action point done; C the case; N
    the network; E exports."""

    BINDINGS = [
        Binding("e", "export", N_("Export"), id="session_export"),
        Binding("d", "toggle_done", N_("Done/open"), id="session_done",
                tooltip=N_("Mark the selected action point done today, or open again")),
        Binding("c", "edit_case", N_("Case"), id="session_case",
                tooltip=N_("Correct the case title and the case bringer's question")),
        Binding("n", "network", N_("Network"), id="session_network",
                tooltip=N_("Correct the resident's network")),
        Binding("ctrl+g", "replace_identifiers", N_("⚠ Replace"), id="session_replace_identifiers",
                tooltip=N_("Replace a name, address or number in the selected ⚠ note by a role or relation")),
        Binding("v", "adopt_minutes", N_("Adopted"), id="session_adopt_minutes",
                tooltip=N_("The team adopted the minutes: their status becomes adopted, the version goes up")),
        Binding("escape", "back", N_("Back"), id="session_back"),
    ]
    ALWAYS_IN_HELP = frozenset({"session_replace_identifiers"})  # in the footer only with a ⚠ item; in F1 always

    def __init__(self, session: Session, read_only: bool = False) -> None:
        super().__init__()
        self.session = session
        self.read_only = read_only  # open in another werf window: look, do not touch
        self.record = self.recorder(session)
        self.opened_revision = session.revision

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Read-only (the session runs in another window): no correction, no export. The
        guard's key shows only when a note or action point is marked."""
        if action == "replace_identifiers":
            texts = [note.text for note in self.session.notes] + [a.text for a in self.session.actions]
            return not self.read_only and any(findings(text, self.session) for text in texts)
        if action == "adopt_minutes":
            return (not self.read_only and self.session.status is SessionStatus.FINISHED
                    and self.session.minutes_status is MinutesStatus.CONCEPT)
        return not (self.read_only and action in ("export", "toggle_done", "edit_case", "network"))

    async def action_adopt_minutes(self) -> None:
        """The team adopted the minutes: through the recorder, which raises the revision."""
        if self.record.adopt_minutes():
            self.notify(_("The minutes are adopted (version {revision}).").format(
                revision=self.session.revision))
            self.refresh_bindings()
            await self.refresh_view()

    def action_replace_identifiers(self) -> None:
        """The privacy guard on the selected note or action point: a correction, so the
        session's revision goes up once (the recorder's rule)."""
        from werf.screens.replace import offer_replacement

        if self.read_only:
            return
        item = self.query_one("#session-items", ListView).highlighted_child
        if isinstance(item, NoteItem | ActionItem) and item.marked:
            chosen = item.note if isinstance(item, NoteItem) else item.action_point
            offer_replacement(self, self.record, chosen,
                              lambda changed: self.call_later(self._corrected) if changed else None)
        else:
            self.notify(_("Select a note or action point marked ⚠ first."))

    @property
    def protocol(self):  # type: ignore[no-untyped-def]
        return self.werf.catalog.get(self.session.protocol_id)

    def compose(self) -> ComposeResult:
        yield WerfHeader(show_clock=False, icon="")
        yield Static(self._heading(), id="session-heading")
        if self.session.network:
            yield NetworkMap(self.session.network, id="session-network")
        yield ListView(*self._items(), id="session-items")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"{self.session.team} · {format_date(self.session.date)}"
        self.query_one("#session-items", ListView).focus()

    def _heading(self) -> Text:
        session = self.session
        text = Text()
        text.append((session.case_title or _("(no case title)")) + "\n", style="bold")
        text.append(f"{_('Question')}: {session.question or '-'}\n")
        text.append(f"{_('Participants')}: {participants_line(session)}\n")
        if session.themes:
            text.append(f"{_('Themes')}: {', '.join(shown_theme(t) for t in session.themes)}\n")
        text.append(_("Revision {revision}, last changed {when}").format(
            revision=session.revision, when=format_datetime(session.updated_at)),
            style="dim")
        if self.read_only:
            text.append("\n" + _("Read-only: this session is open in another werf window."),
                        style="bold")
        return text

    def _items(self) -> list[ListItem]:
        protocol = self.protocol
        items: list[ListItem] = []
        for record in self.session.phases:
            name = phase_name(protocol, record.index, record.phase_id)
            heading = Text(f"{record.index + 1}. {name}", style="bold")
            heading.append("  " + _("{actual} of {planned} min").format(
                actual=minutes_text(record.elapsed_seconds),
                planned=minutes_text(record.planned_seconds)), style="dim")
            if record.elapsed_seconds > record.planned_seconds:
                heading.append(f"  ({countdown_text(record.planned_seconds - record.elapsed_seconds)})",
                               style="red")
            items.append(PhaseHeading(heading))
            items += [NoteItem(note, bool(findings(note.text, self.session)),
                               short_speaker(self.session, note))
                      for note in self.session.notes_of(record.index)]
            items += [ActionItem(a, bool(findings(a.text, self.session)))
                      for a in self.session.actions if a.phase_index == record.index]
        return items

    async def refresh_view(self) -> None:
        self.query_one("#session-heading", Static).update(self._heading())
        network = self.query(NetworkMap)
        if network:
            network.first().update_network(self.session.network)
        elif self.session.network:
            await self.mount(NetworkMap(self.session.network, id="session-network"),
                             before="#session-items")
        items = self.query_one("#session-items", ListView)
        index = items.index
        await items.clear()
        await items.extend(self._items())
        items.index = index

    @on(ListView.Selected, "#session-items")
    def item_selected(self, event: ListView.Selected) -> None:
        from werf.screens.forms import DELETE, NoteForm

        if self.read_only:
            return

        if isinstance(event.item, ActionItem):
            self.edit_action(event.item.action_point)
            return
        if not isinstance(event.item, NoteItem):
            return
        note = event.item.note

        async def corrected(result: str | None) -> None:
            if result is None or result == DELETE or result == note.text:
                if result == DELETE:
                    self.notify(_("Notes of a past session are corrected, not deleted."),
                                severity="warning")
                return
            await self.correct(note, result)

        self.app.push_screen(NoteForm(note), corrected)

    async def correct(self, note: Note, text: str) -> None:
        if self.record.correct_note(note.id, text) is not None:
            await self._corrected()

    async def _corrected(self) -> None:
        self.notify(_("Corrected; the session is now at revision {revision}.").format(
            revision=self.session.revision))
        await self.refresh_view()

    def _people(self) -> list[str]:
        return [p.name for p in self.session.participants]

    def edit_action(self, action: Action) -> None:
        """What, who and by when of an action point (a copy: changed only when saved)."""
        from werf.screens.forms import DELETE, ActionForm

        async def saved(result: Action | str | None) -> None:
            if result == DELETE:
                self.notify(_("Action points of a past session are corrected, not deleted."),
                            severity="warning")
            elif isinstance(result, Action) and result != action:
                self.record.save_action(result)
                await self._corrected()

        self.app.push_screen(ActionForm(action.model_copy(), self._people(), self.session.network,
                                        editing=True), saved)

    def action_edit_case(self) -> None:
        from werf.screens.forms import CaseForm

        async def saved(result: tuple[str, str] | None) -> None:
            if result is not None and self.record.edit_case(*result):
                await self._corrected()

        self.app.push_screen(CaseForm(self.session.case_title, self.session.question), saved)

    def action_network(self) -> None:
        from werf.screens.network import NetworkScreen

        revision = self.session.revision

        async def closed(_result: None) -> None:
            if self.session.revision != revision:
                await self._corrected()

        self.app.push_screen(NetworkScreen(self.record), closed)

    def _selected_action(self) -> Action | None:
        item = self.query_one("#session-items", ListView).highlighted_child
        return item.action_point if isinstance(item, ActionItem) else None

    async def action_toggle_done(self) -> None:
        action = self._selected_action()
        if action is None:
            self.notify(_("Select an action point first."), severity="warning")
            return
        done_on = None if action.done else self.werf.today()
        self.record.set_action_done(action.id, done_on)
        await self.refresh_view()

    def action_export(self) -> None:
        from werf.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.session, self.protocol))

    def action_back(self) -> None:
        if not self.read_only and self.session.revision != self.opened_revision:
            from werf.screens.sync import publish_soon

            publish_soon(self.werf, self.session.id)  # the correction goes to the shared folder
        self.app.pop_screen()
