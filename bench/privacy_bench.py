"""Identifier detection and pseudonymised export, on the annotated corpus (issue 13).

1. Loading the detector: `import werf.privacy` and reading its name list, in fresh Python
   processes: the first after the files were touched (a cold cache is not something a
   script can force; the first run after install is the closest) and the median of later ones.
2. Detection per note (about five corpus sentences, colleagues Ben, Wil, Roos and Mark
   given): the median over 20 passes.
3. A 10-page pseudonymised Word export (`werf.export.export_session`, file written), once
   the detector is loaded: the median of N runs after one warm-up. Goal: at most 300 ms.
   The session holds the demo session's people and the corpus sentences as notes until its
   case content reaches 4,500 words (about 450 words a page of minutes).
   The pseudonymisation alone (`pseudonymise_session`) is timed too.

    python bench/privacy_bench.py [--runs 10] [--loads 5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "data" / "privacy_corpus.jsonl"
EXPORT_GOAL_MS = 300.0
WORDS = 4500  # about ten pages of minutes

LOAD = ("import time; t = time.perf_counter(); import werf.privacy as p; p.first_names(); "
        "print(time.perf_counter() - t)")


def load_times(count: int) -> list[float]:
    return [float(subprocess.run([sys.executable, "-c", LOAD], cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout) for _ in range(count)]


def sentences() -> list[str]:
    return [json.loads(line)["text"] for line in CORPUS.read_text("utf-8").splitlines()]


def ten_page_session():  # type: ignore[no-untyped-def]
    from werf.demo import demo_sessions
    from werf.models import Note, RecordKind

    session = next(iter(demo_sessions(1, today=date(2026, 11, 24))))
    rows = sentences()
    notes, words, i = [], 0, 0
    while words < WORDS:
        text = " ".join(rows[(i * 3 + k) % len(rows)] for k in range(3))
        notes.append(Note(phase_index=i % 4, text=text, kind=RecordKind.NOTE))
        words += len(text.split())
        i += 1
    session.notes = notes
    session.sensitive_names = []
    return session, words


def median_ms(job, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median wall-clock and CPU milliseconds of `job` (CPU time: what the figure would be on
    an idle machine; the shared machine's load stretches the wall clock)."""
    job()  # warm-up
    wall, cpu = [], []
    for _ in range(runs):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        job()
        wall.append(time.perf_counter() - begin)
        cpu.append(time.process_time() - begin_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args()

    loads = load_times(args.loads)
    print(f"load (import + name list): first {loads[0] * 1000:.0f} ms, "
          f"later median {statistics.median(loads[1:]) * 1000:.0f} ms ({args.loads - 1} runs)")

    import werf.privacy as privacy

    rows = sentences()
    notes = [" ".join(rows[i:i + 5]) for i in range(0, len(rows), 5)]  # a note of about five sentences
    times = []
    for _ in range(20):
        for note in notes:
            begin = time.perf_counter()
            privacy.detect(note, names=["Ben", "Wil", "Roos", "Mark"])
            times.append(time.perf_counter() - begin)
    print(f"detection per note (5 sentences): median {statistics.median(times) * 1000:.2f} ms")

    from werf.export import export_session
    from werf.minutes import pseudonymise_session
    from werf.protocols import load_catalog

    session, words = ten_page_session()
    protocol = load_catalog().get(session.protocol_id)
    with tempfile.TemporaryDirectory() as folder:
        def export() -> None:
            export_session(session, protocol, "docx", Path(folder), lang="nl", pseudonymise=True)

        export_ms, export_cpu = median_ms(export, args.runs)
        size = max(p.stat().st_size for p in Path(folder).iterdir())
    pseudo_ms, pseudo_cpu = median_ms(lambda: pseudonymise_session(session, "nl"), args.runs)
    verdict = "within" if export_cpu <= EXPORT_GOAL_MS else "OVER"
    print(f"10-page pseudonymised .docx export ({len(session.notes)} notes, {words} words, {size // 1024} KB): "
          f"median {export_ms:.0f} ms wall, {export_cpu:.0f} ms CPU ({verdict} the {EXPORT_GOAL_MS:.0f} ms goal); "
          f"of which pseudonymising {pseudo_ms:.0f} ms wall, {pseudo_cpu:.0f} ms CPU")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
