"""What every part of the store shares: its error, the rows it hands out, and the attributes
the parts (mixins) of `Store` work on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from werf.i18n import UserError
from werf.models import Action


class StoreError(UserError):
    """A database problem, with a message in the user's language."""


@dataclass(frozen=True)
class SessionSummary:
    """One line of the session list."""

    id: str
    date: str
    team: str
    protocol_id: str
    case_title: str
    facilitator: str
    status: str
    open_actions: int


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

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, list(params))
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
