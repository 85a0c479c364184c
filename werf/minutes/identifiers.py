"""Find personal identifiers in free text: BSN, date of birth, e-mail address, phone number.

Minutes are about a case, and a hurried note can hold a client's citizen service number or
phone number. These finders let an export warn (and a pseudonymised export mask them).
They look for Dutch formats and err on the side of precision: a finding should be worth a
second look.

The rules:

- BSN: nine digits, written together or grouped as 1234.56.782 / 123 456 782, that pass
  the eleven-test (9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11, not all zeros).
- Date of birth: a valid date written as 12-03-1987, 12/03/1987, 12.03.1987, 1987-03-12,
  "12 maart 1987", "12 mrt. 1987", "12 March 1987" or "March 12, 1987", whose year is 1900
  or later and which lies at least 16 years before today. Meeting and due dates in minutes
  are recent or in the future, so they are not flagged; a younger client's birth date is
  flagged only when a birth word ("geboren", "geb.", "geboortedatum", "born", "DOB", …)
  comes shortly before it.
- E-mail: name@domain.tld.
- Phone: Dutch numbers of ten digits starting with 0 (06-12345678, 0612345678,
  020-1234567, 010 123 4567, (020) 123 4567) or +31 / 0031 followed by nine digits
  (+31 6 1234 5678, +31 (0)20 123 4567), with single spaces or hyphens between groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from werf.dates import add_months
from werf.privacy import _is_dutch_phone, eleven_test  # one BSN and phone rule: the detector's

KINDS = ("bsn", "birth_date", "email", "phone")

MINIMUM_AGE_YEARS = 16
EARLIEST_YEAR = 1900

_MONTHS = {
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "mrt": 3, "okt": 10,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10,
    # abbreviations shared by both
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_BSN = re.compile(r"(?<![\d.,])(?:\d{9}|\d{4}([. ])\d{2}\1\d{3}|\d{3}([. ])\d{3}\2\d{3})(?![\d]|[.,]\d)")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[ -]?(?:\(0\)[ -]?)?|\(0|0)\d(?:[ ()-]{0,2}\d){7,9}(?!\d)"
)
_NUMERIC_DATE = re.compile(r"(?<![\d.,/-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?![\d]|[.,/-]\d)")
_ISO_DATE = re.compile(r"(?<![\d.,/-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d]|[.,/-]\d)")
_DAY_MONTH_YEAR = re.compile(rf"(?<![\w.])(\d{{1,2}})\.?\s+({_MONTH})\s+(\d{{4}})(?!\d)", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"(?<![\w.])({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)", re.IGNORECASE)
_BIRTH_WORDS = re.compile(
    r"(?:geboren|geb\.|geboortedatum|geboortedag|born|birth|dob|d\.o\.b\.)\W{0,12}(?:op\s+|on\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """One identifier found in a text: its kind, the text as written, and where it starts."""

    kind: str  # one of KINDS
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _is_birth_date(day: int, month: int, year: int, text: str, start: int, today: date) -> bool:
    try:
        when = date(year, month, day)
    except ValueError:
        return False
    if year < EARLIEST_YEAR or when > today:
        return False
    if when <= add_months(today, -12 * MINIMUM_AGE_YEARS):
        return True
    return bool(_BIRTH_WORDS.search(text[max(0, start - 40):start]))


def _dates(text: str, today: date) -> list[Finding]:
    found: list[Finding] = []
    for match in _NUMERIC_DATE.finditer(text):
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if _is_birth_date(day, month, year, text, match.start(), today):
            found.append(Finding("birth_date", match.group(), match.start()))
    for match in _ISO_DATE.finditer(text):
        year, month, day = (int(match.group(i)) for i in (1, 2, 3))
        if _is_birth_date(day, month, year, text, match.start(), today):
            found.append(Finding("birth_date", match.group(), match.start()))
    for match in _DAY_MONTH_YEAR.finditer(text):
        month = _MONTHS[match.group(2).lower().rstrip(".")]
        if _is_birth_date(int(match.group(1)), month, int(match.group(3)), text, match.start(), today):
            found.append(Finding("birth_date", match.group(), match.start()))
    for match in _MONTH_DAY_YEAR.finditer(text):
        month = _MONTHS[match.group(1).lower().rstrip(".")]
        if _is_birth_date(int(match.group(2)), month, int(match.group(3)), text, match.start(), today):
            found.append(Finding("birth_date", match.group(), match.start()))
    return found


def find_identifiers(text: str, *, today: date | None = None) -> list[Finding]:
    """Every identifier in `text`, in reading order; overlapping findings are reported once.

    `today` (default: the real date) decides which dates are old enough to be birth dates.
    """
    today = today or date.today()
    candidates: list[Finding] = []
    candidates += [Finding("email", m.group(), m.start()) for m in _EMAIL.finditer(text)]
    candidates += _dates(text, today)
    candidates += [
        Finding("bsn", m.group(), m.start())
        for m in _BSN.finditer(text)
        if eleven_test(re.sub(r"\D", "", m.group()))
    ]
    candidates += [Finding("phone", m.group(), m.start()) for m in _PHONE.finditer(text) if _is_dutch_phone(m.group())]
    # Earlier first; at the same place the longer one; drop findings inside an earlier one.
    candidates.sort(key=lambda f: (f.start, -len(f.text)))
    findings: list[Finding] = []
    for finding in candidates:
        if findings and finding.start < findings[-1].end:
            continue
        findings.append(finding)
    return findings
