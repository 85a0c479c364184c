"""The home screen: time from launch to its first frame and to the latest sessions shown,
side by side with a minimal Textual app's first frame, in tmux (120×36).

On the six demo sessions (made here with `werf demo`) or a database given with --db; the
latest sessions count as shown when a team name of theirs is on the screen.

    python bench/home_bench.py [--runs 7] [--db PATH] [--team Wijkteam]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.startup import MINIMAL_APP  # noqa: E402
from bench.startup import time_to_text as _time_to_text  # noqa: E402


def time_to_text(command: str, marker: str, env: dict[str, str]) -> float:
    """Once more when tmux refuses a new session (a server just exiting after the last one)."""
    try:
        return _time_to_text(command, marker, env)
    except subprocess.CalledProcessError:
        return _time_to_text(command, marker, env)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", default=None)
    parser.add_argument("--team", default="Wijkteam", help="text of a row of the latest sessions")
    parser.add_argument("--before", default=None,
                        help="a checkout of werf before the change, measured beside it")
    args = parser.parse_args()
    python = sys.executable
    werf = str(Path(python).with_name("werf"))
    with tempfile.TemporaryDirectory() as home:
        db = args.db or str(Path(home) / "demo.db")
        env = {"TERM": "xterm-256color", "WERF_HOME": home, "LANG": "en_GB.UTF-8", "WERF_DB": db,
               "PYTHONDONTWRITEBYTECODE": "1"}
        old = f"env PYTHONPATH={args.before} {python} -P -m werf" if args.before else None
        # werf now started the same way as the checkout before (python -m werf), for the ratio
        now = f"env PYTHONPATH={Path(__file__).resolve().parent.parent} {python} -P -m werf"
        if args.db is None:
            subprocess.run([werf, "--db", db, "demo"], check=True, capture_output=True,
                           env={"WERF_HOME": home, "PATH": "/usr/bin:/bin"})
        minimal = Path(home) / "minimal.py"
        minimal.write_text(MINIMAL_APP)
        time_to_text(f"{python} {minimal}", "New", env)  # warm the file cache
        time_to_text(f"{werf} --lang en", args.team, env)
        minimal_times: list[float] = []
        frame_times: list[float] = []
        latest_times: list[float] = []
        old_frame: list[float] = []
        old_latest: list[float] = []
        now_frame: list[float] = []
        now_latest: list[float] = []
        for _ in range(args.runs):
            minimal_times.append(time_to_text(f"{python} {minimal}", "New", env))
            frame_times.append(time_to_text(f"{werf} --lang en", "New session", env))
            latest_times.append(time_to_text(f"{werf} --lang en", args.team, env))
            if old:
                old_frame.append(time_to_text(f"{old} --lang en", "New session", env))
                old_latest.append(time_to_text(f"{old} --lang en", args.team, env))
                now_frame.append(time_to_text(f"{now} --lang en", "New session", env))
                now_latest.append(time_to_text(f"{now} --lang en", args.team, env))
    base = statistics.median(minimal_times)
    print(f"median of {args.runs} runs, tmux 120x36, database {args.db or 'demo (6 sessions)'}")
    for name, times in (("minimal Textual app, first frame", minimal_times),
                        ("werf home, first frame", frame_times),
                        ("werf home, latest sessions shown", latest_times),
                        ("python -m werf: first frame", now_frame),
                        ("python -m werf: latest sessions", now_latest),
                        ("before, python -m werf: first frame", old_frame),
                        ("before, python -m werf: latest sessions", old_latest)):
        if not times:
            continue
        median = statistics.median(times)
        print(f"  {name:<34} {median * 1000:6.0f} ms  ratio {median / base:.2f}  "
              f"({', '.join(f'{t * 1000:.0f}' for t in times)})")


if __name__ == "__main__":
    main()
