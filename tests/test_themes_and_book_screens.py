"""Themes in setup (and the team's own list), the history filter by theme, the figures per
theme and per carrier, and the team's book of takeaways on screen."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.content import Content
from textual.widgets import DataTable, Select, SelectionList, Static, TextArea

from werf.i18n import set_language
from werf.screens.book import BookScreen
from werf.screens.history import HistoryScreen
from werf.store import Store

from .helpers import demo_db
from .pilot import choose, fill, make_app, set_up_werf_session, settle, type_text


def drawn(widget: Static) -> str:
    console = Console(width=110, file=io.StringIO(), record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


async def test_the_team_keeps_its_own_themes_and_a_session_gets_some(tmp_path: Path) -> None:
    set_language("en")
    db = tmp_path / "werf.db"
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "#team", "Wijkteam Noord")
        await settle(pilot)
        themes = app.screen.query_one("#themes", SelectionList)
        assert themes.get_option_at_index(0).value == "loneliness"  # the starting list
        await pilot.click("#edit-themes")
        await settle(pilot)
        lines = app.screen.query_one("#theme-lines", TextArea)
        lines.move_cursor(lines.document.end)
        await pilot.press("enter")
        await type_text(pilot, "digital skills")
        await pilot.press("ctrl+s")
        await settle(pilot)
        themes = app.screen.query_one("#themes", SelectionList)
        assert themes.get_option_at_index(themes.option_count - 1).value == "digital skills"
        themes.focus()
        await pilot.press("home", "space")  # loneliness
        await pilot.press("end", "space")  # digital skills
        await settle(pilot)
        assert app.screen.form.themes == ["loneliness", "digital skills"]
    assert Store.open(db).team_themes("Wijkteam Noord")[-1] == "digital skills"

    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await set_up_werf_session(pilot)  # the team's list, saved before, comes back
        await settle(pilot)
    store = Store.open(db)
    assert store.team_themes("Wijkteam Noord")[-1] == "digital skills"


async def test_chosen_themes_are_saved_with_the_session(tmp_path: Path) -> None:
    set_language("nl")
    db = tmp_path / "werf.db"
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "#team", "Wijkteam Noord")
        await settle(pilot)
        themes = app.screen.query_one("#themes", SelectionList)
        themes.focus()
        await pilot.press("home", "down", "space")  # the second: schulden en geldzorgen
        await settle(pilot)
        form = app.screen.form
        assert str(themes.get_option_at_index(1).prompt) == "schulden en geldzorgen"  # shown
        assert form.themes == ["debts"]  # chosen as stored: the key
        await fill(pilot, "#facilitator", "Fatima")
        for name in ("Bram", "Eva"):
            await fill(pilot, "#new-participant", name)
            await pilot.press("enter")
        await choose(pilot, "#role-case_bringer", "Bram")
        await pilot.press("ctrl+s")
        await settle(pilot)
    store = Store.open(db)
    (summary,) = store.list_sessions(theme="schulden en geldzorgen")
    assert store.load_session(summary.id).themes == ["debts"]


async def test_an_empty_theme_list_is_refused(tmp_path: Path) -> None:
    set_language("en")
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "#team", "Noord")
        await settle(pilot)
        await pilot.click("#edit-themes")
        await settle(pilot)
        app.screen.query_one("#theme-lines", TextArea).text = "  \n\n"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Keep at least one theme." in str(app.screen.query_one("#theme-problem", Static).content)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#themes", SelectionList).option_count == 14


async def test_history_filters_by_theme(tmp_path: Path) -> None:
    set_language("nl")
    app = make_app(demo_db(tmp_path))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert history.query_one("#sessions", DataTable).row_count == 12
        options = history.query_one("#theme", Select)._options
        assert (Content("mantelzorg"), "informal_care") in options  # shown in Dutch, stored as key
        await choose(pilot, "#theme", "informal_care")
        await settle(pilot)
        assert {r.case_title for r in history.rows} == {"Mantelzorger raakt overbelast"}
        assert len(history.rows) == 2


async def test_figures_count_themes_and_carriers(tmp_path: Path) -> None:
    from werf.screens.figures import FiguresScreen

    set_language("en")
    app = make_app(demo_db(tmp_path, 6))
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FiguresScreen)
        themes = drawn(screen.query_one("#figures-themes", Static))
        assert "loneliness" in themes and "2" in themes.split("loneliness")[1].split("\n")[0]
        assert "eenzaamheid" not in themes and "informal_care" not in themes  # shown in English
        actions = drawn(screen.query_one("#figures-actions", Static))
        row = next(line for line in actions.splitlines() if "carried by the network" in line)
        assert row.split()[-2:] == ["2", "29%"]  # 2 of the 7 action points


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_book_shows_a_themes_takeaways_without_case_details(
        tmp_path: Path, lang: str) -> None:
    set_language(lang)
    app = make_app(demo_db(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        book = app.screen
        assert isinstance(book, BookScreen)
        await choose(pilot, "#book-theme", "informal_care")
        await settle(pilot)
        text = drawn(book.query_one("#book-body", Static))
        assert text.count("Ik ga haar netwerk samen met haar in kaart brengen.") == 2
        assert "Eerst vragen wie hij zelf wil betrekken." not in text  # another theme's
        for secret in ("Mantelzorger raakt overbelast", "respijtzorg", "Karin", "Ilse"):
            assert secret not in text
        assert book.book is not None and len(book.book.entries) == 2
        await choose(pilot, "#book-team", "Wijkteam Oost")  # no sessions on this theme
        await settle(pilot)
        empty = {"en": "No takeaways yet", "nl": "Nog geen lessen"}[lang]
        assert empty in drawn(book.query_one("#book-body", Static))


async def test_the_book_is_exported_to_word_and_markdown(tmp_path: Path) -> None:
    from docx import Document

    set_language("nl")
    out = tmp_path / "gedeeld"
    out.mkdir()
    app = make_app(demo_db(tmp_path))
    app.config.export_dir = out
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await choose(pilot, "#book-theme", "informal_care")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
    (word,) = out.glob("*.docx")
    (markdown,) = out.glob("*.md")
    assert word.name == "2026-11-24 Boek met lessen - mantelzorg.docx"
    text = "\n".join(p.text for p in Document(str(word)).paragraphs)
    assert "Ik ga haar netwerk samen met haar in kaart brengen." in text
    assert "Mantelzorger raakt overbelast" not in text
    assert "Ik ga haar netwerk" in markdown.read_text("utf-8")


async def test_an_unwritable_export_folder_is_said_and_nothing_breaks(tmp_path: Path) -> None:
    set_language("en")
    app = make_app(demo_db(tmp_path))
    app.config.export_dir = tmp_path / "does-not-exist"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("does-not-exist" in m for m in messages), messages
        assert isinstance(app.screen, BookScreen)
