"""The detector: structured identifiers and names found, then one span kept where they
overlap."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from werf.privacy.names import find_listed, find_names, known_keys
from werf.privacy.structured import find_structured
from werf.privacy.words import KINDS, Span

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
    spans = find_structured(text, today)
    spans += find_names(text, known_keys((*names, *listed)))
    spans += find_listed(text, listed)
    return _resolve(spans)


def detect_identifiers(text: str, *, today: date | None = None) -> list[Span]:
    """Every identifier in `text` that is not a person's name (BSN, IBAN, address, phone …),
    in reading order, without overlaps: what `detect` finds of those kinds, without the cost
    of looking for names."""
    if not text:
        return []
    return _resolve(find_structured(text, today or date.today()))
