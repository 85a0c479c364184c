"""What every part of the store shares: its error, the rows it hands out, and the attributes
the parts (mixins) of `Store` work on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from werf.i18n import UserError
from werf.models import Action
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
