"""How a sync with the shared folder grows with the number of sessions in it.

Laptop A publishes N finished demo sessions to an empty folder; laptop B's first sync
receives them all; B's second sync finds nothing new (the steady state: what every start
and every S costs); after A corrects one note, B's sync merges that one session. The medians
of `--runs` runs, each in fresh folders.

    python bench/sync_bench.py [--sizes 100,400] [--runs 3]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from werf.demo import demo_sessions  # noqa: E402
from werf.recorder import Recorder, direct_sink  # noqa: E402
from werf.shared_folder import sync  # noqa: E402
from werf.store import Store  # noqa: E402


def one_run(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        share = root / "share"
        share.mkdir()
        a, b = Store.open(root / "a.db"), Store.open(root / "b.db")
        sessions = list(demo_sessions(count))
        for session in sessions:
            a.save_session(session)
        figures = {}
        started = time.perf_counter()
        sync(a, share)
        figures["publish all (A)"] = time.perf_counter() - started
        started = time.perf_counter()
        received = sync(b, share).received
        figures["first sync (B)"] = time.perf_counter() - started
        assert len(received) == count, len(received)
        started = time.perf_counter()
        assert not sync(b, share).published
        figures["nothing new (B)"] = time.perf_counter() - started
        target = next(s for s in sessions if s.notes)
        loaded = a.load_session(target.id)
        assert loaded is not None
        Recorder(loaded, direct_sink(a)).correct_note(loaded.notes[0].id, "gecorrigeerd")
        sync(a, share, only=target.id)
        started = time.perf_counter()
        assert sync(b, share).changed == [target.id]
        figures["one corrected (B)"] = time.perf_counter() - started
        a.close()
        b.close()
        return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,400")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"# {platform.machine()} {platform.python_version()}, runs: {args.runs}")
    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        runs = [one_run(size) for _ in range(args.runs)]
        results[size] = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    keys = list(results[sizes[0]])
    print("| sessions | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for size in sizes:
        print(f"| {size} | " + " | ".join(f"{results[size][k]:.2f} s" for k in keys) + " |")
    if len(sizes) > 1:
        low, high = sizes[0], sizes[-1]
        print(f"growth {low} → {high} ({high / low:.0f}× the sessions): " + ", ".join(
            f"{k} {results[high][k] / results[low][k]:.1f}×" for k in keys))


if __name__ == "__main__":
    main()
