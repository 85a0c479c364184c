"""Tables in the Word minutes are built row by row from one prepared row (a few XML copies
instead of python-docx's cell-by-cell calls): the document is the same as before, XML for
XML. The reference below is the cell-by-cell builder as it was (werf before issue 16)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Emu, Pt

from werf.demo import demo_sessions
from werf.minutes import build_content, docx_writer, render_docx
from werf.minutes.docx_writer import (
    HEADER_FILL,
    _cell_margins,
    _shade,
    _usable_width,
    _write,
)
from werf.minutes.ooxml import TR_PR, insert_in_order
from werf.minutes.page_flow import TABLE_KEPT, keep_table
from werf.protocols import load_catalog

from .helpers import TODAY, every_record_session


def _table_cell_by_cell(doc, styles, header, rows, shares, right_aligned=frozenset(), size=None):  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=1, cols=len(header))
    if styles.table is not None:
        table._tbl.tblPr.style = styles.table
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    total = _usable_width(doc)
    widths = [Emu(int(total * share)) for share in shares]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    header_row = table.rows[0]
    tr_pr = header_row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    insert_in_order(tr_pr, repeat, TR_PR)
    for index, (cell, text) in enumerate(zip(header_row.cells, header, strict=True)):
        _write(cell.paragraphs[0], text, bold=True)
        _shade(cell._tc, HEADER_FILL)
        if index in right_aligned:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
            _write(cell.paragraphs[0], text)
            if index in right_aligned:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        cells = row.cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
            if size is not None:
                for run in cell.paragraphs[0].runs:
                    run.font.size = size
        insert_in_order(row._tr.get_or_add_trPr(), OxmlElement("w:cantSplit"), TR_PR)
    _cell_margins(table)
    keep_table(table)
    return table


VARIES = re.compile(rb'(w:rsid\w*|w14:paraId|w14:textId|wp14:anchorId|wp14:editId|id|r:embed|name)="[^"]*"'
                    rb'|<dcterms:(created|modified)[^<]*<')


def _parts(data: bytes) -> dict[str, bytes]:
    """Every XML part of a .docx, with ids and timestamps blanked."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: VARIES.sub(b"", archive.read(name)) for name in archive.namelist()
                if name.endswith((".xml", ".rels"))}


def _sessions():  # type: ignore[no-untyped-def]
    sessions = demo_sessions(6, today=TODAY)
    rich = every_record_session()
    rich.notes[0].text = "שלום, een regel\nen een tweede\tmet tab"
    rich.actions[0].text = "مرحبا — rechts naar links"
    long = every_record_session()  # a table longer than TABLE_KEPT
    long.actions += [long.actions[0].model_copy(update={"id": f"a{n}", "text": f"actie {n}"})
                     for n in range(TABLE_KEPT + 2)]
    return [*sessions, rich, long]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_tables_built_from_one_prepared_row_make_the_same_document(lang, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    catalog = load_catalog()
    for session in _sessions():
        content = build_content(session, catalog.get(session.protocol_id), lang)
        after = _parts(render_docx(content)[0])
        with monkeypatch.context() as patch:
            patch.setattr(docx_writer, "_table", _table_cell_by_cell)
            before = _parts(render_docx(content)[0])
        assert after.keys() == before.keys()
        for name in before:
            assert after[name] == before[name], (session.case_title, name)
        assert b"<w:tbl>" in after["word/document.xml"]


def test_the_comparison_sees_a_changed_table(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """What is blanked (ids, timestamps) leaves the tables alone: a cell's type size shows."""
    session = _sessions()[0]
    content = build_content(session, load_catalog().get(session.protocol_id), "nl")
    same = _parts(render_docx(content)[0])
    assert same == _parts(render_docx(content)[0])

    def larger(*args, **kwargs):  # type: ignore[no-untyped-def]
        return _table_cell_by_cell(*args, **{**kwargs, "size": Pt(11)})

    monkeypatch.setattr(docx_writer, "_table", larger)
    assert _parts(render_docx(content)[0])["word/document.xml"] != same["word/document.xml"]
