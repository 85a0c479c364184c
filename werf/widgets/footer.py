"""The key footer: one widget that draws one line, the same cells as Textual's compact footer.

Textual's footer is a container with a widget per key (and per key group and label). Every
time the keys change — a phase with or without a round, the last phase, a language switch —
it removes them all and mounts new ones, and each is styled and laid out; every screen that
opens builds a dozen of them. On the run screen that was about half the cost of a phase move
and a quarter of opening a dialog (bench/RESULTS.md). This footer keeps the keys as data, and
a change of keys is a repaint of one line.

It draws what Textual's `Footer(compact=True)` draws, cell for cell (tests/test_footer.py
compares the two): keys and their descriptions, a group's keys side by side with the group's
label after them, a disabled key dimmed, the command palette's key on the right behind a thin
border — with one exception: where keys do not fit, Textual left a letter of a hidden key
in the cell right of the palette's key; this footer leaves that cell blank. A click on a key
presses it (a disabled key rings the bell), the mouse wheel scrolls
keys that do not fit, and a key's tooltip shows when the mouse is over it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

VKEY_LEFT = "▏"  # Textual's "vkey" border, left edge: the line before the palette key


@dataclass(frozen=True)
class Piece:
    """One thing the footer shows: a key (with or without its description), or a group's label.

    `gap_before` and `gap_after` are the margins Textual's layout puts around it (the larger
    of two that meet counts), `pad_before` a group's own left padding; `key` is what a click
    presses, None for a label."""

    key: str | None
    display: str
    description: str
    enabled: bool
    tooltip: str
    gap_before: int = 0
    gap_after: int = 0
    pad_before: int = 0

    @property
    def width(self) -> int:
        return cell_len(self.display) + (1 + cell_len(self.description) if self.description else 0)


def footer_pieces(screen: Screen) -> tuple[tuple[Piece, ...], Piece | None]:  # type: ignore[type-arg]
    """What Textual's compact footer shows for a screen's bindings, in its order: the keys
    (the first key of each action), grouped keys with their label, and the palette's key."""
    app = screen.app
    active = screen.active_bindings
    by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
    for _node, binding, enabled, tooltip in active.values():
        if binding.show:
            by_action[binding.action].append((binding, enabled, tooltip))
    pieces: list[Piece] = []
    for group, runs in groupby(by_action.values(), lambda run: run[0][0].group):
        actions = list(runs)
        if group is not None and len(actions) > 1:
            for number, run in enumerate(actions):
                binding, enabled, tooltip = run[0]
                pieces.append(Piece(binding.key, app.get_key_display(binding), "", enabled,
                                    tooltip or binding.description,
                                    pad_before=1 if number == 0 else 0,
                                    gap_after=1 if number == len(actions) - 1 else 0))
            pieces.append(Piece(None, group.description, "", True, ""))
        else:
            for run in actions:
                binding, enabled, tooltip = run[0]
                pieces.append(Piece(binding.key, app.get_key_display(binding),
                                    binding.description, enabled, tooltip, gap_after=1))
    palette: Piece | None = None
    if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
        _node, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
        palette = Piece(binding.key, app.get_key_display(binding), binding.description, enabled,
                        binding.tooltip or binding.description, gap_after=1)
    return tuple(pieces), palette


