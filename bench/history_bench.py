"""The coordinator at scale: 10,000 sessions, about 200,000 notes.

Measures, in process:
- the history screen: time from opening it to its first rows (Pilot, headless, 120x36);
- full-text search: 20 typical queries, median and 95th percentile;
- the history filtered by one theme, and the team's book of takeaways for one theme
  (a third of all sessions) and for every theme;
- peak resident memory of the process with the app and the history open.

    python bench/history_bench.py [--sessions 10000] [--db bench/out/history.db]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werf.demo import demo_sessions  # noqa: E402
from werf.models import Note, RecordKind  # noqa: E402
from werf.store import Store  # noqa: E402

WORDS = ("buurvrouw dochter huisarts schulden eenzaam mantelzorg netwerk buurtkamer wijkagent "
         "school voetbal kerk moskee vrijwilliger budgetcoach woningcorporatie thuiszorg "
         "zorgen geld huur werk taal vertrouwen afspraak bezoek bellen koken wandelen").split()
QUERIES = ["buurvrouw", "schuld", "huisarts bellen", "mantelzorg", "eenzaam", "dochter",
           "netwerk kaart", "buurtkamer", "budgetcoach", "woningcorporatie", "voetbaltrainer",
           "vertrouwen", "kookavond", "respijtzorg", "wijkagent", "taal", "thuiszorg",
           "afspraak", "kerk", "grenzen"]


def build(db: Path, count: int, notes_per_session: int = 20) -> None:
    rng = random.Random(1)
    store = Store.open(db)
    started = time.perf_counter()
    with store.db.conn:  # one transaction for the whole fill
        for session in demo_sessions(count, today=date(2026, 11, 24)):
            while len(session.notes) < notes_per_session:
                text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16)))
                session.notes.append(Note(phase_index=rng.randrange(len(session.phases)),
                                          kind=RecordKind.NOTE, text=text))
            store._write_header(session)
            for position, p in enumerate(session.participants):
                store.db.table("participants").upsert(
                    {"id": p.id, "session_id": session.id, "position": position, "name": p.name,
                     "roles": "[]"}, pk="id", alter=False)
            store._write_phases(session)
            store._write_network(session.id, session.network)
            store._write_themes(session.id, session.themes)
            for note in session.notes:
                store._write_note(session.id, note)
            for action in session.actions:
                store._write_action(session.id, action)
    notes = store.db.execute("SELECT COUNT(*) FROM notes").fetchone()[0]
    print(f"built {count} sessions, {notes} notes in {time.perf_counter() - started:.1f} s")
    store.close()


def search_times(db: Path) -> list[float]:
    store = Store.open(db)
    times = []
    for query in QUERIES:
        started = time.perf_counter()
        found = store.list_sessions(search=query, limit=500)
        times.append((time.perf_counter() - started) * 1000)
        del found
    store.close()
    return times


def theme_times(db: Path) -> tuple[float, float, float, int]:
    """History filtered by a theme; the book for that theme and for all themes (ms)."""
    from werf.protocols import load_catalog
    from werf.takeaways import build_book

    store = Store.open(db)
    catalog = load_catalog()
    started = time.perf_counter()
    store.list_sessions(theme="eenzaamheid", limit=250)
    listed = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    book = build_book(store, lang="nl", theme="eenzaamheid", catalog=catalog)
    one = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    build_book(store, lang="nl", catalog=catalog)
    every = (time.perf_counter() - started) * 1000
    store.close()
    return listed, one, every, len(book.entries)


async def history_first_rows(db: Path) -> float:
    from textual.widgets import DataTable

    from werf.app import build_app
    from werf.screens.history import HistoryScreen

    app = build_app(db, bell=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        started = time.perf_counter()
        await app.push_screen(HistoryScreen())
        while True:
            await asyncio.sleep(0.002)
            screen = app.screen
            if isinstance(screen, HistoryScreen) and screen.query_one(DataTable).row_count:
                return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "history.db")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if not args.db.exists():
        build(args.db, args.sessions)
    times = search_times(args.db)
    times.sort()
    p95 = times[int(round(0.95 * (len(times) - 1)))]
    print(f"search, {len(QUERIES)} queries: median {statistics.median(times):.1f} ms, "
          f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms")
    listed, one, every, entries = theme_times(args.db)
    print(f"history filtered by theme: {listed:.1f} ms; book of one theme ({entries} sessions): "
          f"{one:.0f} ms; book of every theme: {every:.0f} ms")
    first = [asyncio.run(history_first_rows(args.db)) for _ in range(3)]
    print(f"history screen first rows: median {statistics.median(first):.0f} ms "
          f"({', '.join(f'{t:.0f}' for t in first)})")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
