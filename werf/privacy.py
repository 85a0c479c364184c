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

- a capital article or particle inside a sentence opens a name ("bij De Hooge Weide"); initials
  with a surname ("J.P. de Wit"); a family word as a title ("fam. Öztürk", "gezin van den Berg");
- typed in lower case: a surname after "mw"/"dhr" that is no verb or adverb ("mw kowalska"), a
  given name of the list that is no Dutch word ("gesprek met fatima");
- at the start of a sentence: a word before a comma and another identifier ("Emanuels, 1951,"),
  or a word shaped like a given name from outside Dutch before a finite verb ("Reza krijgt …").

Ages and years of birth are found after a name ("Daan van 8", "Tekeste, 1983,") and in "is 19,"
or "82-jarige"; places that narrow a person down after an address or an institution ("… in Ee")
and where someone lives ("woont in Kerkrade"), the large cities excepted.

Given names that are also Dutch words (Ben, Wil, Roos, Mark, Bas, Jan …) are never names when
written in lowercase, and not at the start of a sentence when a pronoun, article or a word that
is no verb follows ("Wil je …", "Ben ik …", "Lieve woorden …"). Plain Python: no Textual.

Measured on the authors' corpus and on a held-out corpus written without looking at these rules
(tests/data/privacy_heldout.jsonl; bench/RESULTS.md has the figures before and after).
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
    imam fam familie gezin
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
    groot klein jong wit zwart koning keizer prins anders arend madelief lies lieve fleur amber jade
    rosa rose frans jasmijn
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
    zweden noorwegen denemarken finland italië griekenland portugal oostenrijk zwitserland ierland
    schotland hongarije roemenië bulgarije oekraïne rusland irak iran afghanistan pakistan india china
    egypte algerije tunesië libië ethiopië soedan kaapverdië ghana nigeria amerika canada brazilië
    colombia venezuela cuba jemen libanon jordanië israël palestina europa afrika azië
    belgisch belgische javaans javaanse hindoestaans hindoestaanse creools creoolse koerdisch koerdische
    afghaans afghaanse somalisch somalische ethiopisch ethiopische iraaks iraakse iraans iraanse
    bulgaars bulgaarse roemeens roemeense russisch russische oekraïens oekraïense chinees chinese
    belastingdienst toeslagen woningcorporatie zorgverzekeraar
    """
)
_PLACE_BEFORE = _set("in naar uit te vanuit richting")
# titles after which a surname typed in lower case is still a name: "mw kowalska", "dhr jansen"
_SHORT_TITLES = _set("mw mevr mvr mevrouw dhr mnr meneer fam")
# what follows "mw." or "dhr." in lower case and is no surname
_NOT_AFTER_TITLE = _set(
    """
    haar zijn hun zelf vaak graag altijd steeds erg heel weer even toch ook nog niet wel alleen samen echter
    namelijk inmiddels gisteren vandaag morgen later eerder hierover daarover hiervan daarvan hierin daarin
    ging kreeg sprak vond bleef liep hield viel wilde werd belde kwam zei gaf zag lag zat nam kon zou
    schreef bracht dacht wist mocht moest zocht kocht liet stond deed hoorde zegt vertelde blijkbaar
    duidelijk eigenlijk misschien zeker absoluut nauwelijks zowel terwijl omdat doordat waardoor zodat
    """
)
# finite verbs after a person as subject ("Reza krijgt ...", "Tomasz wil ...")
_FINITE_VERBS = _set(
    """
    is was heeft had wil wilde werkt werkte woont woonde krijgt kreeg zit zat gaat ging komt kwam belt belde
    zegt zei vertelt vertelde vraagt vroeg kan kon moet moest mag mocht wordt werd zal zou doet deed spreekt
    sprak slaapt sliep staat stond weet wist loopt liep ligt lag blijft bleef geeft gaf neemt nam houdt
    hield zoekt zocht leert leerde kijkt keek voelt voelde denkt dacht vindt vond maakt maakte schreef
    begon hielp dronk zweeg verloor schrok bracht liet zag koos bood sloeg vergat verliet ontving
    """
)
_PERSON_PRONOUNS = _set("hij zij ze die")
_SUBJECT_PRONOUNS = _set("ik je jij u hij zij ze we wij jullie men het er")
_T_WORDS = _set("net echt toch niet best ooit vast straks eerst meest laatst")
# Dutch words that look like foreign given names (end in a single vowel after a consonant)
_FOREIGN_LOOKING_WORDS = _set(
    """
    sofa data pasta agenda villa extra via auto foto radio video euro kilo disco judo taxi kiwi menu pizza
    drama risico piano casino cacao cola gala lava media firma thema sauna quota alinea prima dia visa solo
    demo logo memo metro info expo promo studio tempo schema dilemma trauma stigma nota coma aroma arena
    echo kado cadeau alibi ski mini safari sushi chili accu tofu paraplu yoga yoghurt daarna hierna
    waarna bijna sowieso
    """
)
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
_IBAN_LOWER = re.compile(r"\b[a-z]{2}\d{2}[ ]?[a-z]{4}(?:[ ]?\d){6,24}\b")
_BSN = re.compile(r"(?<![\d.,])(?:\d{9}|\d{4}([. ])\d{2}\1\d{3}|\d{3}([. ])\d{3}\2\d{3})(?![\d]|[.,]\d)")
_BSN_LABELLED = re.compile(
    r"\b(?:bsn|burgerservicenummer|burgerservice-nummer|sofinummer|sofi-nummer|bsn-nummer)\b[^\d\n]{0,30}?"
    r"(\d(?:[ .]?\d){6,9})(?!\d)",
    re.IGNORECASE,
)
_PHONE_NL = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[ -]?(?:\(0\)[ -]?)?|\(0|0)\d(?:[ ()-]{0,3}\d){7,9}(?!\d)"
)
_PHONE_INTL = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ -]?\(0\))?(?:[ ./-]?\d){6,13}(?!\d)")
# with the place after it: "1234 AB Amsterdam"
_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}(?![\w-])(?: [A-Z][\w'-]+(?: [A-Z][\w'-]+)?)?")
_POSTCODE_LOWER = re.compile(r"(?<![\w-])[1-9]\d{3}[ ]?[a-z]{2}(?![\w-])")
_POSTCODE_LABEL = re.compile(r"\b(?:postcode|pc)\b", re.IGNORECASE)
_STREET_SUFFIX = (
    "straat|weg|laan|plein|gracht|kade|singel|dijk|pad|dreef|hof|steeg|markt|plantsoen|allee|baan|ring|"
    "wal|erf|veld|park|boulevard|dam|haven|kanaal|zijde|weide|hoek|lei|plaats|vaart|burgwal|straatweg|"
    "dwarsstraat|oord|donk|akker|hoeve|brink|wijk|gang|werf"
)
_HOUSE_ADDITION = r"(?:[ -]?(?:[a-zA-Z]|I{1,3}|IV|bis|hs|huis|boven|bg|zw|rd|rood|zwart)\b|-\d{1,3}\b)?"
_ADDRESS = re.compile(
    r"(?:(?:[A-Z][\w'-]*\.?\s+)(?:(?:de|van|der|den|het|'t)\s+)*){0,3}"
    rf"(?:'s-)?[A-Z][\w'-]*(?:{_STREET_SUFFIX}|str\.)\s+\d{{1,5}}" + _HOUSE_ADDITION
)
# "Laan van Nieuw Oost-Indië 122", "Hof van Delft 33"
_ADDRESS_OF = re.compile(
    r"\b(?:Laan|Hof|Plein|Park|Kade|Singel|Weg|Straat|Dreef|Burgwal|Plantage|Erf|Dijk)"
    r"(?:\s+(?:van|der|de|den|het|'t|op|ten|ter))+(?:\s+[A-Z][\w'-]*){1,4}\s+\d{1,5}" + _HOUSE_ADDITION
)
# typed in lower case: "kastanjelaan 14-2"
_ADDRESS_LOWER = re.compile(
    r"(?<![\w'-])[a-z][\w'-]+(?:straat|weg|laan|plein|gracht|kade|singel|dijk|dreef|steeg|markt|wal|str\.)"
    r"\s+\d{1,5}" + _HOUSE_ADDITION
)
# a street named without its number where someone lives: "aan de Zwarteweg"
_STREET_ONLY = re.compile(rf"\b(?:aan|op|van)\s+de\s+((?:'s-)?[A-Z][\w'-]*(?:{_STREET_SUFFIX}))\b(?![ ]?\d)")
_HOUSE_NUMBER = re.compile(r"\b(?:huisnummer|huisnr\.?|op\s+nr\.?|op\s+nummer)\s+(\d{1,5}(?:[ -]?[a-zA-Z]{1,3}\b)?)")
# a place after an address or institution, or where someone lives: "in Ee", "verhuisd naar Nes"
_PLACE = (
    r"(?:(?:Den|De|Het|Ter|Ten|Sint|St\.|Nieuw|Nieuwe|Oud|Oude|Groot|Klein|Oost|West|Noord|Zuid|Hoog|Laag)\s+|'s-)?"
    r"[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)*"
)
_PLACE_AFTER = re.compile(rf"\s+(?:in|te)\s+({_PLACE})\b|,\s*({_PLACE})(?=\s*(?:[.;)]|$))")
_LIVES_IN = re.compile(
    rf"\b(?:woon\w*|verhui\w*|ingeschreven|opgegroeid)\b[^.;:!?\n]{{0,60}}?\b(?:in|naar|te)\s+({_PLACE})\b"
    rf"|\b(?:in|te)\s+({_PLACE})\s+(?:woont|wonen|woonde|woonden|verblijft|verblijven|ingeschreven)\b"
)
_PO_BOX = re.compile(r"\b[Pp]ostbus\s+\d{1,6}\b")
_INSTITUTION_TYPE = re.compile(
    r"\b(?i:basisschool|school|obs|cbs|pcbs|rkbs|kinderdagverblijf|kdv|bso|peuterspeelzaal|opvang|"
    r"zorgboerderij|woonzorgcentrum|verpleeghuis|verzorgingshuis|zorgcentrum|ziekenhuis|"
    r"huisartsenpraktijk|praktijk|kerk|moskee|vereniging|voetbalclub|sportclub|club|dagbesteding|"
    r"woongroep|internaat|gezinshuis|crèche|creche|kliniek|instelling|buurthuis|camping|azc|afdeling|"
    r"inloophuis|dagcentrum|woonvoorziening|zorginstelling|uitzendbureau|[^\W\d_]*bedrijf)\s+"
    r"((?:(?:De|Het|'t|Den|de|het)\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"
)
_INSTITUTION_NAMED = re.compile(
    r"(?:[A-Z][\w'-]*\s+){1,3}(?:College|Lyceum|Gymnasium|Ziekenhuis|Academie|Scholengemeenschap|"
    r"Kliniek|Zorggroep|Basisschool)\b"
)
# "ROC Midden Nederland", "PI Vught", "GGZ Centraal"
_INSTITUTION_ACRONYM = re.compile(
    r"\b(?:ROC|MBO|ISK|PI|JJI|FPC|AZC|RIBW|GGZ|GGD|VMBO|SBO|VSO|HBO|BSO|KDV|MFC|SO|VO)\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}"
)
# "opgenomen in Altrecht", "in Parnassia is opgenomen"
_ADMITTED = re.compile(
    r"\bopgenomen\s+(?:geweest\s+)?(?:in|bij|op)\s+((?:(?:De|Het|'t)\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})"
    r"|\b(?:in|bij|op)\s+((?:(?:De|Het|'t)\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})\s+(?:is\s+|wordt\s+|werd\s+)?"
    r"opgenomen\b"
)
_DATE_WORDS = rf"(?:\d{{1,2}}\.?\s+{_MONTH}\s+(?:\d{{4}}|'\d{{2}})|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
_DATE_NUMERIC = r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|'?\d{2})|\d{4}-\d{1,2}-\d{1,2})"
_BIRTH = re.compile(
    r"\b(?:geboren|geb\.?|geboortedatum|geboortejaar|geboortedag|born|dob|d\.o\.b\.)\W{0,3}"
    r"(?:(?:op|in|on)\s+|van\s+(?:[A-Z][\w'-]*\s+){1,3}(?:is|was)\s+)?"
    rf"({_DATE_WORDS}|{_DATE_NUMERIC}|(?:19|20)\d{{2}}|'\d{{2}})(?![\d])",
    re.IGNORECASE,
)
_IS_FROM_YEAR = re.compile(rf"\b(?:is|zijn|was|waren)\s+van\s+({_DATE_WORDS}|(?:19|20)\d{{2}}|'\d{{2}})(?!\d)")
# "is in 1955 geboren", "is 12-3-'78 geboren"
_BORN_AFTER = re.compile(
    rf"(?<![\w'])({_DATE_WORDS}|{_DATE_NUMERIC}|(?:19|20)\d{{2}}|'\d{{2}})\s+geboren\b", re.IGNORECASE
)
_APOSTROPHE_DATE = re.compile(r"(?<![\d.,/-])\d{1,2}[-/.]\d{1,2}[-/.]'\d{2}(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<![\d.,/-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?![\d]|[.,/-]\d)")
_ISO_DATE = re.compile(r"(?<![\d.,/-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d]|[.,/-]\d)")
_DAY_MONTH_YEAR = re.compile(rf"(?<![\w.])(\d{{1,2}})\.?\s+({_MONTH})\s+(\d{{4}}|'\d{{2}})(?!\d)", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"(?<![\w.])({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)", re.IGNORECASE)
_AGE_AFTER = re.compile(r"\s*\((\d{1,3})(?:\s*(?:jaar|jr\.?))?\)|,\s*(\d{1,3})\s+(?:jaar|jr\.?)\b")
_NUMBER_WORDS = (
    "een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|"
    "zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig"
)
# "Mohammed van veertien", "Daan van 8"
_AGE_OF = re.compile(
    rf"\s+van\s+(\d{{1,2}}|{_NUMBER_WORDS})(?![\w.,/-])"
    r"(?!\s+(?:jaar\s+geleden|uur|euro|minuten|dagen|weken|maanden|keer))"
)
# "Jansen, 1948,", "Jansen (1948)": a year of birth right after a name
_YEAR_AFTER = re.compile(r",\s*((?:19|20)\d{2})(?=\s*[,;)])|\s*\(((?:19|20)\d{2})\)")
# "is 19,", "wordt volgende maand 9.", "is net 18 geworden", "de 82-jarige"
_AGE_IS = re.compile(
    r"\b(?:is|wordt|werd|was)\s+(?:(?:nu|net|pas|bijna|al|inmiddels|ongeveer|ca\.|rond|binnenkort|vandaag|morgen|"
    rf"volgende\s+(?:week|maand)|volgend\s+jaar|deze\s+(?:week|maand)|in\s+{_MONTH})\s+)?(\d{{1,3}})(?:\s+(?:jaar|jr\.?))?"
    r"(?=\s*(?:[,;!?)]|\.(?!\d)|$)|\s+(?:en|maar|geworden|geweest|oud)\b)"
)
_AGE_BRACKETED = re.compile(r"\((\d{1,3})\s*(?:jaar|jr\.?|j\.)\)")
_AGE_PAIR = re.compile(r"\s*\((\d{1,2})\s*(?:,|en|&)\s*(\d{1,2})\)")
_AGE_BETWEEN_COMMAS = re.compile(r",\s*(\d{1,3}),")
_AGE_ADJECTIVE = re.compile(r"(?<![\w.,-])(\d{1,3})-jarige?\b")
_INITIALS = re.compile(
    r"(?<![\w.])(?:[A-Z]\.\s?){1,4}(?:(?:van|de|der|den|ter|ten|te|el|al|Van|De|Ter|Ten|El|Al)\s+){0,3}"
    r"([A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?)"
)
# "Emanuels, 1951,", "Hendriks, h.jw@planet.nl", "Soraya, 06-12348870": a word before a comma and an identifier
_APPOSITION = re.compile(
    r"\s*,\s*(?:(?:19|20)\d{2}\s*[,;)]|\d{1,3}\s+(?:jaar|jr)\b|(?:\+|00|0)\d[\d ()-]{7,}|[\w.+-]+@)"
)
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


def _structured(text: str, today: date) -> list[Span]:
    spans: list[Span] = []

    def add(kind: str, start: int, end: int) -> None:
        spans.append(Span(start, end, kind, text[start:end]))

    for m in _EMAIL.finditer(text):
        add("email", m.start(), m.end())
    for m in _IBAN.finditer(text):
        add("iban", m.start(), m.end())
    for m in _IBAN_LOWER.finditer(text):
        if _iban_checksum(m.group()):
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
    for m in _BORN_AFTER.finditer(text):
        add("birth_date", m.start(1), m.end(1))
    for m in _DAY_MONTH_YEAR.finditer(text):
        month = _MONTHS[m.group(2).lower().rstrip(".")]
        if is_birth_date(int(m.group(1)), month, _full_year(m.group(3), today), today):
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
    for pattern in (_ADDRESS, _ADDRESS_OF, _ADDRESS_LOWER, _PO_BOX):
        for m in pattern.finditer(text):
            add("address", m.start(), m.end())
    for pattern in (_STREET_ONLY, _HOUSE_NUMBER):
        for m in pattern.finditer(text):
            add("address", m.start(1), m.end(1))
    for m in _POSTCODE.finditer(text):
        add("postcode", m.start(), m.end())
    for m in _POSTCODE_LOWER.finditer(text):
        labelled = _POSTCODE_LABEL.search(text, max(0, m.start() - 40), m.start())
        if labelled or re.match(r" [A-Z][^\W\d_]", text[m.end():]):
            add("postcode", m.start(), m.end())
    for m in _INSTITUTION_TYPE.finditer(text):
        add("institution", m.start(1), m.end(1))
    for pattern in (_INSTITUTION_NAMED, _INSTITUTION_ACRONYM):
        for m in pattern.finditer(text):
            add("institution", m.start(), m.end())
    for m in _ADMITTED.finditer(text):
        group = 1 if m.group(1) else 2
        if m.group(group).split()[-1].casefold() not in STOPWORDS:
            add("institution", m.start(group), m.end(group))
    for m in _AGE_IS.finditer(text):
        if int(m.group(1)) <= 120 and _person_before(text, m.start()):
            add("age", m.start(1), m.end(1))
    for m in _AGE_BRACKETED.finditer(text):
        add("age", m.start(1), m.end(1))
    for m in _AGE_ADJECTIVE.finditer(text):
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
    return any(w.casefold() in RELATIONS | TITLES | _PERSON_PRONOUNS | first_names()
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
            m = _PLACE_AFTER.match(text, span.end)
            if m:
                group = 1 if m.group(1) else 2
                if _is_place(m.group(group)):
                    places.append(Span(m.start(group), m.end(group), "address", m.group(group)))
    for m in _LIVES_IN.finditer(text):
        group = 1 if m.group(1) else 2
        if _is_place(m.group(group)):
            places.append(Span(m.start(group), m.end(group), "address", m.group(group)))
    return places


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
    if key in _FOREIGN_LOOKING_WORDS or len(key) < 3:
        return False
    if re.search(r"[çşğıłśżźńąęćřžšőű]|sz|cz|rz|kh|sh|dj|zh|[aou]y[aeiou]|^y[aeiou]", key):
        return True
    return key[-1] in "aiou" and key[-2] not in "aeiou"


def _surname_suffixed(key: str) -> bool:
    """Dutch and Frisian surname endings: "Jansen", "Dijkstra", "Postma", "Wiersema"."""
    return (len(key) >= 5 and key not in _FOREIGN_LOOKING_WORDS
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
    finite = verb.key in _FINITE_VERBS or verb.key.endswith(("de", "te"))
    return finite and (third is None or third.key not in _SUBJECT_PRONOUNS)


def _used_as_word(text: str, word: _Word, nxt: _Word | None) -> bool:
    """A given name that is also a Dutch word, opening a sentence as that word: "Wil je ...",
    "Ben benieuwd ...", "Lieve woorden ..." (before a pronoun, or before a word that is no verb: a
    name opening a sentence is its subject)."""
    if not (word.key in WORD_NAMES and word.sentence_start and nxt is not None and _adjacent(text, word, nxt)):
        return False
    if nxt.key in _NOT_AFTER_WORD_NAME:
        return True
    if nxt.capital:
        return False
    finite = nxt.key in _FINITE_VERBS or (nxt.key.endswith(("t", "de", "te")) and nxt.key not in _T_WORDS)
    return not finite and nxt.key not in ("en", "of", "maar")  # "Wil en ik gaan langs", "Roos belt"


def _lower_surname(key: str) -> bool:
    """Whether a lower-case word after "mw." or "dhr." can be a surname: no verb, adverb or
    adjective ("mw. sliep", "dhr. boos", "mw. verdrietig")."""
    if len(key) < 4 or key in STOPWORDS | RELATIONS | TITLES | _NOT_AFTER_TITLE | _FINITE_VERBS:
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
    if particles and _lower_surname(head) and verb is not None and verb.key in _FINITE_VERBS:
        return i, k  # "mw de vries wil niet ..."
    return None


def _names(text: str, known: frozenset[str]) -> list[Span]:
    words = _words(text)
    given = first_names() | known
    spans: list[Span] = []
    i = 0
    while i < len(words):
        word = words[i]
        found: tuple[int, int] | None = None
        prev = words[i - 1] if i > 0 else None
        nxt = words[i + 1] if i + 1 < len(words) else None
        after_place_word = prev is not None and prev.key in _PLACE_BEFORE and _adjacent(text, prev, word)
        if (word.key in TITLES or word.key in RELATIONS) and nxt is not None:
            gap = text[word.end:nxt.start]
            if gap.strip(" .") == "" and len(gap) <= 3 and not (nxt.sentence_start and word.key in RELATIONS):
                found = _name_from(text, words, i + 1, known)
                if found is None and word.key in _SHORT_TITLES:
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
            elif re.match(r"\s*\(\d{1,3}\)", after) or (word.name_shaped and _APPOSITION.match(after)) or (
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
    for m in _INITIALS.finditer(text):
        if m.group(1).casefold() not in STOPWORDS | RELATIONS | TITLES:
            spans.append(Span(m.start(), m.end(), "name", m.group()))
    return spans


def _after_name(text: str, end: int) -> list[Span]:
    """An age or a year of birth written right after a name: "Yusuf (14)", "Mohammed van veertien",
    "Ahmed, 16,", "Lina en Sami (4 en 6)", "Tekeste, 1983,"."""
    pair = _AGE_PAIR.match(text, end)
    if pair:  # "Lina en Sami (4 en 6)"
        return [Span(pair.start(n), pair.end(n), "age", pair.group(n)) for n in (1, 2)]
    age = _AGE_AFTER.match(text, end) or _AGE_OF.match(text, end) or _AGE_BETWEEN_COMMAS.match(text, end)
    if age:
        group = next(n for n in range(1, (age.re.groups or 0) + 1) if age.group(n))
        return [Span(age.start(group), age.end(group), "age", age.group(group))]
    year = _YEAR_AFTER.match(text, end)
    if year:
        group = 1 if year.group(1) else 2
        return [Span(year.start(group), year.end(group), "birth_date", year.group(group))]
    return []


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


_TRAILING_PARTICLES = re.compile(r"(?:\s+(?:van|de|der|den|het|'t|ter|ten|te|el|al|op|in|bij))*[\s,]*$")


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
        overlapping = [other for other in chosen if span.start < other.end and other.start < span.end]
        if overlapping:
            # a name that ran on into an institution or address keeps its own words:
            # "meneer Bakker van het Amadeus Lyceum" → "Bakker" and "Amadeus Lyceum"
            cut = min(other.start for other in overlapping)
            if span.kind != "name" or cut <= span.start or any(o.kind in ("name", "age") for o in overlapping):
                continue
            kept = re.sub(_TRAILING_PARTICLES, "", span.text[:cut - span.start])
            if not kept:
                continue
            span = Span(span.start, span.start + len(kept), "name", kept)
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


_TAG_AT_END = re.compile(r"\[/?[a-z][\w .#=-]*\]$")


def starts_sentence(text: str, position: int) -> bool:
    """Whether `position` in `text` starts a sentence, a line or a list item: the one rule for
    the detector (a capital there says nothing) and for placeholders (which then get one).
    "mw. Jansen", "geb. 1948", "tel. moeder": an abbreviation ends no sentence; markup typed as
    text ("[red]Wat is …") is looked through."""
    prefix = text[max(0, position - 40):position].rstrip(" \t\"'“‘([")
    while (tag := _TAG_AT_END.search(prefix)) is not None:
        prefix = prefix[:tag.start()].rstrip(" \t\"'“‘([")
    if not prefix or prefix[-1] in "!?:;\n•*" or prefix.endswith("\n-") or prefix == "-":
        return True
    if prefix[-1] != ".":
        return False
    abbreviation = _ABBREVIATION_BEFORE.search(prefix)
    return not (abbreviation and abbreviation.group(1).casefold() in _NO_SENTENCE_END)
