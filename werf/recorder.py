"""The application layer: every change to a session, and the write it needs.

Screens ask a `Recorder`; each method changes the session in memory, queues exactly the
write that change needs (through `write`, for the app `app.store.write`: fire-and-forget,
in order, retried when the disk refuses) and decides — here, and nowhere else — whether the
session's revision goes up. Screens never build notes, action points or network members,
never count revisions and never write SQL.

The revision rule (the archive rules of DESIGN.md, "Exchange through the shared drive"):

    A change to a *finished* session is a correction: its revision goes up by one, once per
    correction, so a newer archive wins on other laptops. Changes while the session runs
    (notes, action points, the case, the network, finishing itself) do not raise it: the
    session has not left this laptop yet.

The store writes the revision the recorder gives it, in the same transaction as the change
(`werf.models.Revision`), and never lowers one it holds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from werf.engine import SessionEngine
from werf.guard import Finding, replaced
from werf.models import (
    Action,
    Availability,
    Circle,
    ClosingMark,
    FollowUp,
    MinutesStatus,
    NetworkMember,
    Note,
    OwnerKind,
    PulseTotals,
    RecordKind,
    Revision,
    Session,
    SessionStatus,
    Support,
    TieStrength,
    new_id,
    utc_now,
)
from werf.pulse import PulseRound
from werf.store import Store

# write(job, *args): `job(store, *args)` runs later, on the store thread (`StoreThread.write`)
WriteSink = Callable[..., Any]


def direct_sink(store: Store) -> WriteSink:
    """A sink that writes at once, on this thread: for the command line and tests."""

    def write(job: Callable[..., Any], *args: Any) -> Any:
        return job(store, *args)

    return write


class Recorder:
    """One session (and, while it runs, its engine) and the sink its writes go to."""

    def __init__(self, session: Session, write: WriteSink, engine: SessionEngine | None = None,
                 wall_clock: Callable[[], float] = time.time) -> None:
        self.session = session
        self.engine = engine
        self._write = write
        self._wall_clock = wall_clock

    # --- the revision rule ---------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.session.status is SessionStatus.FINISHED

    def _changed(self) -> Revision | None:
        """The one place a change is dated and, for a finished session, counted."""
        now = utc_now()
        self.session.updated_at = now
        if not self.finished:
            return None
        self.session.revision += 1
        return Revision(self.session.revision, now)

    @property
    def _id(self) -> str:
        return self.session.id

    # --- the session as a whole ----------------------------------------------------------
    def start(self) -> None:
        """A new session: written whole, once (later writes touch only what changes)."""
        self._write(Store.save_session, self.session.model_copy(deep=True))

    def _running_engine(self) -> SessionEngine:
        if self.engine is None:
            raise RuntimeError("this recorder has no engine: the session is not running here")
        return self.engine

    def save_progress(self, finished_at: str | None = None) -> None:
        """Where the session is: current phase, timers, turns and drafts, as plain values."""
        engine = self._running_engine()
        now = utc_now()
        self.session.updated_at = now
        self.session.current_phase = engine.index
        self._write(Store.save_timer_state, self._id, engine.index, engine.timings(),
                    engine.running, self._wall_clock(), now.isoformat(), finished_at)

    def finish(self) -> None:
        """Stop the timer; text typed but never entered becomes a note (so the minutes hold
        it too); the session is finished, in the same write as its last timer state."""
        engine = self._running_engine()
        engine.pause()
        for index, state in enumerate(engine.phases):
            if state.draft.strip():
                self.add_note(index, state.phase.note_kinds[0], state.draft)
                state.draft = ""
        engine.snapshot()
        self.session.status = SessionStatus.FINISHED
        self.session.finished_at = utc_now()
        self.save_progress(finished_at=self.session.finished_at.isoformat())

    # --- notes ---------------------------------------------------------------------------
    def _note(self, note_id: str) -> Note | None:
        return next((n for n in self.session.notes if n.id == note_id), None)

    def add_note(self, phase_index: int, kind: RecordKind, text: str,
                 speaker_id: str | None = None) -> Note:
        """A new note. `speaker_id`: who had the floor when it was entered (the screen passes
        what its round showed at Enter); `speaker_for` decides whether the note keeps it."""
        note = Note(phase_index=phase_index, kind=kind, text=text,
                    speaker_id=self.speaker_for(phase_index, speaker_id))
        self.session.notes.append(note)
        self._write(Store.save_note, self._id, note.model_copy(), self._changed())
        return note

    def speaker_for(self, phase_index: int, speaker_id: str | None) -> str | None:
        """The one rule of who said a note: the participant who had the floor, kept only in a
        round phase (as the running engine knows it) and only when they are at the table."""
        if speaker_id is None:
            return None
        engine = self.engine
        if engine is not None and (not 0 <= phase_index < len(engine.phases)
                                   or engine.phases[phase_index].round is None):
            return None
        if not any(p.id == speaker_id and p.present for p in self.session.participants):
            return None
        return speaker_id

    def correct_note(self, note_id: str, text: str) -> Note | None:
        """Change a note's text (who said it stays); None when there is no such note or
        nothing changed."""
        note = self._note(note_id)
        if note is None or note.text == text:
            return None
        revision = self._changed()
        note.text = text
        note.updated_at = self.session.updated_at
        self._write(Store.save_note, self._id, note.model_copy(), revision)
        return note

    def remove_note(self, note_id: str) -> None:
        note = self._note(note_id)
        if note is None:
            return
        self.session.notes.remove(note)
        self._write(Store.delete_note, note.id, self._id, self._changed())

    # --- action points -------------------------------------------------------------------
    def action_point(self, action_id: str) -> Action | None:
        """The session's action point with this id, as recorded."""
        return self._action(action_id)

    def _action(self, action_id: str) -> Action | None:
        return next((a for a in self.session.actions if a.id == action_id), None)

    @staticmethod
    def draft_action(phase_index: int) -> Action:
        """An empty action point for the form; recorded only when `save_action` gets it."""
        return Action(phase_index=phase_index, text="")

    def save_action(self, action: Action) -> Action:
        """Record a new action point or the changes to one (matched by id)."""
        revision = self._changed()
        saved = action.model_copy(update={"updated_at": self.session.updated_at})
        actions = self.session.actions
        index = next((i for i, a in enumerate(actions) if a.id == saved.id), None)
        if index is None:
            actions.append(saved)
        else:
            actions[index] = saved
        self._write(Store.save_action, self._id, saved.model_copy(), revision)
        return saved

    def remove_action(self, action_id: str) -> None:
        action = self._action(action_id)
        if action is None:
            return
        self.session.actions.remove(action)
        self._write(Store.delete_action, action.id, self._id, self._changed())

    def set_action_done(self, action_id: str, done_on: date | None) -> Action | None:
        """Mark an action point done on a date, or open again with None. A point a review
        dropped that a person marks done is done after all: the review's outcome goes (its day
        and line stay), or `Action.state` would still say dropped."""
        action = self._action(action_id)
        if action is None:
            return None
        update: dict[str, object] = {"done": done_on is not None, "done_on": done_on}
        if done_on is not None and action.follow_up is FollowUp.DROPPED:
            update["follow_up"] = None
        return self.save_action(action.model_copy(update=update))

    def review_action(self, earlier: Recorder, action_id: str, outcome: FollowUp, line: str,
                      phase_index: int) -> Note | None:
        """The follow-up, at this session's opening, of an open action point of an earlier
        session (`earlier`, that session's recorder): saved on the action point (done and
        dropped close it, on this session's date; under way leaves it open) through
        `earlier`, which counts the correction of a finished session; and noted here, in
        `phase_index`, as the action point and the line of what happened, so both sessions'
        minutes show it. Reviewing it again changes both. None when there is no such action."""
        action = earlier._action(action_id)
        if action is None:
            return None
        line = " ".join(line.split())
        closed = outcome is not FollowUp.UNDER_WAY
        earlier.save_action(action.model_copy(update={
            "follow_up": outcome, "followed_up_on": self.session.date, "follow_up_note": line,
            "done": closed, "done_on": self.session.date if closed else None}))
        text = f"{action.text} — {line}" if line else action.text
        shown = self._review_of(action.text)
        if shown is None:
            note = Note(phase_index=phase_index, kind=RecordKind.ACTION_REVIEW, text=text,
                        follow_up=outcome)
            self.session.notes.append(note)
            self._write(Store.save_note, self._id, note.model_copy(), self._changed())
            return note
        revision = self._changed()
        shown.text, shown.follow_up, shown.updated_at = text, outcome, self.session.updated_at
        self._write(Store.save_note, self._id, shown.model_copy(), revision)
        return shown

    def _review_of(self, action_text: str) -> Note | None:
        return next((note for note in self.session.notes if note.follow_up is not None and (
            note.text == action_text or note.text.startswith(f"{action_text} — "))), None)

    # --- the minutes' status --------------------------------------------------------------
    def adopt_minutes(self) -> bool:
        """The team adopted the minutes ("vastgesteld"): only a finished session's, and once.
        A change like any correction of a finished session: its revision goes up, so the
        adopted version wins on other laptops. False when not finished or already adopted."""
        if not self.finished or self.session.minutes_status is MinutesStatus.ADOPTED:
            return False
        self.session.minutes_status = MinutesStatus.ADOPTED
        self._write(Store.save_minutes_status, self._id, MinutesStatus.ADOPTED, self._changed())
        return True

    # --- the closing round ---------------------------------------------------------------
    def give_mark(self, participant_id: str, mark: int, word: str) -> ClosingMark:
        """A participant's mark for the session (1-10) and one word; given again, it replaces
        the earlier one. Raises ValueError on a mark outside 1-10 (the form says so first)."""
        given = ClosingMark(participant_id=participant_id, mark=mark, word=" ".join(word.split()))
        closing = [m for m in self.session.closing if m.participant_id != participant_id]
        self.session.closing = [*closing, given]
        self._write(Store.save_closing, self._id, [m.model_copy() for m in self.session.closing],
                    self._changed())
        return given

    # --- the team's pulse ----------------------------------------------------------------
    def take_pulse(self, answered: PulseRound) -> PulseTotals | None:
        """Keep the team's totals of a pulse just taken (werf/pulse.py) and forget the round.
        None, and nothing stored, when fewer than three colleagues answered, or when this
        session already has its pulse (a second one would let the two be compared)."""
        totals = answered.result()
        answered.forget()
        if totals is None or self.session.pulse is not None:
            return None
        self.session.pulse = totals
        self._write(Store.save_pulse, self._id, totals.model_copy(deep=True), self._changed())
        return totals

    # --- the case ------------------------------------------------------------------------
    def edit_case(self, case_title: str, question: str) -> bool:
        """The case title and question; only those two columns are written."""
        if (case_title, question) == (self.session.case_title, self.session.question):
            return False
        self.session.case_title, self.session.question = case_title, question
        self._write(Store.save_case, self._id, case_title, question, self._changed())
        return True

    def set_themes(self, themes: Iterable[str]) -> bool:
        chosen = list(dict.fromkeys(t.strip() for t in themes if t.strip()))
        if chosen == self.session.themes:
            return False
        self.session.themes = chosen
        self._write(Store.save_themes, self._id, list(chosen), self._changed())
        return True

    def set_sensitive_names(self, names: Iterable[str]) -> bool:
        """The names to hide on export (saved once, on export or close, not per key)."""
        chosen = [name.strip() for name in names if name.strip()]
        if chosen == self.session.sensitive_names:
            return False
        self.session.sensitive_names = chosen
        self._write(Store.set_sensitive_names, self._id, list(chosen), self._changed())
        return True

    # --- the resident's network ----------------------------------------------------------
    def save_member(self, member_id: str | None, relation: str, circle: Circle,
                    support: Iterable[Support] = (), strength: TieStrength = TieStrength.MODERATE,
                    availability: Availability = Availability.LIMITED,
                    involved: bool = False) -> NetworkMember:
        """Add a person (`member_id` None) or change one. A changed relation is also the new
        "who" of the action points that person carries, in the same write."""
        chosen = set(support)
        member = NetworkMember(
            id=member_id or new_id(), relation=relation, circle=circle,
            support=[kind for kind in Support if kind in chosen], strength=strength,
            availability=availability, involved=involved)
        network = self.session.network
        old = self.session.network_member(member.id)
        if old is None:
            network.append(member)
        else:
            network[network.index(old)] = member
        revision = self._changed()
        carried: list[Action] = []
        if old is not None and old.relation != member.relation:
            for index, action in enumerate(self.session.actions):
                if (action.owner_kind is OwnerKind.NETWORK and action.network_member_id == member.id
                        and action.owner == old.relation):
                    moved = action.model_copy(update={"owner": member.relation,
                                                      "updated_at": self.session.updated_at})
                    self.session.actions[index] = moved
                    carried.append(moved.model_copy())
        self._write(Store.save_network_member, self._id, member.model_copy(deep=True), revision,
                    carried)
        return member

    def remove_member(self, member_id: str) -> NetworkMember | None:
        """Take a person out of the network; action points they carry keep their "who"."""
        member = self.session.network_member(member_id)
        if member is None:
            return None
        self.session.network.remove(member)
        self._write(Store.delete_network_member, self._id, member.id, self._changed())
        return member

    # --- the privacy guard ---------------------------------------------------------------
    def replace_findings(self, record_id: str, choices: list[tuple[Finding, str]]) -> bool:
        """Replace identifiers the guard found (`werf.guard.findings`) in a note, an action
        point's text or a network member's relation by the chosen words; only the result is
        stored. One change, one write: a correction of a finished session raises its revision
        once. False when there is no such record or nothing changed."""
        note = self._note(record_id)
        if note is not None:
            return self.correct_note(note.id, replaced(note.text, choices)) is not None
        action = self._action(record_id)
        if action is not None:
            text = replaced(action.text, choices)
            if text == action.text or not text.strip():
                return False
            self.save_action(action.model_copy(update={"text": text}))
            return True
        member = self.session.network_member(record_id)
        if member is not None:
            relation = replaced(member.relation, choices, sentences=False)
            if relation == member.relation or not relation.strip():
                return False
            self.save_member(member.id, relation, member.circle, member.support, member.strength,
                             member.availability, member.involved)
            return True
        return False
