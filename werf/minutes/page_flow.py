"""Where the Word minutes may break to a new page: no page holds only a heading or a lone line.

Word and LibreOffice decide where a page ends; the document can only say what must stay
together. The rules, in one place (the writers call them as they build each part):

- widow and orphan control for every paragraph: a paragraph never leaves a single line alone
  at the top or the bottom of a page (the document's default, so a template's styles follow);
- a heading (and a label above a list, such as "Question") keeps with what follows it and
  keeps its own lines together, so no page ends with a heading;
- a list of up to `LIST_KEPT` items moves to the next page whole; a longer list keeps its
  first two and its last two items together, so no page starts or ends with one lone item
  of it;
- a table row never splits across pages; a table of up to `TABLE_KEPT` rows moves whole;
  a longer one keeps its header with the first two rows and its last two rows together;
- what the minutes end with is never alone: the last list keeps its last two items, the
  last phase's heading and label stay with them (`ends_alone` checks a document for it).

In OOXML "keep with next" is `w:keepNext` on a paragraph (in a table: on the paragraphs of a
row, which keeps that row with the next one); "keep lines together" is `w:keepLines`.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from werf.minutes.ooxml import P_PR, TR_PR, insert_in_order

LIST_KEPT = 6
TABLE_KEPT = 8  # rows, the header row included


def widow_control(doc: DocumentObject) -> None:
    """Widow and orphan control as the document's default for every paragraph."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    p_default = defaults.find(qn("w:pPrDefault"))
    if p_default is None:
        p_default = OxmlElement("w:pPrDefault")
        defaults.append(p_default)
    p_pr = p_default.find(qn("w:pPr"))
    if p_pr is None:
        p_pr = OxmlElement("w:pPr")
        p_default.append(p_pr)
    if p_pr.find(qn("w:widowControl")) is None:
        insert_in_order(p_pr, OxmlElement("w:widowControl"), P_PR)


def keep_heading(paragraph: Paragraph) -> Paragraph:
    """A heading or label: kept with what follows, its lines together."""
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True
    return paragraph


def keep_list(items: Sequence[Paragraph]) -> None:
    """A short list whole; a long one with its first two and last two items together."""
    if len(items) <= LIST_KEPT:
        kept = items[:-1]
    else:
        kept = [items[0], items[-2]]
    for item in kept:
        item.paragraph_format.keep_with_next = True


def keep_table(table: Table) -> None:
    """No row splits; a short table whole, a long one with its header and first two rows,
    and its last two rows, together."""
    rows = table._tbl.tr_lst
    for tr in rows:
        if tr.trPr is None or tr.trPr.find(qn("w:cantSplit")) is None:
            insert_in_order(tr.get_or_add_trPr(), OxmlElement("w:cantSplit"), TR_PR)
    kept = rows[:-1] if len(rows) <= TABLE_KEPT else [rows[0], rows[1], rows[-2]]
    for tr in kept:
        for tc in tr.tc_lst:
            for p in tc.p_lst:
                p.get_or_add_pPr().keepNext_val = True


def keep_with_table_end(table: Table) -> None:
    """Keep a table's last row with the paragraph after it (a summary line below a table)."""
    for tc in table._tbl.tr_lst[-1].tc_lst:
        for p in tc.p_lst:
            p.get_or_add_pPr().keepNext_val = True


def ends_alone(doc: DocumentObject) -> str | None:
    """Why the document's last page could hold a lone line or a heading alone, or None.

    By the structure alone (no page layout): the last block must be a table of more than one
    data row, or a paragraph the one before it keeps with; every heading keeps with next.
    """
    body = [child for child in doc.element.body if child.tag in (qn("w:p"), qn("w:tbl"))]
    for child in body:
        if child.tag == qn("w:p") and _is_heading(doc, child) and not _keeps_next(child):
            return f"the heading “{_text(child)}” does not keep with what follows it"
    if not body:
        return "the document is empty"
    last = body[-1]
    if last.tag == qn("w:tbl"):
        return None if len(last.findall(qn("w:tr"))) > 2 else "the minutes end with a table of one row"
    if _is_heading(doc, last):
        return f"the minutes end with the heading “{_text(last)}”"
    if len(body) < 2 or body[-2].tag != qn("w:p") or not _keeps_next(body[-2]):
        return f"the last paragraph “{_text(last)}” can stand alone on the last page"
    return None


def _keeps_next(p: object) -> bool:
    p_pr = p.pPr  # type: ignore[attr-defined]
    return bool(p_pr is not None and p_pr.keepNext_val)


def _is_heading(doc: DocumentObject, p: object) -> bool:
    p_pr = p.pPr  # type: ignore[attr-defined]
    style_id = p_pr.style if p_pr is not None else None
    if style_id is None:
        return False
    style = doc.styles.element.get_by_id(style_id)
    name = style.name_val if style is not None else ""
    return name == "Title" or name.startswith("heading") or name.startswith("Heading")


def _text(p: object) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))  # type: ignore[attr-defined]
