"""Find what identifies a person in free Dutch text, without anyone listing names.

`detect(text)` returns the spans of a note that point at a person: names (clients, family,
neighbours, colleagues), street addresses with a house number, postcodes, BSNs, IBANs, phone
numbers, e-mail addresses, dates of birth, ages written with a name and the names of
schools and care institutions. Pseudonymisation, the identifier warning and the book of
takeaways all use it.

It is a rule set (regular expressions, a list of given names shipped in
`werf/privacy_data/first_names.txt`, and capitalisation and context rules), chosen over the
`deduce` package after measuring both on `tests/data/privacy_corpus.jsonl` (see
bench/RESULTS.md): it loads in milliseconds instead of minutes, needs nothing from PyPI, and
finds more in intervision notes. The rules for names:

- a title ("mevrouw", "meneer", "mw.", "dhr.", "de heer", "juf" …) or a relation ("zoon",
  "dochter", "buurman", "moeder", "opa" …) followed by a capitalised word: "mevrouw De Vries",
  "zoon Kevin";
- a known given name (the list, plus names given by the caller such as the colleagues at the
  table) written with a capital: "Fatima", with a surname after it: "Kim de Jong";
- any other capitalised word inside a sentence that is no function word, acronym, month,
  day, nationality, well-known institution or place after "in/naar/uit": "met Priya".

Given names that are also Dutch words (Ben, Wil, Roos, Mark, Bas, Jan …) are never names when
written in lowercase, and not at the start of a sentence when a pronoun or article follows
("Wil je …", "Ben ik …"). Plain Python: no Textual.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from werf.dates import add_months

KINDS = ("name", "address", "postcode", "bsn", "iban", "phone", "email", "birth_date", "age", "institution")
NAMES_FILE = Path(__file__).parent / "privacy_data" / "first_names.txt"

MINIMUM_AGE_YEARS = 16
EARLIEST_YEAR = 1900


@dataclass(frozen=True)
class Span:
    """One identifier: where it starts and ends in the text, its kind and the text itself."""

    start: int
    end: int
    kind: str  # one of KINDS
    text: str


# --- word lists ---------------------------------------------------------------------------


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


TITLES = _set(
    """
    mevrouw mevr mw mvr meneer mijnheer mnr dhr heer juf juffrouw meester dokter dr mr ds pastoor
    imam
    """
)
RELATIONS = _set(
    """
    zoon zoontje dochter dochtertje buurman buurvrouw buren moeder vader broer broertje zus zusje
    oma opa omi opi oom ome tante tantetje neef nicht kleinzoon kleindochter kleinkind stiefvader
    stiefmoeder stiefzoon stiefdochter pleegvader pleegmoeder pleegzoon pleegdochter schoonmoeder
    schoonvader schoonzoon schoondochter zwager schoonzus partner vriend vriendin echtgenoot
    echtgenote man vrouw ex ex-partner ex-man ex-vrouw halfbroer halfzus mama papa mam pap baby kind
    cliënt client mantelzorger
    """
)
PARTICLES = _set(
    """
    de van der den het 't ter ten te el al la le du da di von vom zu bin ibn abu
    """
)
# Given names that are also everyday Dutch words: a name only when written with a capital and
# not opening a sentence before a pronoun or article ("Wil je …", "Ben ik …").
WORD_NAMES = _set(
    """
    ben wil roos mark bas jan kees anne hoop lief merel iris floor jet mei juni april bo pim rob
    bos vos kok visser bakker smit molenaar koster schipper storm winter zomer lente mees vink haan
    groot klein jong wit zwart koning keizer prins
    """
)
_NOT_AFTER_WORD_NAME = _set(
    """
    je jij u ik we wij ze zij hij het de een dat dit er jullie hun men die deze zo niet er
    """
)
# Capitalised words inside a sentence that are no names.
STOPWORDS = _set(
    """
    de het een ik jij je u hij zij ze we wij jullie dit dat die deze er hier daar en maar of want
    als toen ook nog wel niet geen op in met bij van voor na naar om over uit tot door aan tel mail
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni
    juli augustus september oktober november december nederlands nederland nederlandse turks turkse
    marokkaans marokkaanse surinaams surinaamse pools poolse engels engelse duits duitse arabisch
    arabische antilliaans antilliaanse syrisch syrische eritrees eritrese indonesisch indonesische
    frans franse veilig thuis wmo jeugdwet participatiewet wijkteam sociaal team jeugdzorg
    jeugdbescherming raad kinderbescherming gemeente politie god allah kerst kerstmis pasen ramadan
    suikerfeest offerfeest sinterklaas oud nieuw nieuwjaar indonesië engeland marokko turkije
    suriname syrië polen duitsland belgië frankrijk spanje curaçao aruba eritrea somalië amsterdam
    rotterdam utrecht haag den eindhoven groningen zwolle tilburg almere breda nijmegen arnhem
    haarlem leiden delft zaandam amersfoort apeldoorn enschede maastricht dordrecht antwerpen
    brussel keulen berlijn whatsapp teams zoom google facebook instagram tiktok voedselbank bijstand
    wajong wlz zvw zorgverzekeringswet ggz ggd uwv cjg svb duo cak cak-bijdrage beschermd wonen
    inbrenger gespreksleider notulist tijdbewaker observator deelnemer facilitator ronde fase vraag
    casus actie actiepunt noot opmerking afspraak afspraken vervolg
    """
)
_PLACE_BEFORE = _set("in naar uit te vanuit richting")
_MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "mrt": 3, "okt": 10, "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The shipped list of given names, casefolded (read once, a few milliseconds)."""
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


