"""The network map picture: a valid PNG, deterministic, numbers and the rings' names only, dots
inside their ring and clear of the names."""

from __future__ import annotations

import bisect
import inspect
import math
import struct
import zlib

import pytest

from werf.minutes.map_picture import (
    LABEL,
    PALETTE,
    SIZE,
    SUPPORT_INDEX,
    WHITE,
    MapDot,
    label_half_angle,
    layout,
    render_map_png,
    ring_labels,
    rings,
)
from werf.minutes.raster import PNG_SIGNATURE, Canvas
from werf.models import Circle, Support

SUPPORTS = [*Support, None]


def twenty() -> list[MapDot]:
    circles = [Circle.HOUSEHOLD] * 3 + [Circle.FAMILY] * 4 + [Circle.FRIENDS] * 5 + \
        [Circle.NEIGHBOURHOOD] * 3 + [Circle.PROFESSIONAL] * 5
    return [MapDot(i + 1, circle, SUPPORTS[i % 5], i % 3 != 0) for i, circle in enumerate(circles)]


def decode(data: bytes) -> tuple[int, int, list[tuple[int, int, int]], bytes]:
    """Width, height, palette and pixel values of a palette PNG, every CRC checked."""
    assert data[:8] == PNG_SIGNATURE
    position, chunks = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind, body = data[position + 4:position + 8], data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length:position + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        position += 12 + length
    kinds = [kind for kind, _body in chunks]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"PLTE" in kinds
    width, height, depth, colour_type, _c, _f, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, colour_type, interlace) == (8, 3, 0)
    plte = dict(chunks)[b"PLTE"]
    palette = [tuple(plte[i:i + 3]) for i in range(0, len(plte), 3)]
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    assert len(raw) == height * (width + 1)
    rows = [raw[y * (width + 1):(y + 1) * (width + 1)] for y in range(height)]
    assert {row[0] for row in rows} == {0}  # filter "none" on every row
    return width, height, palette, b"".join(row[1:] for row in rows)  # type: ignore[misc]


def test_the_map_is_a_valid_png_large_enough_to_print() -> None:
    width, height, palette, pixels = decode(render_map_png(twenty(), "en"))
    assert width == height == SIZE >= 600
    assert palette == PALETTE
    assert max(pixels) < len(palette)


def test_the_same_network_gives_the_same_bytes() -> None:
    assert render_map_png(twenty(), "en") == render_map_png(twenty(), "en")
    changed = twenty()
    changed[4] = MapDot(5, changed[4].circle, changed[4].support, not changed[4].involved)
    assert render_map_png(changed, "en") != render_map_png(twenty(), "en")


def test_filled_dots_are_involved_and_open_dots_not() -> None:
    dots = twenty()
    width, _h, _p, pixels = decode(render_map_png(dots, "en"))
    for place in layout(dots):
        colour = SUPPORT_INDEX[place.dot.support] if place.dot.support else 7
        edge = pixels[(place.y + place.radius - 2) * width + place.x]
        inside = pixels[(place.y + round(place.radius * 0.65)) * width + place.x]  # below the digits
        assert edge == colour
        assert inside == (colour if place.dot.involved else WHITE), place.dot


@pytest.mark.parametrize("counts", [(3, 4, 5, 3, 5), (14, 0, 1, 0, 25), (1, 1, 1, 1, 1)])
def test_every_dot_lies_in_its_ring_and_none_overlap(counts: tuple[int, ...]) -> None:
    dots, number = [], 0
    for circle, count in zip(Circle, counts, strict=True):
        for _ in range(count):
            number += 1
            dots.append(MapDot(number, circle, Support.PRACTICAL, True))
    geometry = rings()
    placed = layout(dots)
    assert sorted(p.dot.number for p in placed) == list(range(1, number + 1))
    ring_of = {circle: index for index, circle in enumerate(Circle)}
    for place in placed:
        distance = math.dist((place.x, place.y), (geometry.centre, geometry.centre))
        ring = ring_of[place.dot.circle]
        assert geometry.inner(ring) + place.radius <= distance + 1
        assert distance + place.radius <= geometry.outer(ring) + 1
    for place in placed:  # clear of the ring's name at its top
        ring = ring_of[place.dot.circle]
        angle = math.atan2(place.y - geometry.centre, place.x - geometry.centre)
        from_top = abs((angle + math.pi / 2 + math.pi) % (2 * math.pi) - math.pi)
        distance = math.dist((place.x, place.y), (geometry.centre, geometry.centre))
        assert from_top - place.radius / distance >= label_half_angle(ring_labels("en")[ring], ring), place
    for first in placed:
        for second in placed:
            if first is not second:
                gap = math.dist((first.x, first.y), (second.x, second.y))
                assert gap >= first.radius + second.radius, (first.dot, second.dot)


def test_an_empty_network_is_the_rings_and_the_resident() -> None:
    _w, _h, _p, pixels = decode(render_map_png([], "nl"))
    assert not set(pixels) & set(SUPPORT_INDEX.values())


def test_the_canvas_draws_digits_and_nothing_else() -> None:
    canvas = Canvas(40, 20, [(255, 255, 255), (0, 0, 0)])
    canvas.digits(20, 10, "0123", 1, 1)
    assert canvas.pixels.count(1) > 40
    with pytest.raises(KeyError):
        canvas.digits(20, 10, "Ans", 1, 1)


def _positions(pixels: bytes, value: int) -> list[int]:
    found, index, mark = [], pixels.find(value), bytes([value])
    while index != -1:
        found.append(index)
        index = pixels.find(mark, index + 1)
    return found


def test_every_ring_carries_its_name_in_the_minutes_language() -> None:
    """The names' ink lies at the top of each ring, within the arc the name takes (which the
    dots keep clear of); the languages differ only there."""
    geometry = rings()
    assert ring_labels("nl")[2] == "Vrienden en buren" and ring_labels("en")[2] == "Friends and neighbours"
    for lang in ("nl", "en"):
        width, _h, _p, pixels = decode(render_map_png(twenty(), lang))
        inked = [0, 0, 0, 0, 0]
        halves = [label_half_angle(label, ring) + 0.05 for ring, label in enumerate(ring_labels(lang))]
        inner = [geometry.inner(ring) for ring in range(5)]
        for index in _positions(pixels, LABEL):
            x, y = index % width - geometry.centre, index // width - geometry.centre
            distance = math.hypot(x, y)
            ring = bisect.bisect_right(inner, distance) - 1
            assert ring >= 0 and distance < geometry.outer(ring), (lang, index)  # inside its ring
            assert abs(math.atan2(y, x) + math.pi / 2) <= halves[ring], (lang, ring)  # at its top
            inked[ring] += 1
        assert min(inked) > 300, (lang, inked)  # letters, not a stray pixel
    nl, en = (bytearray(decode(render_map_png([], lang))[3]) for lang in ("nl", "en"))  # no dots
    assert nl != en
    for index in _positions(bytes(nl), LABEL) + _positions(bytes(en), LABEL):
        nl[index] = en[index] = WHITE
    assert nl == en  # only the names differ


def test_the_map_takes_no_text_but_its_language() -> None:
    """Nothing typed can reach the picture: its only words are the rings' fixed names."""
    assert list(inspect.signature(render_map_png).parameters) == ["dots", "lang", "size"]
    assert [field for field in MapDot.__dataclass_fields__] == ["number", "circle", "support", "involved"]
