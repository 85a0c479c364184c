"""Test setup: every test gets its own WERF_HOME, a fixed language and no real user files."""

from __future__ import annotations

from pathlib import Path

import pytest

from werf.i18n import set_language


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "werf-home"
    monkeypatch.setenv("WERF_HOME", str(home))
    monkeypatch.delenv("WERF_DB", raising=False)
    set_language("en")
    yield home
    set_language("en")
