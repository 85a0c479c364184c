"""CPU of what a facilitator does on the run screen, per action, in ms of one core.

Drives werf in Pilot (headless, 120×40) on a database with one unfinished session: a note
typed and saved, the network screen opened and closed, a note opened for correction and
closed, the language switched, a phase forward and back, Tab and Shift+Tab. Each action ten
times; the CPU time of the process (all threads) per action. Compare two checkouts by running
this script in each, interleaved; the machine's load moves the figures by ±20 %.

    python bench/run_screen_actions.py [--rounds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.pilot import make_app, settle  # noqa: E402
from tests.test_typing_order import _key, _named, fresh_db  # noqa: E402

ACTIONS: dict[str, list[str]] = {
    "note typed and saved (12 keys)": [*"note typed!", "enter"],
    "network screen: Ctrl+R, Escape": ["ctrl+r", "escape"],
    "correction: Shift+Tab, Enter, Escape": ["shift+tab", "enter", "escape"],
    "language: Ctrl+L": ["ctrl+l"],
    "phase: F6, F5": ["f6", "f5"],
    "focus: Tab, Shift+Tab": ["tab", "shift+tab"],
}


async def main(rounds: int) -> None:
    app = make_app(fresh_db(Path(tempfile.mkdtemp())))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # resume the session
        await settle(pilot)
        for label, keys in ACTIONS.items():
            start = time.process_time()
            for _ in range(rounds):
                for key in keys:
                    app.post_message(_key(key) if len(key) == 1 else _named(key))
                    if len(key) > 1:
                        await settle(pilot)
                await settle(pilot)
            print(f"{label:40s} {(time.process_time() - start) / rounds * 1000:6.0f} ms")
        await pilot.press("ctrl+q")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    asyncio.run(main(parser.parse_args().rounds))
