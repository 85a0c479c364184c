"""How fast the command line answers, side by side with bare Python and with click.

Each command runs `--runs` times as a fresh process; the figure is the median wall time and
the median CPU time (user + system, from the children's rusage: steadier on a shared
machine). Databases: the six demo sessions (made here) and, when given, a larger one made
by bench/scale_db.py (10,000 or 50,000 sessions; not committed).

    python bench/cli_bench.py [--runs 15] [--big /tmp/s10k.db] [--bigger /tmp/s50k.db]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scale_db import NEEDLE, add_needle  # noqa: E402

PYTHON = sys.executable
WERF = str(Path(PYTHON).with_name("werf"))
WORD = NEEDLE  # a rare word: in one session of each database


def timed(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `command`, run `runs` times (after one warm-up)."""
    subprocess.run(command, env=env, capture_output=True, check=True)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        walls.append((time.perf_counter() - started) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def first_id(db: str, env: dict[str, str]) -> str:
    """The whole id of the session with the needle (the 50,000 hold copies whose ids extend
    it, so a shorter prefix would name several)."""
    out = subprocess.run([WERF, "--db", db, "sessions", "list", "--search", NEEDLE, "--json"],
                         env=env, capture_output=True, text=True, check=True).stdout
    return str(json.loads(out)[0]["id"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--big", help="a database of 10,000 sessions")
    parser.add_argument("--bigger", help="a database of 50,000 sessions")
    parser.add_argument("--before", help="a checkout of werf before the change (python -m werf)")
    args = parser.parse_args()
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "WERF_HOME": home, "LANG": "en_GB.UTF-8",
               "PYTHONDONTWRITEBYTECODE": "1"}
        small = str(Path(home) / "demo.db")
        subprocess.run([WERF, "--db", small, "demo"], env=env, capture_output=True, check=True)
        add_needle(Path(small))

        def row(name: str, command: list[str]) -> tuple[float, float]:
            wall, cpu = timed(command, args.runs, env)
            rows.append((name, wall, cpu))
            return wall, cpu

        bare = row("python -c pass", [PYTHON, "-c", "pass"])
        click = row("python -c 'import click'", [PYTHON, "-c", "import click"])
        version = row("werf --version", [WERF, "--version"])
        search_small = row(f"sessions list --search {WORD}, 6 sessions",
                           [WERF, "--db", small, "sessions", "list", "--search", WORD])
        out = str(Path(home) / "out")
        Path(out).mkdir()
        export_small = row("export ID (docx), 6 sessions",
                           [WERF, "--db", small, "export", first_id(small, env), "--out", out])
        ratios = [("werf --version / import click", version, click),
                  ("werf --version / python -c pass", version, bare)]
        if args.big:
            search_big = row(f"sessions list --search {WORD}, 10,000 sessions",
                             [WERF, "--db", args.big, "sessions", "list", "--search", WORD])
            ratios.append(("search 10,000 / 6", search_big, search_small))
        if args.bigger:
            export_big = row("export ID (docx), 50,000 sessions",
                             [WERF, "--db", args.bigger, "export",
                              first_id(args.bigger, env), "--out", out])
            ratios.append(("export ID 50,000 / 6", export_big, export_small))
        if args.before:
            old = [PYTHON, "-P", "-m", "werf"]
            env["PYTHONPATH"] = args.before
            if args.big:
                row("before: sessions list --search, 10,000",
                    [*old, "--db", args.big, "sessions", "list", "--search", WORD])
            if args.bigger:
                row("before: export ID (docx), 50,000",
                    [*old, "--db", args.bigger, "export", first_id(args.bigger, env),
                     "--out", out])
    print(f"median of {args.runs} runs each; wall ms / CPU ms")
    for name, wall, cpu in rows:
        print(f"  {name:<45} {wall:7.1f}  {cpu:7.1f}")
    for name, (wall, cpu), (base_wall, base_cpu) in ratios:
        print(f"  ratio {name:<39} {wall / base_wall:5.2f}  {cpu / base_cpu:5.2f}")


if __name__ == "__main__":
    main()
