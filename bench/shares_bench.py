"""Windows and shares, and the coordinator of many teams (issue 14, items 8 and 9).

1. Writing an export: the one create-exclusive helper (werf.new_file: temporary file,
   sweep, hard link) against a plain `open(path, "xb")` of the same bytes, median of N
   writes of a 40 kB file into a folder that fills up (names get numbers).
2. The same helper without hard links (as on a FAT stick: O_EXCL write of the final name).
3. The teams overview (one grouped query) against the figures computed team by team
   (`compute_stats` per team), for T teams with S sessions each.
4. `mypy --platform win32 werf`, cold (empty cache) and warm.

    python bench/shares_bench.py [--runs 200] [--teams 10] [--sessions 100]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werf.demo import demo_sessions  # noqa: E402
from werf.new_file import write_new_file  # noqa: E402
from werf.overview import team_overview  # noqa: E402
from werf.stats import compute_stats  # noqa: E402
from werf.store import Store  # noqa: E402


def median_ms(job, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _plain(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def writes(runs: int) -> None:
    data = os.urandom(40_000)
    with tempfile.TemporaryDirectory() as folder:
        counter = iter(range(10**9))
        plain = median_ms(lambda: _plain(Path(folder) / f"plain {next(counter)}.docx", data), runs)
        helper = median_ms(lambda: write_new_file(Path(folder), f"verslag {next(counter)}", "docx", data,
                                                  private=True), runs)
        same = median_ms(lambda: write_new_file(Path(folder), "verslag", "docx", data, private=True), 20)
    with tempfile.TemporaryDirectory() as folder:
        link = os.link
        del os.link
        try:
            no_link = median_ms(lambda: write_new_file(Path(folder), f"verslag {next(counter)}", "docx",
                                                       data, private=True), runs)
        finally:
            os.link = link
    print(f"write 40 kB with fsync, median of {runs}: open('xb') {plain:.2f} ms, werf.new_file "
          f"{helper:.2f} ms (ratio {helper / plain:.2f}), without hard links {no_link:.2f} ms "
          f"(ratio {no_link / plain:.2f}); the same name 20 times (numbered) {same:.2f} ms")


def overview(teams: int, sessions: int) -> None:
    store = Store.memory()
    base = list(demo_sessions(12, today=date(2026, 11, 24)))
    for team in range(teams):
        for number in range(sessions):
            session = base[number % len(base)].model_copy(deep=True)
            session.id = f"{team:08d}-0000-4000-8000-{number:012d}"
            for record in [*session.participants, *session.notes, *session.actions, *session.network]:
                record.id = f"{team:04d}{number:04d}-{abs(hash(record.id)) % 10**4:04d}-4000-8000-{id(record) % 10**12:012d}"
            session.team = f"Wijkteam {team:02d}"
            session.date = date(2026, 11, 24) - timedelta(days=7 * number)
            store.save_session(session)
    today = date(2026, 11, 24)
    one = median_ms(lambda: team_overview(store, today), 5)
    per_team = median_ms(lambda: [compute_stats(store, team=f"Wijkteam {t:02d}", today=today)
                                  for t in range(teams)], 5)
    print(f"teams overview, {teams} teams x {sessions} sessions: one query {one:.1f} ms, "
          f"compute_stats per team {per_team:.1f} ms (ratio {per_team / one:.1f})")


def mypy_win32() -> None:
    with tempfile.TemporaryDirectory() as cache:
        command = [sys.executable, "-m", "mypy", "--platform", "win32", "--cache-dir", cache, "werf"]
        timings = []
        for _ in range(2):
            start = time.perf_counter()
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            timings.append(time.perf_counter() - start)
        print(f"mypy --platform win32 werf: cold {timings[0]:.1f} s, warm {timings[1]:.1f} s "
              f"({result.stdout.strip().splitlines()[-1]})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--teams", type=int, default=10)
    parser.add_argument("--sessions", type=int, default=100)
    args = parser.parse_args()
    print(f"{platform.platform()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores, {date.today()}")
    writes(args.runs)
    overview(args.teams, args.sessions)
    mypy_win32()


if __name__ == "__main__":
    main()
