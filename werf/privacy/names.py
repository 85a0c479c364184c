"""Names of people in free text: titles and relations before a name, known given names,
capitalised words inside a sentence, surnames typed in lower case, names at the start of a
sentence, and an age or year of birth written right after a name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from werf.privacy.patterns import (
    AGE_AFTER,
    AGE_BETWEEN_COMMAS,
    AGE_OF,
    AGE_PAIR,
    APPOSITION,
    INITIALS,
    WORD,
    YEAR_AFTER,
)
from werf.privacy.sentences import starts_sentence
from werf.privacy.words import (
    FINITE_VERBS,
    FOREIGN_LOOKING_WORDS,
    NOT_AFTER_TITLE,
    NOT_AFTER_WORD_NAME,
    PARTICLES,
    PLACE_BEFORE,
    RELATIONS,
    SHORT_TITLES,
    STOPWORDS,
    SUBJECT_PRONOUNS,
    T_WORDS,
    TITLES,
    WORD_NAMES,
    Span,
    first_names,
)


@dataclass
class _Word:
    start: int
    end: int
    text: str
    sentence_start: bool

    @property
    def key(self) -> str:
        return self.text.casefold().strip("'’")

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()

    @property
    def name_shaped(self) -> bool:
        """"Kevin", "O'Brien", "Dirk-Jan", "El-Amrani"; not "AxBx" or "C"."""
        parts = [p for p in re.split(r"['’-]", self.text) if p]
        return len(self.text) >= 2 and all(p[1:].islower() or not p[1:] for p in parts)

    @property
    def acronym(self) -> bool:
        letters = [ch for ch in self.text if ch.isalpha()]
        return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _words(text: str) -> list[_Word]:
    words = []
    for m in WORD.finditer(text):
        words.append(_Word(m.start(), m.end(), m.group(), starts_sentence(text, m.start())))
    return words


def _adjacent(text: str, left: _Word, right: _Word) -> bool:
    """Whether only one space (or a hyphen) separates two words."""
    return text[left.end:right.start] in (" ", "-")


def _extend(text: str, words: list[_Word], i: int, known: frozenset[str]) -> int:
    """The index of the last word of the name that starts at word i: surnames with particles."""
    last = i
    j = i + 1
    while j < len(words):
        k = j
        while k < len(words) and words[k].key in PARTICLES and _adjacent(text, words[k - 1], words[k]):
            k += 1
        if k >= len(words) or not _adjacent(text, words[k - 1], words[k]):
            break
        candidate = words[k]
        if not candidate.capital or candidate.acronym or candidate.sentence_start:
            break
        if candidate.key in STOPWORDS or candidate.key in TITLES or candidate.key in RELATIONS:
            break
        last = k
        j = k + 1
    return last


def _name_from(text: str, words: list[_Word], i: int, known: frozenset[str]) -> tuple[int, int] | None:
    """The name starting at word i, allowing leading particles ("De Vries", "van Dijk")."""
    k = i
    while k < len(words) and words[k].key in PARTICLES and (k == i or _adjacent(text, words[k - 1], words[k])):
        k += 1
    if k >= len(words) or (k > i and not _adjacent(text, words[k - 1], words[k])):
        return None
    head = words[k]
    if not head.capital or head.acronym or head.key in TITLES or (
        head.key in STOPWORDS - PARTICLES and head.key not in first_names() | known
    ):
        return None
    return i, _extend(text, words, k, known)


def _foreign_shaped(key: str) -> bool:
    """Whether a word looks like a given name from outside Dutch: "Reza", "Tomasz", "Soraya"."""
    if key in FOREIGN_LOOKING_WORDS or len(key) < 3:
        return False
    if re.search(r"[çşğıłśżźńąęćřžšőű]|sz|cz|rz|kh|sh|dj|zh|[aou]y[aeiou]|^y[aeiou]", key):
        return True
    return key[-1] in "aiou" and key[-2] not in "aeiou"


def _surname_suffixed(key: str) -> bool:
    """Dutch and Frisian surname endings: "Jansen", "Dijkstra", "Postma", "Wiersema"."""
    return (len(key) >= 5 and key not in FOREIGN_LOOKING_WORDS
            and key.endswith(("sen", "zen", "stra", "sma", "ema", "inga", "enga", "ink")))


def _subject_of_verb(text: str, words: list[_Word], i: int) -> bool:
    """A sentence that opens with a name as its subject, when the word looks like a name from
    outside Dutch or a Dutch surname: "Reza krijgt taalles", "Jansen belde", "Tomasz en Agnieszka
    hebben ...", "Nowickis hebben ..." (not "Misschien heb ik ...": no pronoun follows the verb)."""
    word = words[i]
    stem = word.key[:-1] if word.key.endswith("s") else word.key
    shaped = _foreign_shaped(word.key) or _surname_suffixed(word.key) or (stem != word.key and _foreign_shaped(stem))
    if not (word.name_shaped and shaped) or i + 1 >= len(words):
        return False
    verb, third = words[i + 1], words[i + 2] if i + 2 < len(words) else None
    if not _adjacent(text, word, verb):
        return False
    if verb.key == "en":
        return third is not None and third.capital and third.name_shaped and third.key not in STOPWORDS
    finite = verb.key in FINITE_VERBS or verb.key.endswith(("de", "te"))
    return finite and (third is None or third.key not in SUBJECT_PRONOUNS)


