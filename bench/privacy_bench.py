"""Detection time per note (median) and load time of werf.privacy, on the annotated corpus.

    python bench/privacy_bench.py
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

started = time.perf_counter()
import werf.privacy as privacy  # noqa: E402

privacy.first_names()
loaded = time.perf_counter() - started
rows = [json.loads(line)["text"] for line in
        (Path(__file__).parent.parent / "tests" / "data" / "privacy_corpus.jsonl").read_text("utf-8").splitlines()]
notes = [" ".join(rows[i:i + 5]) for i in range(0, len(rows), 5)]  # a note of about five sentences
times = []
for _ in range(20):
    for note in notes:
        begin = time.perf_counter()
        privacy.detect(note, names=["Ben", "Wil", "Roos", "Mark"])
        times.append(time.perf_counter() - begin)
print(f"import and load: {loaded * 1000:.0f} ms; detection per note: median {statistics.median(times) * 1000:.2f} ms")
