"""What leaves the laptop (issue 14, item 5): an archive for the coordinator holds no client
identifiers but keeps colleagues' names and roles; import can be limited to teams."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from werf.cli import main
from werf.config import load_config
from werf.exchange import archive_bytes, archive_for, import_archives
from werf.models import Action, Note, RecordKind, RoleId
from werf.store import Store

from .helpers import make_session, protocol

CLIENT = ["Petra", "Jansen", "111222333", "Kerkstraat 12", "1234 AB", "06-12345678",
          "petra.jansen@example.nl", "Kowalski"]
COLLEAGUES = ["Fatima", "Bram", "Chantal", "Dirk", "Eva"]


def client_session():  # type: ignore[no-untyped-def]
    session = make_session()
    session.case_title = "Mevrouw Petra Jansen vereenzaamt"
    session.question = "Hoe krijgen we mevrouw Jansen (BSN 111222333) weer in contact?"
    session.sensitive_names = ["Kowalski"]
    session.notes = [
        Note(phase_index=0, text="Mevrouw Jansen woont op Kerkstraat 12, 1234 AB Utrecht; "
                                 "bereikbaar op 06-12345678 of petra.jansen@example.nl."),
        Note(phase_index=1, text="Bram vraagt of buurman Kowalski nog langskomt.",
             kind=RecordKind.QUESTION),
        Note(phase_index=2, text="Fatima: Eva kent de buurtsportcoach.", kind=RecordKind.TAKEAWAY),
    ]
    session.actions = [Action(phase_index=2, text="Eva belt mevrouw Jansen", owner="Eva")]
    return session


def test_a_coordinator_archive_holds_no_client_identifier_but_the_colleagues() -> None:
    session = client_session()
    before = session.model_dump()
    archive = archive_for(session, "coordinator", protocol(), lang="nl")
    text = archive_bytes(archive).decode("utf-8")
    assert [found for found in CLIENT if found in text] == []
    assert all(name in text for name in COLLEAGUES)
    kept = archive.session
    assert [p.name for p in kept.participants] == COLLEAGUES
    assert kept.people_with(RoleId.CASE_BRINGER)[0].name == "Bram"
    assert kept.facilitator == "Fatima" and kept.actions[0].owner == "Eva"
    assert kept.notes[1].text.startswith("Bram vraagt") and "Eva kent" in kept.notes[2].text
    assert "[BSN]" in kept.question and "[adres]" in kept.notes[0].text
    assert archive.pseudonymised and kept.sensitive_names == []
    assert session.model_dump() == before  # the session itself is left alone


def test_a_name_given_on_the_command_line_is_hidden_from_the_coordinator_too() -> None:
    session = client_session()
    session.notes.append(Note(phase_index=1, text="De hond van zwaantje blaft de hele nacht."))
    found: Counter[tuple[str, str]] = Counter()
    text = archive_bytes(archive_for(session, "coordinator", protocol(), lang="nl", names=["Zwaantje"],
                                     found=found)).decode("utf-8")
    assert "zwaantje" not in text.casefold() and ("name", "zwaantje") in found


def test_a_team_archive_is_whole() -> None:
    session = client_session()
    archive = archive_for(session, "team", protocol())
    assert archive.session == session and not archive.pseudonymised
    assert all(found in archive_bytes(archive).decode("utf-8") for found in CLIENT)
    with pytest.raises(ValueError):
        archive_for(session, "everyone", protocol())  # type: ignore[arg-type]


def test_export_for_the_coordinator_and_import_by_team(tmp_path: Path) -> None:
    db, out, other = tmp_path / "werf.db", tmp_path / "out", tmp_path / "elsewhere.db"
    out.mkdir()
    (tmp_path / "team").mkdir()
    store = Store.open(db)
    session = client_session()
    store.save_session(session)
    store.save_session(make_session(team="Wijkteam Zuid"))
    store.close()
    runner = CliRunner()
    coordinator = runner.invoke(main, ["--db", str(db), "export", session.id[:8], "--format", "json",
                                       "--for", "coordinator", "--out", str(out)], obj={})
    assert coordinator.exit_code == 0, coordinator.output
    written = Path(coordinator.stdout.strip())
    assert json.loads(written.read_text("utf-8"))["pseudonymised"] is True
    assert not [found for found in CLIENT if found in written.read_text("utf-8") + written.name]
    assert runner.invoke(main, ["--db", str(db), "export", "--all", "--format", "json", "--out",
                                str(tmp_path / "team")], obj={}).exit_code == 0
    refused = runner.invoke(main, ["--db", str(db), "--lang", "en", "export", session.id[:8],
                                   "--for", "coordinator", "--out", str(out)], obj={})
    assert refused.exit_code == 1 and "--format json" in refused.output
    result = runner.invoke(main, ["--db", str(other), "--lang", "en", "import", str(tmp_path / "team"),
                                  "--team", " wijkteam  NOORD"], obj={})
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["1 added, 0 updated, 0 already present.",
                                          "1 archive of another team skipped."]
    assert [s.team for s in Store.open(other).list_sessions()] == ["Wijkteam Noord"]


def test_the_shared_folder_audience_is_a_setting(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml")[0].shared_folder_audience == "coordinator"
    path = tmp_path / "config.toml"
    path.write_text('shared_folder_audience = "team"\n', encoding="utf-8")
    assert load_config(path) == (load_config(path)[0], []) and load_config(path)[0].shared_folder_audience == "team"
    path.write_text('shared_folder_audience = "iedereen"\n', encoding="utf-8")
    config, problems = load_config(path)
    assert config.shared_folder_audience == "coordinator" and "shared_folder_audience" in problems[0]


def test_import_limited_to_teams_names_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    for team in ("Wijkteam Noord", "Wijkteam Zuid", "Jeugdteam"):
        session = make_session(team=team)
        (folder / f"{session.id}.json").write_bytes(archive_bytes(archive_for(session, "team")))
    store = Store.memory()
    report = import_archives(store, [folder], teams=["Jeugdteam", "wijkteam zuid"])
    assert len(report.added) == 2 and len(report.other_teams) == 1 and not report.problems
    assert sorted(s.team for s in store.list_sessions()) == ["Jeugdteam", "Wijkteam Zuid"]


async def test_the_archive_left_on_finish_is_for_the_coordinator_by_default(tmp_path: Path) -> None:
    """archive_on_finish leaves an archive for the coordinator: `shared_folder_audience`
    (default coordinator) decides what is in it. (One Pilot run; 'team' is the core's case.)"""
    from .pilot import make_app, settle
    from .test_snapshots import seeded_db

    out = tmp_path / "share"
    out.mkdir()
    db = seeded_db(tmp_path, phase=4)
    store = Store.open(db)
    full = store.load_session(store.list_sessions()[0].id)
    assert full is not None
    full.question = "Hoe houden we contact met mevrouw Jansen, Kerkstraat 12?"
    store.save_session(full, replace=True)
    store.close()
    app = make_app(db)
    app.config.archive_on_finish, app.config.export_dir = True, out
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("enter", "f12", "enter"):
            await pilot.press(key)
            await settle(pilot)
    (archive,) = out.glob("*.json")
    text = archive.read_text("utf-8")
    assert "Jansen" not in text and "Kerkstraat" not in text and '"name": "Bram"' in text
    assert "Eenzame buurman" not in archive.name  # the title (kept inside) is not in the name


def test_the_coordinator_archive_leaves_colleagues_as_typed_and_a_shared_surname_is_the_client() -> None:
    """Colleagues Jan de Vries and Eva Bakker; the client is mevrouw Bakker. Colleagues stay as
    typed (not rewritten to full names, not counted as replaced); the client's surname is a
    person's, not Eva's."""
    from werf.models import Participant

    session = make_session()
    session.participants = [Participant(name="Jan de Vries", roles=[RoleId.CASE_BRINGER]),
                            Participant(name="Eva Bakker", roles=[RoleId.FACILITATOR])]
    session.facilitator = "Eva Bakker"
    session.notes = [Note(phase_index=1, text="Jan belt haar."),
                     Note(phase_index=1, text="Wat doen we voor mevrouw Bakker?")]
    found: Counter[tuple[str, str]] = Counter()
    kept = archive_for(session, "coordinator", protocol(), lang="nl", found=found).session
    assert kept.notes[0].text == "Jan belt haar."
    assert "Bakker" not in kept.notes[1].text and "Eva" not in kept.notes[1].text
    assert not any(kind == "colleague" for kind, _text in found)
