"""CPU of what a facilitator does on the run screen, per action, in ms of one core.

Drives werf in Pilot (headless, 120×40) on a database with one unfinished session: a note
typed and saved, the network screen opened and closed, a note opened for correction and
closed, the action point dialog opened and closed (in the phase that records action points),
the language switched, a phase forward and back, Tab and Shift+Tab. Each action ten times;
the CPU time of the process (all threads) per action. Compare two checkouts by running this
script for each, interleaved (`--checkout` names the other one; the machine's load moves the
figures by ±20 %):

    python bench/run_screen_actions.py [--rounds 10] [--checkout PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# (label, keys timed, keys before them, keys after them: the last two are not timed)
ACTIONS: list[tuple[str, list[str], list[str], list[str]]] = [
    ("note typed and saved (12 keys)", [*"note typed!", "enter"], [], []),
    ("network screen: Ctrl+R, Escape", ["ctrl+r", "escape"], [], []),
    ("correction: Shift+Tab, Enter, Escape", ["shift+tab", "enter", "escape"], [], []),
    ("action dialog: Ctrl+N, Escape", ["ctrl+n", "escape"], ["f6"] * 4, ["f5"] * 4),
    ("language: Ctrl+L", ["ctrl+l"], [], []),
    ("phase: F6, F5", ["f6", "f5"], [], []),
    ("focus: Tab, Shift+Tab", ["tab", "shift+tab"], [], []),
]


async def main(rounds: int) -> None:
    from tests.pilot import make_app, settle
    from tests.test_typing_order import _key, _named, fresh_db

    app = make_app(fresh_db(Path(tempfile.mkdtemp())))

    async def press(keys: list[str]) -> None:
        for key in keys:
            app.post_message(_key(key) if len(key) == 1 else _named(key))
            if len(key) > 1:
                await settle(pilot)
        await settle(pilot)

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # resume the session
        await settle(pilot)
        for label, keys, before, after in ACTIONS:
            await press(before)
            start = time.process_time()
            for _ in range(rounds):
                await press(keys)
            print(f"{label:40s} {(time.process_time() - start) / rounds * 1000:6.0f} ms")
            await press(after)
        await pilot.press("ctrl+q")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--checkout", type=Path, default=HERE,
                        help="the werf checkout to drive (default: this one)")
    arguments = parser.parse_args()
    sys.path.insert(0, str(arguments.checkout.resolve()))
    import werf

    print(f"werf from {Path(werf.__file__).parent.parent}")
    asyncio.run(main(arguments.rounds))