class Footer(Widget, can_focus=False):
    """The screen's keys on one line (see the module's docstring)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--item",
        "footer-key--hover",
        "footer--label",
        "footer--palette-border",
    }
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--item { background: $footer-item-background; }
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .footer--label {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer--palette-border { color: $foreground 20%; }
    }
    """

    def __init__(self, *, compact: bool = True, id: str | None = None,
                 classes: str | None = None) -> None:
        if not compact:
            raise ValueError("werf's footer draws the compact footer only")
        super().__init__(id=id, classes=classes)
        self.pieces: tuple[Piece, ...] = ()
        self.palette: Piece | None = None
        self._scroll = 0
        self._hover: int | None = None  # index of the piece under the mouse; -1 the palette

    # --- what it shows ---------------------------------------------------------------------
    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:  # type: ignore[type-arg]
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._take_keys)

    def _take_keys(self) -> None:
        if not self.is_attached:
            return
        pieces, palette = footer_pieces(self.screen)
        if (pieces, palette) != (self.pieces, self.palette):
            self.pieces, self.palette = pieces, palette
            self._hover = None
            self.tooltip = None  # the key it told of may have gone or moved
            self._keep_scroll_in_range()
            self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._keep_scroll_in_range()

    def _keep_scroll_in_range(self) -> None:
        """Scrolled no further than there are keys to show (as Textual's footer): when
        fewer keys or a wider terminal leave room for them all, they show from the first."""
        self._scroll = min(self._scroll, max(self._content_width() - self._room(), 0))

    @property
    def keys(self) -> list[str]:
        """The keys shown, in order (the palette's last)."""
        return [piece.key for piece in (*self.pieces, self.palette) if piece and piece.key]

    # --- drawing ---------------------------------------------------------------------------
    def _styles(self) -> dict[str, Style]:
        get = self.get_component_rich_style
        return {name: get(name) for name in self.COMPONENT_CLASSES}

    def _cells(self, piece: Piece, styles: dict[str, Style], hover: bool) -> list[Segment]:
        """A piece as Textual's FooterKey or FooterLabel renders it: the key's own style
        under its parts, dimmed when the key is disabled."""
        if piece.key is None:
            return [Segment(piece.display, styles["footer--label"])]
        under = styles["footer-key--hover"] if hover else styles["footer-key--item"]
        if not piece.enabled:
            under += Style(dim=True)
        over = Style(bgcolor=under.bgcolor) if hover else Style()
        segments = [Segment(piece.display, under + styles["footer-key--key"] + over)]
        if piece.description:
            segments.append(Segment(" " + piece.description,
                                    under + styles["footer-key--description"] + over))
        return segments

    def _placed(self) -> list[tuple[int, int, int]]:
        """(index, x, width) of each piece, x from the left edge before scrolling, as
        Textual's horizontal layout places them: adjacent margins overlap."""
        placed: list[tuple[int, int, int]] = []
        x = 0
        previous_gap = 0
        for index, piece in enumerate(self.pieces):
            x += (max(previous_gap, piece.gap_before) if index else piece.gap_before) + piece.pad_before
            placed.append((index, x, piece.width))
            x += piece.width
            previous_gap = piece.gap_after
        return placed

    def _room(self) -> int:
        """The cells left of the palette's key."""
        if self.palette is None:
            return self.size.width
        return max(self.size.width - 1 - self.palette.width - self.palette.gap_after, 0)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        blank = Style(bgcolor=self.rich_style.bgcolor)  # where no key is: the footer's colour
        if y != 0 or width <= 0:
            return Strip.blank(width, blank)
        styles = self._styles()
        line: list[Segment] = []
        x = 0
        for index, left, piece_width in self._placed():
            if left > x:
                line.append(Segment(" " * (left - x), blank))
            line += self._cells(self.pieces[index], styles, self._hover == index)
            x = left + piece_width
        keys = Strip(line).crop(self._scroll, self._scroll + width).extend_cell_length(width, blank)
        if self.palette is None:
            return keys
        # The palette's key sits on the right, one blank cell after it. (Textual's footer
        # docks it over the keys and left that cell uncovered: a letter of a key that did not
        # fit showed there, "^p paletteT".)
        border = Segment(VKEY_LEFT, self.rich_style + styles["footer--palette-border"])
        palette = Strip([border, *self._cells(self.palette, styles, self._hover == -1)])
        start = max(width - self.palette.gap_after - palette.cell_length, 0)
        return Strip.join([keys.crop(0, start), palette.crop(0, width - start),
                           Strip.blank(self.palette.gap_after, blank)]).crop(0, width)

    # --- the mouse -------------------------------------------------------------------------
    def _piece_at(self, x: int) -> int | None:
        width = self.size.width
        if self.palette and x >= width - self.palette.gap_after - self.palette.width - 1:
            return -1  # its key, and the thin border before it (part of the key in Textual's)
        for index, left, piece_width in self._placed():
            if left - self._scroll <= x < left - self._scroll + piece_width:
                return index if self.pieces[index].key else None
        return None

    def _piece(self, index: int | None) -> Piece | None:
        if index is None:
            return None
        return self.palette if index == -1 else self.pieces[index]

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._piece_at(event.x)
        if index != self._hover:
            self._hover = index
            piece = self._piece(index)
            self.tooltip = piece.tooltip or None if piece else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        piece = self._piece(self._piece_at(event.x))
        if piece is None or piece.key is None:
            return
        if piece.enabled:
            self.app.simulate_key(piece.key)
        else:
            self.app.bell()

    def _content_width(self) -> int:
        placed = self._placed()
        if not placed:
            return 0
        _index, left, piece_width = placed[-1]
        return left + piece_width

    def _scroll_by(self, cells: int) -> None:
        most = max(self._content_width() - self._room(), 0)
        scroll = min(max(self._scroll + cells, 0), most)
        if scroll != self._scroll:
            self._scroll = scroll
            self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll_by(4)
        event.stop()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll_by(-4)
        event.stop()

