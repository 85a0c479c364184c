"""Rendering one session's minutes (.docx) with the tables built cell by cell (the reference
kept in tests/test_docx_tables.py) and from one prepared row (werf now), side by side in one
process: median CPU milliseconds of `--runs` renders, a demo session with a network of N.

    python bench/docx_tables_bench.py [--runs 15] [--network 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from export_bench import generated_network  # noqa: E402

from tests.test_docx_tables import _sessions, _table_cell_by_cell  # noqa: E402
from werf.minutes import build_content, docx_writer, render_docx  # noqa: E402
from werf.protocols import load_catalog  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--network", type=int, default=20)
    args = parser.parse_args()
    session = _sessions()[0]
    session.network = generated_network(args.network)
    content = build_content(session, load_catalog().get(session.protocol_id), "nl")
    prepared = docx_writer._table

    def median_ms(table_builder) -> float:  # type: ignore[no-untyped-def]
        docx_writer._table = table_builder
        times = []
        for _ in range(args.runs):
            started = time.process_time()
            render_docx(content)
            times.append(time.process_time() - started)
        return statistics.median(times) * 1000

    median_ms(prepared)  # warm-up
    before, after = median_ms(_table_cell_by_cell), median_ms(prepared)
    print(f"one session, network of {args.network}, median CPU of {args.runs}: "
          f"cell by cell {before:.1f} ms, prepared row {after:.1f} ms, ratio {after / before:.2f}")


if __name__ == "__main__":
    main()