# --- patterns -----------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
_IBAN = re.compile(
    r"\b[A-Z]{2}\d{2}[ ]?(?:[A-Z]{4}(?:[ ]?\d){6,24}|\d{4}(?:[ ]?\d{4}){2,6}(?:[ ]?\d{1,3})?)\b"
)
_BSN = re.compile(r"(?<![\d.,])(?:\d{9}|\d{4}([. ])\d{2}\1\d{3}|\d{3}([. ])\d{3}\2\d{3})(?![\d]|[.,]\d)")
_BSN_LABELLED = re.compile(
    r"\b(?:bsn|burgerservicenummer|burgerservice-nummer|sofinummer|sofi-nummer|bsn-nummer)\b[^\d\n]{0,30}?"
    r"(\d(?:[ .]?\d){6,9})(?!\d)",
    re.IGNORECASE,
)
_PHONE_NL = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[ -]?(?:\(0\)[ -]?)?|\(0|0)\d(?:[ ()-]{0,2}\d){7,9}(?!\d)"
)
_PHONE_INTL = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ -]?\(0\))?(?:[ ./-]?\d){6,13}(?!\d)")
# with the place after it: "1234 AB Amsterdam"
_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}(?![\w-])(?: [A-Z][\w'-]+(?: [A-Z][\w'-]+)?)?")
_STREET_SUFFIX = (
    "straat|weg|laan|plein|gracht|kade|singel|dijk|pad|dreef|hof|steeg|markt|plantsoen|allee|baan|ring|"
    "wal|erf|veld|park|boulevard|dam|haven|kanaal|zijde|weide|hoek|lei|plaats|vaart|burgwal|straatweg|"
    "dwarsstraat|oord|donk|akker|hoeve|brink|wijk|gang|werf"
)
_ADDRESS = re.compile(
    r"(?:(?:[A-Z][\w'-]*\.?\s+)(?:(?:de|van|der|den|het|'t)\s+)*){0,3}"
    rf"[A-Z][\w'-]*(?:{_STREET_SUFFIX})\s+\d{{1,5}}"
    r"(?:[ -]?(?:[a-zA-Z]|I{1,3}|IV|bis|hs|huis|boven|bg)\b|-\d{1,3}\b)?"
)
_INSTITUTION_TYPE = re.compile(
    r"\b(?i:basisschool|school|obs|cbs|pcbs|rkbs|kinderdagverblijf|kdv|bso|peuterspeelzaal|opvang|"
    r"zorgboerderij|woonzorgcentrum|verpleeghuis|verzorgingshuis|zorgcentrum|ziekenhuis|"
    r"huisartsenpraktijk|praktijk|kerk|moskee|vereniging|voetbalclub|sportclub|club|dagbesteding|"
    r"woongroep|internaat|gezinshuis|crèche|creche|kliniek|instelling|buurthuis)\s+"
    r"((?:(?:De|Het|'t|Den|de|het)\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"
)
_INSTITUTION_NAMED = re.compile(
    r"(?:[A-Z][\w'-]*\s+){1,3}(?:College|Lyceum|Gymnasium|Ziekenhuis|Academie|Scholengemeenschap|"
    r"Kliniek|Zorggroep|Basisschool)\b"
)
_DATE_WORDS = rf"(?:\d{{1,2}}\.?\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
_DATE_NUMERIC = r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|'?\d{2})|\d{4}-\d{1,2}-\d{1,2})"
_BIRTH = re.compile(
    r"\b(?:geboren|geb\.?|geboortedatum|geboortejaar|geboortedag|born|dob|d\.o\.b\.)\W{0,3}"
    r"(?:(?:op|in|on)\s+)?"
    rf"({_DATE_WORDS}|{_DATE_NUMERIC}|(?:19|20)\d{{2}}|'\d{{2}})(?![\d])",
    re.IGNORECASE,
)
_IS_FROM_YEAR = re.compile(rf"\b(?:is|zijn|was|waren)\s+van\s+({_DATE_WORDS}|(?:19|20)\d{{2}})(?!\d)")
_APOSTROPHE_DATE = re.compile(r"(?<![\d.,/-])\d{1,2}[-/.]\d{1,2}[-/.]'\d{2}(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<![\d.,/-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?![\d]|[.,/-]\d)")
_ISO_DATE = re.compile(r"(?<![\d.,/-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d]|[.,/-]\d)")
_DAY_MONTH_YEAR = re.compile(rf"(?<![\w.])(\d{{1,2}})\.?\s+({_MONTH})\s+(\d{{4}})(?!\d)", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"(?<![\w.])({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)", re.IGNORECASE)
_AGE_AFTER = re.compile(r"\s*\((\d{1,3})(?:\s*(?:jaar|jr\.?))?\)|,\s*(\d{1,3})\s+(?:jaar|jr\.?)\b")
_WORD = re.compile(r"'t\b|[^\W\d_][\w-]*(?:['’](?!s\b)[^\W\d_][\w-]*)*")
_ABBREVIATIONS = _set("geb tel nr ca bijv evt mob")
_NO_SENTENCE_END = TITLES | _ABBREVIATIONS
_ABBREVIATION_BEFORE = re.compile(r"(?<![\w.])([^\W\d_]+)\.$")


