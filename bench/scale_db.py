"""Large databases for the benchmarks (not committed): 10,000 generated sessions with some
200,000 notes (bench/history_bench.py's generator), and 50,000 as five copies of those with
new ids, made in SQL with the search index built once at the end.

Each also gets one note holding NEEDLE in its newest session, so a search for a rare word
can be timed at every size (the demo database in bench/cli_bench.py gets it too).

    python bench/scale_db.py /tmp/s10k.db --sessions 10000
    python bench/scale_db.py /tmp/s50k.db --copies 5 --of /tmp/s10k.db
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

NEEDLE = "speldeprik"
COPIED = ("sessions", "participants", "phases", "notes", "actions", "network_members",
          "session_themes")


def add_needle(db: Path) -> None:
    """One note with NEEDLE in the newest session (indexed by the store's own triggers)."""
    from werf.models import Note, RecordKind
    from werf.store import Store

    store = Store.open(db)
    newest = store.list_sessions(limit=1)[0]
    store.save_note(newest.id, Note(phase_index=0, kind=RecordKind.NOTE,
                                    text=f"Een {NEEDLE} in de hooiberg"))
    store.close()


def copies(source: Path, target: Path, count: int) -> None:
    """`target`: `source` and count - 1 copies of its sessions under new ids."""
    from werf.store import rebuild_search
    from werf.store.core import Store

    shutil.copyfile(source, target)
    conn = sqlite3.connect(target)
    conn.execute("DELETE FROM notes WHERE text LIKE ?", [f"%{NEEDLE}%"])
    columns = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in COPIED}
    ids = [r[0] for r in conn.execute("SELECT id FROM sessions")]
    with conn:
        for copy in range(1, count):
            suffix = f"-{copy}"
            conn.executemany("INSERT INTO search_deferred VALUES (?)", [(i + suffix,) for i in ids])
            for table in COPIED:
                names = columns[table]
                shown = [f"{n} || '{suffix}'" if n in ("id", "session_id") else n for n in names]
                conn.execute(f"INSERT INTO {table} ({', '.join(names)}) "
                             f"SELECT {', '.join(shown)} FROM {table} WHERE "
                             f"{'id' if table == 'sessions' else 'session_id'} NOT LIKE '%-%-%-%-%-%'")
            conn.execute("DELETE FROM search_deferred")
    conn.close()
    store = Store.open(target)
    with store.db.conn:
        rebuild_search(store.db)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--copies", type=int, default=0)
    parser.add_argument("--of", type=Path, default=None)
    args = parser.parse_args()
    started = time.perf_counter()
    if args.copies:
        copies(args.of, args.out, args.copies)
    else:
        from history_bench import build

        build(args.out, args.sessions)
    add_needle(args.out)
    count = sqlite3.connect(args.out).execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    print(f"{args.out}: {count} sessions in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
