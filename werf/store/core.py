"""`Store`: the session database, built from the parts in this package, and how it is opened.

The database file is created readable by its owner only, and never on a network drive. A file that is not a werf
database, or one written by a newer werf, is refused with a clear message and left exactly
as it was; a file another werf is opening at the same moment is retried for a while.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import sqlite_utils

from werf.i18n import N_
from werf.store.base import StoreError
from werf.store.figures import FiguresMixin
from werf.store.leases import LeaseMixin
from werf.store.reads import ReadMixin
from werf.store.retention import RetentionMixin
from werf.store.schema import SchemaMixin, _create_private_file
from werf.store.search import SearchMixin
from werf.store.sync import SyncMixin
from werf.store.writes import WriteMixin

SQLITE_HEADER = b"SQLite format 3\x00"


def _check_is_sqlite(path: Path) -> None:
    """Refuse a file that is not SQLite before sqlite3 touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(N_("{path} is not a werf database (not an SQLite file)."), path=path)


def _refuse_network_drive(path: Path) -> None:
    """SQLite's WAL needs shared memory, which a network drive does not give: refuse one
    there before anything is created on it (exports to a share are fine)."""
    from werf.drives import network_filesystem

    kind = network_filesystem(path)
    if kind is not None:
        raise StoreError(N_("The database {path} is on a network drive ({kind}), where it can be "
                            "damaged: keep it on this computer (--db) and export to the share."),
                         path=path, kind=kind)


def _is_lock_error(exc: sqlite3.DatabaseError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


class Store(SchemaMixin, WriteMixin, ReadMixin, SearchMixin, RetentionMixin, FiguresMixin,
            LeaseMixin, SyncMixin):
    """The session database. Use it from one thread: the thread that opened it.

    One class, so screens can hand unbound methods such as `Store.save_note` to the store
    thread; its parts live in the modules of this package, one concern each.
    """

    def __init__(self, db: sqlite_utils.Database, path: Path | None = None) -> None:
        self.db = db
        self.path = path
        self.backup_path: Path | None = None

    # --- opening -----------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, timeout: float = 5.0) -> Store:
        """Open (creating or migrating) the database at `path`.

        Another werf starting on the same file at the same moment can hold a lock that
        SQLite's busy handler does not wait for (switching to WAL, upgrading a read lock):
        opening is then retried until `timeout`, and only after that reported as in use.
        """
        path = Path(path)
        _refuse_network_drive(path)
        _check_is_sqlite(path)
        _create_private_file(path)
        deadline = time.monotonic() + timeout
        while True:
            try:
                return cls._open_once(path, timeout)
            except sqlite3.OperationalError as exc:
                if not _is_lock_error(exc) or time.monotonic() >= deadline:
                    raise cls._open_error(path, exc) from exc
                time.sleep(0.05)
            except sqlite3.DatabaseError as exc:
                raise cls._open_error(path, exc) from exc

    @classmethod
    def _open_once(cls, path: Path, timeout: float) -> Store:
        conn = sqlite3.connect(str(path), timeout=timeout)
        try:
            db = sqlite_utils.Database(conn)
            db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            store = cls(db, path)
            store._prepare()
        except BaseException:
            conn.close()  # a clean close removes the -wal/-shm files SQLite made
            raise
        return store

    @staticmethod
    def _open_error(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
        if _is_lock_error(exc):
            return StoreError(
                N_("The database {path} is in use by another program; try again."), path=path
            )
        return StoreError(
            N_("The database {path} is damaged or unreadable: {detail}"),
            path=path,
            detail=str(exc),
        )

    @classmethod
    def memory(cls) -> Store:
        store = cls(sqlite_utils.Database(memory=True))
        store._prepare()
        return store

    def data_version(self) -> int:
        """A number that changes when another connection commits to this database (SQLite's
        PRAGMA data_version): a reader that polls, like the room display, skips reading what
        did not change."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self.db.conn.close()
