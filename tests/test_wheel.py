"""werf as people install it: a wheel, installed in a fresh virtual environment outside the
checkout, and used from there the way a facilitator and a coordinator use it.

One build and one install serve the whole module. The wheel is built from a copy of what an
sdist holds (pyproject.toml, setup.py, README, werf/, data/, docs/), with setuptools' own
PEP 517 hook when the test environment has a setuptools that builds wheels by itself (the
`test` extra brings one), else with `pip wheel --no-deps`. The fresh environment has no pip
and no packages of its own: a .pth file shows it a folder of links to the test environment's
packages, werf's own left out, and `pip install --no-index` installs the wheel there. So pip
checks werf's declared dependencies against what is there and downloads nothing, and the
installed werf cannot fall back on the checkout: every command runs in a folder outside it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from werf import __version__

ROOT = Path(__file__).resolve().parent.parent
SDIST = ("pyproject.toml", "setup.py", "README.md", "werf", "data", "docs")
SHIPPED = {"data": "*.json", "docs": "*.schema.json"}  # folders setup.py maps into the package


@dataclass
class Installed:
    wheel: Path
    venv: Path
    work: Path  # every command runs here, outside the checkout
    env: dict[str, str]
    seconds: float  # building and installing

    @property
    def werf(self) -> Path:
        return self.venv / "bin" / "werf"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def run(self, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(self.werf), *args], cwd=self.work, env=self.env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == code, (args, result.stdout, result.stderr)
        return result

    def run_together(self, *commands: tuple[str, ...]) -> list[str]:
        """Commands that do not depend on each other, side by side (two cores); their output."""
        running = [subprocess.Popen([str(self.werf), *args], cwd=self.work, env=self.env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for args in commands]
        outputs = []
        for args, process in zip(commands, running, strict=True):
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, (args, out, err)
            outputs.append(out)
        return outputs


def build_wheel(source: Path, dist: Path) -> Path:
    for name in SDIST:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, source / name)
    hook = ("import sys; from setuptools import build_meta; "
            "print(build_meta.build_wheel(sys.argv[1]))")
    if _setuptools_builds_wheels():
        command = [sys.executable, "-c", hook, str(dist)]
    else:
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), "."]
    result = subprocess.run(command, cwd=source, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = dist.glob("werf-*.whl")
    return wheel


def _setuptools_builds_wheels() -> bool:
    """setuptools 70.1 and later build wheels without the `wheel` package."""
    try:
        from importlib.metadata import version

        major, minor = (int(part) for part in version("setuptools").split(".")[:2])
    except Exception:  # noqa: BLE001 — no setuptools (or an odd version): let pip build
        return False
    return (major, minor) >= (70, 1)


def fresh_venv(venv: Path, links: Path) -> None:
    """A virtual environment without pip or packages, that sees the test environment's
    packages (not werf) through a folder of links."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    links.mkdir()
    ours = {Path(sysconfig.get_paths()[kind]) for kind in ("purelib", "platlib")}
    for entry in (entry for folder in sorted(ours) for entry in folder.iterdir()):
        name = entry.name.lower()
        if (name.startswith(("werf", "__editable__", "_werf")) or entry.suffix == ".pth"
                or (links / entry.name).exists()):
            continue
        (links / entry.name).symlink_to(entry)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "test_dependencies.pth").write_text(f"{links}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    started = time.monotonic()
    base = tmp_path_factory.mktemp("as-installed")
    (base / "source").mkdir()
    wheel = build_wheel(base / "source", base / "dist")
    venv = base / "venv"
    fresh_venv(venv, base / "dependencies")
    work = base / "work"
    work.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "VIRTUAL_ENV", "WERF_DB", "WERF_HOME", "PYTHONHOME"}}
    env.update(WERF_HOME=str(base / "home"), LANG="en_GB.UTF-8", LC_ALL="en_GB.UTF-8",
               LANGUAGE="en", PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    result = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--no-index",
                             "-q", str(wheel)], cwd=work, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    yield Installed(wheel, venv, work, env, time.monotonic() - started)


