"""Dates, times and numbers as users type and read them: one place for each rule.

The trust rule "dates typed by users are read by one parser; shown in local time; Dutch uses
the decimal comma" lives here, so that setup, the action form, the figures, the history
filters and the command line agree. No Textual: the core and the CLI use it too.

Reading (what users type):

- `parse_date` reads DD-MM-YYYY (also D-M-YYYY, with '-', '/' or '.' between the parts) and
  YYYY-MM-DD (also with '/' or '.'); spaces around are ignored. Anything else raises
  `DateError`, whose one message says how to write a date, in the user's language.
  `parse_optional_date` is the same, with empty text meaning "no date".

Showing (what users read), one way per language:

- Dutch: 24-11-2026, as dates are written in the Netherlands. English: 2026-11-24 (ISO), the
  form no English reader can take for month-day, and the one archives and `--json` use.
  Both forms are accepted by the parser in both languages, so a date shown in a field can
  be saved as it is after a language switch.
- Months: 11-2026 / 2026-11. Documents (minutes, the book of takeaways) use the long form,
  "24 november 2026" / "24 November 2026" (`long_date`).
- Moments (a `datetime`) are stored in UTC and shown in the computer's local time.
- Numbers with a decimal comma in Dutch ("4,5"), a point in English; durations as m:ss
  (minutes go past 59: a session of an hour and a half is 90:00).

Month arithmetic is exact: `add_months` keeps the day of the month and clamps it to the
length of the target month (31 January + 1 month = 28 or 29 February), so "12 months ago"
is a calendar date, not 365 days.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import UTC, date, datetime

from werf.i18n import N_, UserError, get_language, translate

DATE_MESSAGE = N_("Write the date as YYYY-MM-DD, e.g. 2026-11-24.")
DATE_PATTERN = N_("YYYY-MM-DD")  # the form dates are shown in, for placeholders and labels

MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
    N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)

_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})", re.ASCII)
_YEAR_FIRST = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})", re.ASCII)


class DateError(UserError, ValueError):
    """Text that is not a date werf can read. Its message is always `DATE_MESSAGE`."""

    def __init__(self) -> None:
        super().__init__(DATE_MESSAGE)


# --- reading -----------------------------------------------------------------------------
def parse_date(text: str) -> date:
    """The date in text as users type it: DD-MM-YYYY, D-M-YYYY or YYYY-MM-DD, with '-', '/'
    or '.' between the parts. Raises `DateError` for anything else (empty text included)."""
    text = text.strip()
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif match := _YEAR_FIRST.fullmatch(text):
        year, month, day = int(match[1]), int(match[3]), int(match[4])
    else:
        raise DateError()
    try:
        return date(year, month, day)
    except ValueError as error:  # 31-02-2026, year 0000
        raise DateError() from error


def parse_optional_date(text: str) -> date | None:
    """`parse_date`, but empty text (or only spaces) is no date: None."""
    return parse_date(text) if text.strip() else None


# --- showing dates and times ---------------------------------------------------------------
def _day(day: date | str) -> date:
    """A date, or a date as stored (ISO text, as in the database and archives)."""
    return day if isinstance(day, date) else date.fromisoformat(day)


def format_date(day: date | str, lang: str | None = None) -> str:
    """A date as users read it: 24-11-2026 in Dutch, 2026-11-24 in English. `day` may be a
    stored ISO date text; `lang` defaults to the app's language."""
    day = _day(day)
    if (lang or get_language()) == "nl":
        return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"
    return day.isoformat()


def format_month(month: date | str, lang: str | None = None) -> str:
    """A month as users read it: 11-2026 in Dutch, 2026-11 in English. `month` may be a date
    or a month key ("2026-11", see `month_key`)."""
    if isinstance(month, str):
        year, number = (int(part) for part in month.split("-")[:2])
    else:
        year, number = month.year, month.month
    if (lang or get_language()) == "nl":
        return f"{number:02d}-{year:04d}"
    return f"{year:04d}-{number:02d}"


def long_date(day: date | str, lang: str | None = None) -> str:
    """The written-out date of documents: "24 november 2026" / "24 November 2026"."""
    day = _day(day)
    lang = lang or get_language()
    return f"{day.day} {translate(MONTHS[day.month - 1], lang)} {day.year}"


def local_time(moment: datetime) -> datetime:
    """A stored moment in the computer's local time zone (naive moments are UTC, as stored)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def format_datetime(moment: datetime, lang: str | None = None) -> str:
    """A moment as users read it, in local time: 24-11-2026 14:05 / 2026-11-24 14:05."""
    local = local_time(moment)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


# --- months --------------------------------------------------------------------------------
def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), clamped to the end of a shorter
    month: 31-01-2026 + 1 → 28-02-2026, 29-02-2024 − 12 → 28-02-2023."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_start(day: date) -> date:
    """The first day of the month of `day`."""
    return day.replace(day=1)


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every month from the month of `start` up to and including the month
    of `end`; empty when `start` lies after `end`."""
    months: list[date] = []
    current, last = month_start(start), month_start(end)
    while current <= last:
        months.append(current)
        if current.year == 9999 and current.month == 12:
            break
        current = add_months(current, 1)
    return months


def month_key(day: date) -> str:
    """The month as stored and counted: "2026-11" (the first 7 characters of an ISO date)."""
    return f"{day.year:04d}-{day.month:02d}"


# --- numbers and durations -----------------------------------------------------------------
def format_decimal(number: float, digits: int | None = 1, lang: str | None = None) -> str:
    """A number with a decimal comma in Dutch: 4.5 → "4,5". `digits` decimals (one by
    default); None leaves off trailing zeros: 7.5 → "7,5", 5.0 → "5"."""
    text = f"{number:g}" if digits is None else f"{number:.{digits}f}"
    return text.replace(".", ",") if (lang or get_language()) == "nl" else text


def duration_text(seconds: float) -> str:
    """A duration as m:ss, rounded to the nearest second: 450 → "7:30", 5400 → "90:00"."""
    minutes, secs = divmod(round(abs(seconds)), 60)
    return f"{minutes}:{secs:02d}"


def countdown_text(seconds: float) -> str:
    """What a phase timer shows: m:ss left, rounded up like a kitchen timer (299.2 → "5:00");
    "+m:ss" once it runs over (seconds < 0)."""
    sign = "+" if seconds < 0 else ""
    minutes, secs = divmod(math.ceil(abs(seconds)), 60)
    return f"{sign}{minutes}:{secs:02d}"


def countdown_changes_in(seconds: float) -> float:
    """Seconds of running time until `countdown_text` of a countdown now at `seconds` shows
    something else (the next whole second passed, counting down and then up over time)."""
    if seconds > 0:
        return seconds - (math.ceil(seconds) - 1)
    return math.ceil(-seconds) + seconds  # running over: the next whole second beyond


def duration_changes_in(seconds: float) -> float:
    """Seconds until `duration_text` of a stopwatch now at `seconds` shows something else
    (it rounds, so the next half second passed)."""
    if seconds + 0.5 == math.floor(seconds + 0.5) and round(seconds) < seconds:
        return 0.0  # exactly on a half that `round` took down to the even second: next it is up
    return math.floor(seconds + 0.5) + 0.5 - seconds
