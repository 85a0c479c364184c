"""Finding BSNs, birth dates, e-mail addresses and Dutch phone numbers in notes."""

from __future__ import annotations

from datetime import date

import pytest

from werf.minutes import clean_text, find_identifiers
from werf.minutes.identifiers import eleven_test

TODAY = date(2026, 11, 24)


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_identifiers(text, today=TODAY)]


def test_eleven_test() -> None:
    assert eleven_test("111222333")  # 9+8+7+12+10+8+9+6-3 = 66
    assert not eleven_test("123456789")  # 147 is not a multiple of 11
    assert not eleven_test("000000000")
    assert not eleven_test("11122233")


@pytest.mark.parametrize("written", ["111222333", "1112.22.333", "111.222.333", "111 222 333"])
def test_bsn_in_its_usual_spellings(written: str) -> None:
    text = f"BSN van cliënt: {written}."
    assert found(text) == [("bsn", written)]
    assert find_identifiers(text, today=TODAY)[0].start == text.index(written)


@pytest.mark.parametrize("text", [
    "123456789",  # fails the eleven-test
    "1111222333",  # ten digits
    "11122233",  # eight digits
    "bedrag 111.222.333,50",  # an amount
    "IBAN NL91ABNA0417164300",
    "1112.22 333",  # mixed grouping
])
def test_not_a_bsn(text: str) -> None:
    assert "bsn" not in [kind for kind, _ in found(text)]  # the IBAN is an IBAN


@pytest.mark.parametrize("phone", [
    "06-12345678", "0612345678", "06 12345678", "06 1234 5678", "+31 6 1234 5678", "+31612345678",
    "0031 6 12345678", "020-1234567", "010 123 4567", "(020) 123 4567", "+31 (0)20 123 4567", "0591-123456",
])
def test_dutch_phone_numbers(phone: str) -> None:
    assert found(f"bel {phone} na vijven") == [("phone", phone)]


@pytest.mark.parametrize("text", ["06-1234567", "061234567890", "0012345678", "postcode 1234 AB"])
def test_not_a_phone_number(text: str) -> None:
    assert "phone" not in [kind for kind, _ in found(text)]


def test_the_warning_sees_what_the_detector_sees_except_names() -> None:
    """One detector (werf.privacy): Belgian numbers, postcodes, IBANs and addresses are
    warned about too; a person's name is not (plain minutes name the colleagues)."""
    assert found("bel +32 470 12 34 56") == [("phone", "+32 470 12 34 56")]
    assert found("mevrouw Jansen, Dorpsstraat 12, 1234 AB Ede, NL91ABNA0417164300") == [
        ("address", "Dorpsstraat 12"), ("postcode", "1234 AB Ede"), ("iban", "NL91ABNA0417164300")]


def test_email() -> None:
    assert found("mail naar j.de-vries+wijk@gemeente.example.nl, graag") == [
        ("email", "j.de-vries+wijk@gemeente.example.nl")
    ]
    assert found("het @-teken en a@b zijn geen adres") == []


@pytest.mark.parametrize("written", [
    "12-03-1987", "12/03/1987", "12.03.1987", "1987-03-12", "12 maart 1987", "12 mrt. 1987", "12 March 1987",
    "March 12, 1987", "1 januari 1900", "24-11-2010",
])
def test_birth_dates(written: str) -> None:
    assert found(f"cliënt {written} ingeschreven") == [("birth_date", written)]


@pytest.mark.parametrize("text", [
    "overleg op 12-03-2026",  # a meeting date
    "terugkoppeling uiterlijk 1 december 2026",  # a due date
    "actie 2026-12-08",
    "sinds 25-11-2010",  # one day short of 16 years
    "31-12-1899",  # before 1900
    "31-02-1980",  # no such day
    "12 maart",  # no year
])
def test_recent_and_impossible_dates_are_not_birth_dates(text: str) -> None:
    assert found(text) == []


def test_a_birth_word_flags_a_recent_date() -> None:
    assert found("zoon geboren op 04-05-2019, afspraak 04-05-2026") == [("birth_date", "04-05-2019")]
    assert found("DOB: 2015-06-30") == [("birth_date", "2015-06-30")]


def test_several_findings_in_reading_order() -> None:
    text = "Jansen, geb. 01-02-1950, BSN 111222333, tel 0612345678, mail a.jansen@example.org"
    assert found(text) == [
        ("birth_date", "01-02-1950"), ("bsn", "111222333"), ("phone", "0612345678"),
        ("email", "a.jansen@example.org"),
    ]


def test_clean_text_drops_what_xml_cannot_hold() -> None:
    assert clean_text("gewoon\ttekst\nmet regels\r") == ("gewoon\ttekst\nmet regels\r", 0)
    assert clean_text("a\x00b\x01c\x0bd\x0ce\x1ff\x7fg") == ("abcdef\x7fg", 5)
    assert clean_text("x\ufffey\uffffz") == ("xyz", 2)
    assert clean_text("lone \ud800 and \udfff") == ("lone  and ", 2)
    assert clean_text("pair \ud83d\ude42") == ("pair 🙂", 0)  # a well-formed pair is one character
    assert clean_text("emoji 🙂 عربي") == ("emoji 🙂 عربي", 0)


def test_minutes_warn_about_identifiers_unless_pseudonymised() -> None:
    from werf.minutes import build_content

    from .helpers import make_session, protocol

    session = make_session()
    session.question = "Hoe help ik (BSN 111222333, tel 06-12345678, 0612345679) verder?"
    content = build_content(session, protocol("werf"), "en")
    assert content.warnings == [
        "The minutes may hold personal data: 1× citizen service number (BSN), 2× phone number. "
        "Check them before you share them."
    ]
    masked = build_content(session, protocol("werf"), "en", pseudonymise=True)
    assert masked.warnings == []
    assert masked.question == "Hoe help ik (BSN [BSN], tel [phone], [phone]) verder?"
