"""Shared test helpers: a fake clock and ready-made sessions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from werf.demo import demo_sessions
from werf.models import Participant, RoleId, Session
from werf.protocols import load_catalog
from werf.store import Store

TODAY = date(2026, 11, 24)


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def protocol(protocol_id: str = "werf"):  # type: ignore[no-untyped-def]
    found = load_catalog().get(protocol_id)
    assert found is not None, protocol_id
    return found


def make_session(protocol_id: str = "werf", team: str = "Wijkteam Noord") -> Session:
    proto = protocol(protocol_id)
    return Session(
        protocol_id=proto.id,
        protocol_version=proto.version,
        team=team,
        date=date(2026, 11, 24),
        facilitator="Fatima",
        case_title="Eenzame buurman",
        question="Hoe betrek ik zijn netwerk?",
        participants=[
            Participant(name="Fatima", roles=[RoleId.FACILITATOR]),
            Participant(name="Bram", roles=[RoleId.CASE_BRINGER]),
            Participant(name="Chantal", roles=[RoleId.TIMEKEEPER]),
            Participant(name="Dirk", roles=[RoleId.MINUTE_TAKER]),
            Participant(name="Eva", roles=[]),
        ],
    )


def demo_db(tmp_path: Path, count: int = 12) -> Path:
    """A database with `count` finished demo sessions, one a week up to TODAY."""
    db = tmp_path / "werf.db"
    store = Store.open(db)
    for session in demo_sessions(count, today=TODAY):
        store.save_session(session)
    store.close()
    return db
