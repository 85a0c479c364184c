"""Typing fast never loses a key or puts it in the wrong note, phase or field.

The keys are posted to the app all at once, as a terminal delivers them when someone types
faster than the screen draws: nothing waits between two keys, except that the typist sees a
dialog open or close before typing on (in a dialog that is not there yet, no one types). A seeded random walk mixes
notes (letters, spaces, "é", "[", "/" and Backspace), Enter, Tab, Shift+Tab, F5, F6, Ctrl+L,
the network screen (Ctrl+R, Escape), the action dialog (Ctrl+N, Escape) and the correction
dialog (Enter on the list, Escape). A model of what a person expects (a draft per phase, the
notes entered) must match the session on screen and in the database, key for key. Half the
apps run in a 120×40 terminal, half in 80×24 (the small laptop screen, where the same screens
lay out otherwise).
"""

from __future__ import annotations

import os
import random
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key

from werf.screens.run import RunScreen

from .helpers import make_session, saved_db
from .pilot import make_app, resumed, settle

SEQUENCES_PER_APP = 20
APPS = int(os.environ.get("WERF_TYPING_APPS", "15"))  # 15 × 20 = 300 sequences
SIZES = ((120, 40), (80, 24))  # app 0, 2, 4 … in the first, 1, 3, 5 … in the second
LETTERS = "abcdefghij klmnopé[]/0123"


def _key(char: str) -> events.Key:
    return events.Key(_character_to_key(char), char)


def _named(name: str) -> events.Key:
    return events.Key(name, None)


@dataclass
class Expected:
    """What a person typing expects: per phase the text not yet entered, and the notes."""

    phase: int = 0
    phases: int = 6
    drafts: dict[int, str] = field(default_factory=dict)
    notes: list[tuple[int, str]] = field(default_factory=list)

    def type(self, text: str) -> list[events.Key]:
        self.drafts[self.phase] = self.drafts.get(self.phase, "") + text
        return [_key(char) for char in text]

    def backspace(self) -> list[events.Key]:
        self.drafts[self.phase] = self.drafts.get(self.phase, "")[:-1]
        return [_named("backspace")]

    def enter(self) -> list[events.Key]:
        text = self.drafts.get(self.phase, "")
        if text.strip():
            self.notes.append((self.phase, text))
            self.drafts[self.phase] = ""
        return [_named("enter")]

    def has_notes(self) -> bool:
        return any(phase == self.phase for phase, _text in self.notes)

    def move(self, step: int) -> list[events.Key]:
        self.phase = min(max(self.phase + step, 0), self.phases - 1)
        return [_named("f6" if step > 0 else "f5")]


PAUSE = None  # the typist looks at the screen: a dialog opens or closes before the next key


def random_sequence(rng: random.Random, expected: Expected) -> list[events.Key | None]:
    """A few notes with keys of every kind between and inside them, typed in bursts; the
    typist only waits for a dialog to appear or go before typing on."""
    keys: list[events.Key | None] = []
    for _ in range(rng.randint(1, 4)):
        keys += expected.type("".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 10))))
        for _ in range(rng.randint(0, 3)):
            pick = rng.random()
            if pick < 0.15:
                keys += expected.backspace()
            elif pick < 0.3:
                keys += expected.move(rng.choice((-1, 1)))
            elif pick < 0.4:
                keys += [_named("ctrl+l")]
            elif pick < 0.55:
                keys += [_named(rng.choice(("tab", "shift+tab")))]
            elif pick < 0.65:
                keys += [PAUSE, _named("ctrl+r"), PAUSE, _named("escape"), PAUSE]
            elif pick < 0.75:
                keys += [PAUSE, _named("ctrl+n"), PAUSE, _named("escape"), PAUSE]
            elif pick < 0.85:
                # Shift+Tab to the notes list and Enter opens a note for correction (Escape
                # closes it); a phase without notes has no list to go to: Enter saves the note
                keys += [_named("shift+tab"), PAUSE]
                keys += [_named("enter"), PAUSE] if expected.has_notes() else expected.enter()
                keys += [_named("escape"), PAUSE]
            keys += expected.type("".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 4))))
        if rng.random() < 0.85:
            keys += expected.enter()
    return keys


def fresh_db(tmp_path: Path) -> Path:
    return saved_db(tmp_path, make_session())


def saved_notes(db: Path) -> list[tuple[int, str]]:
    conn = sqlite3.connect(db)
    try:
        return [(int(p), t) for p, t in conn.execute(
            "SELECT phase_index, text FROM notes ORDER BY created_at, rowid")]
    finally:
        conn.close()


async def run_app(tmp_path: Path, seed: int, size: tuple[int, int]) -> tuple[Expected, Path]:
    rng = random.Random(seed)
    db = fresh_db(tmp_path)
    app = make_app(db)
    expected = Expected()
    async with app.run_test(size=size) as pilot:
        run = await resumed(pilot)
        expected.phases = len(run.engine.phases)
        for number in range(SEQUENCES_PER_APP):
            keys = random_sequence(rng, expected)
            for key in keys:
                if key is PAUSE:
                    await settle(pilot)
                else:
                    app.post_message(key)
            for _ in range(4):
                await settle(pilot)
            where = f"seed {seed} at {size}, sequence {number}: {[k.key if k else '…' for k in keys]}"
            assert app.screen is run, where
            assert run.engine.index == expected.phase, where
            got = [(note.phase_index, note.text) for note in run.session.notes]
            assert got == expected.notes, where
            drafts = {i: s.draft for i, s in enumerate(run.engine.phases) if s.draft}
            assert drafts == {i: d for i, d in expected.drafts.items() if d}, where
            assert run.session.network == [] and run.session.actions == [], where
            assert run.session.case_title == "Eenzame buurman", where
        await pilot.press("ctrl+q")
    return expected, db


@pytest.mark.parametrize("app_number", range(APPS))
async def test_fast_typing_keeps_every_key_in_its_note(tmp_path: Path, app_number: int) -> None:
    expected, db = await run_app(tmp_path, seed=20261201 + app_number,
                                 size=SIZES[app_number % len(SIZES)])
    assert saved_notes(db) == expected.notes


async def test_enter_is_not_overtaken_by_the_next_note(tmp_path: Path) -> None:
    """The tmux crash test's failure, in Pilot: "note 0⏎note 1⏎" typed in one burst."""
    app = make_app(fresh_db(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        for text in ("run 11 note 0 é[/]", "run 11 note 1 é[/]"):
            for char in text:
                app.post_message(_key(char))
            app.post_message(_named("enter"))
        for _ in range(4):
            await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        assert [n.text for n in run.session.notes] == ["run 11 note 0 é[/]", "run 11 note 1 é[/]"]


async def test_a_note_opened_for_correction_is_not_replaced_by_the_next_key(tmp_path: Path) -> None:
    """The correction dialog shows the note with the cursor at its end, nothing selected: the
    keys typed at once after opening it add to the note."""
    app = make_app(fresh_db(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        for char in "Zus belt":
            app.post_message(_key(char))
        app.post_message(_named("enter"))
        await settle(pilot)
        await pilot.press("shift+tab", "enter")  # the notes list, then correct the last note
        for char in " op zondag":
            app.post_message(_key(char))
        app.post_message(_named("enter"))
        for _ in range(4):
            await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        assert [n.text for n in run.session.notes] == ["Zus belt op zondag"]
        assert app.focused is run.query_one("#note-input")  # typing goes on in the note line
