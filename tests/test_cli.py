"""The command line, as scripts and coordinators use it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from werf import __version__
from werf.cli import main
from werf.i18n import catalog
from werf.theme_list import shown_theme

from .test_protocols import GOOD, write


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), obj={})
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    assert run("--version")[1].strip().endswith(__version__)


def test_paths_follow_werf_home_and_db(isolated_home: Path, tmp_path: Path) -> None:
    code, out, _ = run("--lang", "en", "paths")
    assert code == 0
    assert str(isolated_home / "data" / "werf.db") in out
    code, out, _ = run("--db", str(tmp_path / "other.db"), "paths")
    assert str(tmp_path / "other.db") in out


def test_protocols_list_json() -> None:
    code, out, _ = run("protocols", "list", "--json")
    assert code == 0
    ids = {p["id"] for p in json.loads(out)}
    assert {"werf", "troika", "balint"} <= ids


def test_protocols_validate(tmp_path: Path) -> None:
    good = write(tmp_path, "good.toml", GOOD)
    bad = write(tmp_path, "bad.toml", GOOD.replace("minutes = 10", "minutes = 0"))
    code, out, _ = run("--lang", "en", "protocols", "validate", str(good))
    assert code == 0 and "valid" in out
    code, _, err = run("--lang", "en", "protocols", "validate", str(good), str(bad))
    assert code == 1
    assert f"{bad}: phases[0].minutes: must be greater than 0" in err
    code, _, err = run("--lang", "nl", "protocols", "validate", str(bad))
    dutch = catalog("nl")["must be greater than {gt}"].format(gt="0")
    assert code == 1 and dutch in err


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["0 fictional sessions added", "1 fictional session added", "2 fictional sessions added"]),
    ("nl", ["0 fictieve besprekingen toegevoegd", "1 fictieve bespreking toegevoegd",
            "2 fictieve besprekingen toegevoegd"]),
])
def test_demo_counts_in_singular_and_plural(tmp_path: Path, lang: str, expected: list[str]) -> None:
    for count, text in enumerate(expected):
        code, out, _ = run("--lang", lang, "--db", str(tmp_path / f"{count}.db"), "demo", "--count", str(count))
        assert code == 0 and out.startswith(text), out


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("en", "valid (one, 1 phase)", "valid (two, 2 phases)"),
    ("nl", "geldig (one, 1 fase)", "geldig (two, 2 fasen)"),
])
def test_protocol_phases_are_counted_in_singular_and_plural(tmp_path: Path, lang: str, one: str, two: str) -> None:
    one_phase = write(tmp_path, "one.toml", GOOD.replace('id = "mine"', 'id = "one"'))
    second = GOOD.split("[[phases]]")[1].replace('id = "talk"', 'id = "listen"')
    two_phases = write(tmp_path, "two.toml", GOOD.replace('id = "mine"', 'id = "two"') + "[[phases]]" + second)
    code, out, _ = run("--lang", lang, "protocols", "validate", str(one_phase), str(two_phases))
    assert code == 0 and one in out and two in out, out


def test_language_precedence_lang_then_config_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from werf.paths import default_paths

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANGUAGE", "nl:en")
    dutch, english = catalog("nl")["Config file"], "Config file"
    assert dutch != english
    out = run("paths")[1]
    assert dutch in out and english not in out  # the environment
    config = default_paths().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('language = "en"\n', "utf-8")
    assert english in run("paths")[1]  # the config file over the environment
    assert dutch in run("--lang", "nl", "paths")[1]  # --lang over both


def test_demo_then_list_and_show(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    code, out, _ = run("--db", db, "demo", "--count", "6")
    assert code == 0, out
    code, out, _ = run("--db", db, "sessions", "list", "--json")
    listed = json.loads(out)
    assert len(listed) == 6
    code, out, _ = run("--db", db, "sessions", "list", "--team", "Wijkteam Zuid", "--json")
    assert {s["team"] for s in json.loads(out)} == {"Wijkteam Zuid"}
    code, out, _ = run("--db", db, "sessions", "list", "--search", "buurman", "--json")
    # the case title of one, a network relation ("buurman") of the other: both case content
    assert sorted(s["case_title"] for s in json.loads(out)) == ["Boze reactie aan de deur",
                                                                "Eenzame buurman na verhuizing"]
    first = listed[0]["id"]
    code, out, _ = run("--db", db, "sessions", "show", first[:8], "--json")
    assert code == 0 and json.loads(out)["session"]["id"] == first
    code, out, _ = run("--lang", "en", "--db", db, "sessions", "show", first)
    assert "Action points" in out or "Total" in out or listed[0]["case_title"] in out


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "not.db"
    path.write_bytes(b"hello" * 100)
    code, _, err = run("--lang", "nl", "--db", str(path), "sessions", "list")
    assert code == 1
    assert catalog("nl")["{path} is not a werf database (not an SQLite file)."].format(
        path=path) in err
    assert path.read_bytes() == b"hello" * 100


def test_export_all_json_then_import_elsewhere(tmp_path: Path) -> None:
    source, target, share = str(tmp_path / "a.db"), str(tmp_path / "b.db"), tmp_path / "share"
    share.mkdir()
    run("--db", source, "demo", "--count", "4")
    code, out, err = run("--db", source, "export", "--all", "--format", "json", "--out", str(share))
    assert code == 0, err
    assert len(out.splitlines()) == 4 and len(list(share.glob("*.json"))) == 4
    code, out, _ = run("--lang", "en", "--db", target, "import", str(share))
    assert code == 0 and out.startswith("4 added, 0 updated, 0 already present.")
    code, out, _ = run("--lang", "en", "--db", target, "import", str(share))
    assert out.startswith("0 added, 0 updated, 4 already present.")
    (share / "kapot.json").write_text("{", "utf-8")
    code, out, _ = run("--lang", "en", "--db", target, "import", str(share))
    assert code == 1 and "kapot.json: is not valid JSON" in out


def test_export_to_a_missing_folder_fails_clearly(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    run("--db", db, "demo", "--count", "1")
    code, _, err = run("--lang", "en", "--db", db, "export", "--all", "--format", "json",
                       "--out", str(tmp_path / "nope"))
    assert code == 1
    assert "does not exist" in err and "safe in the database" in err
    code, _, err = run("--lang", "en", "--db", db, "export", "--format", "json")
    assert code == 1 and "--all" in err


def test_purge_older_than(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    run("--db", db, "demo", "--count", "12")  # one a week going back from today
    code, out, _ = run("--lang", "en", "--db", db, "purge", "--older-than", "30d", "--yes")
    assert code == 0 and out.startswith("Case content removed from 8 sessions.")
    code, out, _ = run("--db", db, "sessions", "list", "--json")
    titles = [s["case_title"] for s in json.loads(out)]
    assert titles.count("") == 8 and len(titles) == 12
    code, _, err = run("--lang", "en", "--db", db, "purge", "--older-than", "soon", "--yes")
    assert code == 2 and "12m" in err


def test_stats_json_has_figures_and_no_case_content(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("--db", db, "demo", "--count", "12")
    code, out, _ = run("--db", db, "stats", "--json", "--team", "Wijkteam Noord")
    assert code == 0
    figures = json.loads(out)
    assert figures["sessions_held"] == 4
    assert "Eenzame buurman" not in out and "buurvrouw haalt" not in out
    code, out, _ = run("--lang", "en", "--db", db, "stats")
    assert code == 0 and out.startswith("Sessions: 12")


def test_export_to_the_default_folder_creates_it(isolated_home: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    run("--db", db, "demo", "--count", "1")
    code, out, err = run("--db", db, "export", "--all", "--format", "md")
    assert code == 0, err
    folder = isolated_home / "data" / "exports"
    assert Path(out.strip()).parent == folder and (folder.stat().st_mode & 0o777) == 0o700


def demo_db(tmp_path: Path, count: int = 12) -> str:
    db = str(tmp_path / "demo.db")
    assert run("--db", db, "demo", "--count", str(count))[0] == 0
    return db


def test_takeaways_writes_the_book_of_a_theme(tmp_path: Path) -> None:
    db, out = demo_db(tmp_path), tmp_path / "out"
    out.mkdir()
    code, stdout, err = run("--lang", "en", "--db", db, "takeaways", "--theme", "eenzaamheid",
                            "--format", "md", "--out", str(out))
    assert code == 0, err
    path = Path(stdout.strip())
    # asked for in Dutch, named in the language of the (English) book
    assert path.parent == out and path.name.endswith("Book of takeaways - loneliness.md")
    text = path.read_text("utf-8")
    assert "Eerst vragen wie hij zelf wil betrekken." in text
    assert "Eenzame buurman" not in text and "Fatima" not in text
    # a theme as typed differently, and a team
    code, stdout, err = run("--lang", "en", "--db", db, "takeaways", "--theme", "Eenzaamheid",
                            "--team", "Wijkteam Noord", "--out", str(out))
    assert code == 0, err
    assert stdout.strip().endswith("Book of takeaways - loneliness - Wijkteam Noord.docx")
    # the same theme in English, and by its key
    for spelling in ("Loneliness", "loneliness"):
        code, stdout, err = run("--lang", "en", "--db", db, "takeaways", "--theme", spelling,
                                "--format", "md", "--out", str(out))
        assert code == 0, err
        assert Path(stdout.strip()).read_text("utf-8") == text


def test_takeaways_goes_to_the_export_folder_by_default(tmp_path: Path, isolated_home: Path) -> None:
    db = demo_db(tmp_path, 4)
    code, stdout, err = run("--lang", "en", "--db", db, "takeaways")
    assert code == 0, err
    path = Path(stdout.strip())
    assert path.is_file() and path.is_relative_to(isolated_home)


def test_takeaways_fails_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = demo_db(tmp_path)
    code, _, err = run("--lang", "en", "--db", db, "takeaways", "--theme", "schaakclub")
    assert code == 1
    assert ("No session has the theme “schaakclub”. Themes in use: debts and money worries, informal care, "
            "loneliness") in err  # in the language of the screen, by name
    code, _, err = run("--lang", "nl", "--db", db, "takeaways", "--out", str(tmp_path / "weg"))
    assert code == 1
    assert catalog("nl")["The export folder {folder} does not exist."].format(folder=tmp_path / "weg") in err
    share, access = tmp_path / "share", os.access
    share.mkdir()
    def no_writing_to_share(path: str, mode: int, **kwargs: object) -> bool:
        return not (Path(path) == share and mode & os.W_OK) and access(path, mode)

    monkeypatch.setattr(os, "access", no_writing_to_share)
    code, _, err = run("--lang", "en", "--db", db, "takeaways", "--out", str(share))
    assert code == 1 and f"The export folder {share} is read-only for you." in err
    assert list(share.iterdir()) == []
    empty = str(tmp_path / "empty.db")
    code, _, err = run("--lang", "en", "--db", empty, "takeaways", "--out", str(tmp_path))
    assert code == 1 and "No session has takeaways or action points yet." in err


def test_sessions_list_by_theme(tmp_path: Path) -> None:
    db = demo_db(tmp_path)
    code, out, _ = run("--db", db, "sessions", "list", "--theme", "mantelzorg", "--json")
    assert code == 0
    found = json.loads(out)
    code, out, _ = run("--db", db, "sessions", "list", "--json")
    everything = json.loads(out)
    assert 0 < len(found) < len(everything)
    code, out, _ = run("--db", db, "sessions", "show", found[0]["id"], "--json")
    assert "informal_care" in json.loads(out)["session"]["themes"]  # stored by its key
    for spelling in ("informal care", "informal_care", "Mantelzorg"):
        code, out, _ = run("--db", db, "sessions", "list", "--theme", spelling, "--json")
        assert code == 0 and json.loads(out) == found, spelling


def test_stats_text_shows_carriers_and_themes(tmp_path: Path) -> None:
    db = demo_db(tmp_path)
    figures = json.loads(run("--db", db, "stats", "--json")[1])
    code, out, _ = run("--lang", "en", "--db", db, "stats")
    assert code == 0
    carriers = figures["actions_by_carrier"]
    assert (f"Action points by carrier: professional {carriers['professional']}, "
            f"the resident {carriers['resident']}, network {carriers['network']}") in out
    assert (f"Carried by the resident and network: {figures['actions_carried_by_network']} of "
            f"{figures['actions_made']} action points") in out
    assert "informal_care" in figures["sessions_per_theme"]  # --json: the stored key
    themes = ", ".join(f"{shown_theme(theme, 'en')} {count}"
                       for theme, count in figures["sessions_per_theme"].items())
    assert themes and f"Sessions per theme: {themes}" in out and "informal care" in themes


def readme_commands() -> str:
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    return text.split("## Command line", 1)[1].split("```", 2)[1]


def command_paths(group: click.Group, prefix: str = "werf") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found += command_paths(command, path)
    return found


def test_every_command_and_option_is_in_the_readme() -> None:
    block = readme_commands()
    lines = block.splitlines()
    for path, command in command_paths(main):
        starts = [i for i, line in enumerate(lines) if line.startswith(path + " ") or line == path]
        assert starts, f"{path} is not in the README's command list"
        entry = lines[starts[0]]
        for line in lines[starts[0] + 1:]:  # continuation lines are indented
            if not line.startswith(" "):
                break
            entry += line
        for option in command.params:
            if isinstance(option, click.Option) and not option.hidden:
                assert any(name in entry for name in option.opts), f"{path} {option.opts[0]}"


def test_global_options_work_after_the_subcommand(tmp_path: Path) -> None:
    """`werf display --lang nl` failed: --db and --lang were only understood before it."""
    from click.testing import CliRunner

    from werf.cli import hoist_global_options, main

    assert hoist_global_options(["display", "--lang", "nl"]) == ["--lang", "nl", "display"]
    assert hoist_global_options(["--db", "a.db", "sessions", "list", "--lang=en", "--json"]) == [
        "--lang=en", "--db", "a.db", "sessions", "list", "--json"]
    assert hoist_global_options(["sessions", "list", "--", "--lang"]) == ["sessions", "list", "--", "--lang"]
    db = tmp_path / "elders.db"
    result = CliRunner().invoke(main, ["paths", "--db", str(db), "--lang", "nl"])
    assert result.exit_code == 0, result.output
    assert str(db) in result.output and "Configuratiebestand" in result.output  # in Dutch


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_import_of_a_fifo_and_a_hostile_file_names_them_in_dutch(tmp_path: Path) -> None:
    source, target, share = str(tmp_path / "a.db"), str(tmp_path / "b.db"), tmp_path / "share"
    share.mkdir()
    run("--db", source, "demo", "--count", "2")
    run("--db", source, "export", "--all", "--format", "json", "--out", str(share))
    os.mkfifo(tmp_path / "pijp.json")
    (share / "diep.json").write_text("[" * 100_000, "utf-8")
    code, out, _ = run("--lang", "nl", "--db", target, "import", str(share), str(tmp_path / "pijp.json"))
    assert code == 1
    dutch = catalog("nl")
    assert out.startswith(dutch["{added} added, {updated} updated, {unchanged} already present."]
                          .format(added=2, updated=0, unchanged=0))
    assert f"pijp.json: {dutch['is not an ordinary file (a pipe, socket or device); skipped']}" in out
    assert f"diep.json: {dutch['is nested too deeply to be a session archive']}" in out
