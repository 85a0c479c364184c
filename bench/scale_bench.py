"""Figures and search as the data grows: 10,000 against 50,000 sessions (bench/scale_db.py).

In process, median of `--runs` (after one warm-up), each size on its own connection:
- `compute_stats` for all teams, all time (what `werf stats` and the figures screen show);
- the session list searching a common word ("schulden", in about a sixth of the sessions)
  one page of 200 rows, as the history screen asks;
- the same for a rare word (one session).
Also `werf stats` as a command (wall time, a fresh process each run).

    python bench/scale_bench.py --small /tmp/s10k.db --large /tmp/s50k.db [--runs 5]
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
sys.path.insert(0, str(ROOT))

from bench.scale_db import NEEDLE  # noqa: E402
from werf.stats import compute_stats  # noqa: E402
from werf.store import Store  # noqa: E402

TODAY = date(2026, 11, 24)
WERF = str(Path(sys.executable).with_name("werf"))


def median_ms(job, runs: int) -> float:  # type: ignore[no-untyped-def]
    job()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        job()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


# The session list as it was before issue 16: the open action points counted for every
# match, before the LIMIT chose the page.
BEFORE_SQL = (
    "SELECT s.id, s.date, s.team, s.protocol_id, s.case_title, s.facilitator, s.status, "
    "(SELECT COUNT(*) FROM actions a WHERE a.session_id = s.id AND a.done = 0) AS open_actions "
    "FROM sessions s WHERE 1 = 1 AND s.rowid IN (SELECT rowid FROM session_search WHERE "
    "session_search MATCH ?) ORDER BY s.date DESC, s.created_at DESC LIMIT 200"
)


def measure(db: str, runs: int) -> dict[str, float]:
    store = Store.open(Path(db))
    found = {
        "compute_stats, all teams": median_ms(lambda: compute_stats(store, today=TODAY), runs),
        "search common word, 200 rows": median_ms(
            lambda: store.list_sessions(search="schulden", limit=200), runs),
        "search common word, as before": median_ms(
            lambda: store.db.execute(BEFORE_SQL, ['"schulden"*']).fetchall(), runs),
        "search rare word": median_ms(lambda: store.list_sessions(search=NEEDLE, limit=200), runs),
        "werf stats (command)": median_ms(lambda: subprocess.run(
            [WERF, "--db", db, "stats"], capture_output=True, check=True), runs),
    }
    store.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", required=True)
    parser.add_argument("--large", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    small, large = measure(args.small, args.runs), measure(args.large, args.runs)
    print(f"median ms of {args.runs}: {args.small} | {args.large} | ratio")
    for name in small:
        print(f"  {name:<32} {small[name]:8.1f} {large[name]:8.1f}  {large[name] / small[name]:5.2f}")


if __name__ == "__main__":
    main()
