"""The figures per team and month (issue 15): marks, the team's pulse and attendance per
member, as the data grows. Adds a pulse (4 answers) to every 4th session and marks from the
colleagues present to every session where there are none, then times, median of `--runs`:

- `compute_stats`, all teams, all time (what `werf stats --json` and the figures screen ask);
- the three queries the per-month figures added (sessions per team and month, attendance per
  team, month and name, the pulse's sums per team, month and statement), on their own.

    python bench/scale_db.py /tmp/s2k.db --sessions 2000
    python bench/scale_db.py /tmp/s10k.db --copies 5 --of /tmp/s2k.db
    python bench/pulse_figures_bench.py --small /tmp/s2k.db --large /tmp/s10k.db [--runs 5]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale_bench import median_ms  # noqa: E402
from werf.stats import compute_stats  # noqa: E402
from werf.store import Store  # noqa: E402

TODAY = date(2026, 11, 24)


def add_marks_and_pulses(store: Store) -> None:
    """Once per database: marks of the colleagues present, a pulse every 4th session."""
    db = store.db
    if db.execute("SELECT COUNT(*) FROM pulses").fetchone()[0]:
        return
    with store.atomic():
        db.execute("INSERT OR IGNORE INTO closing_marks (session_id, participant_id, position, "
                   "mark) SELECT session_id, id, position, 5 + abs(random()) % 5 FROM participants "
                   "WHERE attendance = 'present'")
        db.execute("INSERT INTO pulses (session_id, instrument, respondents) SELECT id, "
                   "'edmondson1999', 4 FROM sessions WHERE rowid % 4 = 0")
        for item in range(1, 8):
            db.execute("INSERT INTO pulse_totals (session_id, item, total) SELECT session_id, ?, "
                       "4 + abs(random()) % 25 FROM pulses", [item])


def measure(path: str, runs: int) -> dict[str, float]:
    store = Store.open(Path(path))
    add_marks_and_pulses(store)
    sel = "WITH sel AS (SELECT id, team, date, protocol_id, facilitator, status FROM sessions) "
    queries = [
        sel + "SELECT team, substr(date, 1, 7) AS m, COUNT(*) FROM sel GROUP BY team, m",
        sel + "SELECT sel.team, substr(sel.date, 1, 7) AS m, trim(p.name), "
        "SUM(p.attendance = 'present'), SUM(p.attendance = 'absent'), "
        "SUM(p.attendance = 'apologies') FROM participants p JOIN sel ON sel.id = p.session_id "
        "WHERE trim(p.name) != '' GROUP BY sel.team, m, trim(p.name) ORDER BY sel.team, m",
    ]

    def added() -> None:
        for sql in queries:
            store.db.execute(sql).fetchall()
        store.pulse_rows(sel, [])

    found = {
        "compute_stats, all teams": median_ms(lambda: compute_stats(store, today=TODAY), runs),
        "the three per-month queries": median_ms(added, runs),
        "sessions": float(store.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]),
    }
    store.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", required=True)
    parser.add_argument("--large", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    small, large = measure(args.small, args.runs), measure(args.large, args.runs)
    scale = large["sessions"] / small["sessions"]
    print(f"{int(small['sessions'])} against {int(large['sessions'])} sessions "
          f"({scale:.1f}x), median ms of {args.runs}:")
    for what in ("compute_stats, all teams", "the three per-month queries"):
        print(f"  {what}: {small[what]:.1f} / {large[what]:.1f} "
              f"(ratio {large[what] / small[what]:.2f})")


if __name__ == "__main__":
    main()
