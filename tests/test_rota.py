"""The team's rota: who has waited longest brings the next case, or facilitates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from werf.cli import main
from werf.models import Attendance, Participant, RoleId, SessionStatus
from werf.overview import team_rota
from werf.rota import Held, build_rota
from werf.store import Store

from .helpers import make_session, saved_db

CB, FAC = RoleId.CASE_BRINGER, RoleId.FACILITATOR
ROSTER = ["Fatima", "Bram", "Chantal", "Dirk"]


def held(day: int, name: str, role: RoleId) -> Held:
    return Held(date(2026, 10, day), name, role)


def test_who_waited_longest_is_next_and_someone_never_in_the_role_first() -> None:
    rota = build_rota("Noord", ROSTER, [
        held(6, "Fatima", FAC), held(6, "Bram", CB), held(13, "Chantal", FAC), held(13, "Fatima", CB),
        held(20, "Fatima", FAC), held(20, "Chantal", CB), held(27, "Bram", FAC), held(27, "Dirk", CB),
    ])
    lines = {line.name: (line.last_case_bringer, line.last_facilitator) for line in rota.lines}
    assert lines == {"Fatima": (date(2026, 10, 13), date(2026, 10, 20)),
                     "Bram": (date(2026, 10, 6), date(2026, 10, 27)),
                     "Chantal": (date(2026, 10, 20), date(2026, 10, 13)),
                     "Dirk": (date(2026, 10, 27), None)}
    assert rota.next_in_line(CB) == "Bram"  # case bringer longest ago
    assert rota.next_in_line(FAC) == "Dirk"  # never facilitated: waited longest of all
    suggestion = rota.suggest()
    assert (suggestion.case_bringer, suggestion.facilitator) == ("Bram", "Dirk")
    assert [(line.name, role) for line, role in rota.rows()] == [
        ("Fatima", None), ("Bram", CB), ("Chantal", None), ("Dirk", FAC)]


def test_ties_go_by_the_roster_order_and_nobody_does_both() -> None:
    rota = build_rota("Noord", ROSTER, [held(6, "Chantal", CB), held(6, "Bram", CB)])  # same day
    assert rota.next_in_line(CB) == "Fatima"  # three never did it: the roster's first
    assert rota.next_in_line(CB, away=["Fatima", "Dirk"]) == "Bram"  # Bram and Chantal tie
    nobody_yet = build_rota("Noord", ROSTER, [])
    suggestion = nobody_yet.suggest()
    assert (suggestion.case_bringer, suggestion.facilitator) == ("Fatima", "Bram")
    assert build_rota("Noord", list(reversed(ROSTER)), []).suggest().case_bringer == "Dirk"


def test_absentees_are_skipped_and_keep_their_place() -> None:
    history = [held(6, "Fatima", CB), held(13, "Bram", CB), held(20, "Chantal", CB), held(20, "Dirk", FAC)]
    rota = build_rota("Noord", ROSTER, history)
    assert rota.next_in_line(CB) == "Dirk"  # never
    suggestion = rota.suggest(away=["dirk "])  # as typed: case and spaces aside
    assert suggestion.case_bringer == "Fatima"
    assert suggestion.facilitator == "Bram"  # never facilitated, Fatima already brings the case
    # Dirk was away: his turn waits for him, it is not spent
    assert rota.suggest().case_bringer == "Dirk"
    assert build_rota("Noord", ROSTER, history).next_in_line(CB, away=ROSTER) is None


def test_a_chosen_facilitator_stays_and_does_not_bring_the_case() -> None:
    rota = build_rota("Noord", ROSTER, [held(6, "Bram", CB), held(13, "Chantal", CB), held(20, "Dirk", CB)])
    assert rota.suggest().case_bringer == "Fatima"
    suggestion = rota.suggest(facilitator="Fatima")
    assert (suggestion.facilitator, suggestion.case_bringer) == ("Fatima", "Bram")


def test_names_match_whatever_their_case_and_people_off_the_roster_are_left_out() -> None:
    rota = build_rota("Noord", ["Fatima", " bram", "Fatima", ""], [
        held(6, "BRAM", CB), held(13, "Mo", CB), held(13, "fatima", RoleId.TIMEKEEPER)])
    assert [(line.name, line.last_case_bringer, line.last_facilitator) for line in rota.lines] == [
        ("Fatima", None, None), ("bram", date(2026, 10, 6), None)]


def test_the_rota_comes_from_the_teams_sessions_and_the_command_line(tmp_path: Path) -> None:
    """Roles and the facilitator from the store; an absentee had no role; `werf rota` as
    text, CSV for Excel and JSON."""
    db = tmp_path / "werf.db"
    store = Store.open(db)
    for day, facilitator, case_bringer, away in ((6, "Fatima", "Bram", "Dirk"),
                                                 (13, "Chantal", "Fatima", "Bram")):
        session = make_session()
        session.date, session.facilitator = date(2026, 10, day), facilitator
        session.participants = [
            Participant(name=name, roles=[CB] if name == case_bringer else [],
                        attendance=Attendance.ABSENT if name == away else Attendance.PRESENT)
            for name in ROSTER]
        store.save_session(session)
    store.save_session(make_session(team="Wijkteam Zuid"))
    store.set_team_roster("Wijkteam Noord", ROSTER)
    rota = team_rota(store, "Wijkteam Noord")
    assert [(line.name, line.last_case_bringer, line.last_facilitator) for line in rota.lines] == [
        ("Fatima", date(2026, 10, 13), date(2026, 10, 6)), ("Bram", date(2026, 10, 6), None),
        ("Chantal", None, date(2026, 10, 13)), ("Dirk", None, None)]
    store.close()

    def run(*args: str) -> str:
        result = CliRunner().invoke(main, ["--db", str(db), "--lang", "en", "rota", *args], obj={})
        assert result.exit_code == 0, result.output
        return result.stdout

    text = run("wijkteam noord").splitlines()
    assert text[0] == "Wijkteam Noord"
    assert text[4].split() == ["Chantal", "–", "2026-10-13", "case", "bringer"]
    assert text[3].split() == ["Bram", "2026-10-06", "–", "facilitator"]
    csv = run("Wijkteam Noord", "--format", "csv").splitlines()
    assert csv[0] == "\ufeffTeam;Name;Last case bringer;Last facilitator;Next time"
    assert csv[4] == "Wijkteam Noord;Dirk;;;"
    data = json.loads(run("Wijkteam Noord", "--format", "json"))
    assert (data["next_case_bringer"], data["next_facilitator"]) == ("Chantal", "Bram")
    assert data["members"][0] == {"name": "Fatima", "last_case_bringer": "2026-10-13",
                                  "last_facilitator": "2026-10-06", "next": None}
    missing = CliRunner().invoke(main, ["--db", str(db), "--lang", "nl", "rota", "Oost"], obj={})
    assert missing.exit_code == 1 and "Oost" in missing.stderr


async def test_the_teams_screen_shows_the_rota_of_the_team_under_the_cursor(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from .helpers import demo_db
    from .pilot import make_app, settle

    db = demo_db(tmp_path)
    store = Store.open(db)
    expected = {team: team_rota(store, team) for team in store.teams()}
    store.close()
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

        def shown() -> list[list[str]]:
            table = app.screen.query_one("#rota", DataTable)
            return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]

        for team in ("Wijkteam Noord", "Wijkteam Oost"):
            rota = expected[team]
            suggestion = rota.suggest()
            assert suggestion.case_bringer and suggestion.facilitator
            rows = shown()
            assert [row[0] for row in rows] == [line.name for line in rota.lines]
            assert [row[0] for row in rows if row[3] == "case bringer"] == [suggestion.case_bringer]
            assert [row[0] for row in rows if row[3] == "facilitator"] == [suggestion.facilitator]
            never = [row for row in rows if row[1] == "–"]
            assert never and all(rota.lines[rows.index(row)].last_case_bringer is None for row in never)
            await pilot.press("down")  # the next team's rota
            await settle(pilot)


async def test_the_suggested_facilitator_marked_absent_makes_way_for_the_next_in_line(
        tmp_path: Path) -> None:
    """Review: the rota fills in the facilitator; when that colleague turns out to be away,
    Space on their name marks them absent and the next in line facilitates (as for the case
    bringer), instead of doing nothing visible while they stay facilitator."""
    from textual.widgets import Input, Label, ListView

    from werf.screens.setup import SetupScreen

    from .pilot import fill, make_app, settle

    session = make_session()
    session.status = SessionStatus.FINISHED
    db = saved_db(tmp_path, session)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "#team", "Wijkteam Noord")
        await settle(pilot)
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        facilitator = setup.query_one("#facilitator", Input)
        assert facilitator.value == "Bram"  # the rota's suggestion
        listed = setup.query_one("#participants", ListView)
        listed.focus()
        listed.index = setup.form.participants.index("Bram")
        await pilot.press("space")  # Bram is away today
        await settle(pilot)
        label = str(listed.children[listed.index].query_one(Label).content)
        assert label == "Bram · absent", label
        assert facilitator.value not in ("", "Bram")
        assert facilitator.value == setup.form.facilitator
        assert "Bram" not in setup.form.people()
        assert facilitator.value != setup.form.roles.get(RoleId.CASE_BRINGER)  # nobody does both
        await pilot.press("space", "space")  # Bram is there after all: he is listed, present
        await settle(pilot)
        assert str(listed.children[listed.index].query_one(Label).content) == "Bram"
