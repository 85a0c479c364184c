"""Text that Word can hold: drop the characters XML 1.0 forbids.

python-docx (through lxml) raises on C0 control characters, U+FFFE/U+FFFF and lone
surrogates. Minutes clean every user text at this boundary and report how many characters
were dropped, so nothing disappears silently.
"""

from __future__ import annotations

import re

# Everything XML 1.0 does not allow: C0 controls except tab, newline and carriage return,
# surrogate code points (a well-formed pair is joined first, see below), U+FFFE and U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def _join_pair(match: re.Match[str]) -> str:
    high, low = (ord(char) for char in match.group())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def clean_text(text: str) -> tuple[str, int]:
    """`text` without XML-illegal characters, and how many characters were dropped.

    A high surrogate directly followed by a low one (text decoded with `surrogatepass`) is
    joined into the character it encodes rather than dropped; a lone surrogate is dropped.
    """
    if not _ILLEGAL.search(text):
        return text, 0
    text = _SURROGATE_PAIR.sub(_join_pair, text)
    cleaned, dropped = _ILLEGAL.subn("", text)
    return cleaned, dropped


# Word's core properties (title, subject, author…) hold at most 255 characters; python-docx
# raises on more, and a long case title would then stop the export.
CORE_PROPERTY_LIMIT = 255


def core_property(text: str) -> str:
    """`text` cut to what a core property can hold, with an ellipsis where it was cut."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1].rstrip() + "…"
