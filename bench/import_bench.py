"""How import grows with the size of a session and with the number of archives.

1. One archive of one session with N notes (N = 250, 500, 1,000, 2,000 by default),
   imported into an empty database file: the median of `--runs` runs, each into a fresh
   file. Import should be linear in the notes: the growth 250 → 2,000 should be near 8×
   (a search index rebuilt per note made it quadratic, near 64×).
2. A folder of 1,000 small archives (one demo session each, fresh ids) into an empty
   database file, and the same folder again (every archive already present).

    python bench/import_bench.py [--sizes 250,500,1000,2000] [--count 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from werf.demo import demo_sessions  # noqa: E402
from werf.exchange import archive_bytes, archive_session, import_archives  # noqa: E402
from werf.models import Note, Session, new_id  # noqa: E402
from werf.store import Store  # noqa: E402

WORDS = ("de bewoner wil graag weer zelf boodschappen doen maar durft niet alleen naar buiten "
         "sinds de val in maart zijn dochter komt twee keer per week").split()


def fresh_copy(session: Session) -> Session:
    """The session with new ids for itself and every record (as another session would have)."""
    copy = session.model_copy(deep=True)
    copy.id = new_id()
    members = {member.id: new_id() for member in copy.network}
    for member in copy.network:
        member.id = members[member.id]
    for record in (*copy.participants, *copy.notes, *copy.actions):
        record.id = new_id()
    for action in copy.actions:
        action.network_member_id = members.get(action.network_member_id or "")
    people = {turn.participant_id for phase in copy.phases for turn in phase.turns}
    if people:
        copy.phases = [phase.model_copy(update={"turns": []}) for phase in copy.phases]
    return copy


def big_session(base: Session, notes: int) -> Session:
    session = fresh_copy(base)
    start = session.created_at
    session.notes = [
        Note(phase_index=i % max(1, len(session.phases)),
             text=" ".join(WORDS[(i + k) % len(WORDS)] for k in range(18)) + f" ({i})",
             created_at=start + timedelta(seconds=i), updated_at=start + timedelta(seconds=i))
        for i in range(notes)
    ]
    return session


def timed_import(folder: Path, paths: list[Path]) -> tuple[float, float]:
    """Seconds to import `paths` into a new database in `folder`, then to import them again."""
    store = Store.open(folder / f"bench-{new_id()}.db")
    try:
        began = time.perf_counter()
        report = import_archives(store, paths)
        first = time.perf_counter() - began
        assert not report.problems and len(report.added) == len(paths), report.lines()[:3]
        began = time.perf_counter()
        again = import_archives(store, paths)
        second = time.perf_counter() - began
        assert len(again.unchanged) == len(paths)
    finally:
        store.close()
    return first, second


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="250,500,1000,2000")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    base = next(iter(demo_sessions(1)))
    print(f"python {platform.python_version()} on {platform.machine()}, {args.runs} runs each")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results: dict[int, float] = {}
        for size in sizes:
            path = folder / f"session-{size}.json"
            path.write_bytes(archive_bytes(archive_session(big_session(base, size), None)))
            times = [timed_import(folder, [path])[0] for _run in range(args.runs)]
            results[size] = statistics.median(times)
            print(f"one session, {size:>5} notes: median {results[size]:.3f} s "
                  f"({1000 * results[size] / size:.2f} ms per note; min {min(times):.3f} s)")
        if len(sizes) > 1:
            low, high = sizes[0], sizes[-1]
            print(f"growth {low} -> {high} notes: {results[high] / results[low]:.1f}x "
                  f"(notes {high / low:.0f}x; linear {high / low:.0f}x, quadratic {(high / low) ** 2:.0f}x)")
        if args.count:
            many = folder / "many"
            many.mkdir()
            bases = list(demo_sessions(6))
            paths = []
            for index in range(args.count):
                session = fresh_copy(bases[index % len(bases)])
                path = many / f"{session.id}.json"
                path.write_bytes(archive_bytes(archive_session(session, None)))
                paths.append(path)
            first, second = timed_import(folder, paths)
            print(f"{args.count} small archives: {first:.2f} s ({1000 * first / args.count:.1f} ms "
                  f"each); again (all present): {second:.2f} s")


if __name__ == "__main__":
    main()
