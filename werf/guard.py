"""The privacy guard while typing: which saved note, action point or network relation holds
an identifier, what to offer in its place, and the text with the chosen replacements.

Screens mark an item whose text `findings` returns anything for, and offer a small dialog
that replaces each finding in place ("mevrouw De Vries" → "de moeder"); the recorder stores
the result (`Recorder.replace_findings`). Detection runs on saved texts only, never per key,
and is cached per text: typing is never held up. Plain Python, no Textual.

What counts as a finding is what pseudonymisation replaces (the detector of `werf.privacy`),
less the colleagues at the table: they are no client identifier. A name is found together
with the title or relation word before it ("mevrouw De Vries", "zoon Kevin"), so the
replacement reads as a sentence ("de moeder", "haar zoon").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from werf.i18n import N_, translate
from werf.minutes.pseudonymise import PLACEHOLDERS, RELATION_GROUPS, find_client
from werf.models import Session
from werf.privacy import PARTICLES, TITLES, Span, detect, starts_sentence

THE_RESIDENT = N_("the resident")
A_PERSON = N_("[person]")
THE_RELATION = N_("the {relation}")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)(\.?)[ \t]+$")
_ARTICLE = re.compile(r"^(?:de|het|een|mijn|haar|zijn|hun|the|a|an|her|his|their)\s", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """An identifier in a text, with what the guard offers in its place."""

    start: int
    end: int
    kind: str  # a kind of `werf.privacy.KINDS`
    text: str  # as written, with the title or relation before a name
    suggestion: str  # what the dialog offers first


@lru_cache(maxsize=2048)
def _spans(text: str, colleagues: frozenset[str]) -> tuple[Span, ...]:
    return tuple(detect(text, names=sorted(colleagues)))


def _words(name: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_][\w'’-]*", name) if w.casefold() not in PARTICLES}


def colleague_words(session: Session) -> frozenset[str]:
    """The colleagues' names and the words of them: a finding made of these is no finding."""
    names = [person.name for person in session.participants]
    if session.facilitator.strip():
        names.append(session.facilitator)
    return frozenset(name.strip() for name in names if name.strip())


@lru_cache(maxsize=64)
def _client(case_title: str, question: str, listed: tuple[str, ...], colleagues: frozenset[str]) -> frozenset[str]:
    probe = Session(protocol_id="-", protocol_version=1, team="-", date=date.min, facilitator="",
                    case_title=case_title, question=question, sensitive_names=list(listed))
    return frozenset(_words(find_client(probe, sorted(colleagues))))


def _title_before(text: str, start: int) -> int | None:
    """Where the title before a name starts ("mevrouw ", "mw. ", "de heer "), or None."""
    before = _WORD_BEFORE.search(text[max(0, start - 30):start])
    if before is None or before.group(1).casefold() not in TITLES:
        return None
    begin = start - len(before.group(0))
    if before.group(1).casefold() == "heer":
        article = re.search(r"\b[dD]e[ \t]+$", text[max(0, begin - 10):begin])
        if article:
            begin -= len(article.group(0))
    return begin


def _relation_before(text: str, start: int) -> tuple[int, str] | None:
    """Where the relation word before a name starts ("zoon " in "haar zoon Kevin"), and it."""
    before = _WORD_BEFORE.search(text[max(0, start - 30):start])
    if before is None or before.group(2) or before.group(1).casefold() not in RELATION_GROUPS:
        return None
    return start - len(before.group(0)), before.group(1)


def findings(text: str, session: Session, lang: str = "nl") -> list[Finding]:
    """What in `text` identifies someone other than the colleagues at the table."""
    if not text.strip():
        return []
    colleagues = colleague_words(session)
    client = _client(session.case_title, session.question, tuple(session.sensitive_names), colleagues)
    return _findings(text, colleagues, client, lang)


def findings_among(text: str, colleagues: list[str], lang: str = "nl") -> list[Finding]:
    """`findings` where only the colleagues' names of the session are at hand (a list of
    action points across sessions); no client is known, so a name is offered "[persoon]"."""
    if not text.strip():
        return []
    return _findings(text, frozenset(name.strip() for name in colleagues if name.strip()), frozenset(), lang)


def _findings(text: str, colleagues: frozenset[str], client: frozenset[str], lang: str) -> list[Finding]:
    mine = set().union(*(_words(name) for name in colleagues))
    found = []
    for span in _spans(text, colleagues):
        words = _words(span.text)
        if span.kind == "name" and words and words <= mine:
            continue
        start, suggestion = span.start, translate(PLACEHOLDERS.get(span.kind, A_PERSON), lang)
        if span.kind == "name":
            relation = _relation_before(text, span.start)
            title = _title_before(text, span.start)
            if relation is not None:  # "zoon Kevin" → "zoon"
                start, suggestion = relation
            else:
                start = span.start if title is None else title
                suggestion = translate(THE_RESIDENT if words & client else A_PERSON, lang)
        found.append(Finding(start, span.end, span.kind, text[start:span.end], suggestion))
    return found


def suggestions(session: Session, lang: str = "nl") -> list[str]:
    """What a name may become: the resident, and each person of the network by relation
    ("de moeder", "de buurvrouw"), in the language of the screen."""
    offered = [translate(THE_RESIDENT, lang)]
    for member in session.network:
        relation = member.relation.strip()
        if not relation:
            continue
        offered.append(relation if _ARTICLE.match(relation) else
                       translate(THE_RELATION, lang).format(relation=relation))
    return list(dict.fromkeys(offered))


def replaced(text: str, choices: list[tuple[Finding, str]], sentences: bool = True) -> str:
    """`text` with each finding replaced by its chosen text (an empty choice keeps the
    finding as it was; a finding no longer in the text, or overlapping an earlier one, is
    left alone). With `sentences` a replacement that opens a sentence gets a capital; a
    network relation is no sentence ("buurvrouw")."""
    pieces, last = [], 0
    for finding, new in sorted(choices, key=lambda choice: choice[0].start):
        if finding.start < last or text[finding.start:finding.end] != finding.text or not new.strip():
            continue
        new = new.strip()
        if sentences and starts_sentence(text, finding.start):  # "De bewoner …", "[Persoon] …"
            at = 1 if new.startswith("[") else 0
            new = new[:at] + new[at:at + 1].upper() + new[at + 1:]
        pieces += [text[last:finding.start], new]
        last = finding.end
    pieces.append(text[last:])
    return "".join(pieces)
