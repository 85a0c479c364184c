"""The core never imports Textual: it must run and be tested without a terminal."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "werf.models", "werf.engine", "werf.store", "werf.store_thread", "werf.protocols",
    "werf.i18n", "werf.paths", "werf.labels", "werf.summary", "werf.demo", "werf.cli",
    "werf.minutes", "werf.minutes.docx_writer", "werf.exchange", "werf.export", "werf.config",
    "werf.stats", "werf.room_view", "werf.network", "werf.theme_list", "werf.takeaways",
    "werf.carrier", "werf.dates",
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
