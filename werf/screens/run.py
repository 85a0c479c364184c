"""Run: walk the group through the phases with a large timer, rounds and notes.

The screen holds the session engine; widgets show it and post what the user did. Every
change goes through the session's recorder (`werf.recorder`), which hands its write to the
store thread as it happens; the timer state is saved twice a second while it runs, so a crash
loses at most half a second.
"""

from __future__ import annotations

import dataclasses
import logging
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Static

from werf.dates import format_date, format_decimal
from werf.engine import SessionEngine
from werf.i18n import N_, _, get_language, ngettext
from werf.labels import follow_up_name, speakers_name
from werf.models import Action, FollowUp, Protocol, RecordKind, Session, SessionStatus
from werf.network import shown_owner
from werf.pulse import PulseRound, pulse_due, score_of
from werf.screens.base import KeptScreens, WerfScreen
from werf.store import OpenAction, Store
from werf.widgets.fields import NoteInput, was_seen
from werf.widgets.footer import Footer
from werf.widgets.header import WerfHeader
from werf.widgets.network_map import NetworkSummary
from werf.widgets.notes import NotesPanel
from werf.widgets.phase_clock import PhaseClock
from werf.widgets.phase_list import PhaseList
from werf.widgets.speaker_queue import SpeakerQueue

if TYPE_CHECKING:
    from werf.recorder import Recorder

SAVE_EVERY_SECONDS = 0.5  # while the timer runs or something waits to be saved
LOOK_AROUND_SECONDS = 1.0  # otherwise: the lease's heartbeat and retries of waiting writes
log = logging.getLogger(__name__)
TIME_KEYS = Binding.Group(N_("±1 min"), compact=True)
PHASE_KEYS = Binding.Group(N_("◀ Phase ▶"), compact=True)
ROUND_KEYS = Binding.Group(N_("Round"), compact=True)
# Keys that change this screen in place: typed amid a note, they run in typing order with it.
IN_PLACE = frozenset({
    "toggle_timer", "less_time", "more_time", "previous_phase", "next_phase", "next_speaker",
    "pass_turn", "skip_speaker", "note_kind", "switch_language", "focus_next", "focus_previous",
})


