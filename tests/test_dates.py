"""werf.dates: the one date parser, exact month arithmetic, and how dates, times and numbers
are shown in each language."""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from werf.dates import (
    DATE_MESSAGE,
    DateError,
    add_months,
    countdown_changes_in,
    countdown_text,
    duration_changes_in,
    duration_text,
    format_date,
    format_datetime,
    format_decimal,
    format_month,
    long_date,
    month_key,
    month_start,
    month_starts,
    parse_date,
    parse_optional_date,
)
from werf.i18n import UserError, catalog, set_language

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


# --- the parser ------------------------------------------------------------------------------
@given(DAYS, st.sampled_from(["nl", "en"]))
def test_what_werf_shows_reads_back_as_the_same_date(day: date, lang: str) -> None:
    assert parse_date(format_date(day, lang)) == day


@given(DAYS, st.sampled_from(["-", "/", "."]), st.booleans())
def test_both_forms_with_any_separator_and_with_or_without_zeros(day: date, sep: str,
                                                                 padded: bool) -> None:
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if padded else (str(day.day), str(day.month))
    assert parse_date(f"{d}{sep}{m}{sep}{day.year}") == day
    assert parse_date(f"{day.year}{sep}{m}{sep}{d}") == day
    assert parse_date(f"  {d}{sep}{m}{sep}{day.year} ") == day


@given(st.text())
@example("")
@example("31-02-2026")
@example("2026-02-30")
@example("00-01-2026")
@example("01-01-0000")
@example("29-02-2025")
@example("24-11-26")
@example("24-11/2026")
@example("2026-11-24T10:00")
@example("20261124")
@example("2026-W48")
@example("２４-１１-２０２６")
@example("24-11-2026\x00")
@example("9" * 5000)
def test_anything_else_raises_only_the_one_error(text: str) -> None:
    try:
        parsed = parse_date(text)
    except DateError as error:
        assert error.user_message() == DATE_MESSAGE
    else:
        assert isinstance(parsed, date)


def test_what_is_and_is_not_a_date() -> None:
    assert parse_date("24-11-2026") == date(2026, 11, 24)
    assert parse_date("2026-11-24") == date(2026, 11, 24)
    assert parse_date("1-2-2027") == date(2027, 2, 1)
    assert parse_date("24/11/2026") == parse_date("24.11.2026") == date(2026, 11, 24)
    assert parse_date("29-02-2024") == date(2024, 2, 29)
    for text in ("", "  ", "29-02-2025", "24-11-26", "2026-11-", "2026-13-01", "20261124",
                 "morgen", "24 november 2026"):
        with pytest.raises(DateError):
            parse_date(text)
    assert parse_optional_date("  ") is None
    assert parse_optional_date("1-12-2026") == date(2026, 12, 1)
    with pytest.raises(DateError):
        parse_optional_date("1-13-2026")


def test_the_error_is_one_message_in_the_users_language() -> None:
    error = DateError()
    assert isinstance(error, UserError) and isinstance(error, ValueError)
    set_language("en")
    assert error.user_message() == "Write the date as YYYY-MM-DD, e.g. 2026-11-24."
    set_language("nl")
    dutch = error.user_message()
    assert dutch == catalog("nl")[DATE_MESSAGE]
    assert "DD-MM-JJJJ" in dutch and "24-11-2026" in dutch
    # The Dutch example is itself a date werf reads.
    assert parse_date(dutch.split()[-1].rstrip(".")) == date(2026, 11, 24)


# --- showing ---------------------------------------------------------------------------------
def test_dates_and_months_one_way_per_language() -> None:
    day = date(2026, 3, 4)
    assert format_date(day, "nl") == "04-03-2026"
    assert format_date(day, "en") == "2026-03-04"
    assert format_date("2026-03-04", "nl") == "04-03-2026"  # as stored
    assert format_month(day, "nl") == format_month("2026-03", "nl") == "03-2026"
    assert format_month(day, "en") == "2026-03"
    assert long_date(day, "nl") == "4 maart 2026"
    assert long_date(day, "en") == "4 March 2026"
    set_language("nl")
    assert format_date(day) == "04-03-2026"  # the app's language by default


@pytest.fixture
def amsterdam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("time zones are set through the environment only on POSIX")
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_moments_are_shown_in_local_time(amsterdam: None) -> None:
    winter = datetime(2026, 11, 24, 13, 5, tzinfo=UTC)
    summer = datetime(2026, 7, 1, 22, 30, tzinfo=UTC)
    assert format_datetime(winter, "nl") == "24-11-2026 14:05"
    assert format_datetime(summer, "en") == "2026-07-02 00:30"  # the next day here
    assert format_datetime(winter.replace(tzinfo=None), "en") == "2026-11-24 14:05"  # stored UTC


def test_decimal_comma_in_dutch() -> None:
    assert format_decimal(4.0, lang="nl") == "4,0"
    assert format_decimal(4.0, lang="en") == "4.0"
    assert format_decimal(3.456, 2, lang="nl") == "3,46"
    assert format_decimal(7.5, None, lang="nl") == "7,5"
    assert format_decimal(5.0, None, lang="nl") == "5"


