"""Where a sentence starts: the one rule for the detector (a capital there says nothing) and
for placeholders (which then get one)."""

from __future__ import annotations

import re

from werf.privacy.patterns import ABBREVIATION_BEFORE, NO_SENTENCE_END

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
    abbreviation = ABBREVIATION_BEFORE.search(prefix)
    return not (abbreviation and abbreviation.group(1).casefold() in NO_SENTENCE_END)
