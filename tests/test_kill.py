"""Crash at any moment: run the installed `werf` in tmux, type, SIGKILL it, and resume.

Twenty runs on one session. Each run resumes what the previous one left, starts the timer,
types notes (some entered, the last one often half typed), moves between phases, and is
killed at a random moment. Then the database must hold every note entered and every draft
typed more than a second before the kill, the right phase, and the right elapsed time
(within a second). A resumed draft is never selected: the next note typed continues it.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

RUNS = 20
WERF = Path(sys.executable).with_name("werf")
pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("CI"),
    reason="needs tmux (CI installs it)",
)


@dataclass
class Typed:
    """What the test typed, with when, so it knows what must have survived."""

    notes: list[tuple[float, str]] = field(default_factory=list)
    draft: tuple[float, str] | None = None
    phase_moves: list[tuple[float, int]] = field(default_factory=list)


class Terminal:
    def __init__(self, name: str, env: dict[str, str]) -> None:
        self.name = name
        self.env = env

    def start(self, command: str) -> int:
        exports = " ".join(f"{k}={v}" for k, v in self.env.items())
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "120", "-y", "36",
                        f"exec env {exports} {command}"], check=True)
        pid = subprocess.run(["tmux", "display-message", "-p", "-t", self.name, "#{pane_pid}"],
                             capture_output=True, text=True, check=True).stdout.strip()
        return int(pid)

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen():
                return
            time.sleep(0.05)
        raise AssertionError(f"{text!r} did not appear:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def load(db: Path) -> tuple[list[str], int, float, list[str]]:
    """Notes, current phase, total elapsed seconds and drafts, read straight from the file."""
    conn = sqlite3.connect(db)
    try:
        notes = [r[0] for r in conn.execute("SELECT text FROM notes ORDER BY created_at, rowid")]
        current, = conn.execute("SELECT current_phase FROM sessions").fetchone()
        total, = conn.execute("SELECT SUM(elapsed_seconds) FROM phases").fetchone()
        drafts = [r[0] for r in conn.execute("SELECT draft FROM phases ORDER BY idx")]
    finally:
        conn.close()
    return notes, int(current), float(total or 0), drafts


def set_up(term: Terminal) -> None:
    term.wait_for("New session")
    term.keys("n")
    term.wait_for("Facilitator")
    for _field, text in (("team", "Noord"), ("date", None), ("location", None), ("facilitator", "Fa")):
        if text:
            term.type(text)
        term.keys("Tab")
        time.sleep(0.15)
    for name in ("Bo", "Ce", "Di"):
        term.type(name)
        term.keys("Enter")
        time.sleep(0.15)
    term.keys("Tab", "Tab")
    time.sleep(0.2)
    term.keys("Enter")  # open the case bringer list
    time.sleep(0.3)
    term.keys("Down", "Down", "Enter")  # Bo
    time.sleep(0.3)
    term.keys("C-s")
    term.wait_for("Phase 1 of 6")


def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is missing: .ci/run installs it"
    assert WERF.exists(), f"the installed werf is missing at {WERF}"
    rng = random.Random(20261124)
    db = tmp_path / "werf.db"
    env = {"TERM": "xterm-256color", "WERF_HOME": str(tmp_path / "home"), "WERF_DB": str(db),
           "LANG": "en_GB.UTF-8"}
    term = Terminal(f"werfkill{os.getpid()}", env)
    typed_total = survived_total = 0
    expected_notes: list[str] = []
    try:
        for run in range(RUNS):
            pid = term.start(f"{WERF} --lang en")
            if run == 0:
                set_up(term)
            else:
                term.wait_for("An unfinished session was found")
                term.keys("Enter")
                term.wait_for("of 6:")
            _, resumed_phase, total_before, resumed_drafts = load(db)
            # a draft the last run left is back in the note line, cursor at its end and
            # nothing selected: the first note typed continues it instead of replacing it
            carried = resumed_drafts[resumed_phase]
            time.sleep(0.2)
            pressed = time.monotonic()
            term.keys("F2")  # the timer runs from here until the kill
            term.wait_for("Running")
            seen = time.monotonic()  # the timer started between `pressed` and `seen`
            typed = Typed()
            for number in range(rng.randint(1, 4)):
                typing = f"run {run} note {number} é[/]"
                term.type(typing)
                term.keys("Enter")
                text, carried = carried + typing, ""
                typed.notes.append((time.monotonic(), text))
                time.sleep(rng.uniform(0.05, 0.6))
                if rng.random() < 0.3:
                    term.keys("F6" if rng.random() < 0.6 else "F5")
                    typed.phase_moves.append((time.monotonic(), 0))
                    time.sleep(0.2)
            if rng.random() < 0.6:
                draft = f"half typed {run}"
                term.type(draft)
                typed.draft = (time.monotonic(), draft)
            time.sleep(rng.uniform(0.0, 2.5))
            os.kill(pid, signal.SIGKILL)
            killed = time.monotonic()
            time.sleep(0.3)

            notes, _phase, total_after, drafts = load(db)
            must_have = [text for at, text in typed.notes if killed - at > 1.0]
            typed_total += len(typed.notes)
            expected_notes += [text for _at, text in typed.notes]
            for text in must_have:
                assert text in notes, f"run {run}: lost {text!r}"
            survived_total += sum(1 for _at, text in typed.notes if text in notes)
            if typed.draft and killed - typed.draft[0] > 1.0:
                assert typed.draft[1] in drafts, f"run {run}: lost the draft"
            counted = total_after - total_before
            assert killed - seen - 1.0 <= counted <= killed - pressed + 0.05, (
                f"run {run}: timer {counted:.2f}s, ran {killed - seen:.2f}–{killed - pressed:.2f}s")
        pid = term.start(f"{WERF} --lang en")
        term.wait_for("An unfinished session was found")
        term.keys("Enter")
        _notes, phase, _total, _drafts = load(db)
        term.wait_for(f"Phase {phase + 1} of 6")
        term.keys("C-q")
    finally:
        term.close()
    notes, _, _, _ = load(db)
    print(f"\nkill test: {RUNS} runs, {typed_total} notes typed, "
          f"{survived_total} survived their kill, {len(set(notes) & set(expected_notes))} in the end")
    assert survived_total >= typed_total - RUNS  # at most the last note of a run may be lost