def test_the_wheel_holds_every_file_of_the_package_and_the_shipped_folders(
        installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    package = {path.relative_to(ROOT).as_posix() for path in (ROOT / "werf").rglob("*")
               if path.is_file() and "__pycache__" not in path.parts}
    shipped = {f"werf/{folder}/{path.name}" for folder, pattern in SHIPPED.items()
               for path in (ROOT / folder).glob(pattern)}
    assert "werf/data/demo_sessions.json" in shipped and "werf/web/display.html" in package
    assert "werf/docs/werf.session-2.schema.json" in shipped
    assert sorted((package | shipped) - names) == []
    assert not {name for name in names if name.startswith(("data/", "docs/", "tests/"))}


def test_the_installed_werf_runs_from_its_own_environment(installed: Installed) -> None:
    where = subprocess.run([str(installed.python), "-c", "import werf; print(werf.__file__)"],
                           cwd=installed.work, env=installed.env, capture_output=True, text=True,
                           check=True).stdout.strip()
    assert Path(where).is_relative_to(installed.venv), where
    assert installed.run("--version").stdout.strip().endswith(__version__)
    protocols = json.loads(installed.run("protocols", "list", "--json").stdout)
    assert {"werf", "troika", "balint"} <= {p["id"] for p in protocols}
    print(f"\nbuilding and installing the wheel: {installed.seconds:.1f} s")


def test_demo_list_show_export_import_takeaways_and_stats(installed: Installed) -> None:
    started = time.monotonic()
    home = Path(installed.env["WERF_HOME"])
    assert "werf.db" in installed.run("demo", "--count", "6").stdout
    sessions = json.loads(installed.run("sessions", "list", "--json").stdout)
    assert len(sessions) == 6
    first = sessions[0]
    out = installed.work / "out"
    for folder in ("docx", "md", "json", "book"):
        (out / folder).mkdir(parents=True)
    shown, *_exports, _book, stats_json, paths = installed.run_together(
        ("sessions", "show", first["id"][:8]),
        *(("export", first["id"], "--format", kind, "--out", str(out / kind))
          for kind in ("docx", "md", "json")),
        ("takeaways", "--format", "md", "--out", str(out / "book")),
        ("stats", "--json"),
        ("paths",),
    )
    assert first["case_title"] in shown and first["team"] in shown
    for kind in ("docx", "md", "json"):
        (written,) = (out / kind).glob(f"*.{kind}")
        assert first["case_title"] in written.name
    (docx,) = (out / "docx").glob("*.docx")
    with zipfile.ZipFile(docx) as document:
        assert first["case_title"] in document.read("word/document.xml").decode("utf-8")
    assert first["case_title"] in next((out / "md").glob("*.md")).read_text(encoding="utf-8")
    other = installed.work / "laptop-2.db"
    imported = installed.run("--db", str(other), "import", str(out / "json"))
    assert "1 added" in imported.stdout, imported.stdout
    copy = sqlite3.connect(other)
    try:
        assert copy.execute("SELECT id, team FROM sessions").fetchall() == [(first["id"], first["team"])]
    finally:
        copy.close()
    assert list((out / "book").glob("*.md"))
    assert json.loads(stats_json)["sessions_held"] == 6
    assert str(home / "data" / "werf.db") in paths
    print(f"\ndemo … stats from the wheel: {time.monotonic() - started:.1f} s")


def test_an_older_database_is_copied_aside_and_migrated(installed: Installed) -> None:
    """What an update of werf meets: a database that an older werf (schema 1) wrote."""
    import sqlite_utils

    from werf.store import MIGRATIONS

    old = installed.work / "old" / "werf.db"
    old.parent.mkdir()
    db = sqlite_utils.Database(old)
    db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    MIGRATIONS[1](db)
    db.execute("INSERT INTO schema_version VALUES (1, 'then')")
    db.execute(
        "INSERT INTO sessions (id, protocol_id, protocol_version, team, date, facilitator, status,"
        " created_at, updated_at) VALUES ('5e55', 'werf', 1, 'Wijkteam Oost', '2025-01-02',"
        " 'Fa', 'finished', '2025-01-02T10:00:00+00:00', '2025-01-02T10:00:00+00:00')")
    db.conn.commit()
    db.conn.close()
    listed = installed.run("--db", str(old), "sessions", "list").stdout
    assert "Wijkteam Oost" in listed
    (backup,) = old.parent.glob("werf.db.schema1-*.bak")
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("SELECT MAX(version) FROM schema_version").fetchone() == (1,)
    finally:
        copy.close()
    now = sqlite3.connect(old)
    try:
        assert now.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] > 1
    finally:
        now.close()


@pytest.mark.skipif(shutil.which("tmux") is None and not os.environ.get("CI"),
                    reason="needs tmux (CI installs it)")
def test_the_first_screen_in_a_terminal(installed: Installed) -> None:
    assert shutil.which("tmux"), "tmux is missing: .ci/run installs it"
    name = f"werfwheel{os.getpid()}"
    env = {**installed.env, "TERM": "xterm-256color"}
    exports = " ".join(f"{key}={value}" for key, value in
                       (("TERM", env["TERM"]), ("WERF_HOME", env["WERF_HOME"]),
                        ("LANG", env["LANG"]), ("PATH", env.get("PATH", ""))))
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30",
                    "-c", str(installed.work), f"exec env {exports} {installed.werf} --lang nl"],
                   check=True)
    try:
        screen = wait_for(name, "Nieuwe bespreking")  # the home screen, in Dutch: the catalog
        assert "werf" in screen
        subprocess.run(["tmux", "send-keys", "-t", name, "C-q"], check=True)
        deadline = time.monotonic() + 20
        while subprocess.run(["tmux", "has-session", "-t", name],
                             capture_output=True).returncode == 0:
            assert time.monotonic() < deadline, "werf did not quit on Ctrl+Q"
            time.sleep(0.05)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def wait_for(session: str, text: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                                capture_output=True, text=True).stdout
        if text in screen:
            return screen
        time.sleep(0.05)
    raise AssertionError(f"{text!r} did not appear:\n{screen}")


def test_uninstalling_leaves_the_data_where_werf_paths_said(installed: Installed) -> None:
    """Runs last: it takes werf out of the module's environment."""
    installed.run("demo", "--count", "1")
    database = Path(installed.run("paths").stdout.splitlines()[0].split(None, 1)[1].strip())
    assert database.is_file()
    result = subprocess.run([str(installed.python), "-m", "pip", "uninstall", "-y", "-q", "werf"],
                            cwd=installed.work, env=installed.env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not installed.werf.exists()
    assert database.is_file() and database.stat().st_size > 0


def test_the_readme_opens_with_the_contributor_commands_then_how_to_install() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [part.split("```", 1)[0].strip() for part in text.split("```sh\n")[1:3]]
    assert blocks == [
        "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/werf",
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest",
    ]
    after = text.split(blocks[1], 1)[1]
    first_heading = next(line for line in after.splitlines() if line.startswith("#"))
    assert first_heading == "## Installeren op je laptop / Install on your laptop"
    install = after.split("\n## ", 2)[1]
    for needed in ("**Windows**", "pipx install", "uv tool install", "werf paths", "--force",
                   "pipx uninstall", "CHANGELOG.md"):
        assert needed in install, needed
    assert (ROOT / "CHANGELOG.md").is_file()
