"""`compute_stats` (all teams, all time) at 10,000 and 50,000 sessions: CPU time, median of
`--runs`, and the ratio (5 × the data: 5.0 is linear). With `--before DIR` (a checkout of
werf before a change) each round runs both in fresh processes, interleaved, `--rounds` times.

    python bench/stats_ratio.py --small s10k.db --large s50k.db [--before /tmp/werf-main
        --before-small old10k.db --before-large old50k.db]

A checkout before schema 18 refuses a database migrated to it: give it copies made before.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(small: str, large: str, runs: int) -> None:
    """In this process (werf from sys.path): one line "small_ms large_ms"."""
    from werf.stats import compute_stats
    from werf.store import Store

    found = []
    for db in (small, large):
        store = Store.open(Path(db))
        compute_stats(store, today=date(2026, 11, 24))
        times = []
        for _ in range(runs):
            started = time.process_time()
            compute_stats(store, today=date(2026, 11, 24))
            times.append((time.process_time() - started) * 1000)
        found.append(statistics.median(times))
        store.close()
    print(f"{found[0]:.1f} {found[1]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", required=True)
    parser.add_argument("--large", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", default=None)
    parser.add_argument("--before-small", default=None)
    parser.add_argument("--before-large", default=None)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.small, args.large, args.runs)
        return
    codes = [("now", str(ROOT), args.small, args.large)]
    if args.before:
        codes.append(("before", args.before, args.before_small or args.small,
                       args.before_large or args.large))
    print(f"compute_stats, all teams, CPU ms, median of {args.runs}: 10k | 50k | ratio")
    for round_ in range(1, args.rounds + 1):
        for name, code, small_db, large_db in codes:
            out = subprocess.run(
                [sys.executable, "-P", __file__, "--measure", "--small", small_db, "--large",
                 large_db, "--runs", str(args.runs)],
                env={"PYTHONPATH": code, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
                check=True).stdout.split()
            small, large = float(out[0]), float(out[1])
            print(f"  round {round_} {name:<7} {small:8.1f} {large:8.1f}  {large / small:5.2f}")


if __name__ == "__main__":
    main()
