"""What the network screen looks like with 0, 3 and 20 people, in Dutch and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from werf.i18n import set_language

from .helpers import built_once, make_session, saved_db
from .network_data import network_of
from .pilot import make_app
from .test_snapshots import SIZE, resume


@pytest.fixture(params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    set_language(request.param)
    return str(request.param)


def db_with_network(tmp_path: Path, count: int) -> Path:
    """One unfinished session whose resident's network has `count` people (built once per
    test process, copied per test: `built_once`)."""
    def build(folder: Path) -> Path:
        session = make_session()
        session.network = network_of(count)
        return saved_db(folder, session)

    return built_once(tmp_path, ("network", count), build)


async def open_network(pilot: Pilot) -> None:
    await resume(pilot)
    await pilot.press("ctrl+r")
    await pilot.pause()


@pytest.mark.parametrize("count", [0, 3, 20])
def test_network_screen(snap_compare, tmp_path: Path, lang: str, count: int) -> None:  # type: ignore[no-untyped-def]
    app = make_app(db_with_network(tmp_path, count))
    assert snap_compare(app, terminal_size=SIZE, run_before=open_network)


def test_network_screen_at_80x24(snap_compare, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(db_with_network(tmp_path, 3))
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_network)
