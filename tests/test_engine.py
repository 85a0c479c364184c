"""The session engine with a fake clock: timer, pause, extend, overrun, phases, rounds."""

from __future__ import annotations

import pytest

from werf.dates import countdown_text
from werf.engine import SessionEngine, Stopwatch
from werf.models import RoleId

from .helpers import FakeClock, make_session, protocol


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def engine_for(clock: FakeClock, protocol_id: str = "werf") -> SessionEngine:
    return SessionEngine(protocol(protocol_id), make_session(protocol_id), clock)


def test_stopwatch_counts_only_running_spans(clock: FakeClock) -> None:
    watch = Stopwatch(clock)
    clock.advance(10)
    assert watch.elapsed() == 0
    watch.start()
    clock.advance(30)
    watch.stop()
    clock.advance(100)
    watch.start()
    clock.advance(5)
    assert watch.elapsed() == pytest.approx(35)


def test_timer_counts_down_and_pauses(clock: FakeClock) -> None:
    engine = engine_for(clock)
    assert engine.current.remaining() == 5 * 60
    engine.start()
    clock.advance(60)
    assert engine.current.remaining() == pytest.approx(240)
    engine.pause()
    clock.advance(600)
    assert engine.current.remaining() == pytest.approx(240)
    assert not engine.running
    engine.toggle()
    assert engine.running


def test_extend_adds_and_removes_minutes_but_keeps_one(clock: FakeClock) -> None:
    engine = engine_for(clock)
    engine.extend(+1)
    assert engine.current.planned_seconds == 6 * 60
    for _ in range(10):
        engine.extend(-1)
    assert engine.current.planned_seconds == 60


def test_overrun_rings_the_bell_once(clock: FakeClock) -> None:
    engine = engine_for(clock)
    engine.start()
    clock.advance(5 * 60 - 1)
    assert not engine.overrun
    assert engine.take_bell() is False
    clock.advance(2)
    assert engine.overrun
    assert countdown_text(engine.current.remaining()) == "+0:01"
    assert engine.take_bell() is True
    clock.advance(30)
    assert engine.take_bell() is False
    engine.extend(+1)  # back under time: a later overrun rings again
    assert not engine.overrun
    clock.advance(60)
    assert engine.take_bell() is True


def test_back_loses_nothing(clock: FakeClock) -> None:
    engine = engine_for(clock)
    engine.start()
    clock.advance(100)
    engine.set_draft("half a note")
    engine.next_phase()
    assert engine.index == 1 and engine.running
    clock.advance(50)
    engine.previous_phase()
    assert engine.index == 0
    assert engine.current.elapsed() == pytest.approx(100)
    assert engine.current.draft == "half a note"
    assert engine.phases[1].elapsed() == pytest.approx(50)
    clock.advance(10)
    assert engine.current.elapsed() == pytest.approx(110)


def test_phase_moves_stop_at_the_ends(clock: FakeClock) -> None:
    engine = engine_for(clock)
    engine.previous_phase()
    assert engine.index == 0
    for _ in range(20):
        engine.next_phase()
    assert engine.is_last


def test_round_turns_pass_and_skip(clock: FakeClock) -> None:
    engine = engine_for(clock)
    engine.next_phase()
    engine.next_phase()  # clarifying questions: a round without the case bringer
    speaking_round = engine.current.round
    assert speaking_round is not None
    session = engine.session
    names = [session.participant_name(t.participant_id) for t in speaking_round.turns]
    assert names == ["Fatima", "Chantal", "Dirk", "Eva"]
    engine.start()  # the first speaker gets the floor
    assert speaking_round.current.participant_id == session.participants[0].id
    clock.advance(40)
    engine.next_speaker()
    clock.advance(20)
    engine.skip_speaker()  # Chantal goes to the end of the queue
    assert session.participant_name(speaking_round.current.participant_id) == "Dirk"
    clock.advance(30)
    engine.pass_turn()
    assert session.participant_name(speaking_round.current.participant_id) == "Eva"
    engine.next_speaker()
    assert session.participant_name(speaking_round.current.participant_id) == "Chantal"
    clock.advance(15)
    engine.pause()
    clock.advance(500)  # paused: nobody's time runs
    seconds = {session.participant_name(t.participant_id): t.seconds for t in speaking_round.records()}
    statuses = {session.participant_name(t.participant_id): t.status for t in speaking_round.records()}
    assert seconds == {"Fatima": 40, "Dirk": 30, "Eva": 0, "Chantal": 35}
    assert statuses == {"Fatima": "done", "Dirk": "passed", "Eva": "done", "Chantal": "speaking"}
    engine.start()
    engine.next_speaker()  # everyone has had a turn: a new round begins
    assert speaking_round.round_number == 2
    assert session.participant_name(speaking_round.current.participant_id) == "Fatima"


