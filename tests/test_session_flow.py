"""A facilitator walks a whole WERF session with the keyboard; the database holds it all.

Notes go into the note line at once (`type_at_once`): the run screen's typing key by key is
tested in test_typing_order. The action form is typed in key by key here (its one real
typing test), and so is the case form's question."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from werf.models import RecordKind, RoleId, SessionStatus
from werf.screens.finish import FinishScreen
from werf.screens.run import RunScreen
from werf.store import Store

from .helpers import FakeClock
from .pilot import fill, make_app, set_up_werf_session, type_at_once, type_text

NOTES = {
    0: "Actiepunt van vorige keer is gedaan",
    1: "Buurman woont alleen sinds 2024",
    2: "Wie komt er wekelijks langs?",
    3: "Zijn zus belt elke zondag",
    4: "Ik ga eerst met de zus praten",
    5: "Goede vragen vandaag",
}


async def test_walk_a_complete_werf_session(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    clock = FakeClock()
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        for index in range(6):
            assert run.engine.index == index
            await pilot.press("f2")  # start the timer of this phase
            clock.advance(60 * (index + 1))
            await pilot.press("f2")  # pause
            if run.engine.current.round is not None:
                await pilot.press("f7", "f7")
            await type_at_once(pilot, NOTES[index])  # key by key: test_typing_order
            await pilot.press("enter")
            if index == 4:
                await pilot.press("ctrl+n")
                await pilot.pause()
                await type_text(pilot, "Zus bellen over boodschappen")
                await pilot.press("enter")
                await type_text(pilot, "Bram")
                await pilot.press("enter")
                await type_text(pilot, "2026-12-01")
                await pilot.press("enter")
                await pilot.pause()
            if index == 5:
                await type_at_once(pilot, "nog niet ingevoerd")  # finished without Enter
            if index < 5:
                await pilot.press("f6")
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("enter")  # confirm: finish
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        app.store.flush()

    store = Store.open(db)
    [summary] = store.list_sessions()
    session = store.load_session(summary.id)
    assert session is not None
    assert session.status is SessionStatus.FINISHED
    assert session.team == "Wijkteam Noord"
    assert session.case_title == "Eenzame buurman"
    assert session.question == "Hoe betrek ik zijn netwerk?"
    roles = {p.name: p.roles for p in session.participants}
    assert roles == {
        "Fatima": [RoleId.FACILITATOR],
        "Bram": [RoleId.CASE_BRINGER],
        "Chantal": [RoleId.TIMEKEEPER],
        "Dirk": [RoleId.MINUTE_TAKER],
        "Eva": [],
    }
    kept = {n.phase_index: n.text for n in session.notes if n.text != "nog niet ingevoerd"}
    assert kept == NOTES
    assert [n.phase_index for n in session.notes if n.text == "nog niet ingevoerd"] == [5]
    kinds = [n.kind for n in sorted(session.notes, key=lambda n: n.phase_index)]
    assert kinds[2] is RecordKind.QUESTION and kinds[4] is RecordKind.TAKEAWAY
    [action] = session.actions
    assert (action.text, action.owner, action.due) == (
        "Zus bellen over boodschappen", "Bram", date(2026, 12, 1))
    assert [round(p.elapsed_seconds) for p in session.phases] == [60, 120, 180, 240, 300, 360]
    assert all(p.visited for p in session.phases)
    questions_round = session.phases[2]
    assert [t.status for t in questions_round.turns][:2] == ["done", "done"]


async def test_language_switches_in_the_app_and_keeps_the_draft(tmp_path: Path) -> None:
    from werf.i18n import get_language

    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        await type_at_once(pilot, "niet kwijt")
        footer_before = " ".join(b.binding.description for b in app.screen.active_bindings.values())
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert get_language() == "nl"
        footer_after = " ".join(b.binding.description for b in app.screen.active_bindings.values())
        assert "Start/pause" in footer_before and "Start/pauze" in footer_after
        assert app.screen.query_one("#note-input").value == "niet kwijt"
        title = str(app.screen.query_one("#phase-title").render())
        assert title.startswith("Fase 1 van 6")


async def test_help_and_palette_list_every_key(tmp_path: Path) -> None:
    from textual.command import CommandPalette

    from werf.screens.help import HelpScreen

    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        run = app.screen
        tooltips = {b.binding.tooltip for b in run.active_bindings.values()
                    if b.binding.tooltip and b.enabled and b.binding.action != "command_palette"}
        commands = {c.title for c in app.get_system_commands(run)}
        assert tooltips <= commands
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.keys_table()
        listed = set(table.columns[1].cells)
        assert "Start or pause the timer of this phase" in listed
        assert "Add an action point: what, who, by when" not in listed  # not in this phase
        assert "Move cursor left" not in listed  # the note input's own editing keys
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_setup_refuses_an_incomplete_session(tmp_path: Path) -> None:
    from werf.screens.setup import SetupScreen

    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "#team", "Team Oost")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        problems = str(app.screen.query_one("#setup-problems").render())
        assert "Add at least two participants." in problems
        assert "Choose the case bringer." in problems
        assert "Enter the team." not in problems


async def test_case_title_and_question_can_be_filled_in_during_the_session(tmp_path: Path) -> None:
    from textual.widgets import Input

    db = tmp_path / "werf.db"
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.screen.query_one("#case-title", Input).value = "Buurman [zonder] netwerk"
        await pilot.press("enter", "end")  # to the question, after its text
        await type_text(pilot, " nu")
        await pilot.press("enter")
        await pilot.pause()
        assert "Buurman [zonder] netwerk" in str(app.screen.query_one("#case-box").render())
        app.store.flush()
    from werf.store import Store

    store = Store.open(db)
    session = store.load_session(store.list_sessions()[0].id)
    assert session is not None
    assert session.case_title == "Buurman [zonder] netwerk"
    assert session.question == "Hoe betrek ik zijn netwerk? nu"
