"""The structured identifiers: BSN, IBAN, phone, e-mail, postcode, address, dates of birth,
ages, institutions and the places that narrow a person down; with the checks they need (the
eleven-test, the IBAN checksum, when a date reads as a date of birth)."""

from __future__ import annotations

import re
from datetime import date

from werf.dates import add_months
from werf.privacy.patterns import (
    ADDRESS,
    ADDRESS_LOWER,
    ADDRESS_OF,
    ADMITTED,
    AGE_ADJECTIVE,
    AGE_BRACKETED,
    AGE_IS,
    APOSTROPHE_DATE,
    BIRTH,
    BORN_AFTER,
    BSN,
    BSN_LABELLED,
    DAY_MONTH_YEAR,
    EMAIL,
    HOUSE_NUMBER,
    IBAN,
    IBAN_LOWER,
    INSTITUTION_ACRONYM,
    INSTITUTION_NAMED,
    INSTITUTION_TYPE,
    IS_FROM_YEAR,
    ISO_DATE,
    LIVES_IN,
    MONTH_DAY_YEAR,
    NUMERIC_DATE,
    PHONE_INTL,
    PHONE_NL,
    PLACE_AFTER,
    PO_BOX,
    POSTCODE,
    POSTCODE_LABEL,
    POSTCODE_LOWER,
    STREET_ONLY,
)
from werf.privacy.words import MONTHS, PERSON_PRONOUNS, RELATIONS, STOPWORDS, TITLES, Span, first_names

MINIMUM_AGE_YEARS = 16
EARLIEST_YEAR = 1900