def test_round_with_case_bringer_and_without_observer(clock: FakeClock) -> None:
    engine = engine_for(clock)
    engine.session.participants[4].roles = [RoleId.OBSERVER]
    engine = SessionEngine(engine.protocol, engine.session, clock)
    opening = engine.current.round
    assert opening is not None
    names = [engine.session.participant_name(t.participant_id) for t in opening.turns]
    assert names == ["Fatima", "Bram", "Chantal", "Dirk"]


def test_case_bringer_silent_phase(clock: FakeClock) -> None:
    engine = engine_for(clock)
    assert not engine.case_bringer_silent
    engine.go_to(3)  # reflection through four lenses
    assert engine.case_bringer_silent
    engine.go_to(1)
    assert not engine.case_bringer_silent


def test_snapshot_and_restore_resume_where_it_was(clock: FakeClock) -> None:
    engine = engine_for(clock)
    engine.start()
    clock.advance(200)
    engine.next_phase()
    clock.advance(61.5)
    engine.next_phase()
    clock.advance(30)
    engine.next_speaker()
    session = engine.snapshot()
    restored = SessionEngine(engine.protocol, session.model_copy(deep=True), FakeClock(0))
    assert restored.index == 2
    assert not restored.running
    assert [round(s.elapsed(), 3) for s in restored.phases[:3]] == [200, 61.5, 30]
    assert restored.current.round is not None
    assert [t.status for t in restored.current.round.turns][:2] == ["done", "waiting"]


def test_simulated_two_hour_session_keeps_exact_time(clock: FakeClock) -> None:
    """Ten thousand small steps over two hours: elapsed time equals the clock, no drift."""
    engine = engine_for(clock)
    engine.start()
    steps = 0
    total_running = 0.0
    while clock.now < 1000 + 2 * 3600:
        step = 0.7
        clock.advance(step)
        steps += 1
        if engine.running:
            total_running += step
        engine.take_bell()
        if steps % 1500 == 0 and not engine.is_last:
            engine.next_phase()
        if steps % 997 == 0:
            engine.toggle()
        if engine.current.round is not None and steps % 50 == 0:
            engine.next_speaker()
    assert engine.is_last
    assert engine.total_elapsed() == pytest.approx(total_running, abs=1e-6)


def test_format_clock() -> None:
    assert countdown_text(300) == "5:00"
    assert countdown_text(299.2) == "5:00"
    assert countdown_text(0) == "0:00"
    assert countdown_text(-61) == "+1:01"
    assert countdown_text(-0.2) == "+0:01"


def test_a_changed_protocol_keeps_the_time_of_phases_it_still_has(clock: FakeClock) -> None:
    engine = engine_for(clock)
    engine.start()
    clock.advance(120)
    engine.set_draft("bewaren")
    session = engine.snapshot()
    changed = protocol().model_copy(update={"phases": [protocol().phases[0], protocol().phases[2]]})
    again = SessionEngine(changed, session, clock)
    assert [r.phase_id for r in session.phases] == ["opening", "questions"]
    assert again.phases[0].elapsed() == 120 and again.phases[0].draft == "bewaren"
