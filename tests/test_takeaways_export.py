"""The book of takeaways as Markdown and Word, and its export: the theme's lessons only."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from werf.export import ExportError, export_book
from werf.minutes.book import render_book_docx, render_book_markdown
from werf.models import RecordKind
from werf.protocols import load_catalog
from werf.takeaways import TakeawayBook, build_book

from .helpers import TODAY
from .minutes_helpers import leaked_names, read_docx, xml_parts
from .test_takeaways_book import filled_store, forbidden_words

THEME = "eenzaamheid"  # asked for in Dutch (the demo's sessions have it in Dutch) …
TITLE = "loneliness"  # … and titled in the language of the (English) book


@pytest.fixture(scope="module")
def demo():  # type: ignore[no-untyped-def]
    return filled_store()


def theme_takeaways(sessions: list, theme: str) -> Counter[str]:  # type: ignore[type-arg]
    return Counter(n.text for s in sessions if theme in s.themes for n in s.notes if n.kind is RecordKind.TAKEAWAY)


def test_markdown_book_holds_exactly_the_themes_takeaways_and_no_case_details(demo) -> None:  # type: ignore[no-untyped-def]
    store, sessions = demo
    book = build_book(store, lang="en", theme=THEME, catalog=load_catalog())
    text = render_book_markdown(book, TODAY)
    lines = text.splitlines()
    assert lines[:3] == ["*Confidential*", "", f"# Book of takeaways: {TITLE}"]
    assert "- **Made on:** 24 November 2026" in lines and "- **Sessions:** 4" in lines
    bullets = Counter(line[2:] for line in lines if line.startswith("- ") and not line.startswith("- **"))
    assert bullets == theme_takeaways(sessions, THEME)
    dates = [line[3:].split(" · ")[0] for line in lines if line.startswith("## ")]
    assert dates == [f"{s.date.day} {s.date.strftime('%B')} {s.date.year}"
                     for s in sorted((s for s in sessions if THEME in s.themes), key=lambda s: s.date, reverse=True)]
    assert "| Voetbaltrainer vragen mee te denken | voetbaltrainer | open |" in lines
    assert leaked_names({"md": text}, sorted(forbidden_words(sessions))) == []


def test_word_book_holds_the_same_and_is_marked_confidential(demo) -> None:  # type: ignore[no-untyped-def]
    store, sessions = demo
    book = build_book(store, lang="en", theme=THEME, catalog=load_catalog())
    data = render_book_docx(book, TODAY)
    document = read_docx(data)
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [f"Book of takeaways: {TITLE}"]
    bullets = Counter(p.text for p in document.paragraphs if p.style.name == "List Bullet")
    assert bullets == theme_takeaways(sessions, THEME)
    carried = [[c.text for c in row.cells] for table in document.tables for row in table.rows[1:]]
    assert sorted({row[1] for row in carried}) == ["buurvrouw", "professional", "voetbaltrainer"]
    assert document.tables[0].rows[0].cells[1].text == "Carried by"
    parts = xml_parts(data)
    header = next(text for name, text in parts.items() if re.search(r"word/header\d*\.xml", name))
    assert "Confidential" in header and "24 November 2026" in header
    assert document.core_properties.author == "" and document.core_properties.title == book_title(book)
    shown = {name: " ".join(re.findall(r"<(?:w:t|dc:\w+|cp:\w+)[^>]*>([^<]*)<", text))
             for name, text in parts.items()}  # the words a reader sees, and the properties
    assert "Voetbaltrainer vragen mee te denken" in shown["word/document.xml"]
    assert leaked_names(shown, sorted(forbidden_words(sessions))) == []


def book_title(book: TakeawayBook) -> str:
    return f"Book of takeaways: {book.theme}"


def test_a_book_of_every_theme_has_a_chapter_each(demo) -> None:  # type: ignore[no-untyped-def]
    store, _sessions = demo
    book = build_book(store, lang="en", catalog=load_catalog())
    text = render_book_markdown(book, TODAY)
    chapters = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert chapters == [chapter.title[:1].upper() + chapter.title[1:] for chapter in book.chapters]
    assert f"- **Sessions:** {len({e.session_id for e in book.entries})}" in text  # not one per chapter
    document = read_docx(render_book_docx(book, TODAY))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == chapters


def test_an_empty_book_says_so() -> None:
    book = TakeawayBook(lang="en", team="Wijkteam Noord", theme="schulden")
    text = render_book_markdown(book, TODAY)
    assert "*No session has takeaways or action points yet.*" in text
    assert "- **Team:** Wijkteam Noord" in text
    assert "No session has takeaways" in xml_parts(render_book_docx(book, TODAY))["word/document.xml"]


def test_export_writes_a_sortable_private_file_and_never_overwrites(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, _sessions = demo
    book = build_book(store, lang="en", theme=THEME, team="Wijkteam Noord")
    first = export_book(book, "docx", tmp_path, TODAY)
    assert first.name == "2026-11-24 Book of takeaways - loneliness - Wijkteam Noord.docx"
    assert (first.stat().st_mode & 0o777) == 0o600
    assert read_docx(first.read_bytes()).paragraphs[0].text == f"Book of takeaways: {TITLE}"
    second = export_book(book, "md", tmp_path, TODAY)
    third = export_book(book, "md", tmp_path, TODAY)
    assert second.name.endswith("Wijkteam Noord.md") and third.name.endswith("Wijkteam Noord (2).md")
    assert second.read_text("utf-8") == render_book_markdown(book, TODAY)
    everything = export_book(build_book(store, lang="en"), "md", tmp_path, TODAY)
    assert everything.name == "2026-11-24 Book of takeaways.md"
    with pytest.raises(ValueError):
        export_book(book, "json", tmp_path, TODAY)


def test_export_to_an_unwritable_folder_fails_clearly(demo, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store, _sessions = demo
    book = build_book(store, lang="en", theme=THEME)
    with pytest.raises(ExportError) as caught:
        export_book(book, "md", tmp_path / "gone", TODAY)
    assert "does not exist" in caught.value.user_message()
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    with pytest.raises(ExportError) as caught:
        export_book(book, "docx", tmp_path, TODAY)
    assert "read-only" in caught.value.user_message()
    assert list(tmp_path.iterdir()) == []


class _Direct:
    """The book built straight into the document, as before issue 16 (python-docx searches
    the whole body at every paragraph and table)."""

    def __init__(self, doc) -> None:  # type: ignore[no-untyped-def]
        self._doc = doc
        self.sections = doc.sections

    def add_paragraph(self, text: str = "", style=None):  # type: ignore[no-untyped-def]
        return self._doc.add_paragraph(text, style)

    def add_table(self, rows: int, cols: int):  # type: ignore[no-untyped-def]
        return self._doc.add_table(rows, cols)

    def move_into_document(self) -> None:
        pass


def test_a_book_built_aside_and_moved_in_is_the_book_built_in_place(demo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Entries are built in a small body and moved into the document (linear time, not
    quadratic): every XML part is the same as building them in the document itself."""
    from werf.minutes import book_docx

    from .test_docx_tables import _parts

    store, _sessions = demo
    book = build_book(store, lang="en", catalog=load_catalog())  # a chapter per theme
    after = _parts(render_book_docx(book, TODAY))
    monkeypatch.setattr(book_docx, "_Scratch", _Direct)
    before = _parts(render_book_docx(book, TODAY))
    assert after == before and b"<w:tbl>" in after["word/document.xml"]
    assert after["word/document.xml"].rstrip().endswith(b"</w:sectPr></w:body></w:document>")
