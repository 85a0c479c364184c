"""What a pseudonymised export replaces: the list the export dialog shows and the counts
`werf export --pseudonymise` reports, from one function.

Both come from the decision pseudonymisation itself takes (`Replacements.replacement` in
`werf.minutes.pseudonymise`): `what_will_be_replaced` runs it on the session and keeps the
record, and an export hands back the record of the run that wrote the file. So the dialog
never lists something the file keeps, nor the other way round. Plain Python: no Textual.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from werf.i18n import translate
from werf.minutes.pseudonymise import KIND_NAMES, describe_counts, pseudonymise_session
from werf.models import Session


@dataclass(frozen=True)
class Replaced:
    """One thing found and replaced: its kind (a key of KIND_NAMES), the text as written and
    how many times it occurs in the case content."""

    kind: str
    text: str
    count: int


def listing(found: Counter[tuple[str, str]]) -> list[Replaced]:
    """(kind, text) → times, as a list grouped by kind (in the order of KIND_NAMES), the most
    frequent first within a kind."""
    order = list(KIND_NAMES)
    items = [Replaced(kind, text, count) for (kind, text), count in found.items() if count]
    return sorted(items, key=lambda item: (order.index(item.kind), -item.count, item.text.casefold()))


def what_will_be_replaced(session: Session, lang: str, *, names: Iterable[str] = (),
                          keep: Iterable[str] = ()) -> list[Replaced]:
    """Everything a pseudonymised export of `session` replaces, with `names` added to the
    session's sensitive names and the texts in `keep` left as written."""
    found: Counter[tuple[str, str]] = Counter()
    pseudonymise_session(session, lang, names=names, keep=keep, found=found)
    return listing(found)


def per_kind(items: Iterable[Replaced]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for item in items:
        counts[item.kind] += item.count
    return counts


def describe(items: Iterable[Replaced], lang: str) -> str:
    """"3× naam van een persoon, 1× BSN": the counts per kind, as the command line reports them."""
    return describe_counts(per_kind(items), lang)


def kind_name(kind: str, lang: str) -> str:
    return translate(KIND_NAMES[kind], lang)