def eleven_test(digits: str) -> bool:
    """Whether nine digits pass the BSN eleven-test (and are not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(weight * int(digit) for weight, digit in zip(range(9, 1, -1), digits[:8], strict=True))
    return (total - int(digits[8])) % 11 == 0


def _iban_checksum(written: str) -> bool:
    """ISO 7064 mod 97 over an IBAN."""
    value = written.replace(" ", "").upper()
    moved = value[4:] + value[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def _is_dutch_phone(written: str) -> bool:
    digits = re.sub(r"\D", "", written)
    if written.startswith(("+", "00")):
        digits = digits.removeprefix("00").removeprefix("31")
        if "(0)" in written:
            digits = digits.removeprefix("0")
        return len(digits) == 9 and digits[0] != "0"
    return len(digits) == 10 and digits[0] == "0" and digits[1] != "0"


def _full_year(written: str, today: date) -> int:
    """'62 → 1962, '09 → 2009 (a two-digit year is in the past)."""
    if not written.startswith("'"):
        return int(written)
    short = int(written[1:])
    return 2000 + short if 2000 + short <= today.year else 1900 + short


def is_birth_date(day: int, month: int, year: int, today: date) -> bool:
    """Whether a date written without a birth word ("geb.", "geboren") reads as a date of
    birth: a real date, 1900 or later, at least 16 years before `today` (to the day; 29
    February counts from 28 February). Meeting and due dates are recent or ahead. The one
    rule for the detector, the identifier warning and the export dialog."""
    try:
        when = date(year, month, day)
    except ValueError:
        return False
    if year < EARLIEST_YEAR or when > today:
        return False
    return when <= add_months(today, -12 * MINIMUM_AGE_YEARS)


# --- the structured identifiers -----------------------------------------------------------


def find_structured(text: str, today: date) -> list[Span]:
    spans: list[Span] = []

    def add(kind: str, start: int, end: int) -> None:
        spans.append(Span(start, end, kind, text[start:end]))

    for m in EMAIL.finditer(text):
        add("email", m.start(), m.end())
    for m in IBAN.finditer(text):
        add("iban", m.start(), m.end())
    for m in IBAN_LOWER.finditer(text):
        if _iban_checksum(m.group()):
            add("iban", m.start(), m.end())
    for m in BSN_LABELLED.finditer(text):
        add("bsn", m.start(1), m.end(1))
    for m in BSN.finditer(text):
        if eleven_test(re.sub(r"\D", "", m.group())):
            add("bsn", m.start(), m.end())
    for m in BIRTH.finditer(text):
        add("birth_date", m.start(1), m.end(1))
    for m in IS_FROM_YEAR.finditer(text):
        add("birth_date", m.start(1), m.end(1))
    for m in APOSTROPHE_DATE.finditer(text):
        add("birth_date", m.start(), m.end())
    for m in NUMERIC_DATE.finditer(text):
        if is_birth_date(int(m.group(1)), int(m.group(3)), int(m.group(4)), today):
            add("birth_date", m.start(), m.end())
    for m in ISO_DATE.finditer(text):
        if is_birth_date(int(m.group(3)), int(m.group(2)), int(m.group(1)), today):
            add("birth_date", m.start(), m.end())
    for m in BORN_AFTER.finditer(text):
        add("birth_date", m.start(1), m.end(1))
    for m in DAY_MONTH_YEAR.finditer(text):
        month = MONTHS[m.group(2).lower().rstrip(".")]
        if is_birth_date(int(m.group(1)), month, _full_year(m.group(3), today), today):
            add("birth_date", m.start(), m.end())
    for m in MONTH_DAY_YEAR.finditer(text):
        month = MONTHS[m.group(1).lower().rstrip(".")]
        if is_birth_date(int(m.group(2)), month, int(m.group(3)), today):
            add("birth_date", m.start(), m.end())
    for m in PHONE_NL.finditer(text):
        if _is_dutch_phone(m.group()):
            add("phone", m.start(), m.end())
    for m in PHONE_INTL.finditer(text):
        # country code and number: 9 to 15 digits (E.164), not counting the "00" before them
        digits = re.sub(r"\D", "", m.group())
        if 9 <= len(digits.removeprefix("00") if m.group().startswith("00") else digits) <= 15:
            add("phone", m.start(), m.end())
    for pattern in (ADDRESS, ADDRESS_OF, ADDRESS_LOWER, PO_BOX):
        for m in pattern.finditer(text):
            add("address", m.start(), m.end())
    for pattern in (STREET_ONLY, HOUSE_NUMBER):
        for m in pattern.finditer(text):
            add("address", m.start(1), m.end(1))
    for m in POSTCODE.finditer(text):
        add("postcode", m.start(), m.end())
    for m in POSTCODE_LOWER.finditer(text):
        labelled = POSTCODE_LABEL.search(text, max(0, m.start() - 40), m.start())
        if labelled or re.match(r" [A-Z][^\W\d_]", text[m.end():]):
            add("postcode", m.start(), m.end())
    for m in INSTITUTION_TYPE.finditer(text):
        add("institution", m.start(1), m.end(1))
    for pattern in (INSTITUTION_NAMED, INSTITUTION_ACRONYM):
        for m in pattern.finditer(text):
            add("institution", m.start(), m.end())
    for m in ADMITTED.finditer(text):
        group = 1 if m.group(1) else 2
        if m.group(group).split()[-1].casefold() not in STOPWORDS:
            add("institution", m.start(group), m.end(group))
    for m in AGE_IS.finditer(text):
        if int(m.group(1)) <= 120 and _person_before(text, m.start()):
            add("age", m.start(1), m.end(1))
    for m in AGE_BRACKETED.finditer(text):
        add("age", m.start(1), m.end(1))
    for m in AGE_ADJECTIVE.finditer(text):
        if int(m.group(1)) <= 120:
            add("age", m.start(1), m.end(1))
    spans += _places(text, spans)
    return spans


def _person_before(text: str, position: int) -> bool:
    """Whether the clause before `position` points at a person: a pronoun, a relation or title, a
    given name, or a capitalised word inside it that is no function word ("Yusuf is 14", "Vader
    Tarek werkt en is 41", "hij is nu 24"; not "het huisnummer is 14", "Zijn score is 7")."""
    window = re.sub(r"(?i)\b(mw|mevr|mvr|dhr|mnr|mr|dr|ds|fam)\.", r"\1 ", text[max(0, position - 80):position])
    clause = re.split(r"[.;:!?\n]", window)[-1]
    words = re.findall(r"[^\W\d_][\w'-]*", clause)
    return any(w.casefold() in RELATIONS | TITLES | PERSON_PRONOUNS | first_names()
               or (n > 0 and w[0].isupper() and w.casefold() not in STOPWORDS) for n, w in enumerate(words))


def _is_place(name: str) -> bool:
    return name.split()[-1].split("-")[-1].casefold() not in STOPWORDS | RELATIONS | TITLES


def _places(text: str, spans: list[Span]) -> list[Span]:
    """Places that narrow a person down: after an address or an institution ("Molenweg 3 in Ee",
    "De Vuurvogel in Lunetten") and where someone lives ("woont in Kerkrade"); not the large
    cities of STOPWORDS."""
    places = []
    for span in spans:
        if span.kind in ("address", "institution", "postcode"):
            m = PLACE_AFTER.match(text, span.end)
            if m:
                group = 1 if m.group(1) else 2
                if _is_place(m.group(group)):
                    places.append(Span(m.start(group), m.end(group), "address", m.group(group)))
    for m in LIVES_IN.finditer(text):
        group = 1 if m.group(1) else 2
        if _is_place(m.group(group)):
            places.append(Span(m.start(group), m.end(group), "address", m.group(group)))
    return places