def test_durations_and_countdowns() -> None:
    assert duration_text(450) == "7:30"
    assert duration_text(5400) == "90:00"
    assert duration_text(59.6) == "1:00"
    assert duration_text(0) == "0:00"
    assert countdown_text(300) == "5:00"
    assert countdown_text(299.2) == "5:00"
    assert countdown_text(-61) == "+1:01"
    assert countdown_text(-0.2) == "+0:01"


MILLIS = st.integers(-6_000_000, 6_000_000).map(lambda n: n / 1000)  # a grid that floats keep


@given(MILLIS)
@example(299.2)
@example(300.0)
@example(0.0)
@example(-6.0)
def test_a_countdown_wakes_just_when_its_text_changes(seconds: float) -> None:
    """The phase clock sleeps `countdown_changes_in` and then shows the next second: it
    neither wakes for nothing nor misses a second."""
    wait = countdown_changes_in(seconds)
    assert 0 <= wait <= 1
    assert countdown_text(seconds - wait - 0.0005) != countdown_text(seconds)
    if wait > 0.0005:
        assert countdown_text(seconds - wait + 0.0005) == countdown_text(seconds)


@given(MILLIS.map(abs))
@example(2.5)
@example(3.5)
@example(0.0)
def test_a_stopwatch_wakes_just_when_its_text_changes(seconds: float) -> None:
    wait = duration_changes_in(seconds)
    assert 0 <= wait <= 1
    assert duration_text(seconds + wait + 0.0005) != duration_text(seconds)
    if wait > 0.0005:
        assert duration_text(seconds + wait - 0.0005) == duration_text(seconds)


# --- months ----------------------------------------------------------------------------------
def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)  # leap year
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), -12) == date(2023, 2, 28)
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 5, 31), -1) == date(2026, 4, 30)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2026, 1, 15), -1) == date(2025, 12, 15)
    assert add_months(date(2026, 11, 24), -11) == date(2025, 12, 24)
    assert add_months(date(2026, 11, 24), 0) == date(2026, 11, 24)
    assert add_months(date(1900, 3, 31), -1) == date(1900, 2, 28)  # 1900 is no leap year
    assert add_months(date(2000, 3, 31), -1) == date(2000, 2, 29)  # 2000 is


@given(DAYS, st.integers(min_value=-1200, max_value=1200))
def test_add_months_moves_exactly_that_many_calendar_months(day: date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == min(day.day, calendar.monthrange(moved.year, moved.month)[1])


def test_month_ranges() -> None:
    assert month_start(date(2026, 11, 24)) == date(2026, 11, 1)
    assert month_key(date(2026, 3, 9)) == "2026-03"
    assert month_starts(date(2025, 11, 30), date(2026, 2, 1)) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert month_starts(date(2026, 1, 31), date(2026, 1, 1)) == [date(2026, 1, 1)]
    assert month_starts(date(2026, 2, 1), date(2026, 1, 31)) == []
    assert month_starts(date(9999, 11, 1), date(9999, 12, 31))[-1] == date(9999, 12, 1)


def test_everything_that_steps_months_uses_calendar_months() -> None:
    from werf.cli import _age_cutoff
    from werf.config import Config
    from werf.minutes.identifiers import find_identifiers
    from werf.screens.figures import year_back
    from werf.stats import _months

    # Retention: 6 months before 31 August is 28 February (it was 183 days: 1 March).
    assert Config(retention_months=6).retention_cutoff(date(2026, 8, 31)) == date(2026, 2, 28)
    assert Config(retention_months=12).retention_cutoff(date(2026, 11, 24)) == date(2025, 11, 24)
    assert Config().retention_cutoff(date(2026, 11, 24)) is None
    # werf purge --older-than: months and years are calendar months, days are days.
    assert _age_cutoff("12m", date(2027, 3, 31)) == date(2026, 3, 31)
    assert _age_cutoff("1m", date(2027, 3, 31)) == date(2027, 2, 28)
    assert _age_cutoff("1y", date(2028, 2, 29)) == date(2027, 2, 28)
    assert _age_cutoff(" 90D ", date(2027, 3, 31)) == date(2026, 12, 31)
    # The figures: twelve calendar months up to today, every month of the period listed.
    assert year_back(date(2024, 2, 29)) == date(2023, 3, 1)
    assert _months({"2025-12": 2}, date(2025, 11, 30), date(2026, 1, 1)) == [
        ("2025-11", 0), ("2025-12", 2), ("2026-01", 0)]
    # A date of birth counts from 16 years back, to the day (29 February: 28 February).
    today = date(2026, 2, 28)
    assert [f.kind for f in find_identifiers("op 28-02-2010", today=today)] == ["birth_date"]
    assert find_identifiers("op 01-03-2010", today=today) == []


def test_purge_older_than_a_year_is_a_calendar_year() -> None:
    import click

    from werf.cli import _age_cutoff

    with pytest.raises(click.BadParameter):
        _age_cutoff("9999y", date(2026, 11, 24))  # before the year 1: the usual line
    with pytest.raises(click.BadParameter):
        _age_cutoff("10000000000d", date(2026, 11, 24))
