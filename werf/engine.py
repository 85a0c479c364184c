"""The session engine: phases, the phase timer and speaking rounds. Pure Python.

Time comes from an injected monotonic clock (a function returning seconds). Elapsed time is
always derived from the clock, `now - started` plus the time of earlier running spans, never
from counted ticks, so a slow or busy screen cannot make the timer drift.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from werf.models import Phase, PhaseRecord, Protocol, RoleId, Session, Speakers, SpeakerTurn

Clock = Callable[[], float]
MINIMUM_PLANNED_SECONDS = 60


class Stopwatch:
    """Elapsed time from a monotonic clock, with pauses taken out."""

    def __init__(self, clock: Clock, elapsed: float = 0.0) -> None:
        self._clock = clock
        self._earlier = elapsed  # seconds of the spans that have ended
        self._since: float | None = None  # clock reading when the current span began

    @property
    def running(self) -> bool:
        return self._since is not None

    def start(self) -> None:
        if self._since is None:
            self._since = self._clock()

    def stop(self) -> None:
        if self._since is not None:
            self._earlier += self._clock() - self._since
            self._since = None

    def elapsed(self) -> float:
        if self._since is None:
            return self._earlier
        return self._earlier + (self._clock() - self._since)


class TurnStatus:
    WAITING = "waiting"
    SPEAKING = "speaking"
    DONE = "done"
    PASSED = "passed"


@dataclass
class Turn:
    participant_id: str
    stopwatch: Stopwatch
    status: str = TurnStatus.WAITING


class SpeakingRound:
    """Each participant in turn: who speaks now, for how long, who passed, who is next."""

    def __init__(self, clock: Clock, turns: list[SpeakerTurn], round_number: int = 1) -> None:
        self.round_number = round_number
        self.turns = [
            Turn(t.participant_id, Stopwatch(clock, t.seconds), _resting(t.status)) for t in turns
        ]

    @property
    def current(self) -> Turn | None:
        for turn in self.turns:
            if turn.status == TurnStatus.SPEAKING:
                return turn
        return None

    @property
    def waiting(self) -> list[Turn]:
        return [turn for turn in self.turns if turn.status == TurnStatus.WAITING]

    def pause(self) -> None:
        if (turn := self.current) is not None:
            turn.stopwatch.stop()

    def resume(self) -> None:
        """Let the current speaker go on, or give the floor to the first who waits."""
        turn = self.current
        if turn is None:
            self._give_floor()
        else:
            turn.stopwatch.start()

    def _end_current(self, status: str) -> None:
        if (turn := self.current) is not None:
            turn.stopwatch.stop()
            turn.status = status

    def _give_floor(self) -> None:
        if not self.turns:
            return
        if not self.waiting:
            self.round_number += 1
            for turn in self.turns:
                turn.status = TurnStatus.WAITING
        first = self.waiting[0]
        first.status = TurnStatus.SPEAKING
        first.stopwatch.start()

    def next_speaker(self) -> None:
        """The current speaker is done; the next one waiting gets the floor."""
        self._end_current(TurnStatus.DONE)
        self._give_floor()

    def pass_turn(self) -> None:
        """The current speaker passes this round."""
        self._end_current(TurnStatus.PASSED)
        self._give_floor()

    def skip(self) -> None:
        """The current speaker goes to the end of the queue and speaks later this round."""
        turn = self.current
        if turn is None or len(self.waiting) == 0:
            return
        turn.stopwatch.stop()
        turn.status = TurnStatus.WAITING
        self.turns.remove(turn)
        self.turns.append(turn)
        self._give_floor()

    def records(self) -> list[SpeakerTurn]:
        return [
            SpeakerTurn(
                participant_id=turn.participant_id,
                seconds=round(turn.stopwatch.elapsed(), 3),
                status=turn.status,
            )
            for turn in self.turns
        ]


def _resting(status: str) -> str:
    """A turn restored from storage is not speaking until the timer runs again."""
    return TurnStatus.WAITING if status == TurnStatus.SPEAKING else status


def round_members(session: Session, phase: Phase) -> list[str]:
    """Who speaks in a round: everyone but observers, and the case bringer only if invited."""
    members = []
    for participant in session.present:
        if RoleId.OBSERVER in participant.roles:
            continue
        if RoleId.CASE_BRINGER in participant.roles and not phase.round_includes_case_bringer:
            continue
        members.append(participant.id)
    return members


class PhaseTiming(NamedTuple):
    """What a progress save writes of one phase: plain values, safe to hand to another thread
    while the engine keeps changing."""

    phase_index: int
    phase_id: str
    planned_seconds: int
    elapsed_seconds: float
    visited: bool
    round_number: int
    turns: tuple[tuple[str, float, str], ...]  # (participant id, seconds, status)
    draft: str


class PhaseState:
    """The timer and round of one phase of a running session."""

    def __init__(self, phase: Phase, record: PhaseRecord, clock: Clock, members: list[str]):
        self.phase = phase
        self.planned_seconds = record.planned_seconds
        self.stopwatch = Stopwatch(clock, record.elapsed_seconds)
        self.visited = record.visited
        self.bell_rung = record.elapsed_seconds > record.planned_seconds
        self.draft = record.draft
        self.round: SpeakingRound | None = None
        if phase.speakers is Speakers.ROUND:
            turns = record.turns or [SpeakerTurn(participant_id=pid) for pid in members]
            self.round = SpeakingRound(clock, turns, record.round_number)

    def elapsed(self) -> float:
        return self.stopwatch.elapsed()

    def remaining(self) -> float:
        """Seconds left; negative once the phase runs over."""
        return self.planned_seconds - self.elapsed()


def matched_records(protocol: Protocol, records: list[PhaseRecord]) -> list[PhaseRecord]:
    """One record per phase of the protocol; a phase the session already went through
    (matched by id, for a protocol file that changed since) keeps its time and draft."""
    earlier = {record.phase_id: record for record in records}
    matched = []
    for index, phase in enumerate(protocol.phases):
        record = earlier.get(phase.id)
        if record is None:
            record = PhaseRecord(index=index, phase_id=phase.id, planned_seconds=phase.planned_seconds)
        matched.append(record.model_copy(update={"index": index}))
    return matched


class SessionEngine:
    """Walks a session through its protocol's phases, keeping time and turns."""

    def __init__(self, protocol: Protocol, session: Session, clock: Clock = time.monotonic):
        if [p.phase_id for p in session.phases] != [p.id for p in protocol.phases]:
            session.phases = matched_records(protocol, session.phases)
        self.protocol = protocol
        self.session = session
        self.clock = clock
        self.phases = [
            PhaseState(phase, record, clock, round_members(session, phase))
            for phase, record in zip(protocol.phases, session.phases, strict=True)
        ]
        self.index = min(max(session.current_phase, 0), len(self.phases) - 1)
        self.phases[self.index].visited = True

    # --- state -------------------------------------------------------------------------
    @property
    def current(self) -> PhaseState:
        return self.phases[self.index]

    @property
    def running(self) -> bool:
        return self.current.stopwatch.running

    @property
    def is_first(self) -> bool:
        return self.index == 0

    @property
    def is_last(self) -> bool:
        return self.index == len(self.phases) - 1

    @property
    def overrun(self) -> bool:
        return self.current.remaining() < 0

    @property
    def case_bringer_silent(self) -> bool:
        return self.current.phase.case_bringer_silent

    def total_elapsed(self) -> float:
        return sum(state.elapsed() for state in self.phases)

    def total_planned(self) -> int:
        return sum(state.planned_seconds for state in self.phases)

    # --- timer -------------------------------------------------------------------------
    def start(self) -> None:
        self.current.stopwatch.start()
        if self.current.round is not None:
            self.current.round.resume()

    def pause(self) -> None:
        self.current.stopwatch.stop()
        if self.current.round is not None:
            self.current.round.pause()

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def extend(self, minutes: int) -> None:
        """Give the phase more (or fewer) minutes; a phase keeps at least one minute."""
        state = self.current
        state.planned_seconds = max(MINIMUM_PLANNED_SECONDS, state.planned_seconds + 60 * minutes)
        if state.remaining() >= 0:
            state.bell_rung = False

    def take_bell(self) -> bool:
        """True once per phase, the first time it is seen running over."""
        state = self.current
        if state.remaining() < 0 and not state.bell_rung:
            state.bell_rung = True
            return True
        return False

    # --- phases ------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        """Move to another phase; the clock keeps running if it ran. Nothing is lost."""
        if not 0 <= index < len(self.phases) or index == self.index:
            return
        was_running = self.running
        self.pause()
        self.index = index
        self.current.visited = True
        if was_running:
            self.start()

    def next_phase(self) -> None:
        self.go_to(self.index + 1)

    def previous_phase(self) -> None:
        self.go_to(self.index - 1)

    # --- rounds ------------------------------------------------------------------------
    def speaker(self, index: int | None = None) -> str | None:
        """The participant id of the one who has the floor in the round of phase `index` (the
        current phase by default): the one the speaker queue marks ▶, also while the timer
        is paused. None outside round phases and before the round's first turn."""
        state = self.current if index is None else self.phases[index]
        turn = state.round.current if state.round is not None else None
        return turn.participant_id if turn is not None else None

    def _round_action(self, act: Callable[[SpeakingRound], None]) -> None:
        speaking_round = self.current.round
        if speaking_round is None:
            return
        act(speaking_round)
        if not self.running:
            speaking_round.pause()

    def next_speaker(self) -> None:
        self._round_action(SpeakingRound.next_speaker)

    def pass_turn(self) -> None:
        self._round_action(SpeakingRound.pass_turn)

    def skip_speaker(self) -> None:
        self._round_action(SpeakingRound.skip)

    # --- saving ------------------------------------------------------------------------
    def set_draft(self, text: str) -> None:
        self.current.draft = text

    def timings(self) -> list[PhaseTiming]:
        """The timer state of every phase as plain values (for the progress save)."""
        timings = []
        for index, state in enumerate(self.phases):
            speaking = state.round
            timings.append(PhaseTiming(
                phase_index=index,
                phase_id=state.phase.id,
                planned_seconds=state.planned_seconds,
                elapsed_seconds=round(state.elapsed(), 3),
                visited=state.visited,
                round_number=speaking.round_number if speaking is not None else 1,
                turns=tuple((t.participant_id, round(t.stopwatch.elapsed(), 3), t.status)
                            for t in speaking.turns) if speaking is not None else (),
                draft=state.draft,
            ))
        return timings

    def snapshot(self) -> Session:
        """Write the engine's state into the session model, ready to be saved."""
        for record, state in zip(self.session.phases, self.phases, strict=True):
            record.planned_seconds = state.planned_seconds
            record.elapsed_seconds = round(state.elapsed(), 3)
            record.visited = state.visited
            record.draft = state.draft
            if state.round is not None:
                record.round_number = state.round.round_number
                record.turns = state.round.records()
        self.session.current_phase = self.index
        return self.session

