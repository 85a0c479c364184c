"""Time from launch to the first usable screen, in a real terminal (tmux); timer CPU.

Starts `werf` (and, side by side, a minimal Textual app) in a detached tmux pane of a fixed
size and polls `tmux capture-pane` until the footer of the first screen is drawn. Prints
the median of N runs for each, and their ratio. With --timer, also runs a session's timer
for 60 s and reports the CPU time werf used and its peak resident memory (from /proc).

    python bench/startup.py [--runs 5] [--db PATH] [--timer]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    BINDINGS = [("n", "noop", "New")]
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

Minimal().run()
"""


def time_to_text(command: str, marker: str, env: dict[str, str]) -> float:
    session = f"bench{os.getpid()}"
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    started = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "36",
         f"env {' '.join(f'{k}={v}' for k, v in env.items())} {command}; sleep 5"],
        check=True,
    )
    try:
        while True:
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                                    capture_output=True, text=True).stdout
            if marker in screen:
                return time.perf_counter() - started
            if time.perf_counter() - started > 30:
                raise TimeoutError(f"{command!r} showed no {marker!r}:\n{screen}")
            time.sleep(0.005)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def proc_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timer_cpu(werf: str, seconds: int = 60) -> tuple[float, float]:
    """CPU seconds and peak MB of werf while a phase timer runs for `seconds`."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.helpers import make_session  # noqa: PLC0415
    from werf.store import Store  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as home:
        db = Path(home) / "timer.db"
        store = Store.open(db)
        store.save_session(make_session())
        store.close()
        session = f"benchtimer{os.getpid()}"
        env = f"TERM=xterm-256color WERF_HOME={home} WERF_DB={db}"
        subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "36",
                        f"exec env {env} {werf} --lang en"], check=True)
        try:
            pid = int(subprocess.run(["tmux", "display-message", "-p", "-t", session,
                                      "#{pane_pid}"], capture_output=True, text=True).stdout)
            deadline = time.monotonic() + 20
            while "unfinished session" not in subprocess.run(
                    ["tmux", "capture-pane", "-p", "-t", session], capture_output=True,
                    text=True).stdout:
                if time.monotonic() > deadline:
                    raise TimeoutError("no resume dialog")
                time.sleep(0.05)
            subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
            time.sleep(1.0)
            subprocess.run(["tmux", "send-keys", "-t", session, "F2"], check=True)
            time.sleep(1.0)
            before = proc_cpu_seconds(pid)
            time.sleep(seconds)
            used = proc_cpu_seconds(pid) - before
            return used, proc_peak_mb(pid)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", default=None, help="database to start werf on")
    parser.add_argument("--timer", action="store_true", help="also measure a running timer")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed for this benchmark")
    python = sys.executable
    werf = str(Path(python).with_name("werf"))
    with tempfile.TemporaryDirectory() as home:
        env = {"TERM": "xterm-256color", "WERF_HOME": home, "LANG": "en_GB.UTF-8"}
        if args.db:
            env["WERF_DB"] = args.db
        minimal = Path(home) / "minimal.py"
        minimal.write_text(MINIMAL_APP)
        # one warm-up each, so both are measured with the file cache warm
        time_to_text(f"{python} {minimal}", "New", env)
        time_to_text(f"{werf} --lang en", "New session", env)
        werf_times, minimal_times = [], []
        for _ in range(args.runs):
            minimal_times.append(time_to_text(f"{python} {minimal}", "New", env))
            werf_times.append(time_to_text(f"{werf} --lang en", "New session", env))
    werf_median = statistics.median(werf_times)
    minimal_median = statistics.median(minimal_times)
    print(f"runs: {args.runs}, terminal 120x36 in tmux")
    print(f"minimal Textual app: median {minimal_median * 1000:.0f} ms "
          f"({', '.join(f'{t * 1000:.0f}' for t in minimal_times)})")
    print(f"werf first screen:   median {werf_median * 1000:.0f} ms "
          f"({', '.join(f'{t * 1000:.0f}' for t in werf_times)})")
    print(f"ratio werf / minimal: {werf_median / minimal_median:.2f}")
    if args.timer:
        used, peak = timer_cpu(werf)
        print(f"timer running 60 s: {used:.2f} s CPU ({used / 60 * 100:.1f} % of one core), "
              f"peak resident memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
