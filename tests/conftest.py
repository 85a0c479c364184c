"""Test setup: every test gets its own WERF_HOME, a fixed language and no real user files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Compiled modules are kept between runs even where the environment says not to write them
# (PYTHONDONTWRITEBYTECODE, as on the development machines): then in pytest's own cache
# folder (git-ignored), never beside the sources. Without it each test process (six xdist
# workers) compiled werf and assertion-rewrote all test modules again: 6.8 s of CPU to
# collect instead of 2.3 s, per worker. A prefix someone chose (PYTHONPYCACHEPREFIX) stays.
if sys.dont_write_bytecode and sys.pycache_prefix is None:
    sys.pycache_prefix = str(Path(__file__).resolve().parent.parent / ".pytest_cache" / "pycache")
    sys.dont_write_bytecode = False

import pytest  # noqa: E402

from werf.i18n import set_language  # noqa: E402


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


# The suite on two cores (CI): a test spends about half its time waiting — Pilot's pauses
# between keys, a real werf in tmux, a subprocess, an fsync — so one worker per core leaves
# the cores idle much of the time. Measured on 2 cores, the same tests and about the same CPU
# (7.4-7.6 min): 2 workers 9 min 25 s, 4 workers 5 min 10 s, 6 workers 4 min 17 s, 8 workers
# 4 min 55 s. So three per core. The longest tests go out first, so that no worker is left
# with one of them at the end while the others have nothing to do.
LONGEST_FIRST = ("test_kill.py", "test_typing_order.py", "test_network_screen.py",
                 "test_session_flow.py", "test_screen_snapshots.py")


def pytest_sessionstart(session: pytest.Session) -> None:
    """Each test process holds werf as the program does once started (werf.memory): loaded,
    then what lives all run frozen out of the garbage collector's scans."""
    import werf.app  # noqa: F401  (the app, its screens and Textual: what the program loads)
    from werf.memory import settle_after_start

    settle_after_start()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return 3 * cores


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: within a file, the order of the file
