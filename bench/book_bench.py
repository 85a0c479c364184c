"""The book of takeaways at scale: reading the sessions (in process against a pool of worker
processes) and rendering the Word book (entries built aside and moved in, against built in
place as before issue 16), side by side, interleaved, on one database (bench/scale_db.py).

    python bench/book_bench.py --db /tmp/s1k.db [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werf.minutes import book_docx  # noqa: E402
from werf.minutes.book import render_book_docx  # noqa: E402
from werf.protocols import load_catalog  # noqa: E402
from werf.store import Store  # noqa: E402
from werf.takeaways import build_book  # noqa: E402


class Direct:
    """Built straight into the document, as before (python-docx searches the whole body for
    its section properties at every paragraph and table)."""

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        self.sections = doc.sections

    def add_paragraph(self, text: str = "", style: Any = None) -> Any:
        return self._doc.add_paragraph(text, style)

    def add_table(self, rows: int, cols: int) -> Any:
        return self._doc.add_table(rows, cols)

    def move_into_document(self) -> None:
        pass


def timed(job: Any) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = job()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--lang", default="nl")
    args = parser.parse_args()
    store, catalog = Store.open(Path(args.db)), load_catalog()
    today = date(2026, 12, 1)
    figures: dict[str, list[float]] = {}
    scratch = book_docx._Scratch
    book = None
    for _ in range(args.runs):
        for name, workers in (("read, in process", 1), (f"read, {args.workers} workers", args.workers)):
            wall, _cpu, book = timed(lambda w=workers: build_book(  # type: ignore[misc]
                store, lang=args.lang, catalog=catalog, workers=w))
            figures.setdefault(name + " (wall s)", []).append(wall)
        for name, maker in (("render .docx, built aside", scratch), ("render .docx, in place (before)", Direct)):
            book_docx._Scratch = maker  # type: ignore[misc,assignment]
            wall, cpu, _data = timed(lambda: render_book_docx(book, today))
            figures.setdefault(name + " (CPU s)", []).append(cpu)
        book_docx._Scratch = scratch  # type: ignore[misc]
    assert book is not None
    print(f"{args.db}: book of every theme, {len(book.entries)} entries of "
          f"{len({e.session_id for e in book.entries})} sessions; median of {args.runs}")
    for name, values in figures.items():
        print(f"  {name:<44} {statistics.median(values):7.2f}  ({', '.join(f'{v:.2f}' for v in values)})")


if __name__ == "__main__":
    main()
