"""werf's one-widget footer draws what Textual's compact footer draws, cell for cell, and a
click, the wheel and a change of keys work as they did; changing keys mounts nothing."""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from werf.themes import WERF_THEMES
from werf.widgets.footer import Footer

ARROWS = Binding.Group("◀ Phase ▶", compact=True)
TIME = Binding.Group("±1 min", compact=True)


class Keys(Screen[None]):
    BINDINGS = [
        Binding("f2", "toggle", "Start/pause", tooltip="Start or pause"),
        Binding("f3", "less", "−1 min", group=TIME),
        Binding("f4", "more", "+1 min", group=TIME),
        Binding("f5", "back", "Previous phase", group=ARROWS),
        Binding("f6", "next", "Next phase", group=ARROWS),
        Binding("ctrl+t", "kind", "Kind"),
        Binding("ctrl+o", "case", "Case"),
        Binding("ctrl+x", "hidden", "Never shown"),
        Binding("ctrl+r", "network", "Netwerk"),
        Binding("f12", "finish", "Finish"),
        Binding("ctrl+e", "quiet", "Not in the footer", show=False),
    ]

    def __init__(self, footer: type, first: bool = True) -> None:
        super().__init__()
        self.footer = footer
        self.first = first
        self.pressed: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input()
        yield self.footer(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return None if self.first else True
        return action != "hidden"

    def action_case(self) -> None:
        self.pressed.append("case")


class KeysApp(App[None]):
    def __init__(self, footer: type, theme: str | None = None) -> None:
        super().__init__()
        self.footer = footer
        for werf_theme in WERF_THEMES:
            self.register_theme(werf_theme)
        if theme:
            self.theme = theme

    def on_mount(self) -> None:
        self.push_screen(Keys(self.footer))


def last_row(app: App[None]) -> list[tuple[str, str]]:
    """The footer's row as cells: each character with the look it is drawn in."""
    update = app.screen._compositor.render_full_update()
    cells: list[tuple[str, str]] = []
    for strip in list(update.strips)[-1]:
        for segment in strip:
            style = segment.style
            look = "" if style is None else repr((
                style.color and style.color.get_truecolor(), style.bgcolor and
                style.bgcolor.get_truecolor(), style.bold, style.dim, style.italic,
                style.underline, style.reverse, style.strike))
            cells += [(char, look) for char in segment.text]
    return cells


async def footer_rows(footer: type, theme: str | None) -> list[list[tuple[str, str]]]:
    """The footer's row at 120, 60 and 25 columns, with F5 disabled and enabled."""
    app = KeysApp(footer, theme)
    rows: list[list[tuple[str, str]]] = []
    async with app.run_test(size=(120, 6)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, Keys)
        for first in (True, False):
            screen.first = first
            screen.refresh_bindings()
            for width in (120, 60, 25):
                await pilot.resize_terminal(width, 6)
                await pilot.pause()
                await pilot.pause()
                rows.append(last_row(app))
    return rows


@pytest.mark.parametrize("theme", [None, *(theme.name for theme in WERF_THEMES)])
async def test_the_footer_draws_what_textual_s_compact_footer_draws(theme: str | None) -> None:
    ours = await footer_rows(Footer, theme)
    theirs = await footer_rows(TextualFooter, theme)
    assert ours[0][-1] == theirs[0][-1]  # at 120 columns every key fits: a blank there too
    for case, (our_row, their_row) in enumerate(zip(ours, theirs, strict=True)):
        # Textual showed a letter of a key that did not fit right of the palette's key; ours
        # leaves that cell blank, in the footer's colour. Every other cell is the same.
        assert our_row[-1][0] == " " and our_row[-1][1] == ours[0][-1][1], case
        assert "".join(c for c, _ in our_row[:-1]) == "".join(c for c, _ in their_row[:-1]), case
        assert our_row[:-1] == their_row[:-1], case
    assert [row[-1][0] for row in theirs] == [" ", "r", "m", " ", "r", "m"]  # the letters
    def look_of(row: list[tuple[str, str]], char: str) -> str:
        return next(look for c, look in row if c == char)

    assert look_of(ours[0], "5") != look_of(ours[0], "6")  # F5 dimmed while disabled
    assert look_of(ours[3], "5") == look_of(ours[3], "6")


async def test_a_click_presses_the_key_the_wheel_scrolls_and_the_mouse_shows_the_tooltip() -> None:
    app = KeysApp(Footer)
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, Keys)
        footer = screen.query_one(Footer)
        case = next(i for i, piece in enumerate(footer.pieces) if piece.key == "ctrl+o")
        back = next(i for i, piece in enumerate(footer.pieces) if piece.key == "f5")
        placed = {index: left for index, left, _width in footer._placed()}
        assert placed[case] > footer._room()  # "Case" lies beyond the edge at 40 columns
        await pilot.click(Footer, offset=(footer._room() - 1, 0))
        assert screen.pressed == []  # what lies there is not "Case"
        await pilot.hover(Footer, offset=(1, 0))
        assert footer.tooltip == "Start or pause"  # the binding's own tooltip, as Textual's
        while placed[case] - footer._scroll + footer.pieces[case].width > footer._room():  # the wheel, until it shows
            footer.post_message(events.MouseScrollDown(footer, 0, 0, 0, 0, 0, False, False, False))
            await pilot.pause()
        assert "Case" in footer.render_line(0).text
        x = placed[case] - footer._scroll
        await pilot.click(Footer, offset=(x, 0))
        assert screen.pressed == ["case"]
        bells: list[None] = []
        app.bell = lambda: bells.append(None)  # type: ignore[method-assign]
        footer._scroll = placed[back]  # F5 at the left edge (at 0 it lies under the palette's border)
        await pilot.click(Footer, offset=(0, 0))  # F5 is disabled in the first phase
        assert bells == [None] and screen.pressed == ["case"]


