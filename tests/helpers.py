"""Shared test helpers: a fake clock and ready-made sessions."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

import sqlite_utils

from werf.demo import demo_sessions
from werf.models import Participant, RoleId, Session
from werf.protocols import load_catalog
from werf.store import Store
from werf.store.schema import _create_private_file

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


@cache
def _protocol_version(protocol_id: str) -> tuple[str, int]:
    """A session keeps only its protocol's id and version: read the protocol files once per
    test process, not once per session made (hypothesis makes hundreds)."""
    proto = protocol(protocol_id)
    return proto.id, proto.version


def make_session(protocol_id: str = "werf", team: str = "Wijkteam Noord") -> Session:
    proto_id, proto_version = _protocol_version(protocol_id)
    return Session(
        protocol_id=proto_id,
        protocol_version=proto_version,
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


def saved_db(tmp_path: Path, *sessions: Session) -> Path:
    """A database file (werf.db in tmp_path) holding these sessions, closed again."""
    db = tmp_path / "werf.db"
    store = Store.open(db)
    for session in sessions:
        store.save_session(session)
    store.close()
    return db


_BUILT: dict[tuple[object, ...], bytes] = {}


def built_once(tmp_path: Path, key: tuple[object, ...], build: Callable[[Path], Path]) -> Path:
    """tmp_path/werf.db holding what `build(folder)` writes, built once per test process for
    each `key` and copied byte for byte into each test's own file (created owner-only, as werf
    creates it). A closed werf database is its one file (the WAL is checkpointed and removed on
    close), so the copy is the database a fresh build gives, but for the random ids and the
    times of writing. tests/test_fixture_copies.py holds both side by side."""
    if key not in _BUILT:
        with tempfile.TemporaryDirectory() as folder:
            _BUILT[key] = build(Path(folder)).read_bytes()
    db = tmp_path / "werf.db"
    _create_private_file(db)
    db.write_bytes(_BUILT[key])
    return db


def demo_db(tmp_path: Path, count: int = 12) -> Path:
    """A database with `count` finished demo sessions, one a week up to TODAY (built once per
    test process, copied per test: `built_once`)."""
    return built_once(tmp_path, ("demo", count),
                      lambda folder: saved_db(folder, *demo_sessions(count, today=TODAY)))


_MEMORY_STORES: dict[tuple[str, ...], Store] = {}


def memory_store(*sessions: Session) -> Store:
    """What `Store.memory()` gives after saving `sessions`, for tests that need hundreds
    (hypothesis): the database is built once per test process for the same sessions (the same
    in every field) and copied page by page (SQLite's backup) into a new in-memory database;
    `_prepare` then sets the connection's pragmas as `Store.memory()` does and finds the
    schema current. tests/test_fixture_copies.py compares the two."""
    key = tuple(session.model_dump_json() for session in sessions)
    if key not in _MEMORY_STORES:
        template = Store.memory()
        for session in sessions:
            template.save_session(session)
        _MEMORY_STORES[key] = template
    store = Store(sqlite_utils.Database(memory=True))
    _MEMORY_STORES[key].db.conn.backup(store.db.conn)
    store._prepare()
    return store


def every_record_session() -> Session:
    """A finished session with one of every record (participant, phase with a turn, note,
    network member, an action carried by it, a sensitive name, a theme)."""
    from werf.models import (
        Action,
        Circle,
        NetworkMember,
        Note,
        OwnerKind,
        PhaseRecord,
        SessionStatus,
        SpeakerTurn,
    )

    session = make_session()
    session.status = SessionStatus.FINISHED
    session.date = date(2024, 1, 10)
    member = NetworkMember(relation="buurvrouw", circle=Circle.FRIENDS)
    session.network = [member]
    session.sensitive_names = ["Kowalski"]
    session.themes = ["eenzaamheid"]
    session.phases = [PhaseRecord(index=0, phase_id="case", planned_seconds=300, elapsed_seconds=280,
                                  visited=True, draft="nog typen",
                                  turns=[SpeakerTurn(participant_id=session.participants[1].id)])]
    session.notes = [Note(phase_index=0, text="een notitie")]
    session.actions = [Action(phase_index=0, text="bellen", owner="buurvrouw",
                              owner_kind=OwnerKind.NETWORK, network_member_id=member.id)]
    return session


def mark_case_texts(session: Session, mark: Callable[[str], str]) -> Session:
    """`session` with every case-content field (as declared on the models) set to `mark` of
    its `Model.field` name, so a test can tell where a text came from; in place."""
    from pydantic import BaseModel

    from werf.models import case_fields

    def walk(model: BaseModel) -> None:
        for field in case_fields(type(model)):
            text = mark(f"{type(model).__name__}.{field.name}")
            setattr(model, field.name, [text] if field.many else text)
        for name in type(model).model_fields:
            value = getattr(model, name)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, BaseModel):
                    walk(item)

    walk(session)
    return session
