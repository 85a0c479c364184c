"""What the room sees on the projector: derived from the saved session, no Textual.

The facilitator's werf saves the timer every half second with the wall-clock time of the
save; the display runs the countdown on from there, so it stays smooth between saves.
"""

from __future__ import annotations

from dataclasses import dataclass

from werf.models import Protocol, RoleId, Session


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


def room_view(session: Session, protocol: Protocol, running: bool, saved_at: float | None,
              now: float, lang: str) -> RoomView:
    index = min(max(session.current_phase, 0), len(protocol.phases) - 1)
    phase = protocol.phases[index]
    record = session.phases[index] if index < len(session.phases) else None
    elapsed = record.elapsed_seconds if record else 0.0
    planned = record.planned_seconds if record else phase.planned_seconds
    if running and saved_at is not None:
        elapsed += max(0.0, now - saved_at)
    speaker = None
    if record is not None:
        for turn in record.turns:
            if turn.status == "speaking":
                speaker = session.participant_name(turn.participant_id)
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
    )
