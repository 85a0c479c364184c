"""The identifier detector on held-out corpora (tests/data/privacy_heldout*.jsonl).

The first corpus was written without looking at werf/privacy.py, its word lists or its own
corpus (see tests/data/privacy_heldout.src and scripts/build_privacy_heldout.py). Its misses
then led to new general rules, so its figure now is an upper bound too; so did the second set's
(87.1 % when first measured). The third set was written after those rules and committed before
the detector saw it: its recall (a measured floor below, not a goal) is the honest figure. The matching rules are
those of tests/test_privacy.py: an identifier counts as found when every non-space character of
it lies inside a detected span of any kind; a detected span is right when it overlaps an
annotated one. Run with -s to see the figures per kind and every miss.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

from werf.privacy import KINDS, Span, detect

CORPUS = Path(__file__).parent / "data" / "privacy_heldout.jsonl"
SECOND = Path(__file__).parent / "data" / "privacy_heldout_2.jsonl"
THIRD = Path(__file__).parent / "data" / "privacy_heldout_3.jsonl"
COLLEAGUES = ["Ben", "Wil", "Roos", "Mark", "Bas", "Jan", "Kees", "Anne"]
TODAY = date(2026, 3, 1)

Row = tuple[str, list[tuple[int, int, str]]]


def _corpus(path: Path = CORPUS) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        rows.append((data["text"], [(start, end, kind) for start, end, kind in data["spans"]]))
    return rows


def _covered(start: int, end: int, text: str, spans: list[Span]) -> bool:
    return all(any(s.start <= i < s.end for s in spans) for i in range(start, end) if not text[i].isspace())


def _overlaps(span: Span, gold: list[tuple[int, int, str]]) -> bool:
    return any(span.start < end and start < span.end for start, end, _ in gold)


def _measure(rows: list[Row]) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str], list[str], list[str]]:
    found: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    right: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    misses: list[str] = []
    false_alarms: list[str] = []
    for text, gold in rows:
        spans = detect(text, names=COLLEAGUES, today=TODAY)
        for start, end, kind in gold:
            if _covered(start, end, text, spans):
                found[kind] += 1
            else:
                missed[kind] += 1
                misses.append(f"{kind:11} {text[start:end]!r:32} in {text!r}")
        for span in spans:
            if _overlaps(span, gold):
                right[span.kind] += 1
            else:
                wrong[span.kind] += 1
                false_alarms.append(f"{span.kind:11} {span.text!r:32} in {text!r}")
    return found, missed, right, wrong, misses, false_alarms


def test_the_held_out_corpus_is_well_formed() -> None:
    rows = _corpus()
    assert len(rows) >= 200
    assert {kind for _, gold in rows for _, _, kind in gold} == set(KINDS)
    assert sum(1 for _, gold in rows if not gold) >= 40
    for text, gold in rows:
        for start, end, kind in gold:
            assert 0 <= start < end <= len(text) and text[start:end].strip() == text[start:end], (text, kind)


def _report(name: str, rows: list[Row]) -> float:
    """Print recall and precision per kind and every miss; return the recall."""
    found, missed, right, wrong, misses, false_alarms = _measure(rows)
    print(f"\n{name}, per kind (recall over identifiers, precision over detected spans):")
    for kind in KINDS:
        total, detected = found[kind] + missed[kind], right[kind] + wrong[kind]
        recall = f"{found[kind] / total:.1%} ({found[kind]}/{total})" if total else "-"
        precision = f"{right[kind] / detected:.1%} ({right[kind]}/{detected})" if detected else "-"
        print(f"  {kind:11} recall {recall:18} precision {precision}")
    recall = sum(found.values()) / (sum(found.values()) + sum(missed.values()))
    precision = sum(right.values()) / (sum(right.values()) + sum(wrong.values()))
    print(f"{name}: recall {recall:.1%} ({sum(found.values())}/"
          f"{sum(found.values()) + sum(missed.values())}), precision {precision:.1%} "
          f"({sum(right.values())}/{sum(right.values()) + sum(wrong.values())})")
    print("missed:", *misses, sep="\n  ")
    print("detected where nothing was marked:", *false_alarms, sep="\n  ")
    return recall


def test_recall_and_precision_on_the_held_out_corpus() -> None:
    assert _report("held-out privacy corpus", _corpus()) >= 0.98


# The second set measured 87.1 % (88/101) when the detector first saw it; its misses (sentence-
# initial surnames, possessives, ages away from a name, "in Tiel woont", a Postbus) then led to
# more general rules, so 98 % here is an upper bound like the first corpus's.
SECOND_SET_FLOOR = 0.98


def test_recall_on_the_second_held_out_set() -> None:
    rows = _corpus(SECOND)
    assert _report("second held-out set", rows) >= SECOND_SET_FLOOR
    assert [text for text, gold in rows if not gold and detect(text, names=COLLEAGUES, today=TODAY)] == []


# Measured floor: 90.0 % (81/90) when the detector first saw the third set; two bugs it showed were
# then fixed (a name running on into an institution was dropped whole; "Mw." ended the clause in
# which an age looks for its person): 92.2 % (83/90). Still missed: sentence-initial given names
# and surnames of no recognisable shape ("Hamid heeft", "Kuijpers zelf", "Malak zit"), a street
# with a direction after it ("Soestdijkseweg Zuid 210"), a neighbourhood without "woont"
# ("een woning in Kanaleneiland"). "Jan en alleman" opening a sentence is taken for a name.
THIRD_SET_FLOOR = 0.92


def test_recall_on_the_third_held_out_set() -> None:
    rows = _corpus(THIRD)
    assert _report("third held-out set", rows) >= THIRD_SET_FLOOR
    wrong = [text for text, gold in rows if not gold and detect(text, names=COLLEAGUES, today=TODAY)]
    assert wrong == ["Jan en alleman weet dat het thuis niet goed gaat."]


# Measured floor: three sentences where a colleague's name is an ordinary word inside a fixed
# expression ("klaar is Kees", "boven Jan") or a noun opening a sentence before a verb ("Wil is er
# genoeg") are still taken for names. The detector has no rule for idioms; a sentence-initial
# "Wil is ..." reads as the colleague Wil as often as the noun. Lower this when they are fixed.
KNOWN_FALSE_FINDINGS = 3


def test_no_sentence_without_an_identifier_has_a_finding() -> None:
    findings = [(text, [(s.text, s.kind) for s in detect(text, names=COLLEAGUES, today=TODAY)])
                for text, gold in _corpus() if not gold]
    wrong = [(text, spans) for text, spans in findings if spans]
    assert len(findings) >= 40
    assert len(wrong) <= KNOWN_FALSE_FINDINGS, wrong


# The rules added for the held-out corpus read lower-case words after a title, ages after "is"
# and places after "woont in"; these ordinary sentences must keep every word.
ORDINARY = [
    "Gesprek met mw. over haar zoon.",
    "Met dhr. geregeld dat de thuiszorg komt.",
    "Mw. sliep slecht en schrok van elk geluid.",
    "Dhr. begon te huilen toen ik vroeg naar zijn vrouw.",
    "Met mw. daarna nog even gebeld.",
    "Voor dhr. opnieuw een afspraak gemaakt.",
    "Mw. onder druk gezet door haar zoon.",
    "Mw. verdrietig over het verlies van haar man.",
    "Met mw. de brief doorgenomen.",
    "Het huisnummer is 14 en de deur is groen.",
    "Zijn score op de vragenlijst is 7, dat is hoog.",
    "Dilemma is dat moeder geen hulp wil.",
    "Vader woont in Zweden en belt nooit.",
    "Ben blij dat het gelukt is.",
    "Het formulier leegmaken om iemand anders toe te voegen.",
]


def test_the_new_rules_leave_ordinary_sentences_alone() -> None:
    found = {text: [s.text for s in detect(text, names=COLLEAGUES, today=TODAY)] for text in ORDINARY}
    assert {text: spans for text, spans in found.items() if spans} == {}
    # and a colleague opening a sentence before a verb in the past is still a name
    assert [s.text for s in detect("Roos schreef het verslag.", names=COLLEAGUES, today=TODAY)] == ["Roos"]
    # a name that runs on into an institution keeps its own words
    spans = detect("De mentor, meneer Bakker van het Amadeus Lyceum, belt.", today=TODAY)
    assert [(s.text, s.kind) for s in spans] == [("Bakker", "name"), ("Amadeus Lyceum", "institution")]