async def clicked_keys(footer: type) -> list[str | None]:
    """The key a click on each cell of the footer's row presses, at 40 columns ("bell" for a
    disabled key): for Textual's footer, the key of the widget under the cell (which the
    click goes to); for ours, the piece its click handler finds there."""
    app = KeysApp(footer)
    pressed: list[str | None] = []
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = app.screen.query_one(footer)
        for x in range(40):
            if isinstance(shown, Footer):
                piece = shown._piece(shown._piece_at(x))
                key, enabled = (piece.key, piece.enabled) if piece else (None, True)
            else:
                widget, _region = app.screen.get_widget_at(shown.region.x + x, shown.region.y)
                key, enabled = (widget.key, not widget.disabled) if isinstance(widget, FooterKey) else (None, True)
            pressed.append(key if enabled or key is None else "bell")
    return pressed


async def test_a_click_on_any_cell_presses_what_textual_s_footer_presses() -> None:
    """Where keys do not fit, the palette's thin border is part of the palette's key: a click
    on it opens the palette, not the key that lies hidden under it."""
    ours, theirs = await clicked_keys(Footer), await clicked_keys(TextualFooter)
    assert ours[:-1] == theirs[:-1]  # the last cell: Textual's leaves a hidden key's cell there
    assert ours[-3:] == ["ctrl+p", "ctrl+p", "ctrl+p"]


async def test_keys_scrolled_by_the_wheel_all_show_again_when_they_fit() -> None:
    """Textual's footer keeps its scroll within what there is to scroll: once the terminal is
    wide enough for every key, they show from the first, none cut off at the left."""
    app = KeysApp(Footer)
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        for _ in range(20):  # the wheel, as far as it goes
            footer.post_message(events.MouseScrollDown(footer, 0, 0, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert not footer.render_line(0).text.startswith("f2")
        await pilot.resize_terminal(120, 6)
        await pilot.pause()
        await pilot.pause()
        assert footer.render_line(0).text.startswith("f2 Start/pause")
        assert footer._piece_at(1) == 0  # and a click there presses F2


async def test_a_tooltip_goes_with_the_key_it_told_of() -> None:
    """When the keys change under a still mouse (Textual's footer then has new key widgets),
    the tooltip of a key that went is not left showing over another key."""
    app = KeysApp(Footer)
    async with app.run_test(size=(120, 6)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, Keys)
        footer = screen.query_one(Footer)
        await pilot.hover(Footer, offset=(1, 0))
        assert footer.tooltip == "Start or pause"
        screen.check_action = lambda action, _parameters: action not in ("hidden", "toggle")  # type: ignore[method-assign]
        screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert footer.pieces[0].key == "f3" and footer.tooltip != "Start or pause"
