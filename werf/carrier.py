"""Who carries an action point: the choices the action form offers, and what a choice means.

Plain Python, no Textual. A choice is a string: "professional", "resident", a network
member's id, or `FORMER` for a person who carried the action point but has since been
removed from the network (the action point keeps their relation as its "who").
"""

from __future__ import annotations

from werf.i18n import N_, _
from werf.models import Action, NetworkMember, OwnerKind
from werf.network import CIRCLE_NAMES, OWNER_KIND_NAMES, stored_owner

PROFESSIONAL = str(OwnerKind.PROFESSIONAL)
RESIDENT = str(OwnerKind.RESIDENT)
FORMER = "former-member"

PROFESSIONAL_CHOICE = N_("a professional (a colleague)")


def carrier_choices(network: list[NetworkMember], action: Action) -> list[tuple[str, str]]:
    """(label, choice) pairs in the current language. Labels hold user text: show them as
    plain text, never as markup."""
    choices = [(_(PROFESSIONAL_CHOICE), PROFESSIONAL), (_(OWNER_KIND_NAMES[OwnerKind.RESIDENT]), RESIDENT)]
    choices += [(f"{member.relation} ({_(CIRCLE_NAMES[member.circle])})", member.id) for member in network]
    if carrier_of(action, network) == FORMER:
        choices.append((_("{relation} (no longer in the network)").format(relation=action.owner or "?"),
                        FORMER))
    return choices


def carrier_of(action: Action, network: list[NetworkMember]) -> str:
    """The choice that stands for who carries the action point now."""
    if action.owner_kind is OwnerKind.NETWORK:
        member_id = action.network_member_id
        known = member_id is not None and any(member.id == member_id for member in network)
        return member_id if known and member_id is not None else FORMER
    return str(action.owner_kind)


def apply_carrier(action: Action, choice: str, owner: str, network: list[NetworkMember]) -> None:
    """Set who carries the action point. `owner` is what was typed as "who" (used for a
    professional, and for the resident when it is more than a name for the resident)."""
    owner = owner.strip()
    if choice == FORMER:
        return  # kept as it was: the relation stays the "who"
    if choice == PROFESSIONAL:
        action.owner_kind, action.network_member_id, action.owner = OwnerKind.PROFESSIONAL, None, owner
        return
    if choice == RESIDENT:
        action.owner_kind, action.network_member_id = OwnerKind.RESIDENT, None
        action.owner = owner
        action.owner = stored_owner(action)  # "the resident" is shown, never stored
        return
    member = next((m for m in network if m.id == choice), None)
    if member is None:
        raise ValueError(f"no network member {choice!r}")
    action.owner_kind, action.network_member_id, action.owner = OwnerKind.NETWORK, member.id, member.relation
