"""The garbage collector's share of werf's CPU, with Python's defaults and with werf.memory.

Runs one app of tests/test_typing_order.py (20 random key sequences on the run screen, the
same seed each time) in a fresh process per round, alternating Python's default collector and
`werf.memory.settle_after_start()` (called after werf.app is imported, as the CLI does).
Prints per round the process's CPU, the time spent in collections (gc.callbacks) and how many
full collections ran; then the medians and their ratio.

    python bench/gc_bench.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_round(settled: bool) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    spent = {"gc": 0.0, "full": 0.0}
    started = [0.0]

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.process_time()
        else:
            spent["gc"] += time.process_time() - started[0]
            spent["full"] += info["generation"] == 2

    import werf.app  # noqa: F401
    if settled:
        from werf.memory import settle_after_start

        settle_after_start()
    from tests.test_typing_order import SIZES, run_app

    gc.callbacks.append(watch)
    begin = time.process_time()
    asyncio.run(run_app(Path(tempfile.mkdtemp()), seed=20261201, size=SIZES[0]))
    spent["cpu"] = time.process_time() - begin
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--one", choices=("default", "settled"))
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(one_round(arguments.one == "settled")))
        return
    figures: dict[str, list[dict[str, float]]] = {"default": [], "settled": []}
    for number in range(arguments.rounds):
        for how in figures:
            out = subprocess.run([sys.executable, __file__, "--one", how], capture_output=True,
                                 text=True, check=True).stdout
            figure = json.loads(out.strip().splitlines()[-1])
            figures[how].append(figure)
            print(f"round {number + 1} {how:8s} CPU {figure['cpu']:5.2f} s, in collections "
                  f"{figure['gc']:4.2f} s ({figure['full']:.0f} full)")
    median = {how: statistics.median(f["cpu"] for f in rows) for how, rows in figures.items()}
    share = {how: statistics.median(f["gc"] / f["cpu"] for f in rows) for how, rows in figures.items()}
    print(f"median CPU: default {median['default']:.2f} s ({share['default']:.0%} in collections), "
          f"settled {median['settled']:.2f} s ({share['settled']:.0%}); "
          f"settled / default {median['settled'] / median['default']:.2f}")


if __name__ == "__main__":
    main()
