"""Translation lookup: English message ids, Dutch catalog in `werf/locale/nl.po`.

The catalog is a plain gettext PO file a translator can edit with any PO editor. English is
the source language, so an English lookup returns the message id itself. Core modules mark
strings with `N_` (no lookup yet) and translate them where they are shown.
"""

from __future__ import annotations

import locale
import os
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


def parse_po(text: str) -> dict[str, str]:
    """Read a PO file's msgid → msgstr pairs (fuzzy and empty translations are left out)."""
    catalog: dict[str, str] = {}
    msgid: list[str] = []
    msgstr: list[str] = []
    current: list[str] | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal fuzzy
        key, value = "".join(msgid), "".join(msgstr)
        if key and value and not fuzzy:
            catalog[key] = value
        msgid.clear()
        msgstr.clear()
        fuzzy = False

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            if msgstr:
                flush()
            fuzzy = True
        elif not line or line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            if msgstr:
                flush()
            current = msgid
            current.append(_unquote(line[6:]))
        elif line.startswith("msgstr "):
            current = msgstr
            current.append(_unquote(line[7:]))
        elif line.startswith('"') and current is not None:
            current.append(_unquote(line))
    if msgid or msgstr:
        flush()
    return catalog


@cache
def catalog(language: str) -> dict[str, str]:
    path = LOCALE_DIR / f"{language}.po"
    if language == "en" or not path.exists():
        return {}
    return parse_po(path.read_text(encoding="utf-8"))


def system_language() -> str:
    """Dutch when the system locale is Dutch, English otherwise."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "nl" if code.lower().startswith("nl") else "en"


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
