"""The garbage collector in a long-running werf: what lives all session is not scanned again.

A terminal app allocates a great many short-lived objects for every frame it draws (strips,
segments, styles), and Python's default collector answers with a collection every 700 new
objects and, every so often, a full collection that walks every object alive: the modules,
Textual's widgets and stylesheets, the catalog, the protocols — some 190,000 objects, of
which nearly all live as long as the program. Measured on the run screen (bench/gc_bench.py),
those collections took about a quarter of the CPU of typing notes and moving between phases.

So once werf has loaded, it collects once, freezes what is alive then (it stays alive anyway:
`gc.freeze` only takes it out of later scans), and lets the youngest generation grow to
10,000 objects before a collection. Reference cycles are still collected, just less often;
the memory this costs is a few megabytes. The CLI does this before the first frame, and the
test suite does it in each of its processes, so that the tests run werf as people run it.
"""

from __future__ import annotations

import gc

YOUNGEST = 10_000  # objects allocated before a collection of the youngest generation (was 700)


def settle_after_start() -> None:
    """Freeze what is alive now and collect the youngest generation less often. Call once,
    when the program has loaded what it keeps for the whole run."""
    gc.collect()
    gc.freeze()
    _youngest, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNGEST, middle, oldest)
