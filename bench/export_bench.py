"""How fast Word minutes are made, in process.

1. One demo session to .docx (build the content, render the bytes): the median of N runs
   after one warm-up run. Target: at most 150 ms.
   With `--network N` the session's network is replaced by N generated people spread over
   the circles (the demo's own network otherwise), and the network map alone is timed too
   (target: at most 50 ms for 20 people).
2. Many demo sessions to .docx files with a pool of worker processes (both cores by
   default); each worker writes its files into a temporary folder. Target for 1,000
   sessions: at most 60 s, from starting the pool to the last file written.

    python bench/export_bench.py [--runs 30] [--count 1000] [--workers 2] [--network N]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from werf.demo import demo_sessions  # noqa: E402
from werf.minutes import build_content, render_docx  # noqa: E402
from werf.minutes.map_picture import MapDot, render_map_png  # noqa: E402
from werf.models import Circle, NetworkMember, Session, Support  # noqa: E402
from werf.protocols import ProtocolCatalog, load_catalog  # noqa: E402

ONE_TARGET_MS = 150.0
MAP_TARGET_MS = 50.0
MANY_TARGET_S = 60.0

_catalog: ProtocolCatalog | None = None


def _start_worker() -> None:
    global _catalog
    _catalog = load_catalog()


def render_one(session: Session, catalog: ProtocolCatalog, lang: str = "nl") -> bytes:
    content = build_content(session, catalog.get(session.protocol_id), lang)
    data, _warnings = render_docx(content)
    return data


def _render_batch(sessions: list[Session], folder: str) -> int:
    """Render and write a batch of sessions; the number of bytes written."""
    assert _catalog is not None
    written = 0
    for session in sessions:
        data = render_one(session, _catalog)
        path = Path(folder) / f"{session.date.isoformat()}-{session.id[:8]}.docx"
        path.write_bytes(data)
        written += len(data)
    return written


def generated_network(size: int) -> list[NetworkMember]:
    """`size` people over the five circles, every kind of support, half of them involved."""
    circles, kinds = list(Circle), list(Support)
    return [NetworkMember(relation=f"relatie {i + 1}", circle=circles[i * 5 // max(size, 1)],
                          support=[kinds[i % 4], kinds[(i + 1) % 4]], involved=i % 2 == 0)
            for i in range(size)]


def bench_one(runs: int, network: int | None = None) -> list[float]:
    catalog = load_catalog()
    session = next(iter(demo_sessions(1)))
    if network is not None:
        session.network = generated_network(network)
    render_one(session, catalog)  # warm-up: imports, the catalog, python-docx's template
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        render_one(session, catalog)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def bench_map(runs: int, size: int) -> list[float]:
    members = generated_network(size)
    dots = [MapDot(i + 1, m.circle, m.support[0], m.involved) for i, m in enumerate(members)]
    render_map_png(dots, "nl")
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        render_map_png(dots, "nl")
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def bench_many(count: int, workers: int, batch: int = 25) -> tuple[float, int, int]:
    sessions = list(demo_sessions(count))
    batches = [sessions[i:i + batch] for i in range(0, len(sessions), batch)]
    with tempfile.TemporaryDirectory(prefix="werf-bench-") as folder:
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker) as pool:
            written = sum(pool.map(_render_batch, batches, [folder] * len(batches)))
        elapsed = time.perf_counter() - started
        files = len(os.listdir(folder))
    return elapsed, files, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--network", type=int, default=None,
                        help="people in the session's network (default: the demo's own)")
    args = parser.parse_args()

    print(f"python {platform.python_version()}, python-docx {version('python-docx')}, "
          f"{os.cpu_count()} CPUs, {platform.machine()}")
    timings = bench_one(args.runs, args.network)
    median = statistics.median(timings)
    verdict = "ok" if median <= ONE_TARGET_MS else "TOO SLOW"
    people = "the demo's network" if args.network is None else f"a network of {args.network}"
    print(f"one session ({people}) → .docx: median {median:.1f} ms of {args.runs} runs "
          f"(min {min(timings):.1f}, max {max(timings):.1f}); target ≤ {ONE_TARGET_MS:.0f} ms: {verdict}")
    if args.network is not None:
        timings = bench_map(args.runs, args.network)
        median = statistics.median(timings)
        verdict = "ok" if median <= MAP_TARGET_MS else "TOO SLOW"
        print(f"network map of {args.network} → PNG: median {median:.1f} ms of {args.runs} runs "
              f"(min {min(timings):.1f}, max {max(timings):.1f}); target ≤ {MAP_TARGET_MS:.0f} ms: {verdict}")
    if args.count <= 0:
        return

    elapsed, files, written = bench_many(args.count, args.workers)
    target = MANY_TARGET_S * args.count / 1000
    if files != args.count:
        verdict = "FILES MISSING"
    else:
        verdict = "ok" if elapsed <= target else "TOO SLOW"
    print(f"{args.count} sessions → .docx with {args.workers} workers: {elapsed:.1f} s "
          f"({elapsed / max(files, 1) * 1000:.1f} ms per file, {files} files, {written / 1e6:.1f} MB); "
          f"target ≤ {target:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
