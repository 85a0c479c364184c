"""The core never imports Textual: it must run and be tested without a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STORE_MODULES = sorted(f"werf.store.{p.stem}" for p in (ROOT / "werf" / "store").glob("*.py")
                       if p.stem != "__init__")

CORE = [
    "werf.models", "werf.engine", "werf.store", "werf.store_thread", "werf.protocols",
    "werf.i18n", "werf.paths", "werf.labels", "werf.summary", "werf.demo", "werf.cli",
    "werf.minutes", "werf.minutes.docx_writer", "werf.exchange", "werf.export", "werf.config",
    "werf.stats", "werf.room_view", "werf.network", "werf.theme_list", "werf.takeaways",
    "werf.carrier", "werf.dates", "werf.recorder", "werf.windows", "werf.archive_file",
    "werf.memory",
    *STORE_MODULES,
]


def test_core_modules_never_import_textual() -> None:
    code = (
        "import sys\n"
        f"for name in {CORE!r}:\n"
        "    __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""


def test_the_check_itself_can_fail() -> None:
    """Guard against a test that cannot fail: the app module does import Textual."""
    code = "import sys, werf.app; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize("package", ["store", "privacy"])
def test_grown_modules_are_packages_of_small_modules(package: str) -> None:
    """werf/store.py grew to 874 lines mixing every concern, werf/privacy.py to 833; keep
    their parts small."""
    assert not (ROOT / "werf" / f"{package}.py").exists()
    lines = {p.name: len(p.read_text(encoding="utf-8").splitlines())
             for p in (ROOT / "werf" / package).glob("*.py")}
    assert len(lines) > 2
    too_long = {name: count for name, count in lines.items() if count >= 400}
    assert too_long == {}, f"split these modules of werf/{package}/ (400 lines or more): {too_long}"


def test_the_store_thread_loads_no_database_library() -> None:
    """The app imports the store thread before its first screen; sqlite-utils and pydantic
    load later, on the store thread (werf/store/__init__.py loads its names on first use)."""
    code = (
        "import sys, werf.store.thread, werf.app\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlite_utils', 'pydantic'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_import_linter_keeps_textual_out_of_the_core() -> None:
    """The same rule statically (pyproject.toml, [tool.importlinter]): an import inside a
    function that the run-time check above never executes is caught too."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
