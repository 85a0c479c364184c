"""Every screen and dialog of werf, in Dutch and English, at 80×24 (a laptop's default
terminal, the smallest werf supports) and at 120×40.

Fixed data only: demo sessions up to a fixed TODAY, or one seeded unfinished session; a fixed
clock, date, export folder and a steady cursor. Each route reaches its screen the way a user
does (keys from the home screen), and `settle` waits until every lookup has finished.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, ListView

from werf.i18n import set_language
from werf.models import Note, RecordKind
from werf.store import Store

from .helpers import demo_db, make_session, saved_db
from .network_data import network_of
from .pilot import fill, make_app, settle
from .test_snapshots import seeded_db

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
EXPORT_FOLDER = Path("/mnt/gedeeld/wijkteam/werf")  # not the test's temporary home


async def press(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def home(pilot: Pilot) -> None:
    await settle(pilot)


async def resumed(pilot: Pilot) -> None:
    """An unfinished session is found: resume it (the run screen)."""
    await settle(pilot)
    await press(pilot, "enter")


async def setup(pilot: Pilot) -> None:
    await settle(pilot)
    await press(pilot, "n")
    await fill(pilot, "#team", "Wijkteam Noord")
    await fill(pilot, "#facilitator", "Fatima")
    for name in ("Bram", "Chantal"):
        await fill(pilot, "#new-participant", name)
        await pilot.press("enter")
    await settle(pilot)


async def theme_list(pilot: Pilot) -> None:
    await setup(pilot)
    pilot.app.screen.query_one("#edit-themes", Button).focus()
    await press(pilot, "enter")


async def finish(pilot: Pilot) -> None:
    await resumed(pilot)
    await press(pilot, "f12", "enter")


async def session_view(pilot: Pilot) -> None:
    await settle(pilot)
    await press(pilot, "h", "enter")  # the newest session


async def export(pilot: Pilot) -> None:
    await session_view(pilot)
    await press(pilot, "e")
    await pilot.app.workers.wait_for_complete()  # the list of what will be replaced
    await settle(pilot)


async def note_form(pilot: Pilot) -> None:
    await resumed(pilot)
    pilot.app.screen.query_one("#note-list", ListView).focus()  # the phase's last note
    await press(pilot, "enter")


def key_route(*keys: str, resume: bool = False) -> Callable[[Pilot], Awaitable[None]]:
    async def route(pilot: Pilot) -> None:
        await (resumed(pilot) if resume else settle(pilot))
        await press(pilot, *keys)

    return route


def finished_sessions(tmp_path: Path) -> Path:
    return demo_db(tmp_path)


def unfinished_session(tmp_path: Path) -> Path:
    return seeded_db(tmp_path, phase=3)


def plan_phase(tmp_path: Path) -> Path:
    """Standing at the phase that records action points."""
    return seeded_db(tmp_path, phase=4)


def with_network(tmp_path: Path) -> Path:
    session = make_session()
    session.network = network_of(3)
    return saved_db(tmp_path, session)


def marked_note(tmp_path: Path) -> Path:
    """The phase's last note names the client and her son and has a phone number: the
    privacy guard marks it; the network offers relations to put in their place."""
    db = seeded_db(tmp_path, phase=3)
    store = Store.open(db)
    session = store.unfinished_session()
    assert session is not None
    session.case_title = "Mevrouw De Vries wil geen hulp"
    session.network = network_of(3)
    session.notes.append(Note(phase_index=3, kind=RecordKind.NETWORK,
                              text="Mevrouw De Vries belt haar zoon Kevin soms, op 06-12345678."))
    store.save_session(session)
    store.close()
    return db


def empty(tmp_path: Path) -> Path:
    return tmp_path / "werf.db"


# screen: (the database it starts from, the way there)
ROUTES: dict[str, tuple[Callable[[Path], Path], Callable[[Pilot], Awaitable[None]]]] = {
    "home": (finished_sessions, home),
    "setup": (empty, setup),
    "run": (unfinished_session, resumed),
    "finish": (unfinished_session, finish),
    "history": (finished_sessions, key_route("h")),
    "session_view": (finished_sessions, session_view),
    "actions": (finished_sessions, key_route("a")),
    "figures": (finished_sessions, key_route("f")),
    "book": (finished_sessions, key_route("b")),
    "teams": (finished_sessions, key_route("t")),
    "help": (unfinished_session, key_route("f1", resume=True)),
    "network": (with_network, key_route("ctrl+r", resume=True)),
    "confirm": (unfinished_session, key_route("f12", resume=True)),
    "export": (finished_sessions, export),
    "action_form": (plan_phase, key_route("ctrl+n", resume=True)),
    "note_form": (unfinished_session, note_form),
    "case_form": (unfinished_session, key_route("ctrl+o", resume=True)),
    "resume": (unfinished_session, home),
    "theme_list": (empty, theme_list),
    "replace_dialog": (marked_note, key_route("ctrl+g", resume=True)),
}


@pytest.fixture(params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    set_language(request.param)
    return str(request.param)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", ROUTES)
def test_screen(snap_compare, tmp_path: Path, screen: str, size: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    database, route = ROUTES[screen]
    app = make_app(database(tmp_path))
    app.config.export_dir = EXPORT_FOLDER
    assert snap_compare(app, terminal_size=SIZES[size], run_before=route)
