"""The network map as a picture for the Word minutes: rings around the resident, numbered dots.

What it looks like (a square PNG, 1000 px by default, about 200 dpi at 12 cm):

- the resident in the centre, a dark disc with a simple person in it;
- five rings from the inside out in the order of `Circle`: household, family, friends and
  neighbours, neighbourhood and informal, professionals. The rings are lightly tinted in
  turn; a darker line between the neighbourhood and the professionals marks where the
  informal network ends. Each ring carries its name in the minutes' language, bent along
  the top of the ring (`ring_labels`);
- one dot per person in the middle of their ring, spread evenly over the ring but for the
  part its name takes (each ring at its own offset, so dots of neighbouring rings do not
  line up), numbered as in the minutes' network table. A filled dot is someone involved, an open one (a
  coloured ring) someone not involved. The colour is the first kind of support listed:
  blue practical, orange emotional, green advice, purple company, grey none (Okabe-Ito
  colours, told apart with colour blindness too).

The picture holds no text but the numbers and the rings' fixed names: `MapDot` carries no
relation and the map takes no text, so nothing identifying can end up in it, pseudonymised
or not. The same dots in the same language give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from werf.i18n import N_, translate
from werf.minutes.raster import GLYPH_HEIGHT, Canvas, digits_width, text_width
from werf.models import Circle, Support
from werf.network import CIRCLE_NAMES

SIZE = 1000  # pixels, square
DPI = 200
# palette indices
WHITE, TINT, TINT_ALT, LINE, BORDER, RESIDENT, INK, NO_SUPPORT = range(8)
SUPPORT_INDEX = {Support.PRACTICAL: 8, Support.EMOTIONAL: 9, Support.ADVICE: 10, Support.COMPANY: 11}
PALETTE = [
    (0xFF, 0xFF, 0xFF),  # white
    (0xEC, 0xF1, 0xF6),  # ring tint
    (0xF7, 0xF9, 0xFB),  # the other ring tint
    (0xB4, 0xBF, 0xCB),  # line between rings
    (0x5B, 0x67, 0x75),  # where the informal network ends
    (0x3A, 0x46, 0x54),  # the resident
    (0x1F, 0x29, 0x33),  # digits on an open dot
    (0x88, 0x88, 0x88),  # no support given
    (0x00, 0x72, 0xB2),  # practical: blue
    (0xD5, 0x5E, 0x00),  # emotional: orange (vermilion)
    (0x00, 0x9E, 0x73),  # advice: green
    (0x8E, 0x5B, 0xB0),  # company: purple
    (0x4A, 0x55, 0x63),  # the rings' names
]
LABEL = 12
RING_OFFSETS = (0.5, 0.2, 0.8, 0.35, 0.65)  # where a ring's dots start, in steps: rings do not line up
# The colours' names for the legend, in the order of `Support`, then the one for none.
COLOUR_NAMES = {
    Support.PRACTICAL: N_("blue"),
    Support.EMOTIONAL: N_("orange"),
    Support.ADVICE: N_("green"),
    Support.COMPANY: N_("purple"),
}
NO_SUPPORT_COLOUR = N_("grey")


@dataclass(frozen=True)
class MapDot:
    """One person on the map: their number in the table, ring, colour and fill."""

    number: int
    circle: Circle
    support: Support | None  # the first kind of support listed, None: none
    involved: bool


@dataclass(frozen=True)
class Placed:
    """Where a dot is drawn."""

    dot: MapDot
    x: int
    y: int
    radius: int


@dataclass(frozen=True)
class Rings:
    """The geometry of the map at one size."""

    size: int
    centre: int
    resident: int  # radius of the resident's disc
    width: float  # width of one ring

    def inner(self, ring: int) -> int:
        return round(self.resident + ring * self.width)

    def outer(self, ring: int) -> int:
        return round(self.resident + (ring + 1) * self.width)

    def middle(self, ring: int) -> float:
        return self.resident + (ring + 0.5) * self.width


def rings(size: int = SIZE) -> Rings:
    centre = size // 2
    resident = round(size * 0.07)
    margin = size * 0.015
    return Rings(size, centre, resident, (centre - margin - resident) / len(Circle))


def ring_labels(lang: str) -> list[str]:
    """The rings' names from the inside out, in `lang`: the only words the map holds."""
    return [_capitalised(translate(CIRCLE_NAMES[circle], lang)) for circle in Circle]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def label_scale(size: int) -> int:
    """The font scale of the rings' names: capitals about 3 % of the picture high."""
    return max(1, round(size / 250))


