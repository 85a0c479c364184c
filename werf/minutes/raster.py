"""A tiny raster canvas that writes PNG: filled spans, discs, rings and digits, pure Python.

For the network map in the Word minutes (Pillow is not a dependency). The canvas is a
palette image, one byte per pixel, so every shape is a handful of row spans written by
slice assignment (C speed) instead of pixel loops: a 1000 px map with twenty dots takes a
few milliseconds, most of it zlib. The PNG is palette type 3, 8 bits, no interlace, and
the same canvas always gives the same bytes.

Text: digits (a 5×7 bitmap font) upright, and words along an arc (`arc_text`, letters of the
same height with descenders) for the labels of the map's rings. Which words a picture holds is
up to its maker: the network map draws only its fixed ring names, never a typed text, so a
picture in pseudonymised minutes cannot carry a name.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from math import cos, isqrt, pi, sin

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
RGB = tuple[int, int, int]

# 5 columns × 7 rows per digit, "1" = ink.
DIGITS = {
    "0": ("01110", "10001", "10011", "10101", "11001", "10001", "01110"),
    "1": ("00100", "01100", "00100", "00100", "00100", "00100", "01110"),
    "2": ("01110", "10001", "00001", "00010", "00100", "01000", "11111"),
    "3": ("11110", "00001", "00001", "01110", "00001", "00001", "11110"),
    "4": ("00010", "00110", "01010", "10010", "11111", "00010", "00010"),
    "5": ("11111", "10000", "11110", "00001", "00001", "10001", "01110"),
    "6": ("00110", "01000", "10000", "11110", "10001", "10001", "01110"),
    "7": ("11111", "00001", "00010", "00100", "01000", "01000", "01000"),
    "8": ("01110", "10001", "10001", "01110", "10001", "10001", "01110"),
    "9": ("01110", "10001", "10001", "01111", "00001", "00010", "01100"),
}
GLYPH_WIDTH, GLYPH_HEIGHT, GLYPH_GAP = 5, 7, 1
# Letters for words along an arc: 7 rows from the top of a capital to the baseline, 2 more for
# descenders; "#" is ink, each glyph as wide as its rows.
LETTERS = {
    "A": ".###. #...# #...# ##### #...# #...# #...#",
    "B": "####. #...# #...# ####. #...# #...# ####.",
    "C": ".###. #...# #.... #.... #.... #...# .###.",
    "D": "###.. #..#. #...# #...# #...# #..#. ###..",
    "E": "##### #.... #.... ####. #.... #.... #####",
    "F": "##### #.... #.... ####. #.... #.... #....",
    "G": ".###. #...# #.... #.### #...# #...# .####",
    "H": "#...# #...# #...# ##### #...# #...# #...#",
    "I": "### .#. .#. .#. .#. .#. ###",
    "J": "..### ...#. ...#. ...#. ...#. #..#. .##..",
    "K": "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
    "L": "#.... #.... #.... #.... #.... #.... #####",
    "M": "#...# ##.## #.#.# #.#.# #...# #...# #...#",
    "N": "#...# #...# ##..# #.#.# #..## #...# #...#",
    "O": ".###. #...# #...# #...# #...# #...# .###.",
    "P": "####. #...# #...# ####. #.... #.... #....",
    "Q": ".###. #...# #...# #...# #.#.# #..#. .##.#",
    "R": "####. #...# #...# ####. #.#.. #..#. #...#",
    "S": ".#### #.... #.... .###. ....# ....# ####.",
    "T": "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
    "U": "#...# #...# #...# #...# #...# #...# .###.",
    "V": "#...# #...# #...# .#.#. .#.#. ..#.. ..#..",
    "W": "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
    "X": "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
    "Y": "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
    "Z": "##### ....# ...#. ..#.. .#... #.... #####",
    "a": "..... ..... .###. ....# .#### #...# .####",
    "b": "#.... #.... #.##. ##..# #...# #...# ####.",
    "c": "..... ..... .###. #.... #.... #...# .###.",
    "d": "....# ....# .##.# #..## #...# #...# .####",
    "e": "..... ..... .###. #...# ##### #.... .###.",
    "f": "..##. .#..# .#... ###.. .#... .#... .#...",
    "g": "..... ..... .#### #...# #...# .#### ....# #...# .###.",
    "h": "#.... #.... #.##. ##..# #...# #...# #...#",
    "i": ".#. ... ##. .#. .#. .#. ###",
    "j": "...# .... ..## ...# ...# ...# ...# #..# .##.",
    "k": "#... #... #..# #.#. ##.. #.#. #..#",
    "l": "##. .#. .#. .#. .#. .#. ###",
    "m": "..... ..... ##.#. #.#.# #.#.# #.#.# #.#.#",
    "n": "..... ..... #.##. ##..# #...# #...# #...#",
    "o": "..... ..... .###. #...# #...# #...# .###.",
    "p": "..... ..... ####. #...# #...# #...# ####. #.... #....",
    "q": "..... ..... .#### #...# #...# #...# .#### ....# ....#",
    "r": "..... ..... #.##. ##..# #.... #.... #....",
    "s": "..... ..... .#### #.... .###. ....# ####.",
    "t": ".#.. .#.. ###. .#.. .#.. .#.# ..#.",
    "u": "..... ..... #...# #...# #...# #..## .##.#",
    "v": "..... ..... #...# #...# #...# .#.#. ..#..",
    "w": "..... ..... #...# #...# #.#.# #.#.# .#.#.",
    "x": "..... ..... #...# .#.#. ..#.. .#.#. #...#",
    "y": "..... ..... #...# #...# #...# .#### ....# #...# .###.",
    "z": "..... ..... ##### ...#. ..#.. .#... #####",
    " ": "... ... ... ... ... ... ...",
    "-": ".... .... .... #### .... .... ....",
    "&": ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#",
    "é": "..#.. .#... .###. #...# ##### #.... .###.",
    "ë": ".#.#. ..... .###. #...# ##### #.... .###.",
    "ï": "#.# ... ##. .#. .#. .#. ###",
}
LETTER_ROWS = 9  # 7 from the top of a capital to the baseline, 2 for descenders
X_HEIGHT_MIDDLE = 4.5  # rows from the top to the middle of a small letter (rows 2 to 6)


def _letter_rows(char: str) -> list[str]:
    rows = (LETTERS[char] if char in LETTERS else " ".join(DIGITS[char])).split()
    return rows + ["." * len(rows[0])] * (LETTER_ROWS - len(rows))


_LETTER_INK = {char: [[index for index, bit in enumerate(row) if bit == "#"] for row in _letter_rows(char)]
               for char in [*LETTERS, *DIGITS]}
_LETTER_WIDTH = {char: len(_letter_rows(char)[0]) for char in _LETTER_INK}
_LETTER_COLUMNS = {char: [[row for row, ink in enumerate(_LETTER_INK[char]) if column in ink]
                          for column in range(_LETTER_WIDTH[char])] for char in _LETTER_INK}


def text_width(text: str) -> int:
    """The width of `text` in font pixels (letters, digits, spaces), gaps included."""
    return sum(_LETTER_WIDTH[char] + GLYPH_GAP for char in text) - GLYPH_GAP if text else 0


def _runs(row: str) -> list[tuple[int, int]]:
    """(start, length) of each run of ink in one row of a glyph."""
    runs, start = [], None
    for index, bit in enumerate(row + "0"):
        if bit == "1" and start is None:
            start = index
        elif bit != "1" and start is not None:
            runs.append((start, index - start))
            start = None
    return runs


_GLYPH_RUNS = {digit: [_runs(row) for row in rows] for digit, rows in DIGITS.items()}


def digits_width(text: str, scale: int) -> int:
    """The width in pixels of `text` (digits) drawn at `scale`."""
    return (len(text) * (GLYPH_WIDTH + GLYPH_GAP) - GLYPH_GAP) * scale if text else 0


class Canvas:
    """A palette image: `palette[i]` is the colour of pixel value i (at most 256)."""

    def __init__(self, width: int, height: int, palette: Sequence[RGB], background: int = 0) -> None:
        if not 0 < len(palette) <= 256:
            raise ValueError("a palette holds 1 to 256 colours")
        self.width, self.height = width, height
        self.palette = list(palette)
        self.pixels = bytearray([background]) * (width * height)
        self._ink = [memoryview(bytes([index]) * width) for index in range(len(palette))]

    def span(self, y: int, x0: int, x1: int, colour: int) -> None:
        """Pixels x0 ≤ x < x1 of row y, clipped to the canvas."""
        if not 0 <= y < self.height:
            return
        x0, x1 = max(x0, 0), min(x1, self.width)
        if x1 > x0:
            start = y * self.width
            self.pixels[start + x0:start + x1] = self._ink[colour][:x1 - x0]

    def rect(self, x: int, y: int, width: int, height: int, colour: int) -> None:
        for row in range(y, y + height):
            self.span(row, x, x + width, colour)

    def disc(self, cx: int, cy: int, radius: int, colour: int,
             clip: tuple[int, int, int] | None = None) -> None:
        """A filled disc; with `clip` (cx, cy, r) only where it overlaps that disc."""
        square = radius * radius + radius  # + radius: rounder edges than r² alone
        for dy in range(-radius, radius + 1):
            half = isqrt(square - dy * dy)
            x0, x1 = cx - half, cx + half + 1
            if clip is not None:
                ccx, ccy, cr = clip
                dyc = cy + dy - ccy
                if abs(dyc) > cr:
                    continue
                chalf = isqrt(cr * cr + cr - dyc * dyc)
                x0, x1 = max(x0, ccx - chalf), min(x1, ccx + chalf + 1)
            self.span(cy + dy, x0, x1, colour)

    def ring(self, cx: int, cy: int, outer: int, inner: int, colour: int) -> None:
        """The band between two concentric circles (a circle line when they are close)."""
        outer_square, inner_square = outer * outer + outer, inner * inner + inner
        for dy in range(-outer, outer + 1):
            half = isqrt(outer_square - dy * dy)
            if abs(dy) > inner:
                self.span(cy + dy, cx - half, cx + half + 1, colour)
                continue
            hole = isqrt(inner_square - dy * dy)
            self.span(cy + dy, cx - half, cx - hole, colour)
            self.span(cy + dy, cx + hole + 1, cx + half + 1, colour)

    def digits(self, cx: int, cy: int, text: str, scale: int, colour: int) -> None:
        """`text` (digits only) centred on (cx, cy), each font pixel a `scale`² square."""
        x = cx - digits_width(text, scale) // 2
        top = cy - GLYPH_HEIGHT * scale // 2
        for char in text:
            for row, runs in enumerate(_GLYPH_RUNS[char]):
                for start, length in runs:
                    self.rect(x + start * scale, top + row * scale, length * scale, scale, colour)
            x += (GLYPH_WIDTH + GLYPH_GAP) * scale

    def arc_text(self, cx: int, cy: int, radius: float, text: str, scale: int, colour: int) -> None:
        """`text` along the top of the circle of `radius` around (cx, cy), read left to right,
        its middle at the top and the middle of its small letters on the circle; each font
        pixel a `scale`-wide cell bent with the arc (sampled finely enough to leave no holes)."""
        samples = scale + 2
        offsets = [(step + 0.5) / samples for step in range(samples)]
        left = -text_width(text) / 2
        width, pixels = self.width, self.pixels
        for char in text:
            for column, rows in enumerate(_LETTER_COLUMNS[char]):
                if not rows:
                    continue
                turns = [(cos(angle), sin(angle)) for angle in
                         (-pi / 2 + (left + column + du) * scale / radius for du in offsets)]
                for row in rows:
                    for dv in offsets:
                        r = radius + (X_HEIGHT_MIDDLE - row - dv) * scale
                        for c, s in turns:
                            x, y = int(cx + r * c), int(cy + r * s)
                            if 0 <= x < width and 0 <= y < self.height:
                                pixels[y * width + x] = colour
            left += _LETTER_WIDTH[char] + GLYPH_GAP

    def png(self, dpi: int = 0) -> bytes:
        """The image as PNG bytes; `dpi` (when given) is stored so viewers know its size."""
        width = self.width
        rows = b"".join(b"\x00" + self.pixels[y * width:(y + 1) * width] for y in range(self.height))
        chunks = [
            _chunk(b"IHDR", struct.pack(">IIBBBBB", width, self.height, 8, 3, 0, 0, 0)),
            _chunk(b"PLTE", b"".join(bytes(colour) for colour in self.palette)),
        ]
        if dpi:
            per_metre = round(dpi / 0.0254)
            chunks.append(_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
        chunks += [_chunk(b"IDAT", zlib.compress(rows, 6)), _chunk(b"IEND", b"")]
        return PNG_SIGNATURE + b"".join(chunks)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
