"""What every part of the store shares: its error, the rows it hands out, and the attributes
the parts (mixins) of `Store` work on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from werf.i18n import UserError
from werf.models import Action, Revision
from werf.store.peek import SessionSummary as SessionSummary  # the session list's row


class StoreError(UserError):
    """A database problem, with a message in the user's language."""


@dataclass(frozen=True)
class OpenAction:
    """An action point that is not done yet, with the session it came from."""

    action: Action
    session_id: str
    session_date: str
    team: str


class StoreBase:
    """The attributes `Store` sets up in `__init__`; each mixin works on these only."""

    db: sqlite_utils.Database
    path: Path | None
    backup_path: Path | None

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One write transaction: all of it or nothing. It takes the write lock at its start
        (BEGIN IMMEDIATE), waiting for another werf on the same file as long as the busy
        timeout allows: a transaction that read first and wrote later would instead fail at
        once if the other wrote in between ("database is locked", which SQLite does not
        retry). Nested, it is a savepoint of the outer one."""
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _stamp(self, session_id: str, revision: Revision | None) -> None:
        """Write the revision the recorder gave a correction (never lowering it), with its
        time. The recorder alone decides when there is one (`werf.recorder`)."""
        if revision is not None:
            self.db.execute(
                "UPDATE sessions SET revision = MAX(revision, ?), updated_at = ? WHERE id = ?",
                [revision.number, revision.at.isoformat(), session_id],
            )
