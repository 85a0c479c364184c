"""The resident's network in a case: names of its parts, the map's layout and its counts.

Plain Python, no Textual. The terminal map (`werf/widgets/network_map.py`), the minutes and
the figures all read the network through these functions, so they agree on what a gap is.

Choices:
- The map has five circles from the inside out: household, family, friends and neighbours,
  neighbourhood and informal help, professionals (the order of `Circle`).
- A kind of support is a *gap* when no one outside the professionals gives it: the point of
  network strengthening is that the network carries, not the professionals.
- An action point is carried by the network when the resident or a network member owns it.
- The minutes' action table says who does it and, apart, which part of the resident's world
  carries it (`action_parties`): a professional, the resident's own strength, or the circle of
  their network; the two columns never repeat each other.
- Data is language-neutral: an action point the resident carries stores no "who" (its
  `owner_kind` says it); "the resident" / "de bewoner" is only shown (`shown_owner`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from werf.i18n import N_, SUPPORTED, get_language, translate
from werf.models import (
    Action,
    Availability,
    Circle,
    NetworkMember,
    OwnerKind,
    Support,
    TieStrength,
)

CIRCLE_NAMES = {
    Circle.HOUSEHOLD: N_("household"),
    Circle.FAMILY: N_("family"),
    Circle.FRIENDS: N_("friends and neighbours"),
    Circle.NEIGHBOURHOOD: N_("neighbourhood and informal"),
    Circle.PROFESSIONAL: N_("professionals"),
}
SUPPORT_NAMES = {
    Support.PRACTICAL: N_("practical"),
    Support.EMOTIONAL: N_("emotional"),
    Support.ADVICE: N_("advice"),
    Support.COMPANY: N_("company"),
}
STRENGTH_NAMES = {
    TieStrength.STRONG: N_("strong tie"),
    TieStrength.MODERATE: N_("moderate tie"),
    TieStrength.WEAK: N_("weak tie"),
}
AVAILABILITY_NAMES = {
    Availability.AVAILABLE: N_("available"),
    Availability.LIMITED: N_("limited availability"),
    Availability.UNAVAILABLE: N_("not available"),
}
OWNER_KIND_NAMES = {
    OwnerKind.PROFESSIONAL: N_("professional"),
    OwnerKind.RESIDENT: N_("the resident"),
    OwnerKind.NETWORK: N_("network"),
}
# Letters that mark the kinds of support on the map: P E A C / P E A G.
SUPPORT_LETTERS = {
    Support.PRACTICAL: N_("P (practical)"),
    Support.EMOTIONAL: N_("E (emotional)"),
    Support.ADVICE: N_("A (advice)"),
    Support.COMPANY: N_("C (company)"),
}


def by_circle(network: list[NetworkMember]) -> list[tuple[Circle, list[NetworkMember]]]:
    """Every circle from the inside out, with its members in the order they were entered."""
    return [(circle, [m for m in network if m.circle is circle]) for circle in Circle]


@dataclass(frozen=True)
class NetworkCounts:
    """How many people there are per circle and per kind of support, and where the gaps are."""

    people: int
    per_circle: dict[Circle, int]
    per_support: dict[Support, int]  # everyone, professionals included
    per_support_informal: dict[Support, int]  # without the professionals
    involved: int
    gaps: list[Support]  # kinds of support no one outside the professionals gives


@dataclass(frozen=True)
class SupportLine:
    """One kind of support as werf reports it everywhere (screen, minutes): how many people
    outside the professionals give it, how many professionals do, and whether it is a gap."""

    kind: Support
    network: int
    professionals: int

    @property
    def gap(self) -> bool:
        return self.network == 0


def support_lines(network: list[NetworkMember]) -> list[SupportLine]:
    """The one rule for the support counts shown next to the gaps: the network's own people
    are counted, the professionals apart (network strengthening is about who else carries)."""
    counts = network_counts(network)
    return [SupportLine(kind, counts.per_support_informal[kind],
                        counts.per_support[kind] - counts.per_support_informal[kind])
            for kind in Support]


def network_counts(network: list[NetworkMember]) -> NetworkCounts:
    per_circle = Counter(m.circle for m in network)
    per_support = Counter(kind for m in network for kind in set(m.support))
    informal = Counter(kind for m in network if m.circle is not Circle.PROFESSIONAL
                       for kind in set(m.support))
    return NetworkCounts(
        people=len(network),
        per_circle={circle: per_circle.get(circle, 0) for circle in Circle},
        per_support={kind: per_support.get(kind, 0) for kind in Support},
        per_support_informal={kind: informal.get(kind, 0) for kind in Support},
        involved=sum(1 for m in network if m.involved),
        gaps=[kind for kind in Support if not informal.get(kind)],
    )


@dataclass(frozen=True)
class CarrierCounts:
    """Who carries the action points: professionals, the resident, the network."""

    professional: int
    resident: int
    network: int

    @property
    def total(self) -> int:
        return self.professional + self.resident + self.network

    @property
    def by_network(self) -> int:
        """Carried by the resident or their network, not by a professional."""
        return self.resident + self.network


def carrier_counts(actions: list[Action]) -> CarrierCounts:
    counts = Counter(action.owner_kind for action in actions)
    return CarrierCounts(professional=counts.get(OwnerKind.PROFESSIONAL, 0),
                         resident=counts.get(OwnerKind.RESIDENT, 0),
                         network=counts.get(OwnerKind.NETWORK, 0))


def carrier_label(action: Action, network: list[NetworkMember], lang: str) -> str:
    """Who carries an action point, in `lang`: "professional", "the resident", or the network
    member's relation as it is now (the owner text when the member is gone)."""
    kind_name = translate(OWNER_KIND_NAMES[action.owner_kind], lang)
    if action.owner_kind is not OwnerKind.NETWORK:
        return kind_name
    member = next((m for m in network if m.id == action.network_member_id), None)
    if member is not None and member.relation.strip():
        return member.relation
    return action.owner.strip() or kind_name


