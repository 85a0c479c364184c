"""CPU of the run screen while the room talks: timer running, timer paused, minimal app.

Runs the installed `werf` in a detached tmux pane (120×36) on a database holding one
unfinished session, resumes it and reads the process's CPU time from /proc/PID/stat over
`--seconds` with the timer paused, then again with it running (F2). Beside it, the minimal
Textual app (Header, Static, Footer) idles for the same time. Prints % of one core.

    python bench/timer_cpu.py [--seconds 60]
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

from bench.startup import MINIMAL_APP, proc_cpu_seconds  # noqa: E402


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def _start(name: str, command: str) -> int:
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "36",
                    f"exec {command}"], check=True)
    return int(_tmux("display-message", "-p", "-t", name, "#{pane_pid}"))


def _wait_for(name: str, *texts: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not any(text in _tmux("capture-pane", "-p", "-t", name) for text in texts):
        if time.monotonic() > deadline:
            raise TimeoutError(f"none of {texts!r} in {name}")
        time.sleep(0.05)


def _cpu_over(pid: int, seconds: float) -> float:
    """% of one core the process used over `seconds` of wall time."""
    before, started = proc_cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    return (proc_cpu_seconds(pid) - before) / (time.monotonic() - started) * 100


def minimal_cpu(seconds: float, home: str) -> float:
    script = Path(home) / "minimal.py"
    script.write_text(MINIMAL_APP)
    name = f"benchmin{os.getpid()}"
    pid = _start(name, f"env TERM=xterm-256color {sys.executable} {script}")
    try:
        _wait_for(name, "New")
        time.sleep(1.0)
        return _cpu_over(pid, seconds)
    finally:
        _tmux("kill-session", "-t", name)


def werf_cpu(seconds: float, home: str, steady_cursor: bool = False,
             werf: str = str(Path(sys.executable).with_name("werf"))) -> tuple[float, float]:
    """(% paused, % running) of werf's run screen (with a steady text cursor: the setting
    `cursor_blink = false`, so the note line does not blink twice a second)."""
    config = Path(home) / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"cursor_blink = {'false' if steady_cursor else 'true'}\n")
    from tests.helpers import make_session  # noqa: PLC0415
    from werf.store import Store  # noqa: PLC0415

    db = Path(tempfile.mkdtemp(dir=home)) / "timer.db"  # a session of its own (no lease held)
    store = Store.open(db)
    store.save_session(make_session())
    store.close()
    name = f"benchtimer{os.getpid()}"
    pid = _start(name, f"env TERM=xterm-256color WERF_HOME={home} WERF_DB={db} "
                       f"PYTHONDONTWRITEBYTECODE=1 {werf} --lang en")
    try:
        _wait_for(name, "unfinished session")
        _tmux("send-keys", "-t", name, "Enter")
        _wait_for(name, "Paused", "Ready")
        time.sleep(1.0)
        paused = _cpu_over(pid, seconds)
        _tmux("send-keys", "-t", name, "F2")
        _wait_for(name, "Running")
        time.sleep(1.0)
        running = _cpu_over(pid, seconds)
        return paused, running
    finally:
        _tmux("kill-session", "-t", name)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--before", default=None,
                        help="a checkout of werf before the change, measured beside it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        minimal = minimal_cpu(args.seconds, home)
        paused, running = werf_cpu(args.seconds, home)
        steady_paused, steady_running = werf_cpu(args.seconds, home, steady_cursor=True)
        if args.before:
            old = f"env PYTHONPATH={args.before} {sys.executable} -P -m werf"
            old_paused, old_running = werf_cpu(args.seconds, home, werf=old)
    print(f"over {args.seconds:.0f} s each, % of one core (tmux 120x36)")
    print(f"minimal Textual app, idle:                {minimal:.2f} %")
    print(f"werf run screen, paused:                  {paused:.2f} %")
    print(f"werf run screen, running:                 {running:.2f} %")
    print(f"werf run screen, paused, steady cursor:   {steady_paused:.2f} %")
    print(f"werf run screen, running, steady cursor:  {steady_running:.2f} %")
    if args.before:
        print(f"before ({args.before}), paused:          {old_paused:.2f} %")
        print(f"before ({args.before}), running:         {old_running:.2f} %")


if __name__ == "__main__":
    main()
