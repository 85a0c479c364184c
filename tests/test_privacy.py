"""The identifier detector on an annotated corpus of intervision notes (tests/data/privacy_corpus.jsonl).

Each line holds a Dutch sentence and every identifier in it as [start, end, kind]. Recall counts
an identifier as found when every non-space character of it lies inside a detected span (of any
kind: a name is hidden whether it was taken for a name or an institution); precision counts a
detected span as right when it overlaps an annotated one.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from werf.privacy import KINDS, Span, detect, eleven_test

CORPUS = Path(__file__).parent / "data" / "privacy_corpus.jsonl"
COLLEAGUES = ["Ben", "Wil", "Roos", "Mark", "Bas", "Jan", "Kees", "Anne"]
TODAY = date(2026, 3, 1)


def _corpus() -> list[tuple[str, list[tuple[int, int, str]]]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        rows.append((data["text"], [tuple(span) for span in data["spans"]]))
    return rows


def _covered(start: int, end: int, text: str, spans: list[Span]) -> bool:
    return all(any(s.start <= i < s.end for s in spans) for i in range(start, end) if not text[i].isspace())


def test_the_corpus_is_big_enough_and_well_formed() -> None:
    rows = _corpus()
    assert len(rows) >= 150
    kinds = {kind for _, spans in rows for _, _, kind in spans}
    assert kinds == set(KINDS)
    for text, spans in rows:
        for start, end, kind in spans:
            assert 0 <= start < end <= len(text) and text[start:end].strip() == text[start:end], (text, kind)
    # sentences where colleagues' names are ordinary Dutch words
    assert sum(1 for text, spans in rows if not spans and re.search(r"\b(ben|wil|roos|mark|bas|jan)\b", text)) >= 10


def test_recall_and_precision_on_the_corpus() -> None:
    found = missed = right = wrong = 0
    for text, gold in _corpus():
        spans = detect(text, names=COLLEAGUES, today=TODAY)
        for start, end, _ in gold:
            if _covered(start, end, text, spans):
                found += 1
            else:
                missed += 1
        for span in spans:
            if any(span.start < end and start < span.end for start, end, _ in gold):
                right += 1
            else:
                wrong += 1
    recall = found / (found + missed)
    precision = right / (right + wrong)
    print(f"\nprivacy corpus: recall {recall:.1%} ({found}/{found + missed}), "
          f"precision {precision:.1%} ({right}/{right + wrong})")
    assert recall >= 0.98
    assert precision >= 0.95


def test_no_ordinary_word_is_taken_for_an_identifier() -> None:
    for text, gold in _corpus():
        spans = detect(text, names=COLLEAGUES, today=TODAY)
        for span in spans:
            if any(span.start < end and start < span.end for start, end, _ in gold):
                continue
            words = re.findall(r"[^\W\d_]+", span.text)
            assert not any(word[0].islower() for word in words), (span, text)


@pytest.mark.parametrize("sentence", [
    "Ik ben bang dat hij niet wil praten",
    "Wil je dat ik de huisarts bel?",
    "Ben ik de enige die dit zorgelijk vindt?",
    "Er stond een roos op tafel en de bas stond hard.",
    "Het is jan en alleman die zich ermee bemoeit.",
])
def test_colleague_names_that_are_dutch_words_are_left_alone(sentence: str) -> None:
    assert detect(sentence, names=COLLEAGUES, today=TODAY) == []


def test_each_kind_in_one_note() -> None:
    text = ("Mevrouw De Vries (geb. 12-3-'48) woont op de Dorpsstraat 12, 1234 AB Ons Dorp; BSN 123456782, "
            "IBAN NL91 ABNA 0417 1643 00, tel. +32 470 12 34 56, mail a.devries@example.nl. "
            "Zoon Kevin zit op basisschool De Regenboog.")
    kinds = {span.text: span.kind for span in detect(text, today=TODAY)}
    assert kinds["De Vries"] == "name"
    assert kinds["12-3-'48"] == "birth_date"
    assert kinds["Dorpsstraat 12"] == "address"
    assert kinds["1234 AB Ons Dorp"] == "postcode"
    assert kinds["123456782"] == "bsn"
    assert kinds["NL91 ABNA 0417 1643 00"] == "iban"
    assert kinds["+32 470 12 34 56"] == "phone"
    assert kinds["a.devries@example.nl"] == "email"
    assert kinds["Kevin"] == "name"
    assert kinds["De Regenboog"] == "institution"


def test_a_labelled_bsn_counts_whatever_its_digits() -> None:
    assert not eleven_test("123456789")
    assert [s.kind for s in detect("BSN 123456789", today=TODAY)] == ["bsn"]
    assert detect("Factuur 123456789", today=TODAY) == []


def test_names_given_by_the_caller_are_found() -> None:
    spans = detect("gesprek met zwaantje over de hond", listed=["Zwaantje"], today=TODAY)
    assert [s.text for s in spans] == ["zwaantje"]
