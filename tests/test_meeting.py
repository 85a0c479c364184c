"""The meeting as teams run it (issue 15): the team's roster and who came, the follow-up of
earlier action points at the opening, the closing round, and minutes fit to file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label, ListView

from werf.minutes import build_content, render_docx, render_markdown
from werf.models import Attendance, Participant, RoleId, SessionStatus
from werf.screens.run import RunScreen
from werf.screens.setup import SetupScreen
from werf.store import Store

from .helpers import make_session, protocol, saved_db
from .minutes_helpers import read_docx
from .pilot import choose, fill, make_app, settle


def _finished_session_of_the_team(tmp_path: Path) -> Path:
    session = make_session()
    session.status = SessionStatus.FINISHED
    return saved_db(tmp_path, session)


# --- 1. the roster and attendance -------------------------------------------------------


async def test_a_second_session_of_the_team_starts_with_its_roster(tmp_path: Path) -> None:
    db = _finished_session_of_the_team(tmp_path)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "#team", "Wijkteam Noord")
        await settle(pilot)
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        assert setup.form.participants == ["Fatima", "Bram", "Chantal", "Dirk", "Eva"]
        # the rota's suggestion: Fatima never brought a case, Bram never facilitated
        assert setup.query_one("#facilitator", Input).value == "Bram"
        assert setup.query_one("#role-case_bringer").value == "Fatima"
        listed = setup.query_one("#participants", ListView)
        listed.focus()
        listed.index = 0  # Fatima away: the next who never brought a case, Chantal, brings it
        await pilot.press("space")
        await settle(pilot)
        assert setup.query_one("#role-case_bringer").value == "Chantal"
        await pilot.press("space", "space")  # Fatima is there after all; Chantal keeps the case
        setup.query_one("#facilitator", Input).value = ""
        listed.index = 3  # Dirk: absent, then absent with apologies
        await pilot.press("space", "space")
        listed.index = 4  # Eva: absent
        await pilot.press("space")
        await settle(pilot)
        assert str(listed.children[3].query_one(Label).content) == "Dirk · absent with apologies"
        assert setup.form.people() == ["Fatima", "Bram", "Chantal"]
        await fill(pilot, "#facilitator", "Fatima")
        await choose(pilot, "#role-case_bringer", "Bram")
        await pilot.press("ctrl+s")
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        app.store.flush()
        session = run.session
    store = Store.open(db)
    saved = store.load_session(session.id)
    assert saved is not None
    assert {p.name: p.attendance for p in saved.participants} == {
        "Fatima": Attendance.PRESENT, "Bram": Attendance.PRESENT, "Chantal": Attendance.PRESENT,
        "Dirk": Attendance.APOLOGIES, "Eva": Attendance.ABSENT}
    assert [p.name for p in saved.present] == ["Fatima", "Bram", "Chantal"]
    assert store.team_roster("Wijkteam Noord") == ["Fatima", "Bram", "Chantal", "Dirk", "Eva"]


def test_the_roster_is_the_teams_own_list_once_it_has_one(tmp_path: Path) -> None:
    db = _finished_session_of_the_team(tmp_path)
    store = Store.open(db)
    assert store.team_roster("Wijkteam Noord") == ["Fatima", "Bram", "Chantal", "Dirk", "Eva"]
    assert store.team_roster("Wijkteam Zuid") == []
    store.set_team_roster("Wijkteam Noord", ["Eva", " ", "Gijs", "Eva"])
    assert store.team_roster("Wijkteam Noord") == ["Eva", "Gijs"]


def _with_absentees():  # type: ignore[no-untyped-def]
    session = make_session()
    session.participants += [Participant(name="Gijs", attendance=Attendance.APOLOGIES),
                             Participant(name="Hanna", attendance=Attendance.ABSENT)]
    return session


def test_absentees_are_not_in_a_round_and_the_minutes_list_them() -> None:
    from werf.engine import round_members

    session = _with_absentees()
    questions = protocol().phases[2]
    names = [session.participant_name(pid) for pid in round_members(session, questions)]
    assert "Gijs" not in names and "Hanna" not in names and "Eva" in names
    for lang, absent, apologies in (("en", "Absent", "absent with apologies"),
                                    ("nl", "Afwezig", "afwezig met bericht van verhindering")):
        content = build_content(session, protocol(), lang)
        markdown = render_markdown(content)
        assert f"{absent}" in markdown and f"Gijs ({apologies}), Hanna" in markdown
        assert "| Gijs |" not in markdown  # not listed as at the table
        data, _warnings = render_docx(content)
        document = read_docx(data)
        text = "\n".join([*(p.text for p in document.paragraphs), *(
            cell.text for table in document.tables for row in table.rows for cell in row.cells)])
        assert f"Gijs ({apologies}), Hanna" in text


def test_attendance_travels_in_the_store(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "werf.db")
    session = _with_absentees()
    store.save_session(session)
    loaded = store.load_session(session.id)
    assert loaded is not None
    assert [p.attendance for p in loaded.participants][-2:] == [Attendance.APOLOGIES,
                                                              Attendance.ABSENT]
    assert RoleId.FACILITATOR in loaded.participants[0].roles


# --- 2. the follow-up at the opening ----------------------------------------------------


def _earlier_session_with_two_open_actions(db: Path):  # type: ignore[no-untyped-def]
    from datetime import date

    from werf.models import Action

    earlier = make_session()
    earlier.date = date(2026, 11, 10)
    earlier.status = SessionStatus.FINISHED
    earlier.actions = [Action(phase_index=4, text="Zus bellen over boodschappen", owner="Bram"),
                       Action(phase_index=4, text="Huisarts inlichten", owner="Chantal")]
    store = Store.open(db)
    store.save_session(earlier)
    store.close()
    return earlier


async def test_the_opening_reviews_earlier_action_points_and_both_minutes_show_it(
        tmp_path: Path) -> None:
    from werf.models import FollowUp, RecordKind
    from werf.screens.forms import FollowUpForm

    db = tmp_path / "werf.db"
    earlier = _earlier_session_with_two_open_actions(db)
    app = make_app(db)
    today = make_session()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(RunScreen(protocol(), today, new=True))
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen) and len(run.earlier_actions) == 2
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, FollowUpForm)
        await fill(pilot, "#follow-up-note", "Zus belde zondag, boodschappen geregeld")
        await pilot.press("enter")  # done (the first choice)
        await settle(pilot)
        assert isinstance(app.screen, FollowUpForm) and app.screen.number == 2
        await choose(pilot, "#follow-up", "dropped")
        await fill(pilot, "#follow-up-note", "Niet meer nodig: hij is verhuisd")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is run
        app.store.flush()
    store = Store.open(db)
    before = store.load_session(earlier.id)
    now = store.load_session(today.id)
    assert before is not None and now is not None
    assert before.revision == 3  # a correction of a finished session, counted once per change
    done, dropped = before.actions
    assert (done.follow_up, done.done, done.done_on) == (FollowUp.DONE, True, today.date)
    assert (dropped.follow_up, dropped.follow_up_note) == (FollowUp.DROPPED,
                                                           "Niet meer nodig: hij is verhuisd")
    assert store.open_actions("Wijkteam Noord") == []
    from werf.stats import compute_stats

    figures = compute_stats(store, team="Wijkteam Noord", today=today.date)
    assert (figures.actions_done, figures.actions_dropped, figures.actions_open) == (1, 1, 0)
    reviews = [note for note in now.notes if note.kind is RecordKind.ACTION_REVIEW]
    assert [(note.phase_index, note.follow_up) for note in reviews] == [
        (0, FollowUp.DONE), (0, FollowUp.DROPPED)]
    old_minutes = render_markdown(build_content(before, protocol(), "nl"))
    assert "gedaan (24 november 2026): Zus belde zondag, boodschappen geregeld" in old_minutes
    assert "vervallen (24 november 2026): Niet meer nodig: hij is verhuisd" in old_minutes
    new_minutes = render_markdown(build_content(now, protocol(), "nl"))
    assert "gedaan: Zus bellen over boodschappen — Zus belde zondag" in new_minutes
    assert "vervallen: Huisarts inlichten — Niet meer nodig: hij is verhuisd" in new_minutes


# --- 3. the closing round ---------------------------------------------------------------


async def test_a_closing_round_stores_marks_and_the_minutes_show_the_average_only(
        tmp_path: Path) -> None:
    import json
    import sqlite3

    from click.testing import CliRunner

    from werf.cli import main
    from werf.screens.forms import ClosingMarkForm

    db = tmp_path / "werf.db"
    app = make_app(db)
    session = make_session()
    session.participants[3].attendance = Attendance.APOLOGIES  # Dirk gives no mark
    session.participants.pop()  # no Eva: Fatima, Bram and Chantal are at the table
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(RunScreen(protocol(), session, new=True))
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("ctrl+y")  # only in the last phase
        await settle(pilot)
        assert app.screen is run
        run.engine.go_to(len(run.engine.phases) - 1)
        run.show_phase()
        await pilot.press("ctrl+y")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ClosingMarkForm) and form.person == "Fatima"
        await fill(pilot, "#closing-mark", "11")
        await fill(pilot, "#closing-word", "fijn")
        await pilot.press("enter")  # 11 is no mark: one line says so, nothing is stored
        await settle(pilot)
        assert app.screen is form and session.closing == []
        assert "1 to 10" in str(form.query_one("#closing-problem").content)
        form.query_one("#closing-mark", Input).value = "8"
        await pilot.press("enter", "enter")  # the mark, then the word kept from before
        for mark, word in (("7", "leerzaam"), ("6", "zwaar")):
            await settle(pilot)
            await fill(pilot, "#closing-mark", mark)
            await pilot.press("enter")  # on to the word
            await fill(pilot, "#closing-word", word)
            await pilot.press("enter")
        await settle(pilot)
        assert app.screen is run
        app.store.flush()
    rows = sqlite3.connect(db).execute(
        "SELECT mark, word FROM closing_marks WHERE session_id = ? ORDER BY position",
        [session.id]).fetchall()
    assert rows == [(8, "fijn"), (7, "leerzaam"), (6, "zwaar")]
    saved = Store.open(db).load_session(session.id)
    assert saved is not None and saved.closing_average == 7
    minutes = render_markdown(build_content(saved, protocol(), "nl"))
    assert "**Rapportcijfer:** 7,0 (gemiddelde van 3 cijfers)" in minutes
    assert "leerzaam" not in minutes and "| 8 |" not in minutes  # nobody's own mark or word
    figures = json.loads(CliRunner().invoke(main, ["--db", str(db), "stats", "--json"],
                                            obj={}).stdout)
    assert figures["marks"] == [{"team": "Wijkteam Noord", "month": "2026-11", "average": 7.0,
                                 "marks": 3, "sessions": 1}]
    assert "Dirk" not in figures["attendance"]  # absent with apologies: not counted


# --- 4. minutes fit to file -------------------------------------------------------------


def test_word_minutes_show_times_absentees_location_version_and_status(tmp_path: Path) -> None:
    import re
    from datetime import UTC, datetime

    from werf.models import MinutesStatus
    from werf.recorder import Recorder, direct_sink

    store = Store.open(tmp_path / "werf.db")
    session = _with_absentees()
    session.location = "Buurthuis De Brug"
    session.created_at = datetime(2026, 11, 24, 13, 2, tzinfo=UTC)
    store.save_session(session)
    record = Recorder(session, direct_sink(store))
    assert not record.adopt_minutes()  # still running: nothing to adopt yet
    session.status, session.finished_at = SessionStatus.FINISHED, datetime(2026, 11, 24, 14, 31,
                                                                          tzinfo=UTC)
    store.save_session(session)

    def word_text(lang: str) -> str:
        loaded = store.load_session(session.id)
        assert loaded is not None
        data, _warnings = render_docx(build_content(loaded, protocol(), lang))
        document = read_docx(data)
        return "\n".join([*(p.text for p in document.paragraphs), *(
            cell.text for table in document.tables for row in table.rows for cell in row.cells)])

    concept = word_text("nl")
    assert "Buurthuis De Brug" in concept and "1, concept" in concept
    assert re.search(r"\d\d:02–\d\d:31 \(", concept)  # start and end, in local time
    assert "Gijs (afwezig met bericht van verhindering), Hanna" in concept
    assert record.adopt_minutes() and not record.adopt_minutes()  # once
    loaded = store.load_session(session.id)
    assert loaded is not None
    assert (loaded.minutes_status, loaded.revision) == (MinutesStatus.ADOPTED, 2)
    assert "2, vastgesteld" in word_text("nl") and "2, adopted" in word_text("en")


def test_a_schema_11_database_gains_rosters_attendance_and_follow_ups(tmp_path: Path) -> None:
    """Migrations 12-15 on a database of the last shipped schema: everyone was present, each
    team's roster is its latest session's list, old action points have no follow-up, and the
    search still finds an earlier session's action point and, later, a follow-up's line."""
    from datetime import date

    import sqlite_utils

    from werf.models import Action, MinutesStatus
    from werf.store import MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    for version in range(1, 12):
        MIGRATIONS[version](db)
        db.execute("INSERT INTO schema_version VALUES (?, 'then')", [version])
    older, latest = make_session(), make_session()
    older.date, latest.date = date(2026, 10, 1), date(2026, 11, 1)
    latest.participants = latest.participants[:3]
    latest.actions = [Action(phase_index=4, text="Wijkagent vragen", owner="Bram")]
    for session in (older, latest):
        Store(db).save_session(session)
    db.conn.commit()
    db.conn.close()

    store = Store.open(path)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.team_roster("Wijkteam Noord") == ["Fatima", "Bram", "Chantal"]
    loaded = store.load_session(latest.id)
    assert loaded is not None
    assert [p.attendance for p in loaded.participants] == [Attendance.PRESENT] * 3
    assert (loaded.location, loaded.minutes_status, loaded.closing, loaded.pulse) == (
        "", MinutesStatus.CONCEPT, [], None)
    assert loaded.actions[0].follow_up is None
    assert [s.id for s in store.list_sessions(search="wijkagent")] == [latest.id]
    store.save_action(latest.id, loaded.actions[0].model_copy(
        update={"follow_up_note": "Wijkagent komt langs op dinsdag"}))
    assert [s.id for s in store.list_sessions(search="dinsdag")] == [latest.id]
