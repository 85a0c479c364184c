"""A full disk loses nothing: writes that fail wait, in order, and reach the database once
it takes them again; the screen counts them meanwhile; leaving with writes still waiting puts
the whole session in an archive beside the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from werf.exchange import read_archive
from werf.screens.confirm import ConfirmScreen
from werf.store import Store

from .pilot import make_app, resumed, settle, type_text
from .test_typing_order import fresh_db, saved_notes


class Disk:
    """A disk that can be made full: every write of the store fails while it is."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = False
        for name in ("save_note", "save_progress", "save_timer_state", "save_action", "delete_note",
                     "save_session"):
            real = getattr(Store, name)

            def failing(store: Store, *args, _real=real, **kwargs):  # type: ignore[no-untyped-def]
                if self.full:
                    raise sqlite3.OperationalError("database or disk is full")
                return _real(store, *args, **kwargs)

            monkeypatch.setattr(Store, name, failing)


async def test_notes_typed_on_a_full_disk_reach_the_database_once_there_is_room(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    disk = Disk(monkeypatch)
    db = fresh_db(tmp_path)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await resumed(pilot)
        await type_text(pilot, "voor de volle schijf")
        await pilot.press("enter")
        await settle(pilot)
        disk.full = True
        typed = [f"notitie {n}" for n in range(6)]
        for text in typed:
            await type_text(pilot, text)
            await pilot.press("enter")
        await settle(pilot)
        app.store.flush()
        run._save_if_needed()  # the screen's half-second tick
        await settle(pilot)
        assert app.store.waiting >= 6
        assert "changes not saved yet" in run.sub_title
        assert saved_notes(db) == [(0, "voor de volle schijf")]
        disk.full = False  # room again: the next tick saves everything, in order
        run._save_if_needed()
        app.store.flush()
        await settle(pilot)
        assert app.store.waiting == 0
        assert saved_notes(db) == [(0, "voor de volle schijf")] + [(0, t) for t in typed]
        run._save_if_needed()
        assert "changes not saved yet" not in run.sub_title


async def test_leaving_with_writes_waiting_keeps_the_session_in_an_archive(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    disk = Disk(monkeypatch)
    db = fresh_db(tmp_path)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        disk.full = True
        await type_text(pilot, "nooit verloren")
        await pilot.press("enter")
        await settle(pilot)
        app.store.flush()
        await pilot.press("ctrl+q")  # werf asks first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and "not saved yet" in app.screen.question
        await pilot.press("enter")  # quit, and save the session to a file
    rescued = list(tmp_path.glob("werf-not-saved-*.json"))
    assert len(rescued) == 1
    assert [n.text for n in read_archive(rescued[0]).session.notes] == ["nooit verloren"]
