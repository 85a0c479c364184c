"""The network map's text and the action form's carrier choice, without a running app."""

from __future__ import annotations

import pytest
from rich.style import Style

from werf.carrier import FORMER, PROFESSIONAL, RESIDENT, apply_carrier, carrier_choices, carrier_of
from werf.i18n import set_language
from werf.models import Action, Availability, Circle, NetworkMember, OwnerKind, Support, TieStrength
from werf.network import shown_owner
from werf.widgets.network_map import (
    MapStyles,
    column_text,
    counts_text,
    legend_text,
    person_line,
    summary_text,
)

from .network_data import network_of

STYLES = MapStyles(strong=Style(bold=True), weak=Style(dim=True), gap=Style(color="yellow"),
                   unavailable=Style(dim=True))


def member(relation: str = "zus", **changes: object) -> NetworkMember:
    return NetworkMember(relation=relation, circle=Circle.FAMILY, **changes)  # type: ignore[arg-type]


def styles_of(text, part: str) -> list[Style]:  # type: ignore[no-untyped-def]
    """The styles that cover `part` of the text."""
    start = text.plain.index(part)
    return [span.style for span in text.spans if span.start <= start < span.end]


def test_a_person_reads_involvement_relation_support_and_availability() -> None:
    line = person_line(member(support=[Support.PRACTICAL, Support.EMOTIONAL], involved=True,
                              availability=Availability.LIMITED), STYLES)
    assert line.plain == "● zus  P·E ◐"
    assert person_line(member(availability=Availability.AVAILABLE)).plain == "○ zus"
    assert person_line(member(availability=Availability.UNAVAILABLE)).plain == "○ zus ✕"


def test_support_letters_follow_the_language_and_the_order_of_support() -> None:
    person = member(support=[Support.COMPANY, Support.PRACTICAL], availability=Availability.AVAILABLE)
    assert person_line(person).plain == "○ zus  P·C"
    set_language("nl")
    assert person_line(person).plain == "○ zus  P·G"


def test_tie_strength_and_availability_change_the_style() -> None:
    strong = person_line(member(strength=TieStrength.STRONG), STYLES)
    weak = person_line(member(strength=TieStrength.WEAK), STYLES)
    moderate = person_line(member(strength=TieStrength.MODERATE), STYLES)
    assert STYLES.strong in styles_of(strong, "zus")
    assert STYLES.weak in styles_of(weak, "zus")
    assert styles_of(moderate, "zus") == []
    unavailable = person_line(member(availability=Availability.UNAVAILABLE), STYLES)
    assert unavailable.style == STYLES.unavailable


def test_markup_in_a_relation_stays_literal() -> None:
    line = person_line(member("[red]zus[/red]"), STYLES)
    assert "[red]zus[/red]" in line.plain
    assert not any("red" in str(span.style) for span in line.spans)


def test_a_column_counts_its_people_and_says_so_when_empty() -> None:
    network = network_of(20)
    family = [m for m in network if m.circle is Circle.FAMILY]
    text = column_text(Circle.FAMILY, family).plain.splitlines()
    assert text[0] == "family (4)"
    assert len(text) == 5
    assert column_text(Circle.HOUSEHOLD, []).plain.splitlines() == ["household (0)", "–"]


def test_counts_name_the_gaps_in_words() -> None:
    text = counts_text(network_of(3), STYLES)
    plain = text.plain
    assert "P practical 1" in plain and "E emotional 2" in plain and "C company 1" in plain
    assert "A advice 0 ⚠ GAP (only professionals)" in plain
    assert STYLES.gap in styles_of(text, "GAP")
    assert "3 in the network, 3 already involved" in plain
    assert "GAP" not in counts_text(network_of(20)).plain


def test_a_support_no_one_gives_is_a_gap_without_the_professionals_remark() -> None:
    plain = counts_text([member(support=[Support.PRACTICAL])]).plain
    assert "E emotional 0 ⚠ GAP" in plain and "(only professionals)" not in plain


def test_counts_and_legend_in_dutch() -> None:
    set_language("nl")
    network = network_of(3)
    assert "A advies 0" in counts_text(network).plain
    assert "G (gezelschap)" in legend_text().plain


def test_summary_for_the_side_panel() -> None:
    assert summary_text([]).plain == "Network\nnot recorded yet"
    assert summary_text(network_of(3)).plain == "Network\n3 in the network, 3 already involved\n⚠ gap: advice"
    assert "gap" not in summary_text(network_of(20)).plain


# --- who carries an action point -------------------------------------------------------
def test_choices_are_professional_resident_and_each_member() -> None:
    network = network_of(3)
    choices = carrier_choices(network, Action(phase_index=4, text="x"))
    assert [value for _label, value in choices] == [PROFESSIONAL, RESIDENT, *[m.id for m in network]]
    assert choices[2][0] == "partner (household)"


def test_applying_a_carrier() -> None:
    network = network_of(3)
    action = Action(phase_index=4, text="x", owner="Bram")
    apply_carrier(action, network[1].id, "ignored", network)
    assert (action.owner_kind, action.network_member_id, action.owner) == (OwnerKind.NETWORK, "member-01", "zus")
    assert carrier_of(action, network) == "member-01"
    apply_carrier(action, RESIDENT, "", network)
    # the resident is stored without words (language-neutral) and shown translated
    assert (action.owner_kind, action.network_member_id, action.owner) == (OwnerKind.RESIDENT, None, "")
    assert shown_owner(action, "en") == "the resident"
    apply_carrier(action, RESIDENT, " bewoner en zus ", network)
    assert action.owner == "bewoner en zus"
    apply_carrier(action, PROFESSIONAL, "Dirk", network)
    assert (action.owner_kind, action.network_member_id, action.owner) == (OwnerKind.PROFESSIONAL, None, "Dirk")
    with pytest.raises(ValueError):
        apply_carrier(action, "no-such-member", "", network)


def test_a_removed_carrier_is_kept_as_it_was() -> None:
    network = network_of(3)
    action = Action(phase_index=4, text="x", owner="zus", owner_kind=OwnerKind.NETWORK,
                    network_member_id="member-01")
    rest = [m for m in network if m.id != "member-01"]
    assert carrier_of(action, rest) == FORMER
    assert carrier_choices(rest, action)[-1] == ("zus (no longer in the network)", FORMER)
    apply_carrier(action, FORMER, "", rest)
    assert (action.owner_kind, action.network_member_id, action.owner) == (OwnerKind.NETWORK, "member-01", "zus")
