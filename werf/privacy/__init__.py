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

The package by concern: `words` (the kinds, the span, the word lists and given names) and
`patterns` (the regular expressions) are the rules' data; `structured` finds the identifiers
with a shape, `names` the names of people, `sentences` decides where a sentence starts, and
`detector` puts them together. This module is what the rest of werf uses.

Measured on the authors' corpus and on a held-out corpus written without looking at these rules
(tests/data/privacy_heldout.jsonl; bench/RESULTS.md has the figures before and after).
"""

from __future__ import annotations

from werf.privacy.detector import detect, detect_identifiers
from werf.privacy.sentences import starts_sentence
from werf.privacy.structured import EARLIEST_YEAR, MINIMUM_AGE_YEARS, eleven_test, is_birth_date
from werf.privacy.words import (
    KINDS,
    NAMES_FILE,
    PARTICLES,
    RELATIONS,
    STOPWORDS,
    TITLES,
    WORD_NAMES,
    Span,
    first_names,
)

__all__ = [
    "EARLIEST_YEAR", "KINDS", "MINIMUM_AGE_YEARS", "NAMES_FILE", "PARTICLES", "RELATIONS", "STOPWORDS", "TITLES",
    "WORD_NAMES", "Span", "detect", "detect_identifiers", "eleven_test", "first_names", "is_birth_date",
    "starts_sentence",
]
