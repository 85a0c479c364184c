"""CPU of the room view (`werf display`, the projector) while the room talks.

A facilitator's werf runs a session in one detached tmux pane (120×36); the room view follows
it from the same database in another pane, projector-sized (200×60 unless `--size`). The
display's CPU time is read from /proc/PID/stat over `--seconds` with the facilitator's timer
paused, then again with it running (F2: the facilitator then saves twice a second, so the
display reads the session again every second). Beside it, the minimal Textual app idles for
the same time, and with `--before DIR` the room view of an older checkout is measured the
same way (the facilitator stays this werf). Prints % of one core.

    python bench/room_cpu.py [--seconds 60] [--size 200x60] [--before /tmp/werf-main]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timer_cpu import _cpu_over, _tmux, _wait_for, minimal_cpu  # noqa: E402

WERF = str(Path(sys.executable).with_name("werf"))


def _start(name: str, command: str, size: tuple[int, int]) -> int:
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(size[0]), "-y",
                    str(size[1]), f"exec {command}"], check=True)
    return int(_tmux("display-message", "-p", "-t", name, "#{pane_pid}"))


def room_cpu(seconds: float, home: str, size: tuple[int, int],
             display: str = f"{WERF} --lang en display") -> tuple[float, float]:
    """(% paused, % running) of one core for the room view `display` (a command)."""
    from tests.helpers import make_session  # noqa: PLC0415
    from werf.store import Store  # noqa: PLC0415

    db = Path(tempfile.mkdtemp(dir=home)) / "room.db"
    store = Store.open(db)
    store.save_session(make_session())
    store.close()
    env = f"env TERM=xterm-256color WERF_HOME={home} WERF_DB={db} PYTHONDONTWRITEBYTECODE=1"
    facilitator, room = f"benchfac{os.getpid()}", f"benchroom{os.getpid()}"
    _start(facilitator, f"{env} {WERF} --lang en", (120, 36))
    try:
        _wait_for(facilitator, "unfinished session")
        _tmux("send-keys", "-t", facilitator, "Enter")
        _wait_for(facilitator, "Paused", "Ready")
        pid = _start(room, f"{env} {display}", size)
        try:
            _wait_for(room, "Phase 1 of")
            time.sleep(2.0)
            paused = _cpu_over(pid, seconds)
            _tmux("send-keys", "-t", facilitator, "F2")
            _wait_for(facilitator, "Running")
            _wait_for(room, "Now speaking")
            time.sleep(2.0)
            running = _cpu_over(pid, seconds)
            return paused, running
        finally:
            _tmux("kill-session", "-t", room)
    finally:
        _tmux("kill-session", "-t", facilitator)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--size", default="200x60", help="the room view's terminal, WxH")
    parser.add_argument("--before", default=None,
                        help="a checkout of werf before the change, measured beside it")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))
    with tempfile.TemporaryDirectory() as home:
        minimal = minimal_cpu(args.seconds, home)
        paused, running = room_cpu(args.seconds, home, (width, height))
        if args.before:
            old = (f"env PYTHONPATH={args.before} {sys.executable} -P -m werf --lang en "
                   "display")
            old_paused, old_running = room_cpu(args.seconds, home, (width, height), old)
    print(f"over {args.seconds:.0f} s each, % of one core (room view in tmux {args.size})")
    print(f"minimal Textual app, idle:           {minimal:.2f} %")
    print(f"room view, facilitator paused:       {paused:.2f} %")
    print(f"room view, facilitator running:      {running:.2f} %")
    if args.before:
        print(f"before ({args.before}), paused:    {old_paused:.2f} %")
        print(f"before ({args.before}), running:   {old_running:.2f} %")


if __name__ == "__main__":
    main()
