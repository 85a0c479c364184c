"""The identifier warning: what in a text points at a client, other than a person's name.

Minutes are about a case, and a hurried note can hold a client's citizen service number,
address or phone number. `find_identifiers` lets an export warn about them. It is the
detector of `werf.privacy` (the one that pseudonymisation and the export dialog use), seen
without the names of people: names are expected in plain minutes (the colleagues at the
table), so the warning is about what should never be in them — BSN, IBAN, address,
postcode, phone, e-mail, date of birth, school or institution. Which dates read as dates of
birth is decided in one place, `werf.privacy.is_birth_date`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from werf.privacy import KINDS as DETECTED
from werf.privacy import detect_identifiers, eleven_test

__all__ = ["KINDS", "Finding", "eleven_test", "find_identifiers"]

KINDS = tuple(kind for kind in DETECTED if kind not in ("name", "age"))


@dataclass(frozen=True)
class Finding:
    """One identifier found in a text: its kind, the text as written, and where it starts."""

    kind: str  # one of KINDS
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def find_identifiers(text: str, *, today: date | None = None) -> list[Finding]:
    """Every identifier in `text` other than a person's name, in reading order, each once.

    `today` (default: the real date) decides which dates are old enough to be birth dates.
    """
    return [Finding(span.kind, span.text, span.start) for span in detect_identifiers(text, today=today)]
