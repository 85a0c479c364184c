"""The regular expressions of the rule set: the structured identifiers (e-mail, IBAN, BSN,
phone, postcode, address, institution, dates and ages), initials, words and abbreviations."""

from __future__ import annotations

import re

from werf.privacy.words import MONTH, TITLES, word_set

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
IBAN = re.compile(
    r"\b[A-Z]{2}\d{2}[ ]?(?:[A-Z]{4}(?:[ ]?\d){6,24}|\d{4}(?:[ ]?\d{4}){2,6}(?:[ ]?\d{1,3})?)\b"
)
IBAN_LOWER = re.compile(r"\b[a-z]{2}\d{2}[ ]?[a-z]{4}(?:[ ]?\d){6,24}\b")
BSN = re.compile(r"(?<![\d.,])(?:\d{9}|\d{4}([. ])\d{2}\1\d{3}|\d{3}([. ])\d{3}\2\d{3})(?![\d]|[.,]\d)")
BSN_LABELLED = re.compile(
    r"\b(?:bsn|burgerservicenummer|burgerservice-nummer|sofinummer|sofi-nummer|bsn-nummer)\b[^\d\n]{0,30}?"
    r"(\d(?:[ .]?\d){6,9})(?!\d)",
    re.IGNORECASE,
)
PHONE_NL = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[ -]?(?:\(0\)[ -]?)?|\(0|0)\d(?:[ ()-]{0,3}\d){7,9}(?!\d)"
)
PHONE_INTL = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ -]?\(0\))?(?:[ ./-]?\d){6,13}(?!\d)")
# with the place after it: "1234 AB Amsterdam"
POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}(?![\w-])(?: [A-Z][\w'-]+(?: [A-Z][\w'-]+)?)?")
POSTCODE_LOWER = re.compile(r"(?<![\w-])[1-9]\d{3}[ ]?[a-z]{2}(?![\w-])")
POSTCODE_LABEL = re.compile(r"\b(?:postcode|pc)\b", re.IGNORECASE)
STREET_SUFFIX = (
    "straat|weg|laan|plein|gracht|kade|singel|dijk|pad|dreef|hof|steeg|markt|plantsoen|allee|baan|ring|"
    "wal|erf|veld|park|boulevard|dam|haven|kanaal|zijde|weide|hoek|lei|plaats|vaart|burgwal|straatweg|"
    "dwarsstraat|oord|donk|akker|hoeve|brink|wijk|gang|werf"
)
HOUSE_ADDITION = r"(?:[ -]?(?:[a-zA-Z]|I{1,3}|IV|bis|hs|huis|boven|bg|zw|rd|rood|zwart)\b|-\d{1,3}\b)?"
ADDRESS = re.compile(
    r"(?:(?:[A-Z][\w'-]*\.?\s+)(?:(?:de|van|der|den|het|'t)\s+)*){0,3}"
    rf"(?:'s-)?[A-Z][\w'-]*(?:{STREET_SUFFIX}|str\.)\s+\d{{1,5}}" + HOUSE_ADDITION
)
# "Laan van Nieuw Oost-Indië 122", "Hof van Delft 33"
ADDRESS_OF = re.compile(
    r"\b(?:Laan|Hof|Plein|Park|Kade|Singel|Weg|Straat|Dreef|Burgwal|Plantage|Erf|Dijk)"
    r"(?:\s+(?:van|der|de|den|het|'t|op|ten|ter))+(?:\s+[A-Z][\w'-]*){1,4}\s+\d{1,5}" + HOUSE_ADDITION
)
# typed in lower case: "kastanjelaan 14-2"
ADDRESS_LOWER = re.compile(
    r"(?<![\w'-])[a-z][\w'-]+(?:straat|weg|laan|plein|gracht|kade|singel|dijk|dreef|steeg|markt|wal|str\.)"
    r"\s+\d{1,5}" + HOUSE_ADDITION
)
# a street named without its number where someone lives: "aan de Zwarteweg"
STREET_ONLY = re.compile(rf"\b(?:aan|op|van)\s+de\s+((?:'s-)?[A-Z][\w'-]*(?:{STREET_SUFFIX}))\b(?![ ]?\d)")
HOUSE_NUMBER = re.compile(r"\b(?:huisnummer|huisnr\.?|op\s+nr\.?|op\s+nummer)\s+(\d{1,5}(?:[ -]?[a-zA-Z]{1,3}\b)?)")
# a place after an address or institution, or where someone lives: "in Ee", "verhuisd naar Nes"
PLACE = (
    r"(?:(?:Den|De|Het|Ter|Ten|Sint|St\.|Nieuw|Nieuwe|Oud|Oude|Groot|Klein|Oost|West|Noord|Zuid|Hoog|Laag)\s+|'s-)?"
    r"[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)*"
)
PLACE_AFTER = re.compile(rf"\s+(?:in|te)\s+({PLACE})\b|,\s*({PLACE})(?=\s*(?:[.;)]|$))")
LIVES_IN = re.compile(
    rf"\b(?:woon\w*|verhui\w*|ingeschreven|opgegroeid)\b[^.;:!?\n]{{0,60}}?\b(?:in|naar|te)\s+({PLACE})\b"
    rf"|\b(?:in|te)\s+({PLACE})\s+(?:woont|wonen|woonde|woonden|verblijft|verblijven|ingeschreven)\b"
)
PO_BOX = re.compile(r"\b[Pp]ostbus\s+\d{1,6}\b")
INSTITUTION_TYPE = re.compile(
    r"\b(?i:basisschool|school|obs|cbs|pcbs|rkbs|kinderdagverblijf|kdv|bso|peuterspeelzaal|opvang|"
    r"zorgboerderij|woonzorgcentrum|verpleeghuis|verzorgingshuis|zorgcentrum|ziekenhuis|"
    r"huisartsenpraktijk|praktijk|kerk|moskee|vereniging|voetbalclub|sportclub|club|dagbesteding|"
    r"woongroep|internaat|gezinshuis|crèche|creche|kliniek|instelling|buurthuis|camping|azc|afdeling|"
    r"inloophuis|dagcentrum|woonvoorziening|zorginstelling|uitzendbureau|[^\W\d_]*bedrijf)\s+"
    r"((?:(?:De|Het|'t|Den|de|het)\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"
)
INSTITUTION_NAMED = re.compile(
    r"(?:[A-Z][\w'-]*\s+){1,3}(?:College|Lyceum|Gymnasium|Ziekenhuis|Academie|Scholengemeenschap|"
    r"Kliniek|Zorggroep|Basisschool)\b"
)
# "ROC Midden Nederland", "PI Vught", "GGZ Centraal"
INSTITUTION_ACRONYM = re.compile(
    r"\b(?:ROC|MBO|ISK|PI|JJI|FPC|AZC|RIBW|GGZ|GGD|VMBO|SBO|VSO|HBO|BSO|KDV|MFC|SO|VO)\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}"
)
# "opgenomen in Altrecht", "in Parnassia is opgenomen"
ADMITTED = re.compile(
    r"\bopgenomen\s+(?:geweest\s+)?(?:in|bij|op)\s+((?:(?:De|Het|'t)\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})"
    r"|\b(?:in|bij|op)\s+((?:(?:De|Het|'t)\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})\s+(?:is\s+|wordt\s+|werd\s+)?"
    r"opgenomen\b"
)
DATE_WORDS = rf"(?:\d{{1,2}}\.?\s+{MONTH}\s+(?:\d{{4}}|'\d{{2}})|{MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
DATE_NUMERIC = r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|'?\d{2})|\d{4}-\d{1,2}-\d{1,2})"
BIRTH = re.compile(
    r"\b(?:geboren|geb\.?|geboortedatum|geboortejaar|geboortedag|born|dob|d\.o\.b\.)\W{0,3}"
    r"(?:(?:op|in|on)\s+|van\s+(?:[A-Z][\w'-]*\s+){1,3}(?:is|was)\s+)?"
    rf"({DATE_WORDS}|{DATE_NUMERIC}|(?:19|20)\d{{2}}|'\d{{2}})(?![\d])",
    re.IGNORECASE,
)
IS_FROM_YEAR = re.compile(rf"\b(?:is|zijn|was|waren)\s+van\s+({DATE_WORDS}|(?:19|20)\d{{2}}|'\d{{2}})(?!\d)")
# "is in 1955 geboren", "is 12-3-'78 geboren"
BORN_AFTER = re.compile(
    rf"(?<![\w'])({DATE_WORDS}|{DATE_NUMERIC}|(?:19|20)\d{{2}}|'\d{{2}})\s+geboren\b", re.IGNORECASE
)
APOSTROPHE_DATE = re.compile(r"(?<![\d.,/-])\d{1,2}[-/.]\d{1,2}[-/.]'\d{2}(?!\d)")
NUMERIC_DATE = re.compile(r"(?<![\d.,/-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?![\d]|[.,/-]\d)")
ISO_DATE = re.compile(r"(?<![\d.,/-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d]|[.,/-]\d)")
DAY_MONTH_YEAR = re.compile(rf"(?<![\w.])(\d{{1,2}})\.?\s+({MONTH})\s+(\d{{4}}|'\d{{2}})(?!\d)", re.IGNORECASE)
MONTH_DAY_YEAR = re.compile(rf"(?<![\w.])({MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)", re.IGNORECASE)
AGE_AFTER = re.compile(r"\s*\((\d{1,3})(?:\s*(?:jaar|jr\.?))?\)|,\s*(\d{1,3})\s+(?:jaar|jr\.?)\b")
NUMBER_WORDS = (
    "een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|"
    "zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig"
)
# "Mohammed van veertien", "Daan van 8"
AGE_OF = re.compile(
    rf"\s+van\s+(\d{{1,2}}|{NUMBER_WORDS})(?![\w.,/-])"
    r"(?!\s+(?:jaar\s+geleden|uur|euro|minuten|dagen|weken|maanden|keer))"
)
# "Jansen, 1948,", "Jansen (1948)": a year of birth right after a name
YEAR_AFTER = re.compile(r",\s*((?:19|20)\d{2})(?=\s*[,;)])|\s*\(((?:19|20)\d{2})\)")
# "is 19,", "wordt volgende maand 9.", "is net 18 geworden", "de 82-jarige"
AGE_IS = re.compile(
    r"\b(?:is|wordt|werd|was)\s+(?:(?:nu|net|pas|bijna|al|inmiddels|ongeveer|ca\.|rond|binnenkort|vandaag|morgen|"
    rf"volgende\s+(?:week|maand)|volgend\s+jaar|deze\s+(?:week|maand)|in\s+{MONTH})\s+)?(\d{{1,3}})(?:\s+(?:jaar|jr\.?))?"
    r"(?=\s*(?:[,;!?)]|\.(?!\d)|$)|\s+(?:en|maar|geworden|geweest|oud)\b)"
)
AGE_BRACKETED = re.compile(r"\((\d{1,3})\s*(?:jaar|jr\.?|j\.)\)")
AGE_PAIR = re.compile(r"\s*\((\d{1,2})\s*(?:,|en|&)\s*(\d{1,2})\)")
AGE_BETWEEN_COMMAS = re.compile(r",\s*(\d{1,3}),")
AGE_ADJECTIVE = re.compile(r"(?<![\w.,-])(\d{1,3})-jarige?\b")
INITIALS = re.compile(
    r"(?<![\w.])(?:[A-Z]\.\s?){1,4}(?:(?:van|de|der|den|ter|ten|te|el|al|Van|De|Ter|Ten|El|Al)\s+){0,3}"
    r"([A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?)"
)
# "Emanuels, 1951,", "Hendriks, h.jw@planet.nl", "Soraya, 06-12348870": a word before a comma and an identifier
APPOSITION = re.compile(
    r"\s*,\s*(?:(?:19|20)\d{2}\s*[,;)]|\d{1,3}\s+(?:jaar|jr)\b|(?:\+|00|0)\d[\d ()-]{7,}|[\w.+-]+@)"
)
WORD = re.compile(r"'t\b|[^\W\d_][\w-]*(?:['’](?!s\b)[^\W\d_][\w-]*)*")
ABBREVIATIONS = word_set("geb tel nr ca bijv evt mob")
NO_SENTENCE_END = TITLES | ABBREVIATIONS
ABBREVIATION_BEFORE = re.compile(r"(?<![\w.])([^\W\d_]+)\.$")
