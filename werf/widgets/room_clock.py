"""The room's countdown, as large as the projector allows.

The digits are drawn as seven segments on a grid of half cells (a terminal cell is about
twice as high as wide, so a half cell is about square), scaled to the space the widget has:
at 80×24 about fifteen rows, at 200×60 about forty. Where even the smallest segment digits do
not fit, Textual's three-row digits take over, and below three rows the plain text.

The size of the digits is chosen for "00:00" (or the text, when longer), so they do not
jump as the minutes go from two figures to one. The widget's own size comes from the screen,
not from its text: a new second repaints it without laying out the screen again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rich.segment import Segment
from textual.renderables.digits import DIGITS, DIGITS3X3_BOLD
from textual.strip import Strip
from textual.widget import Widget

# Which of the seven segments each figure lights: a top, b top right, c bottom right,
# d bottom, e bottom left, f top left, g middle.
SEGMENTS = {
    "0": "abcdef", "1": "bc", "2": "abdeg", "3": "abcdg", "4": "bcfg", "5": "acdfg",
    "6": "acdefg", "7": "abc", "8": "abcdefg", "9": "abcdfg", "-": "g",
}
TEMPLATE = "00:00"
MAX_TALL = 2.2  # a figure at most this many times as high as wide (in square half cells)
MAX_WIDE = 0.62  # and at most this many times as wide as high


@dataclass(frozen=True)
class Scale:
    """A figure's width (columns), height (half rows) and stroke (both)."""

    width: int
    height: int
    stroke: int


def _glyphs(text: str) -> tuple[int, int]:
    """(figures and signs, colons) of a countdown text."""
    colons = text.count(":")
    return len(text) - colons, colons


def fit(text: str, columns: int, rows: int) -> Scale | None:
    """The largest segment figures for `text` (and at least for TEMPLATE) in columns × rows,
    or None when even the smallest (3 columns by 5 half rows) do not fit."""
    figures, colons = _glyphs(text if len(text) > len(TEMPLATE) else TEMPLATE)
    height = 2 * rows
    width = 0
    for _ in range(4):  # height sets the stroke, the stroke the room left for the figures
        stroke = max(1, round(height / 9))
        fixed = colons * stroke + (figures + colons - 1) * stroke
        width = min((columns - fixed) // figures, int(height * MAX_WIDE))
        height = min(height, int(width * MAX_TALL))
    stroke = max(1, round(height / 9))
    if width < 3 or height < 5 or _width(text, Scale(width, height, stroke)) > columns:
        return None
    return Scale(width, height, stroke)


def _width(text: str, scale: Scale) -> int:
    figures, colons = _glyphs(text)
    return figures * scale.width + colons * scale.stroke + (len(text) - 1) * scale.stroke


def _paint(grid: list[list[bool]], rows: range, columns: range) -> None:
    filled = [True] * len(columns)
    for row in rows:
        grid[row][columns.start:columns.stop] = filled


def _figure(char: str, scale: Scale) -> list[list[bool]]:
    """One character on a grid of height × width half cells (a colon: stroke wide)."""
    w, h, t = scale.width, scale.height, scale.stroke
    if char == ":":
        grid = [[False] * t for _ in range(h)]
        for centre in (h // 3, h - h // 3):
            _paint(grid, range(max(0, centre - t // 2), min(h, centre - t // 2 + t)), range(t))
        return grid
    grid = [[False] * w for _ in range(h)]
    top, middle = range(0, t), range(h // 2 - t // 2, h // 2 - t // 2 + t)
    upper, lower = range(0, middle.stop), range(middle.start, h)
    if char == "+":
        _paint(grid, middle, range(w))
        _paint(grid, range(h // 4, h - h // 4), range(w // 2 - t // 2, w // 2 - t // 2 + t))
        return grid
    parts = {
        "a": (top, range(w)), "g": (middle, range(w)), "d": (range(h - t, h), range(w)),
        "f": (upper, range(t)), "e": (lower, range(t)),
        "b": (upper, range(w - t, w)), "c": (lower, range(w - t, w)),
    }
    for segment in SEGMENTS.get(char, ""):
        _paint(grid, *parts[segment])
    return grid


BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


@lru_cache(maxsize=64)
def _glyph_lines(char: str, scale: Scale) -> tuple[str, ...]:
    """One character in blocks, two half rows to a line (drawn once per size)."""
    grid = _figure(char, scale)
    if len(grid) % 2:
        grid.append([False] * len(grid[0]))
    return tuple("".join(BLOCKS[pair] for pair in zip(grid[i], grid[i + 1], strict=True))
                 for i in range(0, len(grid), 2))


def segment_lines(text: str, scale: Scale) -> list[str]:
    """`text` in segment figures (█ ▀ ▄), a stroke apart."""
    glyphs = [_glyph_lines(char, scale) for char in text]
    gap = " " * scale.stroke
    return [gap.join(glyph[row] for glyph in glyphs) for row in range(len(glyphs[0]))]


def small_lines(text: str) -> list[str]:
    """`text` in Textual's three-row digits (as its Digits widget draws them in bold)."""
    rows: list[list[str]] = [[], [], []]
    for char in text:
        if char in DIGITS:
            at = DIGITS.index(char) * 3
            for row in range(3):
                rows[row].append(DIGITS3X3_BOLD[at + row].ljust(3))
        else:
            rows[0].append(" ")
            rows[1].append(" ")
            rows[2].append(char)
    return ["".join(row) for row in rows]


def clock_lines(text: str, columns: int, rows: int) -> list[str]:
    """The countdown centred in exactly `rows` lines of `columns` cells (none when there is
    no room at all): segment figures where they fit, else Textual's digits, else the text."""
    if columns <= 0 or rows <= 0:
        return []
    if not text:
        return [" " * columns] * rows
    scale = fit(text, columns, rows)
    if scale is not None:
        drawn = segment_lines(text, scale)
    elif rows >= 3 and len(small_lines(text)[0]) <= columns:
        drawn = small_lines(text)
    else:
        drawn = [text[:columns]]
    above = (rows - len(drawn)) // 2
    blank = " " * columns
    return ([blank] * above + [line.center(columns)[:columns] for line in drawn]
            + [blank] * (rows - above - len(drawn)))


class RoomClock(Widget):
    """The countdown for the room; `show` a new text and it repaints, nothing more.

    It draws its lines itself (Textual's line API): a repaint of forty lines of blocks is then
    forty strips of one segment each, not text laid out again."""

    DEFAULT_CSS = "RoomClock { width: 1fr; height: 1fr; }"

    def __init__(self, text: str = "", **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.text = text
        self._drawn: tuple[str, int, int] | None = None
        self._lines: list[str] = []

    def show(self, text: str) -> None:
        """Show `text`; a repaint only when it changed, never a layout (the size is the
        screen's, not the text's)."""
        if text != self.text:
            self.text = text
            self.refresh()

    def render_line(self, y: int) -> Strip:
        size = self.content_size
        key = (self.text, size.width, size.height)
        if key != self._drawn:
            self._drawn = key
            self._lines = clock_lines(self.text, size.width, size.height)
        style = self.visual_style.rich_style  # cached until the widget's styles change
        if y >= len(self._lines):
            return Strip.blank(size.width, style)
        return Strip([Segment(self._lines[y], style)], size.width)
