"""Translation lookup: English message ids, Dutch catalog in `werf/locale/nl.po`.

The catalog is a plain gettext PO file a translator can edit with any PO editor. English is
the source language, so an English lookup returns the message id itself. Core modules mark
strings with `N_` (no lookup yet) and translate them where they are shown. A count with a
noun uses `ngettext(singular, plural, n)`, whose forms are the `msgid_plural` / `msgstr[0]` /
`msgstr[1]` entries of the PO file; Dutch and English both use form 0 for n == 1 and form 1
otherwise (the catalog's Plural-Forms header). werf reads PO files itself: Babel is used only
by scripts/extract_messages.py, never at run time.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
SUPPORTED = ("nl", "en")

_language = "nl"


def N_(message: str) -> str:
    """Mark a string for translation without translating it (translate where it is shown)."""
    return message


def _unquote(chunk: str) -> str:
    body = chunk.strip()
    if not (body.startswith('"') and body.endswith('"')):
        raise ValueError(f"not a quoted PO string: {chunk!r}")
    body = body[1:-1]
    out: list[str] = []
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


@dataclass
class _Entry:
    msgid: list[str] = field(default_factory=list)
    plural: list[str] = field(default_factory=list)
    forms: dict[int, list[str]] = field(default_factory=dict)
    fuzzy: bool = False


def _entries(text: str) -> Iterator[_Entry]:
    """Every entry of a PO file, fuzzy ones included, in file order (the header too)."""
    entry = _Entry()
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            if entry.forms:
                yield entry
                entry, current = _Entry(), None
            entry.fuzzy = True
        elif not line or line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            current = entry.plural
            current.append(_unquote(line[13:]))
        elif line.startswith("msgid "):
            if entry.forms:
                yield entry
                entry = _Entry()
            current = entry.msgid
            current.append(_unquote(line[6:]))
        elif line.startswith("msgstr["):
            index, _sep, rest = line[7:].partition("]")
            current = entry.forms.setdefault(int(index), [])
            current.append(_unquote(rest))
        elif line.startswith("msgstr "):
            current = entry.forms.setdefault(0, [])
            current.append(_unquote(line[7:]))
        elif line.startswith('"') and current is not None:
            current.append(_unquote(line))
    if entry.msgid or entry.forms:
        yield entry


def parse_po(text: str) -> dict[str, str]:
    """Read a PO file's msgid → msgstr pairs (fuzzy and empty translations are left out;
    plural entries are read by `parse_po_plurals`)."""
    catalog: dict[str, str] = {}
    for entry in _entries(text):
        key, value = "".join(entry.msgid), "".join(entry.forms.get(0, []))
        if key and value and not entry.fuzzy and not entry.plural:
            catalog[key] = value
    return catalog


def parse_po_plurals(text: str) -> dict[str, tuple[str, ...]]:
    """Read a PO file's plural entries: singular msgid → (msgstr[0], msgstr[1], …). Fuzzy
    entries and entries with an empty form are left out (the English text is shown then)."""
    plurals: dict[str, tuple[str, ...]] = {}
    for entry in _entries(text):
        key = "".join(entry.msgid)
        forms = tuple("".join(entry.forms.get(i, [])) for i in range(max(entry.forms, default=-1) + 1))
        if key and entry.plural and not entry.fuzzy and forms and all(forms):
            plurals[key] = forms
    return plurals


def po_header(text: str) -> dict[str, str]:
    """The PO header (the msgstr of the empty msgid) as field → value."""
    for entry in _entries(text):
        if not "".join(entry.msgid) and not entry.plural:
            body = "".join(entry.forms.get(0, []))
            return {name.strip(): value.strip() for name, _sep, value in
                    (line.partition(":") for line in body.splitlines()) if _sep}
    return {}


# The plural rules werf knows: Dutch and English both say "1 bespreking", "0 besprekingen",
# "2 besprekingen" (one form for n == 1, another for the rest). A catalog whose Plural-Forms
# header says anything else is refused rather than guessed at.
PLURAL_RULES: dict[str, Callable[[int], int]] = {
    "nplurals=2;plural=(n!=1)": lambda n: 0 if n == 1 else 1,
    "nplurals=2;plural=n!=1": lambda n: 0 if n == 1 else 1,
}


def plural_rule(header: dict[str, str]) -> Callable[[int], int]:
    """The function n → form index for a catalog's Plural-Forms header (English's rule when
    the header has none)."""
    text = header.get("Plural-Forms", "nplurals=2; plural=(n != 1);")
    key = "".join(text.split()).rstrip(";")
    if key not in PLURAL_RULES:
        raise ValueError(f"unsupported Plural-Forms: {text!r}")
    return PLURAL_RULES[key]


@dataclass(frozen=True)
class Catalog:
    """One language's translations: plain messages, plural messages and the plural rule."""

    messages: dict[str, str]
    plurals: dict[str, tuple[str, ...]]
    rule: Callable[[int], int]


