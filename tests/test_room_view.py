"""The room view for a projector (`werf display`): what it shows is decided by
`werf.room_view` (plain tests), the countdown's size by `werf.widgets.room_clock` (plain
tests), and the screen lays it out (one Pilot test and four snapshots)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from werf.display_app import DisplayApp, RoomScreen, read_room
from werf.engine import SessionEngine, TurnStatus
from werf.i18n import set_language
from werf.models import SessionStatus
from werf.room_view import ClockState, room_view
from werf.store import Store
from werf.themes import remember_theme
from werf.widgets.room_clock import RoomClock, clock_lines, fit

from .helpers import FakeClock, every_record_session, make_session, mark_case_texts, protocol
from .pilot import settle
from .test_snapshots import seeded_db

QUESTIONS = 2  # the WERF protocol's clarifying questions: a round
REFLECTION = 3  # the WERF protocol's reflection: the case bringer listens in silence
SAVED_AT = 1000.0


def round_session(statuses: list[str]):  # type: ignore[no-untyped-def]
    """A WERF session in its round of clarifying questions, turns as given (in order:
    Fatima, Chantal, Dirk, Eva; Bram brings the case and is not in the round)."""
    session = make_session()
    engine = SessionEngine(protocol(), session, FakeClock())
    engine.go_to(QUESTIONS)
    session = engine.snapshot()
    for turn, status in zip(session.phases[QUESTIONS].turns, statuses, strict=False):
        turn.status = status
    session.phases[QUESTIONS].elapsed_seconds = 130
    return session


def round_db(tmp_path: Path, statuses: list[str], running: bool) -> tuple[Path, Store]:
    """A database whose unfinished session stands in the round of clarifying questions, as
    the facilitator's werf saved it; and that werf's store, to write more."""
    db = seeded_db(tmp_path, phase=QUESTIONS)
    facilitator = Store.open(db)
    session = facilitator.unfinished_session()
    assert session is not None
    for turn, status in zip(session.phases[QUESTIONS].turns, statuses, strict=False):
        turn.status = status
    facilitator.save_progress(session, running=running, saved_at=SAVED_AT)
    return db, facilitator


def view_of(session, running: bool = True, lang: str = "en"):  # type: ignore[no-untyped-def]
    return room_view(session, protocol(), running, SAVED_AT, SAVED_AT + 0.4, lang)


def test_a_round_shows_who_speaks_who_is_next_and_the_phase_guidance() -> None:
    view = view_of(round_session([TurnStatus.DONE, TurnStatus.SPEAKING]))
    assert view.in_round and view.state is ClockState.RUNNING
    assert (view.speaker, view.next_speaker, view.last_in_round) == ("Chantal", "Dirk", False)
    assert view.purpose == "One open question per turn; no advice or judgement yet."
    assert view.prompts[0].startswith("Ask open questions")  # guidance in a round phase too
    assert view.clock_text == "12:50" and view.changes_in == pytest.approx(0.6)
    last = view_of(round_session([TurnStatus.DONE, TurnStatus.PASSED, TurnStatus.DONE,
                                  TurnStatus.SPEAKING]))
    assert (last.speaker, last.next_speaker, last.last_in_round) == ("Eva", None, True)
    skipped = view_of(round_session([TurnStatus.SPEAKING, TurnStatus.DONE]), lang="nl")
    assert (skipped.speaker, skipped.next_speaker) == ("Fatima", "Dirk")
    assert skipped.phase_name == "Verhelderende vragen"


def test_before_the_round_the_first_speaker_is_next_and_the_clock_is_not_paused() -> None:
    session = round_session([])
    session.phases[QUESTIONS].turns = []  # as saved before the engine made the turns
    session.phases[QUESTIONS].elapsed_seconds = 0
    view = view_of(session, running=False)
    assert (view.speaker, view.next_speaker) == (None, "Fatima")  # the case bringer waits
    assert view.state is ClockState.READY and view.changes_in is None


def test_paused_is_a_clock_that_stands_after_it_ran() -> None:
    view = view_of(round_session([TurnStatus.SPEAKING]), running=False)
    assert view.state is ClockState.PAUSED and view.changes_in is None
    assert view.clock_text == "12:50" and view.speaker == "Fatima"  # the floor stays hers
    silent = make_session()
    silent.current_phase = REFLECTION
    outside = view_of(silent)
    assert not outside.in_round and outside.speaker is None and outside.next_speaker is None
    assert outside.case_bringer_silent and outside.prompts  # the four lenses


def test_the_room_sees_no_case_content_but_the_question() -> None:
    """A projector is seen by whoever walks in: of all case content (as the models declare
    it) only the case question, shown as before, reaches the room."""
    session = every_record_session()
    session.status = SessionStatus.RUNNING
    mark_case_texts(session, lambda name: f"<{name}>")
    view = view_of(session)
    shown = " ".join(str(value) for value in vars(view).values())
    assert "<Session.question>" in shown
    assert shown.count("<") == 1, shown


def test_the_display_reads_the_session_again_only_after_another_werf_wrote(
        tmp_path: Path) -> None:
    db = seeded_db(tmp_path, phase=QUESTIONS)
    reader = Store.open(db)
    try:
        version, found = read_room(reader)  # type: ignore[misc]
        assert found is not None and found[0].current_phase == QUESTIONS
        assert read_room(reader, version) is None  # nothing written: nothing read
        writer = Store.open(db)
        writer.save_progress(found[0], running=True, saved_at=SAVED_AT)
        writer.close()
        again = read_room(reader, version)
        assert again is not None and again[1] is not None and again[1][1:] == (True, SAVED_AT)
    finally:
        reader.close()


@pytest.mark.parametrize(("columns", "rows", "tall"), [(78, 15, 15), (198, 47, 40)])
def test_the_countdown_fills_the_room_it_has(columns: int, rows: int, tall: int) -> None:
    """At 80×24 and 200×60 the screen leaves the clock these rows; the figures take them."""
    lines = clock_lines("12:50", columns, rows)
    assert len(lines) == rows and all(len(line) == columns for line in lines)
    drawn = [line for line in lines if line.strip()]
    assert len(drawn) >= tall
    assert max(len(line.strip()) for line in drawn) > columns * 0.7
    assert fit("9:59", columns, rows) == fit("12:50", columns, rows)  # no jump at ten minutes


def test_a_small_window_gets_textual_digits_then_plain_text() -> None:
    assert clock_lines("12:50", 16, 3)[1] == " ┃ ┏━┛ : ┗━┓┃ ┃ "  # Textual's Digits, bold
    assert clock_lines("12:50", 8, 2) == [" 12:50  ", "        "]
    assert clock_lines("12:50", 0, 5) == []
    assert clock_lines("", 4, 2) == ["    ", "    "]  # waiting for a session


@settings(max_examples=40)
@given(st.from_regex(r"\+?[0-9]{1,3}:[0-5][0-9]", fullmatch=True),
       st.integers(1, 240), st.integers(1, 80))
def test_the_countdown_never_spills_out_of_its_place(text: str, columns: int, rows: int) -> None:
    lines = clock_lines(text, columns, rows)
    assert len(lines) == rows and all(len(line) == columns for line in lines)


async def test_the_room_screen_paints_a_new_second_and_nothing_else(tmp_path: Path) -> None:
    """Running: it wakes once a second, repaints the countdown without a layout and touches
    no line of text; paused (written by the facilitator's werf): "paused", nothing wakes.
    The lines say who speaks and who is next, in Dutch and in English."""
    set_language("nl")
    db, facilitator = round_db(tmp_path, [TurnStatus.DONE, TurnStatus.SPEAKING], running=True)
    wall = FakeClock(SAVED_AT + 0.4)
    app = DisplayApp(db, wall_clock=wall, theme="textual-dark")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, RoomScreen) and screen.view is not None
            speaker = screen.query_one("#room-speaker")
            assert str(speaker.render()) == "Aan het woord: Chantal   ·   Hierna: Dirk"
            clock = screen.query_one(RoomClock)
            assert clock.text == "12:50" and clock.region.height >= 15  # of 24 rows
            assert screen._tick is not None and screen._tick._interval == pytest.approx(0.61)
            painted: list[dict[str, object]] = []
            clock.refresh = lambda *a, **k: painted.append(k)  # type: ignore[method-assign]
            updated: list[object] = []
            for line in screen.query("#room Static"):
                line.update = lambda *a, **k: updated.append(a)  # type: ignore[method-assign]
            wall.advance(0.3)
            screen.tick()
            assert painted == [] and updated == []  # the same second: nothing
            wall.advance(0.31)
            screen.tick()
            assert clock.text == "12:49" and painted == [{}] and updated == []  # no layout
            del clock.refresh
            for line in screen.query("#room Static"):
                del line.update

            await pilot.press("ctrl+l")
            assert str(speaker.render()) == "Now speaking: Chantal   ·   Next: Dirk"
            session = facilitator.unfinished_session()
            assert session is not None
            facilitator.save_progress(session, running=False, saved_at=SAVED_AT + 1)
            screen.poll()
            await settle(pilot)
            assert screen.view.state is ClockState.PAUSED and screen._tick is None
            assert screen._shown["room-state"].plain == "PAUSED"
            assert screen.query_one("#room-state").has_class("-paused")
    finally:
        facilitator.close()


@pytest.mark.parametrize(("size", "lang", "statuses", "running", "theme"), [
    ((80, 24), "nl", [TurnStatus.DONE, TurnStatus.SPEAKING], True, "textual-dark"),
    ((80, 24), "en", [TurnStatus.DONE, TurnStatus.SPEAKING], False, "werf-high-contrast-light"),
    ((200, 60), "en", [TurnStatus.DONE, TurnStatus.PASSED, TurnStatus.DONE,
                       TurnStatus.SPEAKING], True, "textual-dark"),
    ((200, 60), "nl", [TurnStatus.SPEAKING], False, "werf-high-contrast-dark"),
], ids=["80x24-nl-round", "80x24-en-round-paused-contrast", "200x60-en-round-last",
        "200x60-nl-round-paused-contrast"])
def test_room_snapshot(snap_compare, tmp_path: Path, size: tuple[int, int], lang: str,  # type: ignore[no-untyped-def]
                       statuses: list[str], running: bool, theme: str) -> None:
    """Both sizes, both languages, running and paused, in the default and the high-contrast
    themes (paused is a reversed label, readable where the muted colour is not)."""
    set_language(lang)
    db, facilitator = round_db(tmp_path, statuses, running)
    facilitator.close()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)

    app = DisplayApp(db, wall_clock=lambda: SAVED_AT + 0.4, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_the_display_takes_werfs_theme() -> None:
    remember_theme("werf-high-contrast-dark")
    app = DisplayApp(None)
    app.store.close()
    assert app.theme == "werf-high-contrast-dark"
