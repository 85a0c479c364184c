"""The resident's network as a map in the terminal: one column per circle, counts, gaps.

The text of the map is built by plain functions (`person_line`, `column_text`, `counts_text`,
`summary_text`) that take a `MapStyles`, so they can be tested without a running app; the
widgets fill the styles from the CSS (component classes in `werf.tcss`), so colours follow
the theme. Relations are user text: they are only ever appended to a `Text`, never markup.

How a person reads: `● zus  P·E ◐`
- ● already involved, ○ not (yet) involved;
- the relation bold for a strong tie, dim and italic for a weak one;
- the letters of the kinds of support they give (P E A C / P E A G);
- ◐ limited availability, ✕ not available (the whole line dim).
A gap (support no one outside the professionals gives) says so in words, not colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from werf.i18n import _
from werf.models import Availability, Circle, NetworkMember, Support, TieStrength
from werf.network import (
    CIRCLE_NAMES,
    SUPPORT_LETTERS,
    SUPPORT_NAMES,
    by_circle,
    network_counts,
    support_lines,
)

INVOLVED_MARK = "●"
NOT_INVOLVED_MARK = "○"
AVAILABILITY_MARKS = {
    Availability.AVAILABLE: "",
    Availability.LIMITED: "◐",
    Availability.UNAVAILABLE: "✕",
}
GAP_MARK = "⚠"


@dataclass(frozen=True)
class MapStyles:
    """The styles the map's text uses (plain by default; widgets take them from CSS)."""

    header: Style = field(default_factory=Style)
    strong: Style = field(default_factory=Style)
    weak: Style = field(default_factory=Style)
    unavailable: Style = field(default_factory=Style)
    letters: Style = field(default_factory=Style)
    gap: Style = field(default_factory=Style)
    muted: Style = field(default_factory=Style)


def support_letter(kind: Support) -> str:
    """The letter of a kind of support in the current language ("C (company)" → "C")."""
    return _(SUPPORT_LETTERS[kind])[:1]


def person_line(member: NetworkMember, styles: MapStyles = MapStyles()) -> Text:
    """One person on the map: involvement, relation, kinds of support, availability."""
    unavailable = member.availability is Availability.UNAVAILABLE
    line = Text(style=styles.unavailable if unavailable else "")
    line.append(INVOLVED_MARK if member.involved else NOT_INVOLVED_MARK)
    line.append(" ")
    relation_style = {TieStrength.STRONG: styles.strong, TieStrength.WEAK: styles.weak}
    line.append(member.relation, style=relation_style.get(member.strength, ""))
    kinds = [kind for kind in Support if kind in member.support]
    if kinds:
        line.append("  ")
        line.append("·".join(support_letter(kind) for kind in kinds), style=styles.letters)
    mark = AVAILABILITY_MARKS[member.availability]
    if mark:
        line.append(f" {mark}")
    return line


def column_text(circle: Circle, members: list[NetworkMember], styles: MapStyles = MapStyles()) -> Text:
    """A circle's column: its name with a count, then one line per person."""
    text = Text()
    text.append(f"{_(CIRCLE_NAMES[circle])} ({len(members)})", style=styles.header)
    if not members:
        text.append("\n–", style=styles.muted)
    for member in members:
        text.append("\n")
        text.append_text(person_line(member, styles))
    return text


def counts_text(network: list[NetworkMember], styles: MapStyles = MapStyles()) -> Text:
    """Per kind of support how many people outside the professionals give it; gaps in words."""
    counts = network_counts(network)
    text = Text(_("Support from the network (professionals not counted):") + " ")
    for number, line in enumerate(support_lines(network)):
        if number:
            text.append("   ")
        text.append(f"{support_letter(line.kind)} {_(SUPPORT_NAMES[line.kind])} {line.network}")
        if line.gap:
            gap = f" {GAP_MARK} " + _("GAP")
            if line.professionals:
                gap += " (" + _("only professionals") + ")"
            text.append(gap, style=styles.gap)
    text.append("\n")
    text.append(_("{people} in the network, {involved} already involved").format(
        people=counts.people, involved=counts.involved), style=styles.header)
    return text


