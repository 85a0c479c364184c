"""What the room sees on the projector: derived from the saved session, no Textual.

The facilitator's werf saves the timer every half second with the wall-clock time of the
save; the display runs the countdown on from there, so it stays smooth between saves.

This module decides what the room is shown; the display screen only lays it out. It shows the
protocol, the team, the phase and its guidance (the protocol's words), the countdown and
whether it stands, who speaks and who is next (colleagues), the case bringer's name in a
silent phase and the case question, as it always did. It never shows notes, the case title,
the network or anything else typed about the resident: a projector is seen by whoever walks in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from werf.dates import countdown_changes_in, countdown_text
from werf.engine import TurnStatus, round_members
from werf.models import Protocol, RoleId, Session, Speakers


class ClockState(StrEnum):
    """Whether the countdown runs, stands after it ran (paused), or has not started."""

    RUNNING = "running"
    PAUSED = "paused"
    READY = "ready"


@dataclass(frozen=True)
class RoomView:
    protocol_name: str
    team: str
    phase_number: int
    phase_count: int
    phase_name: str
    purpose: str
    remaining_seconds: float
    running: bool
    speaker: str | None
    case_bringer: str | None
    case_bringer_silent: bool
    question: str
    state: ClockState = ClockState.READY
    in_round: bool = False
    next_speaker: str | None = None  # who gets the floor after the speaker (or first)
    last_in_round: bool = False  # the speaker is the last one waiting in this round
    prompts: tuple[str, ...] = ()  # the phase's guiding questions, in every kind of phase

    @property
    def clock_text(self) -> str:
        """The countdown as shown: m:ss, or +m:ss once the phase runs over."""
        return countdown_text(self.remaining_seconds)

    @property
    def overrun(self) -> bool:
        return self.remaining_seconds < 0

    @property
    def changes_in(self) -> float | None:
        """Seconds until the shown countdown changes by itself; None while it stands."""
        return countdown_changes_in(self.remaining_seconds) if self.running else None


def room_view(session: Session, protocol: Protocol, running: bool, saved_at: float | None,
              now: float, lang: str) -> RoomView:
    index = min(max(session.current_phase, 0), len(protocol.phases) - 1)
    phase = protocol.phases[index]
    record = session.phases[index] if index < len(session.phases) else None
    elapsed = record.elapsed_seconds if record else 0.0
    planned = record.planned_seconds if record else phase.planned_seconds
    if running and saved_at is not None:
        elapsed += max(0.0, now - saved_at)
    in_round = phase.speakers is Speakers.ROUND
    speaker = next_speaker = None
    last_in_round = False
    if in_round:
        speaker, next_speaker = _speakers(session, [
            (turn.participant_id, turn.status) for turn in record.turns] if record and record.turns
            else [(pid, TurnStatus.WAITING) for pid in round_members(session, phase)])
        last_in_round = speaker is not None and next_speaker is None
    if running:
        state = ClockState.RUNNING
    else:
        state = ClockState.PAUSED if elapsed > 0 else ClockState.READY
    bringers = [p.name for p in session.participants if RoleId.CASE_BRINGER in p.roles]
    return RoomView(
        protocol_name=protocol.name.get(lang),
        team=session.team,
        phase_number=index + 1,
        phase_count=len(protocol.phases),
        phase_name=phase.name.get(lang),
        purpose=phase.purpose.get(lang),
        remaining_seconds=planned - elapsed,
        running=running,
        speaker=speaker,
        case_bringer=bringers[0] if bringers else None,
        case_bringer_silent=phase.case_bringer_silent,
        question=session.question,
        state=state,
        in_round=in_round,
        next_speaker=next_speaker,
        last_in_round=last_in_round,
        prompts=tuple(prompt.get(lang) for prompt in phase.prompts),
    )


def _speakers(session: Session, turns: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    """Who speaks and who gets the floor next, by the engine's rule: the first one waiting,
    in the order of the round (a skipped speaker went to the back)."""
    speaking = [pid for pid, status in turns if status == TurnStatus.SPEAKING]
    waiting = [pid for pid, status in turns if status == TurnStatus.WAITING]
    return (session.participant_name(speaking[0]) if speaking else None,
            session.participant_name(waiting[0]) if waiting else None)