class RunScreen(WerfScreen):
    """The session in progress."""

    BINDINGS = [
        Binding("f2", "toggle_timer", N_("Start/pause"), id="toggle_timer",
                tooltip=N_("Start or pause the timer of this phase")),
        Binding("f3", "less_time", N_("−1 min"), id="less_time", group=TIME_KEYS,
                tooltip=N_("One minute less for this phase")),
        Binding("f4", "more_time", N_("+1 min"), id="more_time", group=TIME_KEYS,
                tooltip=N_("One minute more for this phase")),
        Binding("f5", "previous_phase", N_("Previous phase"), id="previous_phase", group=PHASE_KEYS,
                tooltip=N_("Back to the previous phase (nothing is lost)")),
        Binding("f6", "next_phase", N_("Next phase"), id="next_phase", group=PHASE_KEYS,
                tooltip=N_("On to the next phase")),
        Binding("f7", "next_speaker", N_("Speaker ▶"), id="next_speaker", group=ROUND_KEYS,
                tooltip=N_("The speaker is done; the next one in the round speaks")),
        Binding("f8", "pass_turn", N_("Pass"), id="pass_turn", group=ROUND_KEYS,
                tooltip=N_("The speaker passes this round")),
        Binding("f9", "skip_speaker", N_("Later"), id="skip_speaker", group=ROUND_KEYS,
                tooltip=N_("The speaker goes to the end of the round and speaks later")),
        Binding("ctrl+t", "note_kind", N_("Kind"), id="note_kind",
                tooltip=N_("Switch the kind of note (question, reflection, …)")),
        Binding("ctrl+n", "new_action", N_("Action point"), id="new_action",
                tooltip=N_("Add an action point: what, who, by when")),
        Binding("ctrl+o", "edit_case", N_("Case"), id="edit_case",
                tooltip=N_("Edit the case title and the case bringer's question")),
        Binding("ctrl+r", "network", N_("Network"), id="network",
                tooltip=N_("The resident's network: who is around them and what they give")),
        Binding("ctrl+g", "replace_identifiers", N_("⚠ Replace"), id="replace_identifiers",
                tooltip=N_("Replace a name, address or number in the marked ⚠ note by a role or relation")),
        Binding("ctrl+f", "follow_up", N_("Follow-up"), id="follow_up",
                tooltip=N_("Review the open action points of earlier sessions, one by one")),
        Binding("ctrl+y", "closing_round", N_("Closing round"), id="closing_round",
                tooltip=N_("Each participant gives a mark for the session (1–10) and one word")),
        Binding("ctrl+z", "team_pulse", N_("Team pulse"), id="team_pulse",
                tooltip=N_("Seven statements on how safe the team feels, each colleague in turn")),
        Binding("f12", "finish", N_("Finish"), id="finish_session",
                tooltip=N_("Finish the session and see the summary")),
    ]
    ALWAYS_IN_HELP = frozenset({"replace_identifiers"})  # in the footer only with a ⚠ item; in F1 always

    def __init__(self, protocol: Protocol, session: Session, new: bool = False) -> None:
        super().__init__()
        self.protocol = protocol
        self.session = session
        self.engine = SessionEngine(protocol, session, self.werf.clock)
        self.record = self.recorder(session, self.engine)
        self.new = new
        self.earlier_actions: list[OpenAction] = []
        self.earlier: dict[str, Recorder] = {}  # the recorders of earlier sessions reviewed here
        self._dirty = False
        self._heartbeat_at = 0.0
        self._renewal: Future[bool] | None = None
        self._lost = False  # another window took the session over: this one writes no more
        self._saver: Timer | None = None
        self.pulse_due = False  # config pulse_every: this session asks for the team's pulse
        self.pulse_too_few: int | None = None  # a pulse just taken with too few answers: how many
        self.kept = KeptScreens(self)  # the network screen and dialogs, built once each

    # --- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield WerfHeader(show_clock=False, icon="")
        with Horizontal(id="run"):
            with Vertical(id="run-side"):
                yield PhaseList(self.engine, id="phase-list")
                yield SpeakerQueue(self.engine, id="speaker-queue")
                yield Static("", id="case-box")
                yield NetworkSummary(id="network-box")
            with Vertical(id="run-main"):
                yield Static("", id="phase-title")
                yield Static("", id="silent-banner")
                yield PhaseClock(self.engine, id="phase-clock")
                yield Static("", id="phase-guide")
                yield NotesPanel(self.engine, in_place=IN_PLACE, id="notes")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        if self.new:
            self.session.lang = get_language()
            self.engine.snapshot()
            self.record.start()
            self.werf.store.write(Store.take_lease, self.session.id, self.werf.window_id, self.werf.wall_clock())
            self.new = False
        self._heartbeat_at = self.werf.wall_clock()
        self._saver = self.set_interval(SAVE_EVERY_SECONDS, self._save_if_needed)
        self.set_interval(LOOK_AROUND_SECONDS, self._save_if_needed)
        self.show_phase()
        self.query_one(NotesPanel).focus_note()
        self.earlier_actions = await self.werf.ask(
            Store.open_actions, self.session.team, self.session.id) or []
        every = self.werf.config.pulse_every
        if every:
            since = await self.werf.ask(Store.sessions_since_pulse, self.session.team,
                                        self.session.date, self.session.id)
            self.pulse_due = since is not None and pulse_due(since, every)
        self.show_phase()

    async def language_changed(self) -> None:
        """Words change in place: the screen is not built again, so the note line keeps its
        text, its cursor and the keys typed right after Ctrl+L."""
        self.query_one(PhaseList).border_title = _("Phases")
        self.show_phase()

    def on_resize(self, event: events.Resize) -> None:
        """Up to 30 rows (a laptop at 80×24), less air around the clock: the note line and
        the notes keep their room."""
        self.set_class(event.size.height <= 30, "-short")

    def on_screen_resume(self) -> None:
        """Back from a dialog (correction, action point, network, help): typing goes on in
        the note line."""
        self.query_one(NotesPanel).focus_note()

    async def on_key(self, event: events.Key) -> None:
        """A key that reached the screen without passing the note line or the notes list came
        for want of a focus (nothing focused, or focus moved while it was on its way): it goes
        to the note line, Enter and Backspace as well as letters. Keys those two let through
        (Ctrl+N, F12, …) go on to the screen's and the app's bindings."""
        if was_seen(event):
            return
        note_input = self.query_one(NoteInput)
        if event.is_printable or event.key in ("enter", "backspace", "delete", "left", "right",
                                               "home", "end"):
            event.stop()
            event.prevent_default()
            self.query_one(NotesPanel).focus_note()
            note_input._forward_event(events.Key(event.key, event.character))

    def show_phase(self) -> None:
        """Bring every part of the screen in line with the engine's current phase."""
        lang = get_language()
        state = self.engine.current
        phase = state.phase
        self.title = self.protocol.name.get(lang)
        self._show_waiting(self.werf.store.waiting)
        title = Text(
            _("Phase {number} of {count}: ").format(
                number=self.engine.index + 1, count=len(self.engine.phases)
            ),
            style="bold",
        )
        title.append(phase.name.get(lang), style="bold")
        title.append(f"   ({speakers_name(phase.speakers)})", style="dim")
        self.query_one("#phase-title", Static).update(title)
        banner = self.query_one("#silent-banner", Static)
        banner.display = phase.case_bringer_silent
        bringer = self.session.case_bringer
        banner.update(
            Text(
                _("{name} (case bringer) listens in silence and takes notes").format(
                    name=bringer.name if bringer else _("The case bringer")
                )
            )
        )
        self.query_one("#phase-guide", Static).update(self._guide(lang))
        self.query_one("#case-box", Static).update(self._case_text())
        self.query_one(NetworkSummary).update_network(self.session.network)
        self.query_one(PhaseList).update_view()
        self.query_one(PhaseClock).update_view()
        self.query_one(SpeakerQueue).update_view()
        self._save_soon()
        notes = self.query_one(NotesPanel)
        if notes.is_mounted:
            notes.show_phase()
            notes.focus_note()
        self.refresh_bindings()

    def _guide(self, lang: str) -> Text:
        phase = self.engine.current.phase
        text = Text(phase.purpose.get(lang) + "\n")
        for prompt in phase.prompts:
            text.append(f"• {prompt.get(lang)}\n", style="italic")
        if self._reviewing() and self.earlier_actions:
            text.append(_("Open action points from earlier sessions (Ctrl+F reviews them):") + "\n",
                        style="bold")
            for item in self.earlier_actions:
                owner = shown_owner(item.action) or "-"
                text.append(f"  – {item.action.text} ({owner}, {_('agreed on')} "
                            f"{format_date(item.session_date)})")
                if item.action.follow_up is not None:
                    text.append(f" · {follow_up_name(item.action.follow_up)}", style="bold")
                text.append("\n")
        if phase.records_actions:
            text.append(_("Ctrl+N adds an action point: what, who, by when.") + "\n", style="bold")
        if self.engine.is_last:
            text.append(self._pulse_text())
        if self.engine.is_last and self.session.closing:
            text.append(_("Closing round: {count} of {total} marks given.").format(
                count=len(self.session.closing), total=len(self.session.present)) + "\n",
                style="bold")
        return text

    def _pulse_text(self) -> Text:
        """The team's pulse in the last phase: due, too few answers, or the team's score."""
        pulse = self.session.pulse
        if pulse is not None:
            return Text(_("Team pulse: {score} of 7 ({count} answered; higher is safer).").format(
                score=format_decimal(score_of(pulse)), count=pulse.respondents) + "\n", style="bold")
        if self.pulse_too_few is not None:
            return Text(ngettext(
                "Team pulse: {count} answered, too few for a result (at least 3); nothing was kept.",
                "Team pulse: {count} answered, too few for a result (at least 3); nothing was kept.",
                self.pulse_too_few).format(count=self.pulse_too_few) + "\n", style="bold")
        if self.pulse_due:
            return Text(_("The team's pulse is due: Ctrl+Z asks the seven statements, one "
                          "colleague after another.") + "\n", style="bold")
        return Text("")

    def _case_text(self) -> Text:
        text = Text()
        text.append(_("Case") + "\n", style="bold")
        text.append((self.session.case_title or "-") + "\n")
        text.append(_("Question") + "\n", style="bold")
        text.append(self.session.question or "-")
        return text

    # --- saving ------------------------------------------------------------------------
    def _changed(self) -> None:
        self._dirty = True
        self._save_soon()

    def _save_soon(self) -> None:
        """The half-second saver wakes (it sleeps while the timer stands and all is saved)."""
        if self._saver is not None:
            self._saver.resume()

    def save_progress(self) -> None:
        """Hand the engine's timer state to the store thread (plain values, a few fields)."""
        self._dirty = False
        self.record.save_progress()

    @property
    def is_running_session(self) -> bool:
        return self.session.status is SessionStatus.RUNNING

    def _save_if_needed(self) -> None:
        store = self.werf.store
        if self._heartbeat() is False:
            return
        if store.waiting:
            store.retry()
        if self._dirty or self.engine.running:
            self.save_progress()
        self._show_waiting(store.waiting)
        if self._saver is not None and not (self.engine.running or store.waiting):
            self._saver.pause()

    def _show_waiting(self, waiting: int) -> None:
        """Changes the database has not taken yet (a full disk): counted on screen."""
        base = f"{self.session.team} · {format_date(self.session.date)}"
        self.sub_title = base if not waiting else base + " · " + ngettext(
            "⚠ {count} change not saved yet: werf keeps trying",
            "⚠ {count} changes not saved yet: werf keeps trying", waiting).format(count=waiting)

    def _heartbeat(self) -> bool:
        """Renew this window's lease on the session every few seconds. False when another
        window has taken the session over (this one was silent too long): then this window
        says so, writes nothing more and goes back to the home screen."""
        from werf.store.leases import HEARTBEAT_SECONDS

        if self._lost:
            return False
        renewal = self._renewal
        if renewal is not None and renewal.done():
            self._renewal = None
            if renewal.exception() is None and renewal.result() is False:
                self._lost = True
                self.notify(_("This session was taken over in another werf window. This window "
                              "has stopped writing to it."), severity="error", timeout=30)
                if self.app.screen is not self:  # a dialog or the network screen on top goes too
                    self.pop_until_active()
                self.dismiss()
                return False
        now = self.werf.wall_clock()
        if self._renewal is None and now - self._heartbeat_at >= HEARTBEAT_SECONDS:
            self._heartbeat_at = now
            self._renewal = self.werf.store.call(
                Store.renew_lease, self.session.id, self.werf.window_id, now)
        return True

    def on_unmount(self) -> None:
        self.kept.drop_all()
        if self._lost:
            return
        if self.session.status is SessionStatus.RUNNING:
            self.save_progress()
        self.rescue_waiting()
        self.werf.store.write(Store.release_lease, self.session.id, self.werf.window_id)

    def rescue_waiting(self) -> Path | None:
        """Leaving with changes the database has not taken: the whole session goes to an
        archive beside the database (`werf import` takes it back), so nothing typed is lost."""
        store = self.werf.store
        db_path = self.werf.db_path
        if not store.waiting or db_path is None:
            return None
        from werf.exchange import archive_bytes, archive_session
        from werf.export import atomic_write

        data = archive_bytes(archive_session(self.engine.snapshot().model_copy(deep=True), self.protocol))
        try:
            return atomic_write(Path(db_path).parent, f"werf-not-saved-{self.session.id}", "json", data,
                                private=True)
        except Exception:  # noqa: BLE001 - the disk may still be full: the log says so
            log.exception("could not write the rescue archive")
            return None

    # --- timer and phases --------------------------------------------------------------
    def _after_move(self) -> None:
        self.show_phase()
        self.save_progress()

    def action_toggle_timer(self) -> None:
        self.engine.toggle()
        self.query_one(PhaseClock).update_view()
        self.query_one(SpeakerQueue).update_view()
        self.save_progress()
        self._save_soon()

    def action_more_time(self) -> None:
        self.engine.extend(+1)
        self._after_move()

    def action_less_time(self) -> None:
        self.engine.extend(-1)
        self._after_move()

    def action_next_phase(self) -> None:
        self.engine.next_phase()
        self._after_move()

    def action_previous_phase(self) -> None:
        self.engine.previous_phase()
        self._after_move()

    def action_next_speaker(self) -> None:
        self.engine.next_speaker()
        self._after_move()

    def action_pass_turn(self) -> None:
        self.engine.pass_turn()
        self._after_move()

    def action_skip_speaker(self) -> None:
        self.engine.skip_speaker()
        self._after_move()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that do nothing here (None greys them out, False hides them)."""
        if action in ("next_speaker", "pass_turn", "skip_speaker"):
            return self.engine.current.round is not None
        if action == "new_action":
            return self.engine.current.phase.records_actions
        if action == "closing_round":
            return self.engine.is_last
        if action == "team_pulse":
            return (self.engine.is_last and bool(self.werf.config.pulse_every)
                    and self.session.pulse is None)
        if action == "follow_up":
            return self._reviewing() and bool(self.earlier_actions)
        if action == "note_kind":
            return len(self.engine.current.phase.note_kinds) > 1
        if action == "previous_phase":
            return None if self.engine.is_first else True
        if action == "next_phase":
            return None if self.engine.is_last else True
        if action == "replace_identifiers":
            panels = self.query(NotesPanel)
            return bool(panels and panels.first().marked)
        return True

    @on(PhaseClock.Overrun)
    def overrun(self) -> None:
        if self.werf.bell_enabled:
            self.app.bell()
        self.notify(_("The phase has run over its time."), severity="warning", timeout=5)

    # --- notes and actions -------------------------------------------------------------
    @on(NotesPanel.DraftChanged)
    def draft_changed(self) -> None:
        self._changed()

    @on(NotesPanel.NoteSubmitted)
    def note_submitted(self, event: NotesPanel.NoteSubmitted) -> None:
        self.record.add_note(event.phase_index, event.kind, event.text, event.speaker_id)
        self.query_one(NotesPanel).refresh_items()

    def action_note_kind(self) -> None:
        self.query_one(NotesPanel).next_kind()

    def _people(self) -> list[str]:
        return [p.name for p in self.session.participants]

    def action_new_action(self) -> None:
        from werf.screens.forms import ActionForm

        if not self.engine.current.phase.records_actions:
            return
        draft = self.record.draft_action(self.engine.index)
        given = (draft, self._people(), self.session.network)
        self.kept.open("new_action", lambda: ActionForm(*given), lambda form: form.reopen(*given),
                       self._action_saved)

    def _reviewing(self) -> bool:
        return RecordKind.ACTION_REVIEW in self.engine.current.phase.records

    def action_follow_up(self, start: int = 0) -> None:
        """Review the earlier open action points one by one, from `start`: each answer is
        saved on that action point (through its own session's recorder) and noted here."""
        from werf.screens.forms import FollowUpForm

        if not self._reviewing() or start >= len(self.earlier_actions):
            return
        item = self.earlier_actions[start]

        async def answered(result: tuple[FollowUp, str] | None) -> None:
            if result is None:
                return
            earlier = self.earlier.get(item.session_id)
            if earlier is None:
                session = await self.werf.ask(Store.load_session, item.session_id)
                if session is None:
                    return
                earlier = self.earlier.setdefault(item.session_id, self.recorder(session))
            if self.record.review_action(earlier, item.action.id, *result, self.engine.index):
                saved = earlier.action_point(item.action.id)
                if saved is not None:
                    self.earlier_actions[start] = dataclasses.replace(item, action=saved)
            self.show_phase()
            self.action_follow_up(start + 1)

        self.app.push_screen(FollowUpForm(item.action, item.session_date, start + 1,
                                          len(self.earlier_actions)), answered)

    def action_closing_round(self, start: int = 0) -> None:
        """The closing round, in the last phase: each participant at the table in turn gives
        a mark (1-10) and one word; Escape stops the round (the marks given stay)."""
        from werf.screens.forms import ClosingMarkForm

        people = self.session.present
        if not self.engine.is_last or start >= len(people):
            return
        person = people[start]

        def answered(result: tuple[int, str] | None) -> None:
            if result is None:
                return
            self.record.give_mark(person.id, *result)
            self.show_phase()
            self.action_closing_round(start + 1)

        self.app.push_screen(ClosingMarkForm(person.name, start + 1, len(people)), answered)

    def action_team_pulse(self) -> None:
        """The team's pulse (werf/pulse.py), in the last phase, once per session: the recorder
        keeps the team's totals when three or more answered, and nothing otherwise."""
        from werf.screens.pulse import PulseScreen

        if not self.check_action("team_pulse", ()):
            return

        def answered(result: PulseRound | None) -> None:
            if result is None:
                return
            respondents = result.respondents
            kept = self.record.take_pulse(result)
            self.pulse_too_few = None if kept is not None else respondents
            self.show_phase()

        self.app.push_screen(PulseScreen(), answered)

    def _action_saved(self, result: Action | str | None) -> None:
        if isinstance(result, Action):
            self.record.save_action(result)
        self.query_one(NotesPanel).refresh_items()

    @on(NotesPanel.EditRequested)
    def edit_requested(self, event: NotesPanel.EditRequested) -> None:
        from werf.screens.forms import DELETE, ActionForm, NoteForm

        item = event.item
        if isinstance(item, Action):
            action = item

            def action_done(result: Action | str | None) -> None:
                if result == DELETE:
                    self.record.remove_action(action.id)
                self._action_saved(result if isinstance(result, Action) else None)

            given = (action.model_copy(), self._people(), self.session.network, True)
            self.kept.open("edit_action", lambda: ActionForm(*given), lambda form: form.reopen(*given),
                           action_done)
            return
        note = item

        def note_done(result: str | None) -> None:
            if result is None:
                return
            if result == DELETE:
                self.record.remove_note(note.id)
            else:
                self.record.correct_note(note.id, result)
            self.query_one(NotesPanel).refresh_items()

        self.kept.open("note", lambda: NoteForm(note), lambda form: form.reopen(note), note_done)

    def action_replace_identifiers(self) -> None:
        """The privacy guard: replace what identifies someone in the marked note or action."""
        from werf.screens.replace import offer_replacement

        item = self.query_one(NotesPanel).marked_item()
        if item is not None:
            offer_replacement(self, self.record, item, lambda _changed: self.query_one(NotesPanel).refresh_items())

    def action_edit_case(self) -> None:
        from werf.screens.forms import CaseForm

        def saved(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            self.record.edit_case(*result)
            self.show_phase()

        self.app.push_screen(CaseForm(self.session.case_title, self.session.question), saved)

    def action_network(self) -> None:
        """Record the resident's network; the screen saves each person as it goes."""
        from werf.screens.network import NetworkScreen

        def closed(_result: None) -> None:
            self.query_one(NetworkSummary).update_network(self.session.network)
            self.query_one(NotesPanel).refresh_items()  # a changed relation is an action's who

        self.kept.open("network", lambda: NetworkScreen(self.record), NetworkScreen.reopen, closed)

    # --- finishing ---------------------------------------------------------------------
    def action_finish(self) -> None:
        from werf.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.finish()

        self.app.push_screen(
            ConfirmScreen(N_("Finish the session? The timer stops; notes stay editable."),
                          N_("Finish")),
            answered,
        )

    def finish(self) -> None:
        """Drafts become notes and the session is finished (the recorder does both)."""
        from werf.screens.finish import FinishScreen

        self._dirty = False
        self.record.finish()
        self.app.switch_screen(FinishScreen(self.protocol, self.session))