def legend_text(styles: MapStyles = MapStyles()) -> Text:
    """What the marks on the map mean."""
    parts = [
        f"{INVOLVED_MARK} " + _("involved"),
        f"{NOT_INVOLVED_MARK} " + _("not involved"),
        _("bold: strong tie"),
        _("dim: weak tie"),
        f"{AVAILABILITY_MARKS[Availability.LIMITED]} " + _("limited availability"),
        f"{AVAILABILITY_MARKS[Availability.UNAVAILABLE]} " + _("not available"),
        " ".join(_(SUPPORT_LETTERS[kind]) for kind in Support),
    ]
    return Text(" · ".join(parts), style=styles.muted)


def summary_text(network: list[NetworkMember], styles: MapStyles = MapStyles()) -> Text:
    """A few words for the run screen's side panel: people, involved, gaps."""
    text = Text()
    text.append(_("Network") + "\n", style=styles.header)
    if not network:
        text.append(_("not recorded yet"), style=styles.muted)
        return text
    counts = network_counts(network)
    text.append(_("{people} in the network, {involved} already involved").format(
        people=counts.people, involved=counts.involved))
    if counts.gaps:
        text.append("\n")
        text.append(f"{GAP_MARK} " + _("gap: {kinds}").format(
            kinds=", ".join(_(SUPPORT_NAMES[kind]) for kind in counts.gaps)), style=styles.gap)
    return text


MAP_COMPONENTS = {
    "network-map--header", "network-map--strong", "network-map--weak",
    "network-map--unavailable", "network-map--letters", "network-map--gap",
    "network-map--muted",
}


class StyledFromCss:
    """Widgets whose map styles come from their CSS component classes (each widget class
    lists `MAP_COMPONENTS` itself: Textual reads COMPONENT_CLASSES from widget classes only)."""

    def map_styles(self) -> MapStyles:
        get = cast(Widget, self).get_component_rich_style
        return MapStyles(
            header=get("network-map--header", partial=True),
            strong=get("network-map--strong", partial=True),
            weak=get("network-map--weak", partial=True),
            unavailable=get("network-map--unavailable", partial=True),
            letters=get("network-map--letters", partial=True),
            gap=get("network-map--gap", partial=True),
            muted=get("network-map--muted", partial=True),
        )


class NetworkMap(StyledFromCss, Vertical):
    """The map: the counts with the gaps on top, a column per circle (scrolls when long), and
    a legend.

    With nobody in it yet, it shows `empty_hint` instead of the counts.
    """

    COMPONENT_CLASSES = MAP_COMPONENTS

    def __init__(self, network: list[NetworkMember], *, empty_hint: str = "",
                 **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.network = list(network)
        self.empty_hint = empty_hint

    def compose(self) -> ComposeResult:
        yield Static(classes="network-map-counts")
        with VerticalScroll(classes="network-map-body"), Horizontal(classes="network-map-columns"):
            for circle in Circle:
                yield Static(classes=f"network-column network-column-{circle}")
        yield Static(classes="network-map-legend")

    def on_mount(self) -> None:
        self.show()

    def update_network(self, network: list[NetworkMember]) -> None:
        self.network = list(network)
        self.show()

    def show(self) -> None:
        styles = self.map_styles()
        columns = list(self.query(".network-column").results(Static))
        if len(columns) != len(Circle):
            return  # not composed yet, or being taken down: nothing to draw on
        for column, (circle, members) in zip(columns, by_circle(self.network), strict=True):
            column.update(column_text(circle, members, styles))
        counts = self.query_one(".network-map-counts", Static)
        legend = self.query_one(".network-map-legend", Static)
        if self.network:
            counts.update(counts_text(self.network, styles))
        else:
            counts.update(Text(self.empty_hint, style=styles.muted))
        legend.set_class(not self.network, "-empty")  # a class, so a screen's CSS may hide it too
        legend.update(legend_text(styles))

    def plain_text(self) -> str:
        """What the map says, without styles (what a test or a copy sees)."""
        parts = [str(static.visual) for static in self.query(Static) if static.display]
        return "\n".join(parts)


class NetworkSummary(StyledFromCss, Static):
    """The network in a few words (run screen side panel)."""

    COMPONENT_CLASSES = MAP_COMPONENTS

    def update_network(self, network: list[NetworkMember]) -> None:
        self.update(summary_text(network, self.map_styles()))
