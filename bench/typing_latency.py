"""Keystroke latency under Pilot: werf's setup and run screens against a bare Textual app.

Each key is pressed with `pilot.press` (which waits until the app has handled it and drawn),
and timed; the script prints the median milliseconds per key for

- a bare Textual app with one Input,
- werf's setup screen, typing the facilitator's name (the field that rebuilt four role lists
  at every key),
- werf's run screen, typing a note,
- (with `--marked N`) the run screen with N saved notes in the phase that the privacy guard
  marks (werf.guard): typing must not slow down for them,

and the ratio of each werf figure to the bare app (goal: ≤ 1.5).

    python bench/typing_latency.py [--keys 200] [--marked 20] [--only-run]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Input  # noqa: E402

TEXT = "de buurvrouw haalt zijn post op "


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


async def timed(pilot, keys: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for index in range(keys):
        char = TEXT[index % len(TEXT)]
        start = time.perf_counter()
        await pilot.press("space" if char == " " else char)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


async def bare(keys: int) -> float:
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(Input).focus()
        await pilot.pause()
        return await timed(pilot, keys)


def werf_app(db: Path):  # type: ignore[no-untyped-def]
    from werf.app import build_app

    return build_app(db, clock=lambda: 1000.0, today=lambda: date(2026, 11, 24), bell=False,
                     cursor_blink=False)


async def setup(keys: int, folder: Path) -> float:
    app = werf_app(folder / "setup.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        for name in ("Bram", "Chantal", "Dirk"):
            field = app.screen.query_one("#new-participant", Input)
            field.value = name
            await field.action_submit()
            await pilot.pause()
        app.screen.query_one("#facilitator", Input).focus()
        await pilot.pause()
        return await timed(pilot, keys)


MARKED_NOTE = "Mevrouw De Vries (BSN 123456782) belt haar zoon Kevin op 06-12345678, nr. {n}"


async def run(keys: int, folder: Path, marked: int = 0) -> float:
    from werf.store import Store
    from werf.store.thread import StoreThread  # noqa: F401  (loads what the app loads)

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from tests.helpers import make_session

    from werf.models import Note

    db = folder / f"run-{marked}.db"
    session = make_session()
    # notes in the phase being typed in that the privacy guard marks (werf.guard)
    session.notes = [Note(phase_index=0, text=MARKED_NOTE.format(n=n)) for n in range(marked)]
    store = Store.open(db)
    store.save_session(session)
    store.close()
    app = werf_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # resume
        await pilot.pause()
        return await timed(pilot, keys)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--marked", type=int, default=0,
                        help="also time the run screen with this many notes the privacy guard marks")
    parser.add_argument("--only-run", action="store_true", help="the bare app and the run screen only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        import os

        os.environ["WERF_HOME"] = tmp
        folder = Path(tmp)
        base = await bare(args.keys)
        in_setup = None if args.only_run else await setup(args.keys, folder)
        in_run = await run(args.keys, folder)
        with_marks = await run(args.keys, folder, args.marked) if args.marked else None
    print(f"bare Textual app, one Input: {base:.1f} ms per key (median of {args.keys})")
    if in_setup is not None:
        print(f"werf setup, facilitator field: {in_setup:.1f} ms per key, ratio {in_setup / base:.2f}")
    print(f"werf run, note line: {in_run:.1f} ms per key, ratio {in_run / base:.2f}")
    if with_marks is not None:
        print(f"werf run, note line, {args.marked} marked notes: {with_marks:.1f} ms per key, "
              f"ratio {with_marks / base:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
