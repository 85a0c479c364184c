"""Fictional sessions for `werf demo`, tests and benchmarks, built from data/."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from werf.models import (
    Action,
    Availability,
    Circle,
    NetworkMember,
    Note,
    OwnerKind,
    Participant,
    PhaseRecord,
    RecordKind,
    RoleId,
    Session,
    SessionStatus,
    Support,
    TieStrength,
)
from werf.protocols import ProtocolCatalog, load_catalog
from werf.shipped import shipped

DEMO_FILE = shipped("data", "demo_sessions.json")


def templates(path: Path = DEMO_FILE) -> list[dict[str, Any]]:
    return list(json.loads(path.read_text(encoding="utf-8"))["sessions"])


def demo_sessions(
    count: int, *, seed: int = 7, today: date | None = None, catalog: ProtocolCatalog | None = None
) -> Iterator[Session]:
    """`count` finished sessions, one every week going back from today, cycling the templates."""
    rng = random.Random(seed)
    catalog = catalog or load_catalog()
    today = today or date.today()
    shapes = templates()
    for number in range(count):
        shape = shapes[number % len(shapes)]
        protocol = catalog.get(shape["protocol_id"])
        if protocol is None:
            continue
        held = today - timedelta(days=7 * (count - number))
        started = datetime.combine(held, time(9, 30), tzinfo=UTC)
        phases = [
            PhaseRecord(
                index=i,
                phase_id=phase.id,
                planned_seconds=phase.planned_seconds,
                elapsed_seconds=round(phase.planned_seconds * rng.uniform(0.7, 1.3)),
                visited=True,
            )
            for i, phase in enumerate(protocol.phases)
        ]
        last = len(phases) - 1
        network = [
            NetworkMember(relation=relation, circle=Circle(circle),
                          support=[Support(kind) for kind in support], strength=TieStrength(strength),
                          availability=Availability(availability), involved=involved)
            for relation, circle, support, strength, availability, involved in shape.get("network", [])
        ]
        yield Session(
            protocol_id=protocol.id,
            protocol_version=protocol.version,
            team=shape["team"],
            date=held,
            facilitator=shape["facilitator"],
            case_title=shape["case_title"],
            question=shape["question"],
            status=SessionStatus.FINISHED,
            current_phase=last,
            participants=[
                Participant(name=name, roles=[RoleId(r) for r in roles])
                for name, roles in shape["participants"]
            ],
            phases=phases,
            themes=list(shape.get("themes", [])),
            network=network,
            notes=[
                Note(phase_index=min(i, last), kind=RecordKind(kind), text=text,
                     created_at=started, updated_at=started)
                for i, kind, text in shape["notes"]
            ],
            actions=[_action(entry, network, last, held, started) for entry in shape["actions"]],
            created_at=started,
            updated_at=started,
            finished_at=started + timedelta(minutes=protocol.total_minutes),
        )


def _action(entry: list[Any], network: list[NetworkMember], phase: int, held: date,
            started: datetime) -> Action:
    """[text, owner, days, done] and, when someone else than a professional carries it,
    "resident" or the index of the network member."""
    text, owner, days, done = entry[:4]
    carrier = entry[4] if len(entry) > 4 else None
    member = network[carrier] if isinstance(carrier, int) else None
    kind = (OwnerKind.NETWORK if member else
            OwnerKind.RESIDENT if carrier == "resident" else OwnerKind.PROFESSIONAL)
    return Action(
        phase_index=phase,
        text=text,
        owner=member.relation if member else owner,
        owner_kind=kind,
        network_member_id=member.id if member else None,
        due=held + timedelta(days=days),
        done=done,
        done_on=held + timedelta(days=days) if done else None,
        created_at=started,
        updated_at=started,
    )