def _used_as_word(text: str, word: _Word, nxt: _Word | None) -> bool:
    """A given name that is also a Dutch word, opening a sentence as that word: "Wil je ...",
    "Ben benieuwd ...", "Lieve woorden ..." (before a pronoun, or before a word that is no verb: a
    name opening a sentence is its subject)."""
    if not (word.key in WORD_NAMES and word.sentence_start and nxt is not None and _adjacent(text, word, nxt)):
        return False
    if nxt.key in NOT_AFTER_WORD_NAME:
        return True
    if nxt.capital:
        return False
    finite = nxt.key in FINITE_VERBS or (nxt.key.endswith(("t", "de", "te")) and nxt.key not in T_WORDS)
    return not finite and nxt.key not in ("en", "of", "maar")  # "Wil en ik gaan langs", "Roos belt"


def _lower_surname(key: str) -> bool:
    """Whether a lower-case word after "mw." or "dhr." can be a surname: no verb, adverb or
    adjective ("mw. sliep", "dhr. boos", "mw. verdrietig")."""
    if len(key) < 4 or key in STOPWORDS | RELATIONS | TITLES | NOT_AFTER_TITLE | FINITE_VERBS:
        return False
    if key.endswith(("t", "d", "de", "te", "ig", "lijk", "isch", "baar", "loos", "zaam")):
        return False
    return not key.endswith("en") or key.endswith(("sen", "zen"))


def _lower_surname_shaped(key: str) -> bool:
    """A lower-case word that looks like a surname on its own: "kowalska", "jansen", "dijkstra"."""
    return _lower_surname(key) and (
        _foreign_shaped(key) or key.endswith(("sen", "zen", "stra", "sma", "ema", "inga", "enga", "ink")))


def _lower_name_from(text: str, words: list[_Word], i: int) -> tuple[int, int] | None:
    """A surname typed in lower case after a title: "mw kowalska", "mw. el amrani", "mw de vries"."""
    k = i
    while k < len(words) and words[k].key in PARTICLES and not words[k].capital and (
            k == i or _adjacent(text, words[k - 1], words[k])):
        k += 1
    if k >= len(words) or words[k].capital or (k > i and not _adjacent(text, words[k - 1], words[k])):
        return None
    head = words[k].key
    particles = {w.key for w in words[i:k]}
    if head in first_names() and head not in WORD_NAMES or _lower_surname_shaped(head):
        return i, k
    if particles and particles != {"de"} and _lower_surname(head):  # "mw. el amrani", not "mw. de brief"
        return i, k
    verb = words[k + 1] if k + 1 < len(words) else None
    if particles and _lower_surname(head) and verb is not None and verb.key in FINITE_VERBS:
        return i, k  # "mw de vries wil niet ..."
    return None