OWN_STRENGTH = N_("own strength")  # the resident carries it themselves ("eigen kracht")
IN_CIRCLE = N_("network: {circle}")


@dataclass(frozen=True)
class Parties:
    """An action point's "who" and "carried by", as the minutes show them."""

    who: str  # who does it: a colleague, the resident (or who exactly), a network member
    carried_by: str  # the part of the resident's world that carries it


def action_parties(action: Action, network: list[NetworkMember], lang: str) -> Parties:
    """The one rule for the action table's "who" and "carried by", in `lang`.

    Who does it: a colleague's name ("" when none was typed), the resident (or who exactly),
    or the network member by their relation as it is now (as typed, when they have left the
    network). Carried by, in the terms of social network strengthening: "professional", the
    resident's "own strength", or the circle of the resident's own network the member stands
    in ("network: family"; "network" when they have left it) — never a repeat of who."""
    if action.owner_kind is OwnerKind.PROFESSIONAL:
        return Parties(action.owner.strip(), translate(OWNER_KIND_NAMES[OwnerKind.PROFESSIONAL], lang))
    if action.owner_kind is OwnerKind.RESIDENT:
        return Parties(shown_owner(action, lang), translate(OWN_STRENGTH, lang))
    member = next((m for m in network if m.id == action.network_member_id), None)
    if member is None:
        return Parties(action.owner.strip(), translate(OWNER_KIND_NAMES[OwnerKind.NETWORK], lang))
    return Parties(member.relation.strip() or action.owner.strip(), translate(IN_CIRCLE, lang).format(
        circle=translate(CIRCLE_NAMES[member.circle], lang)))


def resident_words() -> frozenset[str]:
    """What "who" may say for the resident in any language (casefolded)."""
    words = {translate(OWNER_KIND_NAMES[OwnerKind.RESIDENT], lang) for lang in SUPPORTED}
    return frozenset(w.casefold() for w in words | {"resident", "bewoner"})


def stored_owner(action: Action) -> str:
    """The "who" that is stored: for the resident, "" when it only names the resident (in
    either language); otherwise as typed."""
    owner = action.owner.strip()
    if action.owner_kind is OwnerKind.RESIDENT and owner.casefold() in resident_words():
        return ""
    return action.owner


def shown_owner(action: Action, lang: str | None = None) -> str:
    """The "who" as shown in `lang` (default: the app's language): "the resident" for the
    resident without a typed name, otherwise what is stored ("" when nothing is)."""
    owner = stored_owner(action)
    if action.owner_kind is OwnerKind.RESIDENT and not owner.strip():
        return translate(OWNER_KIND_NAMES[OwnerKind.RESIDENT], lang or get_language())
    return owner
