"""The command line, as scripts and coordinators use it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from werf import __version__
from werf.cli import main
from werf.i18n import catalog

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
    assert [s["case_title"] for s in json.loads(out)] == ["Eenzame buurman na verhuizing"]
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