def label_half_angle(label: str, ring: int, size: int = SIZE) -> float:
    """Half the angle (radians) a ring's name takes at the top of the ring."""
    return text_width(label) * label_scale(size) / 2 / rings(size).middle(ring)


def layout(dots: Sequence[MapDot], size: int = SIZE, lang: str = "en") -> list[Placed]:
    """Every dot's centre and radius: evenly over the middle of its ring but for the arc its
    name takes at the top, as large as fits."""
    geometry = rings(size)
    largest = max(3, round(geometry.width * 0.34))
    gap = max(2.0, size * 0.006)
    placed = []
    for ring, (circle, label) in enumerate(zip(Circle, ring_labels(lang), strict=True)):
        members = [dot for dot in dots if dot.circle is circle]
        if not members:
            continue
        middle = geometry.middle(ring)
        count = len(members)
        clear = label_half_angle(label, ring, size) + (largest + gap) / middle  # the name and a dot's width
        free = 2 * math.pi - 2 * clear
        fits = middle * math.sin(free / count / 2) - gap if count > 1 else largest
        radius = max(3, min(largest, int(fits)))
        start = -math.pi / 2 + clear + free / count * RING_OFFSETS[ring]
        for index, dot in enumerate(members):
            angle = start + free * index / count
            placed.append(Placed(dot, geometry.centre + round(middle * math.cos(angle)),
                                 geometry.centre + round(middle * math.sin(angle)), radius))
    return placed


def _digit_scale(number: str, radius: int) -> int:
    """The largest font scale at which `number` fits inside a dot of `radius`."""
    for scale in range(8, 0, -1):
        if digits_width(number, scale) <= radius * 1.35 and GLYPH_HEIGHT * scale <= radius * 1.3:
            return scale
    return 1


def _draw_rings(canvas: Canvas, geometry: Rings) -> None:
    c, line = geometry.centre, max(1, round(geometry.size / 400))
    for ring in reversed(range(len(Circle))):
        canvas.disc(c, c, geometry.outer(ring), TINT if ring % 2 == 0 else TINT_ALT)
    for ring in range(len(Circle)):
        outer = geometry.outer(ring)
        informal_edge = ring == len(Circle) - 2
        width = line * 2 if informal_edge else line
        canvas.ring(c, c, outer, outer - width, BORDER if informal_edge else LINE)


def _draw_labels(canvas: Canvas, geometry: Rings, lang: str) -> None:
    scale = label_scale(geometry.size)
    for ring, label in enumerate(ring_labels(lang)):
        canvas.arc_text(geometry.centre, geometry.centre, geometry.middle(ring), label, scale, LABEL)


def _draw_resident(canvas: Canvas, geometry: Rings) -> None:
    c, r = geometry.centre, geometry.resident
    canvas.disc(c, c, r, RESIDENT)
    canvas.disc(c, c - round(r * 0.28), round(r * 0.3), WHITE)  # head
    canvas.disc(c, c + round(r * 0.62), round(r * 0.55), WHITE, clip=(c, c, r - max(2, r // 12)))


def _draw_dot(canvas: Canvas, place: Placed, widest: str) -> None:
    x, y, r = place.x, place.y, place.radius
    colour = SUPPORT_INDEX[place.dot.support] if place.dot.support else NO_SUPPORT
    canvas.disc(x, y, r + max(2, r // 8), WHITE)  # a white edge sets it off from the lines
    canvas.disc(x, y, r, colour)
    ink = WHITE
    if not place.dot.involved:
        canvas.disc(x, y, r - max(2, round(r * 0.22)), WHITE)
        ink = INK
    number = str(place.dot.number)
    canvas.digits(x, y, number, _digit_scale(widest, r), ink)  # one size for 7 and 17


@lru_cache(maxsize=8)
def _background(size: int, lang: str) -> bytes:
    """The rings, their names and the resident, the same on every map: drawn once per size
    and language (more than the time of a map), then copied."""
    canvas = Canvas(size, size, PALETTE, WHITE)
    geometry = rings(size)
    _draw_rings(canvas, geometry)
    _draw_labels(canvas, geometry, lang)
    _draw_resident(canvas, geometry)
    return bytes(canvas.pixels)


def render_map_png(dots: Sequence[MapDot], lang: str, size: int = SIZE) -> bytes:
    """The map of `dots` with its rings named in `lang`, as PNG bytes (`size` pixels square,
    at least 200)."""
    size = max(size, 200)
    canvas = Canvas(size, size, PALETTE, WHITE)
    canvas.pixels[:] = _background(size, lang)
    widest = str(max((dot.number for dot in dots), default=0))
    for place in layout(dots, size, lang):
        _draw_dot(canvas, place, widest)
    return canvas.png(dpi=DPI)
