"""The book of takeaways as a Word document, with the minutes' building blocks.

Same page setup, styles, tables and "Confidential" header as the Word minutes
(`werf.minutes.docx_writer`); the content is what `werf.minutes.book` says.

A book can hold a thousand sessions. python-docx adds every paragraph and table to the body
by searching the body's children for the section properties that must stay last, and finds
the text width by searching the whole body for sections: each addition costs as much as the
document so far, the book as the square of its sessions (1,000 sessions took 45 s). So the
entries are built in a small `_Scratch` body, with the width read once, and moved in front
of the section properties when done: the same XML, in time linear in the sessions.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from docx import Document
from docx.document import _Body
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from werf.dates import long_date
from werf.minutes.book import BookLabels, book_labels, chapter_headings, clean, entry_heading, session_count
from werf.minutes.content import capitalised
from werf.minutes.docx_writer import (
    LANGUAGE_TAGS,
    Styles,
    _bullet,
    _drop_thumbnail,
    _label_line,
    _language,
    _page_setup,
    _paragraph,
    _table,
    mark_pages,
)
from werf.minutes.text import core_property

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.oxml.document import CT_Body
    from docx.section import Section
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from werf.takeaways import BookEntry, TakeawayBook


class _Scratch:
    """Stands in for the document while a part of it is built (what the building blocks of
    `docx_writer` use of a document: `add_paragraph`, `add_table`, the last section);
    `move_into_document` then puts what was built at the end of the body."""

    def __init__(self, doc: DocumentObject) -> None:
        self.sections: list[Section] = [doc.sections[-1]]  # read once, not once per table
        self._width = doc._block_width
        self._element: CT_Body = OxmlElement("w:body")  # type: ignore[assignment]
        self._container = _Body(self._element, doc._body)
        self._end = doc.element.body.sectPr  # the body's last child: stays last

    def add_paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        return self._container.add_paragraph(text, style)

    def add_table(self, rows: int, cols: int) -> Table:
        table = self._container.add_table(rows, cols, self._width)
        table.style = None  # as `Document.add_table` leaves it
        return table

    def move_into_document(self) -> None:
        for child in list(self._element):
            if self._end is None:
                raise AssertionError("the document has no section properties")
            self._end.addprevious(child)


def _properties(doc: DocumentObject, book: TakeawayBook, words: BookLabels, today: date) -> None:
    """Title, language and dates; no author (a book is the team's, not one person's)."""
    props = doc.core_properties
    props.title = props.subject = core_property(words.title)
    props.category = core_property(words.confidential)
    props.author = props.last_modified_by = ""
    props.keywords = props.comments = props.content_status = ""
    props.language = LANGUAGE_TAGS.get(book.lang, book.lang)
    props.revision = 1
    props.created = props.modified = datetime.combine(today, time(), tzinfo=UTC).replace(tzinfo=None)
    for printed in props._element.findall(qn("cp:lastPrinted")):
        props._element.remove(printed)


def _entry(doc: DocumentObject, styles: Styles, book: TakeawayBook, words: BookLabels, entry: BookEntry,
           heading: str | None) -> None:
    _paragraph(doc, heading, entry_heading(entry, book.lang), bold=heading is None)
    _label_line(doc, words.protocol, clean(entry.protocol_name))
    if entry.themes:
        _label_line(doc, words.themes, ", ".join(clean(theme) for theme in entry.themes))
    if entry.takeaways:
        label = _paragraph(doc, None, words.takeaways, bold=True)
        label.paragraph_format.space_before = Pt(6)
        label.paragraph_format.keep_with_next = True
        for text in entry.takeaways:
            _bullet(doc, styles, text)
    if entry.actions:
        label = _paragraph(doc, None, words.actions, bold=True)
        label.paragraph_format.space_before = Pt(6)
        label.paragraph_format.keep_with_next = True
        _table(doc, styles, [words.what, words.carried_by, words.status],
               [[a.text, a.carried_by, words.states[a.state]] for a in entry.actions],
               [0.62, 0.24, 0.14])


def render(book: TakeawayBook, today: date) -> bytes:
    """The book as .docx bytes."""
    words = book_labels(book)
    warnings: list[str] = []  # python-docx's own template has every style
    doc = Document()
    _page_setup(doc)
    _drop_thumbnail(doc)
    _language(doc, book.lang)
    styles = Styles(doc, book.lang, warnings)
    _properties(doc, book, words, today)
    made = long_date(today, book.lang)
    mark_pages(doc, words.confidential, [clean(book.team or ""), made], words.page)

    _paragraph(doc, styles.title, words.title, bold=styles.title is None)
    if book.team:
        _label_line(doc, words.team, clean(book.team))
    _label_line(doc, words.generated, made)
    _label_line(doc, words.sessions, str(session_count(book)))
    _paragraph(doc, None, words.about, italic=True).paragraph_format.space_before = Pt(6)
    if not book.entries:
        _paragraph(doc, None, words.empty, italic=True)
    chapters = chapter_headings(book)
    scratch = _Scratch(doc)
    part: DocumentObject = scratch  # type: ignore[assignment]  # what the blocks use of one
    for chapter in book.chapters:
        if chapters:
            _paragraph(part, styles.heading_1, capitalised(clean(chapter.title)), bold=styles.heading_1 is None)
        for entry in chapter.entries:
            _entry(part, styles, book, words, entry, styles.heading_2 if chapters else styles.heading_1)
            scratch.move_into_document()
    scratch.move_into_document()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
