"""CSV for spreadsheets: semicolon-separated, UTF-8 with a byte-order mark, so Dutch Excel
(whose list separator is ';' and which reads a file without BOM as ANSI) opens it right.
Numbers with a fraction use the decimal comma in Dutch; dates are YYYY-MM-DD, which every
spreadsheet reads as a date."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from werf.dates import format_decimal

BOM = "\ufeff"


def cell(value: object, lang: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return format_decimal(value, 1, lang)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], lang: str | None = None) -> str:
    """The whole CSV document, BOM first; line ends \\r\\n as spreadsheets expect."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value, lang) for value in row])
    return BOM + out.getvalue()
