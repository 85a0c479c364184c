"""What the screens look like, in Dutch and English (fixed size, clock, date and data)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from werf.i18n import set_language
from werf.models import Action, Note, RecordKind
from werf.store import Store

from .helpers import FakeClock, built_once, make_session
from .pilot import fill, make_app, settle

SIZE = (120, 36)


def seeded_db(tmp_path: Path, phase: int, overrun_seconds: float = 0) -> Path:
    """A database with one unfinished WERF session standing at `phase` (built once per test
    process, copied per test: `built_once`)."""
    return built_once(tmp_path, ("seeded", phase, overrun_seconds),
                      lambda folder: _seeded_db(folder, phase, overrun_seconds))


def _seeded_db(tmp_path: Path, phase: int, overrun_seconds: float) -> Path:
    db = tmp_path / "werf.db"
    session = make_session()
    from werf.engine import SessionEngine

    from .helpers import protocol

    engine = SessionEngine(protocol(), session, FakeClock())
    engine.go_to(phase)
    engine.snapshot()
    for record in session.phases[:phase]:
        record.elapsed_seconds = record.planned_seconds - 30
        record.visited = True
    session.phases[phase].elapsed_seconds = (
        session.phases[phase].planned_seconds + overrun_seconds if overrun_seconds else 130
    )
    session.notes = [
        Note(phase_index=2, kind=RecordKind.QUESTION, text="Wie komt er wekelijks langs?"),
        Note(phase_index=2, kind=RecordKind.QUESTION, text="[red]Wat deed hij vroeger?[/]"),
        Note(phase_index=3, kind=RecordKind.NETWORK, text="De buurvrouw haalt zijn post op."),
        Note(phase_index=4, kind=RecordKind.TAKEAWAY, text="Eerst vragen wie hij wil betrekken."),
    ]
    session.actions = [Action(phase_index=4, text="Netwerkkaart maken", owner="Bram")]
    store = Store.open(db)
    store.save_session(session)
    store.close()
    return db


async def resume(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


@pytest.fixture(params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    set_language(request.param)
    return str(request.param)


def test_setup_screen(snap_compare, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "#team", "Wijkteam Noord")
        await fill(pilot, "#new-participant", "Bram")
        await pilot.press("enter")
        await fill(pilot, "#team", "")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path / "w.db"), terminal_size=SIZE, run_before=run_before)


def test_run_case_bringer_silent(snap_compare, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    db = seeded_db(tmp_path, phase=3)
    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=resume)


def test_run_overrun_in_a_round(snap_compare, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    db = seeded_db(tmp_path, phase=2, overrun_seconds=75)

    async def run_before(pilot: Pilot) -> None:
        await resume(pilot)
        await pilot.press("f2")  # the timer runs; the fake clock stands still
        await pilot.pause()

    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=run_before)


def test_finish_screen(snap_compare, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    db = seeded_db(tmp_path, phase=5)

    async def run_before(pilot: Pilot) -> None:
        await resume(pilot)
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=run_before)


SMALL = (80, 24)  # the smallest terminal werf supports: a laptop's default window


@pytest.mark.parametrize("phase", [3, 4])
def test_run_at_80x24_keeps_the_note_line(snap_compare, tmp_path: Path, lang: str, phase: int) -> None:  # type: ignore[no-untyped-def]
    """Phase 4 of WERF (the case bringer listens in silence, four lenses) pushed the notes off
    a 24-row screen: typing went on blind. The note line always shows."""
    db = seeded_db(tmp_path, phase=phase)
    assert snap_compare(make_app(db), terminal_size=SMALL, run_before=resume)


def test_setup_at_80x24(snap_compare, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "#team", "Wijkteam Noord")
        await settle(pilot)  # the team's open action points are looked up once typing pauses

    assert snap_compare(make_app(tmp_path / "w.db"), terminal_size=SMALL, run_before=run_before)
