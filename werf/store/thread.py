"""One thread that owns the database connection; everything else hands it work.

SQLite connections belong to the thread that made them, and the screen must never wait on
the disk. So the store is opened inside a single worker thread, every read and write is a
job for it, and callers get a `Future`. Jobs run in the order they were given, so a note is
never written before the session it belongs to.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from werf.store.core import Store

T = TypeVar("T")
log = logging.getLogger(__name__)


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
        """Like `call`, for writes nobody waits on: a failure goes to `on_error`."""
        future = self.call(job, *args)
        future.add_done_callback(self._report)
        return future

    def _report(self, future: Future[Any]) -> None:
        error = future.exception()
        if error is not None:
            log.error("a write failed: %s", type(error).__name__)
            if self.on_error is not None:
                self.on_error(error)

    def flush(self, timeout: float | None = 10.0) -> None:
        """Wait until every job given so far has run."""
        self.call(lambda store: None).result(timeout)

    def close(self) -> None:
        def _close(store: Store) -> None:
            store.close()

        try:
            if self.opened.done() and not self.opened.cancelled() \
                    and self.opened.exception() is None:
                self.call(_close).result(10.0)
        finally:
            self._executor.shutdown(wait=True)
