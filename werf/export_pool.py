"""Exporting many sessions at once on the available cores.

Rendering minutes is CPU work (python-docx builds a document tree), so `export --all` hands
the sessions to a bounded pool of worker processes, one per core. Each worker opens its own
connection to the database (a connection cannot cross processes), reads and renders the
sessions it is given, and writes each file atomically, as `export_session` does. Results
come back in the order of the ids, so the output is the same as one after another; the
first error stops the export (the sessions stay safe in the database).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from werf.export import Exported, ExportError, export_session
from werf.i18n import N_

if TYPE_CHECKING:
    from werf.exchange import Audience
    from werf.protocols import ProtocolCatalog
    from werf.store import Store

IN_PROCESS_UP_TO = 4  # so few sessions are written before a pool would have started
CHUNK = 4  # sessions a worker takes at a time: few round trips, an even spread at the end
T = TypeVar("T")


@dataclass(frozen=True)
class ExportJob:
    """What every session of one export shares (sent to each worker once)."""

    fmt: str
    folder: Path
    lang: str
    pseudonymise: bool = False
    template: Path | None = None
    names: tuple[str, ...] = field(default_factory=tuple)
    protocol_dirs: tuple[Path, ...] = field(default_factory=tuple)
    audience: Audience = "team"  # whom an archive (json) is for: werf.exchange.archive_for
    by_speaker: bool = False  # minutes group a round's notes by who said them


def export_many(store: Store, catalog: ProtocolCatalog, ids: Sequence[str], job: ExportJob, *,
                workers: int | None = None,
                progress: Callable[[int, int], None] | None = None) -> Iterator[Exported]:
    """Export `ids`, yielding each result in order; `progress(done, total)` after each. Uses
    up to `workers` processes (default: the cores this process may use), or none for a
    handful of sessions or a database that lives only in memory."""
    return map_sessions(store, ids, partial(export_one, catalog=catalog, job=job),
                        _ExportTask(job), lang=job.lang, workers=workers, progress=progress)


def map_sessions(store: Store, ids: Sequence[str], here: Callable[[Store, str], T],
                 there: Callable[[Store, str], T], *, lang: str, workers: int | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 in_process_up_to: int = IN_PROCESS_UP_TO) -> Iterator[T]:
    """`here(store, id)` for each of `ids` in this process, or `there(store, id)` in a
    bounded pool of worker processes (each with its own connection to the store's file and
    the language `lang`), yielding results in the order of `ids`; `progress(done, total)`
    after each. `there` is sent to the workers, so it must pickle (a module-level function or
    a small object); it does what `here` does. The pool is used when there are more than
    `in_process_up_to` ids, more than one worker (default: the cores this process may use)
    and a database file."""
    workers = workers or _cores()
    if workers <= 1 or len(ids) <= in_process_up_to or store.path is None:
        results: Iterator[T] = (here(store, i) for i in ids)
    else:
        results = _in_pool(Path(store.path), ids, there, lang, min(workers, len(ids)))
    for done, result in enumerate(results, start=1):
        if progress is not None:
            progress(done, len(ids))
        yield result


def export_one(store: Store, session_id: str, *, catalog: ProtocolCatalog, job: ExportJob) -> Exported:
    session = store.load_session(session_id)
    if session is None:
        raise ExportError(N_("Session {id} is no longer in the database."), id=session_id)
    return export_session(session, catalog.get(session.protocol_id), job.fmt, job.folder,
                          lang=job.lang, pseudonymise=job.pseudonymise, template=job.template,
                          names=job.names, audience=job.audience, by_speaker=job.by_speaker)


@dataclass(frozen=True)
class _ExportTask:
    """`export_one` in a worker, with the protocols read there once."""

    job: ExportJob

    def __call__(self, store: Store, session_id: str) -> Exported:
        from werf.protocols import load_catalog

        global _catalog
        if _catalog is None:
            _catalog = load_catalog(list(self.job.protocol_dirs))
        return export_one(store, session_id, catalog=_catalog, job=self.job)


def _cores() -> int:
    if sys.platform == "linux":  # the cores this process may use, not all the machine has
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _in_pool(db: Path, ids: Sequence[str], task: Callable[[Store, str], T], lang: str,
             workers: int) -> Iterator[T]:
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                               initargs=(db, lang, task))
    try:
        yield from pool.map(_in_worker, ids, chunksize=CHUNK)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_worker: tuple[Store, Callable[[Store, str], Any]] | None = None
_catalog: ProtocolCatalog | None = None  # a worker's protocols, read by its first export


def _start_worker(db: Path, lang: str, task: Callable[[Store, str], Any]) -> None:
    global _worker
    from werf.i18n import set_language
    from werf.store import Store

    set_language(lang)
    _worker = (Store.open(db), task)


def _in_worker(session_id: str) -> Any:
    assert _worker is not None
    store, task = _worker
    return task(store, session_id)