def find_names(text: str, known: frozenset[str]) -> list[Span]:
    words = _words(text)
    given = first_names() | known
    spans: list[Span] = []
    i = 0
    while i < len(words):
        word = words[i]
        found: tuple[int, int] | None = None
        prev = words[i - 1] if i > 0 else None
        nxt = words[i + 1] if i + 1 < len(words) else None
        after_place_word = prev is not None and prev.key in PLACE_BEFORE and _adjacent(text, prev, word)
        if (word.key in TITLES or word.key in RELATIONS) and nxt is not None:
            gap = text[word.end:nxt.start]
            if gap.strip(" .") == "" and len(gap) <= 3 and not (nxt.sentence_start and word.key in RELATIONS):
                found = _name_from(text, words, i + 1, known)
                if found is None and word.key in SHORT_TITLES:
                    found = _lower_name_from(text, words, i + 1)
        if found is None and word.capital and not word.acronym:
            after = text[word.end:word.end + 40]
            if word.key in given and word.key not in STOPWORDS:
                if not _used_as_word(text, word, nxt):
                    found = (i, _extend(text, words, i, known))
            elif word.key.endswith("s") and word.key[:-1] in given and word.key[:-1] not in WORD_NAMES:
                found = (i, i)  # "Yusufs moeder"
            elif (word.key in PARTICLES and word.sentence_start and nxt is not None and _adjacent(text, word, nxt)
                  and nxt.capital and nxt.name_shaped and not nxt.acronym
                  and nxt.key not in STOPWORDS | TITLES | RELATIONS | PARTICLES):
                found = (i, _extend(text, words, i + 1, known))  # "De Graaf heeft ...", "Van Dijk en ..."
            elif (word.key in PARTICLES and not word.sentence_start and not after_place_word and nxt is not None
                  and _adjacent(text, word, nxt) and nxt.capital and nxt.name_shaped and not nxt.acronym
                  and nxt.key not in STOPWORDS | TITLES | RELATIONS | PARTICLES):
                # a capital article or particle inside a sentence opens a name: "bij De Hooge Weide"
                found = (i, _extend(text, words, i + 1, known))
            elif word.key in STOPWORDS or word.key in PARTICLES or word.key in TITLES or word.key in RELATIONS:
                pass
            elif not word.sentence_start and word.name_shaped:
                full_name = (nxt is not None and _adjacent(text, word, nxt) and nxt.capital and nxt.name_shaped
                             and nxt.key not in STOPWORDS | TITLES | RELATIONS | PARTICLES)
                if not after_place_word or full_name:
                    found = (i, _extend(text, words, i, known))
            elif re.match(r"\s*\(\d{1,3}\)", after) or (word.name_shaped and APPOSITION.match(after)) or (
                nxt is not None and _adjacent(text, word, nxt) and nxt.capital and not nxt.acronym
                and nxt.key not in STOPWORDS and nxt.key not in RELATIONS and nxt.key not in TITLES
            ) or _subject_of_verb(text, words, i):
                found = (i, _extend(text, words, i, known))
        elif (found is None and not word.capital and len(word.key) >= 4 and word.key in first_names()
              and word.key not in WORD_NAMES):
            found = (i, i)  # a given name typed in lower case: "gesprek met fatima"
        if found is None:
            i += 1
            continue
        first, last = found
        start, end = words[first].start, words[last].end
        spans.append(Span(start, end, "name", text[start:end]))
        spans += _after_name(text, end)
        i = last + 1
    for m in INITIALS.finditer(text):
        if m.group(1).casefold() not in STOPWORDS | RELATIONS | TITLES:
            spans.append(Span(m.start(), m.end(), "name", m.group()))
    return spans


def _after_name(text: str, end: int) -> list[Span]:
    """An age or a year of birth written right after a name: "Yusuf (14)", "Mohammed van veertien",
    "Ahmed, 16,", "Lina en Sami (4 en 6)", "Tekeste, 1983,"."""
    pair = AGE_PAIR.match(text, end)
    if pair:  # "Lina en Sami (4 en 6)"
        return [Span(pair.start(n), pair.end(n), "age", pair.group(n)) for n in (1, 2)]
    age = AGE_AFTER.match(text, end) or AGE_OF.match(text, end) or AGE_BETWEEN_COMMAS.match(text, end)
    if age:
        group = next(n for n in range(1, (age.re.groups or 0) + 1) if age.group(n))
        return [Span(age.start(group), age.end(group), "age", age.group(group))]
    year = YEAR_AFTER.match(text, end)
    if year:
        group = 1 if year.group(1) else 2
        return [Span(year.start(group), year.end(group), "birth_date", year.group(group))]
    return []


@lru_cache(maxsize=8)
def known_keys(names: tuple[str, ...]) -> frozenset[str]:
    """The words of names known to be people, casefolded (cached: a document asks with the
    same names for each of its texts)."""
    keys = set()
    for name in names:
        for part in re.findall(r"[^\W\d_][\w'’-]*", name):
            if part.casefold() not in PARTICLES and len(part) >= 2:
                keys.add(part.casefold())
    return frozenset(keys)


def find_listed(text: str, names: Iterable[str]) -> list[Span]:
    """Occurrences of explicitly listed names (whole words, any case, unless the name is also
    an everyday word, which counts only when written with a capital)."""
    spans = []
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        if name.casefold() in WORD_NAMES:
            pattern, flags = re.escape(name[:1].upper() + name[1:]), 0
        else:
            pattern, flags = re.escape(name), re.IGNORECASE
        for m in re.finditer(r"(?<!\w)" + pattern + r"(?!\w)", text, flags):
            spans.append(Span(m.start(), m.end(), "name", m.group()))
    return spans
