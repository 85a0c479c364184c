"""The coordinator of ten teams (issue 14, item 9): one row per team, and sessions, figures
and action points as CSV that Dutch Excel opens (semicolons, UTF-8 with a BOM)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from werf.cli import main
from werf.csv_out import BOM, csv_text
from werf.models import Action
from werf.overview import team_overview
from werf.store import Store

from .helpers import TODAY, make_session


def ten_teams(tmp_path: Path) -> Path:
    """Ten teams; team 0 has three sessions, one of them unfinished with two action points,
    one overdue; every team has five colleagues at the table except team 1 (three)."""
    db = tmp_path / "werf.db"
    store = Store.open(db)
    for number in range(10):
        for week in range(3 if number == 0 else 1):
            session = make_session(team=f"Wijkteam {number:02d}")
            session.date = date(2026, 11, 3 + 7 * week)
            session.status = "finished" if week < 2 else "running"  # type: ignore[assignment]
            if number == 1:
                session.participants = session.participants[:3]
            if number == 0 and week == 2:
                session.actions = [Action(phase_index=4, text="Bellen; \"snel\"", owner="Eva",
                                          due=date(2000, 1, 20)),  # overdue on any day
                                   Action(phase_index=4, text="Mailen", owner="Bram", due=date(2026, 12, 20)),
                                   Action(phase_index=4, text="Klaar", owner="Dirk", done=True)]
            store.save_session(session)
    store.close()
    return db


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM):]), delimiter=";"))


def test_one_row_per_team(tmp_path: Path) -> None:
    store = Store.open(ten_teams(tmp_path))
    rows = team_overview(store, TODAY)
    assert [r.team for r in rows] == [f"Wijkteam {n:02d}" for n in range(10)]
    first = rows[0]
    assert (first.sessions, first.finished, first.attendance) == (3, 2, 5.0)
    assert (first.actions, first.actions_open, first.actions_overdue) == (3, 2, 1)
    assert (first.first_session, first.last_session) == (date(2026, 11, 3), date(2026, 11, 17))
    assert rows[1].attendance == 3.0 and rows[1].actions_open == 0
    assert [r.team for r in team_overview(store, TODAY, since=date(2026, 11, 10))] == ["Wijkteam 00"]


def test_csv_quotes_what_needs_it_and_uses_the_decimal_comma_in_dutch() -> None:
    text = csv_text(["Team", "Aantal"], [("Noord; Oost", 2.5), ('Zuid "west"', 3)], lang="nl")
    assert text == BOM + 'Team;Aantal\r\n"Noord; Oost";2,5\r\n"Zuid ""west""";3\r\n'
    assert read_csv(text)[0] == {"Team": "Noord; Oost", "Aantal": "2,5"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_stats_sessions_and_actions_as_csv(tmp_path: Path, lang: str) -> None:
    db = str(ten_teams(tmp_path))
    runner = CliRunner()

    def csv_of(*args: str) -> list[dict[str, str]]:
        result = runner.invoke(main, ["--db", db, "--lang", lang, *args, "--format", "csv"], obj={})
        assert result.exit_code == 0, result.output
        return read_csv(result.stdout)

    figures = csv_of("stats")
    header = (["Team", "Besprekingen", "Afgerond", "Aanwezigheid", "Actiepunten", "Open", "Te laat",
               "Eerste bespreking", "Laatste bespreking", "Laatst ontvangen uit de gedeelde map"]
              if lang == "nl" else
              ["Team", "Sessions", "Finished", "Attendance", "Action points", "Open", "Overdue",
               "First session", "Last session", "Last received from the share"])
    assert list(figures[0]) == header and len(figures) == 10
    assert list(figures[0].values()) == ["Wijkteam 00", "3", "2", "5,0" if lang == "nl" else "5.0",
                                         "3", "2", "1", "2026-11-03", "2026-11-17", ""]
    assert len(csv_of("stats", "--team", "wijkteam 01")) == 1

    sessions = csv_of("sessions", "list", "--team", "Wijkteam 00")
    assert len(sessions) == 3 and len(sessions[0]) == 8
    newest = list(sessions[0].values())
    assert newest[1:4] == ["2026-11-17", "Wijkteam 00", "werf"] and newest[6:] == ["2", "Eenzame buurman"]

    actions = csv_of("actions")
    assert len(actions) == 2 and len(actions[0]) == 7
    assert list(actions[0].values())[3:] == ["2000-01-20", "1", "Eva", 'Bellen; "snel"']
    assert list(actions[1].values())[0:2] == ["Wijkteam 00", "2026-11-17"]


def test_actions_as_text(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(ten_teams(tmp_path)), "--lang", "nl", "actions"], obj={})
    assert result.exit_code == 0
    assert result.output.splitlines()[0].split() == ["20-01-2000", "!", "Wijkteam", "00", "Eva", "Bellen;",
                                                     '"snel"']


def test_the_overview_says_when_a_team_last_came_in_from_the_share(tmp_path: Path) -> None:
    """The coordinator's laptop takes in sessions from the shared folder: per team, when it
    last took one in (new there, or changed there); a team only held here has none."""
    from datetime import UTC, datetime

    from werf.shared_folder import sync

    share = tmp_path / "share"
    share.mkdir()
    laptop, coordinator = Store.open(tmp_path / "a" / "werf.db"), Store.open(tmp_path / "c" / "werf.db")
    north, own = make_session(team="Wijkteam Noord"), make_session(team="Wijkteam Zuid")
    north.status = own.status = "finished"  # type: ignore[assignment]
    laptop.save_session(north)
    coordinator.save_session(own)
    sync(laptop, share)
    first = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    sync(coordinator, share, now=first)
    rows = {row.team: row.last_received for row in team_overview(coordinator, TODAY)}
    assert rows == {"Wijkteam Noord": first, "Wijkteam Zuid": None}
    assert [row.last_received for row in team_overview(laptop, TODAY)] == [None]  # it only published

    sync(coordinator, share, now=datetime(2026, 11, 25, 9, 0, tzinfo=UTC))  # nothing new: no change
    assert team_overview(coordinator, TODAY)[0].last_received == first
    north.case_title, north.revision = "Gecorrigeerd", north.revision + 1
    laptop.save_session(north, replace=True)
    sync(laptop, share)
    later = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    sync(coordinator, share, now=later)
    assert team_overview(coordinator, TODAY)[0].last_received == later
    laptop.close()
    coordinator.close()