def eleven_test(digits: str) -> bool:
    """Whether nine digits pass the BSN eleven-test (and are not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(weight * int(digit) for weight, digit in zip(range(9, 1, -1), digits[:8], strict=True))
    return (total - int(digits[8])) % 11 == 0


def _is_dutch_phone(written: str) -> bool:
    digits = re.sub(r"\D", "", written)
    if written.startswith(("+", "00")):
        digits = digits.removeprefix("00").removeprefix("31")
        if "(0)" in written:
            digits = digits.removeprefix("0")
        return len(digits) == 9 and digits[0] != "0"
    return len(digits) == 10 and digits[0] == "0" and digits[1] != "0"


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


def _structured(text: str, today: date) -> list[Span]:
    spans: list[Span] = []

    def add(kind: str, start: int, end: int) -> None:
        spans.append(Span(start, end, kind, text[start:end]))

    for m in _EMAIL.finditer(text):
        add("email", m.start(), m.end())
    for m in _IBAN.finditer(text):
        add("iban", m.start(), m.end())
    for m in _BSN_LABELLED.finditer(text):
        add("bsn", m.start(1), m.end(1))
    for m in _BSN.finditer(text):
        if eleven_test(re.sub(r"\D", "", m.group())):
            add("bsn", m.start(), m.end())
    for m in _BIRTH.finditer(text):
        add("birth_date", m.start(1), m.end(1))
    for m in _IS_FROM_YEAR.finditer(text):
        add("birth_date", m.start(1), m.end(1))
    for m in _APOSTROPHE_DATE.finditer(text):
        add("birth_date", m.start(), m.end())
    for m in _NUMERIC_DATE.finditer(text):
        if is_birth_date(int(m.group(1)), int(m.group(3)), int(m.group(4)), today):
            add("birth_date", m.start(), m.end())
    for m in _ISO_DATE.finditer(text):
        if is_birth_date(int(m.group(3)), int(m.group(2)), int(m.group(1)), today):
            add("birth_date", m.start(), m.end())
    for m in _DAY_MONTH_YEAR.finditer(text):
        month = _MONTHS[m.group(2).lower().rstrip(".")]
        if is_birth_date(int(m.group(1)), month, int(m.group(3)), today):
            add("birth_date", m.start(), m.end())
    for m in _MONTH_DAY_YEAR.finditer(text):
        month = _MONTHS[m.group(1).lower().rstrip(".")]
        if is_birth_date(int(m.group(2)), month, int(m.group(3)), today):
            add("birth_date", m.start(), m.end())
    for m in _PHONE_NL.finditer(text):
        if _is_dutch_phone(m.group()):
            add("phone", m.start(), m.end())
    for m in _PHONE_INTL.finditer(text):
        # country code and number: 9 to 15 digits (E.164), not counting the "00" before them
        digits = re.sub(r"\D", "", m.group())
        if 9 <= len(digits.removeprefix("00") if m.group().startswith("00") else digits) <= 15:
            add("phone", m.start(), m.end())
    for m in _ADDRESS.finditer(text):
        add("address", m.start(), m.end())
    for m in _POSTCODE.finditer(text):
        add("postcode", m.start(), m.end())
    for m in _INSTITUTION_TYPE.finditer(text):
        add("institution", m.start(1), m.end(1))
    for m in _INSTITUTION_NAMED.finditer(text):
        add("institution", m.start(), m.end())
    return spans


# --- names --------------------------------------------------------------------------------


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
    for m in _WORD.finditer(text):
        prefix = text[max(0, m.start() - 40):m.start()].rstrip(" \t\"'“‘([")
        at_start = not prefix or prefix[-1] in ".!?:;\n•*" or prefix.endswith("\n-") or prefix == "-"
        # "mw. Jansen", "geb. 1948", "tel. moeder": an abbreviation ends no sentence
        if at_start and prefix.endswith("."):
            abbreviation = _ABBREVIATION_BEFORE.search(prefix)
            if abbreviation and abbreviation.group(1).casefold() in _NO_SENTENCE_END:
                at_start = False
        words.append(_Word(m.start(), m.end(), m.group(), at_start))
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


def _names(text: str, known: frozenset[str]) -> list[Span]:
    words = _words(text)
    given = first_names() | known
    spans: list[Span] = []
    i = 0
    while i < len(words):
        word = words[i]
        found: tuple[int, int] | None = None
        nxt = words[i + 1] if i + 1 < len(words) else None
        if (word.key in TITLES or word.key in RELATIONS) and nxt is not None:
            gap = text[word.end:nxt.start]
            if gap.strip(" .") == "" and len(gap) <= 3 and not (nxt.sentence_start and word.key in RELATIONS):
                found = _name_from(text, words, i + 1, known)
        if found is None and word.capital and not word.acronym:
            after = text[word.end:word.end + 8]
            if word.key in given and word.key not in STOPWORDS:
                word_name = word.key in WORD_NAMES
                if not (word_name and word.sentence_start and nxt is not None
                        and nxt.key in _NOT_AFTER_WORD_NAME and _adjacent(text, word, nxt)):
                    found = (i, _extend(text, words, i, known))
            elif word.key in STOPWORDS or word.key in PARTICLES or word.key in TITLES or word.key in RELATIONS:
                pass
            elif not word.sentence_start and word.name_shaped:
                prev = words[i - 1] if i > 0 else None
                if not (prev is not None and prev.key in _PLACE_BEFORE and _adjacent(text, prev, word)):
                    found = (i, _extend(text, words, i, known))
            elif re.match(r"\s*\(\d{1,3}\)", after) or (
                nxt is not None and _adjacent(text, word, nxt) and nxt.capital and not nxt.acronym
                and nxt.key not in STOPWORDS and nxt.key not in RELATIONS and nxt.key not in TITLES
            ):
                found = (i, _extend(text, words, i, known))
        if found is None:
            i += 1
            continue
        first, last = found
        start, end = words[first].start, words[last].end
        spans.append(Span(start, end, "name", text[start:end]))
        age = _AGE_AFTER.match(text, end)
        if age:
            group = 1 if age.group(1) else 2
            spans.append(Span(age.start(group), age.end(group), "age", age.group(group)))
        i = last + 1
    return spans


@lru_cache(maxsize=8)
def _known_keys(names: tuple[str, ...]) -> frozenset[str]:
    """The words of names known to be people, casefolded (cached: a document asks with the
    same names for each of its texts)."""
    keys = set()
    for name in names:
        for part in re.findall(r"[^\W\d_][\w'’-]*", name):
            if part.casefold() not in PARTICLES and len(part) >= 2:
                keys.add(part.casefold())
    return frozenset(keys)


def _listed(text: str, names: Iterable[str]) -> list[Span]:
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


def _resolve(spans: list[Span]) -> list[Span]:
    """Earlier first; at the same place the longer; drop spans overlapping an earlier one,
    except that structured kinds win over a name guessed from capitals."""
    order = {kind: n for n, kind in enumerate(KINDS)}
    structured = [s for s in spans if s.kind not in ("name", "age")]
    structured.sort(key=lambda s: (s.start, -(s.end - s.start), order[s.kind]))
    chosen: list[Span] = []
    for span in structured:
        if chosen and span.start < chosen[-1].end:
            continue
        chosen.append(span)
    names = sorted((s for s in spans if s.kind in ("name", "age")), key=lambda s: (s.start, -(s.end - s.start)))
    for span in names:
        if any(span.start < other.end and other.start < span.end for other in chosen):
            continue
        chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def detect(
    text: str, *, names: Iterable[str] = (), listed: Iterable[str] = (), today: date | None = None
) -> list[Span]:
    """Every identifier in `text`, in reading order, without overlaps.

    `names` are names known to be people (colleagues at the table, names found elsewhere in
    the same document): their words count as given names, so they are found where they are
    written as names. `listed` names (listed by the user: clients, family) are found wherever
    they occur as whole words, in any case (a listed name that is also an everyday word, such
    as "Roos", only with its capital).
    """
    if not text:
        return []
    listed = list(listed)
    today = today or date.today()
    spans = _structured(text, today)
    spans += _names(text, _known_keys((*names, *listed)))
    spans += _listed(text, listed)
    return _resolve(spans)


def detect_identifiers(text: str, *, today: date | None = None) -> list[Span]:
    """Every identifier in `text` that is not a person's name (BSN, IBAN, address, phone …),
    in reading order, without overlaps: what `detect` finds of those kinds, without the cost
    of looking for names."""
    if not text:
        return []
    return _resolve(_structured(text, today or date.today()))


def starts_sentence(text: str, position: int) -> bool:
    """Whether `position` in `text` starts a sentence (not after "geb." or "mw.")."""
    prefix = text[max(0, position - 40):position].rstrip(" \t\"'“‘([")
    if not prefix or prefix[-1] in "!?:;\n•*":
        return True
    if prefix[-1] != ".":
        return False
    abbreviation = re.search(r"(?<![\w.])([^\W\d_]+)\.$", prefix)
    return not (abbreviation and abbreviation.group(1).casefold() in TITLES | _ABBREVIATIONS)