def _english_rule(n: int) -> int:
    return 0 if n == 1 else 1


@cache
def load(language: str) -> Catalog:
    path = LOCALE_DIR / f"{language}.po"
    if language == "en" or not path.exists():
        return Catalog({}, {}, _english_rule)
    text = path.read_text(encoding="utf-8")
    return Catalog(parse_po(text), parse_po_plurals(text), plural_rule(po_header(text)))


def catalog(language: str) -> dict[str, str]:
    """The plain (not plural) translations of a language: msgid → msgstr."""
    return load(language).messages


def plural_catalog(language: str) -> dict[str, tuple[str, ...]]:
    """The plural translations of a language: singular msgid → its forms."""
    return load(language).plurals


# Windows names its locales in English ("Dutch_Netherlands", "English_United Kingdom"); an
# ISO 639-2 code ("nld", "dut") may also turn up.
_LANGUAGE_NAMES = {"dutch": "nl", "nederlands": "nl", "flemish": "nl", "nld": "nl", "dut": "nl",
                   "english": "en", "eng": "en"}


def language_of(name: str) -> str | None:
    """The language of one locale name, when werf speaks it: "nl_NL.UTF-8", "nl_BE@euro",
    "nl-BE", "nl", "Dutch_Netherlands", "Dutch_Belgium.1252" → "nl"; "en_GB", "English_United
    Kingdom" → "en"; any other language, "C" and "POSIX" → None."""
    base = name.strip().split(".")[0].split("@")[0].strip().lower()
    first = base.replace("-", "_").split("_")[0].split("(")[0].strip()
    if first in SUPPORTED:
        return first
    return _LANGUAGE_NAMES.get(first)


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the system asks for, Dutch or English:

    1. `LANGUAGE` (GNU: a list by preference, "nl_BE:nl:en"): its first language werf speaks;
    2. else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set: Dutch when it names
       Dutch, English otherwise (also for "C" and other languages);
    3. else the locale Python reports (`locale.getlocale()`; on Windows "Dutch_Netherlands").

    English when nothing says Dutch. The app's choice is made in werf/cli.py: `--lang` first,
    then `language` in the config file, then this.
    """
    env = os.environ if environ is None else environ
    for name in env.get("LANGUAGE", "").split(":"):
        found = language_of(name)
        if found:
            return found
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if value:
            return language_of(value) or "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return language_of(code) or "en"


def choose_language(option: str | None, configured: str | None,
                    environ: Mapping[str, str] | None = None) -> str:
    """werf's language: `--lang` wins, then the config file's `language`, then the system's."""
    return option or configured or system_language(environ)


def set_language(language: str) -> None:
    global _language
    if language not in SUPPORTED:
        raise ValueError(f"unsupported language: {language}")
    _language = language


def get_language() -> str:
    return _language


def translate(message: str, language: str) -> str:
    """The message in the given language, whatever the app's current language is."""
    if language == "en":
        return message
    return catalog(language).get(message, message)


def gettext(message: str) -> str:
    """The message in the current language (the English id when no translation exists)."""
    return translate(message, _language)


def translate_plural(singular: str, plural: str, n: int, language: str) -> str:
    """The form of a message for the number n in the given language ("{count} session" /
    "{count} sessions" → "{count} bespreking" / "{count} besprekingen"). The caller fills in
    the number: `ngettext("{count} session", "{count} sessions", n).format(count=n)`."""
    english = singular if _english_rule(n) == 0 else plural
    if language == "en":
        return english
    found = load(language)
    forms = found.plurals.get(singular)
    if forms is None:
        return english
    index = found.rule(n)
    return forms[index] if index < len(forms) else english


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the number n in the current language (gettext's ngettext)."""
    return translate_plural(singular, plural, n, _language)


_ = gettext


class UserError(Exception):
    """An error whose message is shown to users: an English template (marked with N_) and
    its values, translated when shown."""

    def __init__(self, template: str, **values: object) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format(**values))

    def user_message(self) -> str:
        return gettext(self.template).format(**self.values)
