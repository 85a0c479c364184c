"""One thread that owns the database connection; everything else hands it work.

SQLite connections belong to the thread that made them, and the screen must never wait on
the disk. So the store is opened inside a single worker thread, every read and write is a
job for it, and callers get a `Future`. Jobs run in the order they were given, so a note is
never written before the session it belongs to.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from werf.i18n import N_, UserError

if TYPE_CHECKING:
    from werf.store.core import Store

T = TypeVar("T")
log = logging.getLogger(__name__)
# Failures that can pass: a full disk, a database locked or briefly unreachable (sqlite3's
# OperationalError), a file system error. The write waits and is tried again.
RETRY_ON: tuple[type[BaseException], ...] = (sqlite3.OperationalError, OSError)


class DatabaseMoved(UserError):
    """The database file was replaced, removed or lost its WAL under werf: werf writes no
    more to that path (it might be another team's file, or half a sync) and keeps the writes
    waiting; leaving the session puts it in an archive beside the database."""

    def __init__(self, path: Path) -> None:
        super().__init__(N_("The database file {path} was replaced or changed by something other "
                            "than werf. werf no longer writes to it; your session is kept and is "
                            "saved beside it as an archive (werf import) when you close it."),
                         path=str(path))


RETRY_ON = (*RETRY_ON, DatabaseMoved)


class WriteWaiting(Exception):
    """A write failed for a reason that can pass; it waits to be tried again."""

    def __init__(self, reason: BaseException) -> None:
        super().__init__(str(reason))
        self.reason = reason


class StoreThread:
    """Runs store jobs on one thread. Failed writes are reported to `on_error`.

    The database is opened by the first job (or `start()`), on the store thread, so the
    app can draw its first screen before sqlite-utils is even imported.
    """

    def __init__(self, path: Path | None, on_error: Callable[[BaseException], None] | None = None,
                 start: bool = True):
        self._local = threading.local()
        self._path = path
        self.on_error = on_error
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="werf-store")
        self.opened: Future[None] = Future()
        self._waiting: deque[tuple[Callable[..., Any], tuple[Any, ...]]] = deque()
        self._file: tuple[int, int] | None = None  # the database file werf opened (device, inode)
        self._wal_seen = False
        self.moved = False  # once true, never written again
        if start:
            self.start()

    def start(self) -> Future[Store | None]:
        """Open the database now (on the store thread), rather than at the first job.

        The returned future is the caller's own: cancelling it (a screen closing while it
        waits) leaves `opened` alone.
        """
        return self._executor.submit(self._ensure_open)

    def _ensure_open(self) -> Store | None:
        if self.opened.done():
            return getattr(self._local, "store", None)
        from werf.store.core import Store

        try:
            store = Store.memory() if self._path is None else Store.open(self._path)
        except BaseException as error:
            self.opened.set_exception(error)
            return None
        self._local.store = store
        self._file = self._identity()
        self.opened.set_result(None)
        return store

    def _run(self, job: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        store = self._ensure_open()
        if store is None:
            raise self.opened.exception() or RuntimeError("the database is not open")
        return job(store, *args, **kwargs)

    def call(self, job: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Run `job(store, *args, **kwargs)` on the store thread; the future holds its result."""
        return self._executor.submit(self._run, job, *args, **kwargs)

    def call_method(self, name: str, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run `store.<name>(*args, **kwargs)`: lets the first screen ask the store without
        importing it (sqlite-utils, pydantic) on the UI thread."""
        return self._executor.submit(self._run_method, name, *args, **kwargs)

    def _run_method(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return self._run(lambda store: getattr(store, name)(*args, **kwargs))

    def write(self, job: Callable[..., Any], *args: Any) -> Future[Any]:
        """Like `call`, for writes nobody waits on. A write that fails for a reason that can
        pass (a full disk, a locked or unreachable file) waits, in order, with the writes
        given after it, and is tried again before every next write and at `retry()`; nothing
        is dropped. Any failure is also reported to `on_error`."""
        future: Future[Any] = self._executor.submit(self._write, job, args)
        future.add_done_callback(self._report)
        return future

    @property
    def waiting(self) -> int:
        """How many writes wait for the database to take them (read from any thread)."""
        return len(self._waiting)

    def retry(self) -> Future[Any]:
        """Try the waiting writes again (the run screen asks twice a second while any wait)."""
        return self._executor.submit(self._drain)

    def _write(self, job: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._waiting.append((job, args))
        self._drain()

    def _identity(self) -> tuple[int, int] | None:
        if self._path is None:
            return None
        try:
            info = os.stat(self._path)
        except OSError:
            return None
        return (info.st_dev, info.st_ino)

    def _check_file(self) -> None:
        """Before a write: is the file at the path still the one werf opened, with its WAL?
        A file replaced by a copy (a sync client, a restore), removed, or a WAL deleted under
        werf would take writes meant for this session into another file, or corrupt it."""
        if self._path is None or not self.opened.done() or self.opened.exception() is not None:
            return
        wal = Path(f"{self._path}-wal")
        if self.moved or self._identity() != self._file or (self._wal_seen and not wal.exists()):
            self.moved = True
            raise DatabaseMoved(self._path)
        self._wal_seen = self._wal_seen or wal.exists()

    def _drain(self) -> None:
        """Run the waiting writes in order; stop at the first that fails again."""
        while self._waiting:
            job, args = self._waiting[0]
            try:
                self._ensure_open()
                self._check_file()
                self._run(job, *args)
            except RETRY_ON as error:
                raise WriteWaiting(error) from error
            except BaseException:
                self._waiting.popleft()  # a write that can never succeed is not retried
                raise
            self._waiting.popleft()

    def _report(self, future: Future[Any]) -> None:
        error = future.exception()
        if error is not None:
            if isinstance(error, WriteWaiting):
                error = error.reason
            log.error("a write failed: %s", type(error).__name__)
            if self.on_error is not None:
                self.on_error(error)

    def flush(self, timeout: float | None = 10.0) -> None:
        """Wait until every job given so far has run; writes that wait are tried once more
        (a write that met a briefly locked database is then in, not left waiting)."""
        self._executor.submit(self._try_waiting).result(timeout)

    def _try_waiting(self) -> None:
        try:
            self._drain()
        except WriteWaiting:
            return  # still waiting: counted on screen, tried again later
        except Exception as error:  # a waiting write that can never succeed: say so
            log.error("a write failed: %s", type(error).__name__)
            if self.on_error is not None:
                self.on_error(error)

    def close(self) -> None:
        def _close(store: Store) -> None:
            store.close()

        try:
            if self.opened.done() and not self.opened.cancelled() \
                    and self.opened.exception() is None:
                self.call(_close).result(10.0)
        finally:
            self._executor.shutdown(wait=True)
