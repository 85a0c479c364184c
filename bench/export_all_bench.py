"""`werf export --all` of many demo sessions to .docx, as a command, wall time: werf now (a
pool of worker processes, one per usable core) beside a checkout from before (--before).

    python bench/export_all_bench.py [--count 1000] [--before /tmp/werf-main]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
WERF = str(Path(PYTHON).with_name("werf"))


def export_all(command: list[str], db: Path, out: Path, env: dict[str, str]) -> float:
    out.mkdir()
    started = time.perf_counter()
    subprocess.run([*command, "--db", str(db), "export", "--all", "--out", str(out)], env=env,
                   check=True, capture_output=True)
    elapsed = time.perf_counter() - started
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--before", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "WERF_HOME": home, "PYTHONDONTWRITEBYTECODE": "1"}
        db = Path(home) / "many.db"
        subprocess.run([WERF, "--db", str(db), "demo", "--count", str(args.count)], env=env,
                       check=True, capture_output=True)
        now = export_all([WERF], db, Path(home) / "now", env)
        files = len(list((Path(home) / "now").iterdir()))
        print(f"{args.count} sessions, {os.cpu_count()} cores: werf now {now:.1f} s "
              f"({files} files, {now / files * 1000:.1f} ms per file)")
        if args.before:
            before_env = {**env, "PYTHONPATH": args.before}
            before = export_all([PYTHON, "-P", "-m", "werf"], db, Path(home) / "before", before_env)
            print(f"  before ({args.before}): {before:.1f} s; ratio now / before {now / before:.2f}")


if __name__ == "__main__":
    main()
