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


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """werf opens no network connection: any attempt in any test fails the suite."""
    import socket

    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> None:
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)  # type: ignore[arg-type]
        raise AssertionError(f"werf tried to open a network connection to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect)
    monkeypatch.setattr(socket, "create_connection",
                        lambda *a, **k: (_ for _ in ()).throw(AssertionError(f"network: {a!r}")))
