"""Word minutes with python-docx: real headings, bullet lists and tables a reader can restyle.

`render_docx(content, template)` returns the .docx bytes and warnings; the caller writes the
file (atomically). A team template (.docx or .dotx) lends its styles, page setup, headers and
footers; its body text is removed. A style the minutes need but the template lacks is taken
from python-docx's built-in template, or replaced by "Normal" for bullets, and a warning
names it.
"""

from __future__ import annotations

import copy
import io
import unicodedata
import zipfile
from datetime import UTC
from functools import cache
from pathlib import Path
from string import Formatter

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.section import _Footer, _Header
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from werf.i18n import N_, translate
from werf.minutes.content import MinutesContent, NetworkSection
from werf.minutes.map_picture import MapDot, render_map_png
from werf.minutes.ooxml import P_PR, R_PR, TBL_PR, TC_PR, TR_PR, insert_in_order
from werf.minutes.page_flow import keep_heading, keep_list, keep_table, keep_with_table_end, widow_control
from werf.minutes.text import core_property

TITLE = "Title"
HEADING_1 = "Heading 1"
HEADING_2 = "Heading 2"
BULLET = "List Bullet"
NORMAL = "Normal"
TABLE_STYLE = "Table Grid"
HEADER_FILL = "DCE6F0"  # a light blue-grey behind table header rows
GROUP_FILL = "F2F5F8"  # lighter, behind a group's row (a circle of the network)
MAP_WIDTH = Cm(10)
LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
BODY_FONT = "Calibri"  # without a template; python-docx's theme would set the body in Cambria

_TEMPLATE_CONTENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_CONTENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@cache
def _builtin_styles() -> DocumentObject:
    """python-docx's own template: the source of styles a team template lacks (read-only)."""
    return Document()


def _open(template: Path | None, lang: str, warnings: list[str]) -> tuple[DocumentObject, bool]:
    """The document to fill, and whether it came from the template."""
    if template is None:
        return Document(), False
    try:
        data = template.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = archive.read("[Content_Types].xml")
            if _TEMPLATE_CONTENT_TYPE in types:  # a .dotx: open it as the document it would make
                data = _with_content_types(archive, types.replace(_TEMPLATE_CONTENT_TYPE, _DOCUMENT_CONTENT_TYPE))
        return Document(io.BytesIO(data)), True
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        warnings.append(
            translate(N_("The template {template} could not be used ({reason}): werf used its own layout."), lang)
            .format(template=template, reason=reason)
        )
        return Document(), False


def _with_content_types(archive: zipfile.ZipFile, types: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in archive.infolist():
            target.writestr(item, types if item.filename == "[Content_Types].xml" else archive.read(item))
    return out.getvalue()


class Styles:
    """The styles the minutes use, resolved against the document (template) once.

    Each attribute is a style id (set straight into the XML: python-docx's lookup by name
    scans every style and costs a third of the rendering time), or None for "Normal".
    """

    def __init__(self, doc: DocumentObject, lang: str, warnings: list[str]) -> None:
        self._doc = doc
        self._lang = lang
        self._warnings = warnings
        self.title = self._resolve(TITLE, copy_builtin=True)
        self.heading_1 = self._resolve(HEADING_1, copy_builtin=True)
        self.heading_2 = self._resolve(HEADING_2, copy_builtin=True)
        # "List Bullet" draws its bullet from a numbering definition the template may not have.
        self.bullet = self._resolve(BULLET, copy_builtin=False)
        self.table = self._resolve(TABLE_STYLE, copy_builtin=True)

    def _has(self, name: str) -> bool:
        try:
            self._doc.styles[name]
        except KeyError:
            return False
        return True

    def _resolve(self, name: str, *, copy_builtin: bool) -> str | None:
        """The id of style `name` if the document has it (or werf added it), else None."""
        if self._has(name):
            return self._doc.styles[name].style_id
        if copy_builtin and self._copy_builtin(name):
            message = N_("The template has no style “{style}”: werf added its own.")
            self._warnings.append(translate(message, self._lang).format(style=name))
            return self._doc.styles[name].style_id
        message = N_("The template has no style “{style}”: werf used “{fallback}” instead.")
        self._warnings.append(translate(message, self._lang).format(style=name, fallback=NORMAL))
        return None

    def _copy_builtin(self, name: str) -> bool:
        """Copy a style (and the styles it builds on) from python-docx's template."""
        try:
            source = _builtin_styles().styles[name].element
        except KeyError:
            return False
        target = self._doc.styles.element
        present = {element.get(qn("w:styleId")) for element in target.findall(qn("w:style"))}
        pending = [source]
        while pending:
            element = pending.pop()
            if element.get(qn("w:styleId")) in present:
                continue
            target.append(copy.deepcopy(element))
            present.add(element.get(qn("w:styleId")))
            for ref in ("w:basedOn", "w:link"):
                found = element.find(qn(ref))
                if found is not None:
                    parent = _builtin_styles().styles.element.get_by_id(found.get(qn("w:val")))
                    if parent is not None:
                        pending.append(parent)
        return True


# --- small building blocks -------------------------------------------------------------


def _is_right_to_left(text: str) -> bool:
    """Whether the first strongly directional character is Arabic or Hebrew script."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def _write(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False) -> Paragraph:
    """Add text to a paragraph (newlines become line breaks, tabs tabs), right-to-left if it is."""
    first = not paragraph.text.strip()
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if first and _is_right_to_left(text):
        insert_in_order(paragraph._p.get_or_add_pPr(), OxmlElement("w:bidi"), P_PR)
    return paragraph


def _paragraph(doc: DocumentObject, style_id: str | None, text: str = "", **kwargs: bool) -> Paragraph:
    paragraph = doc.add_paragraph()
    if style_id is not None:
        paragraph._p.get_or_add_pPr().style = style_id
    if text:
        _write(paragraph, text, **kwargs)
    return paragraph


def _heading(doc: DocumentObject, style_id: str | None, text: str) -> Paragraph:
    """A title or heading (bold Normal text when the template lacks the style), kept with
    what follows it."""
    return keep_heading(_paragraph(doc, style_id, text, bold=style_id is None))


def _bullets(doc: DocumentObject, styles: Styles, texts: list[str],
             leads: list[str] | None = None) -> list[Paragraph]:
    """A bulleted list, kept together by the rule of `page_flow.keep_list`; `leads`: who
    said each line (in bold before it), where known."""
    items = [_bullet(doc, styles, text, lead)
             for text, lead in zip(texts, leads or [""] * len(texts), strict=True)]
    keep_list(items)
    return items


def _bullet(doc: DocumentObject, styles: Styles, text: str, lead: str = "") -> Paragraph:
    """A bullet; `lead` (who said it) in bold before the text."""
    if styles.bullet is not None:
        paragraph = _paragraph(doc, styles.bullet)
    else:
        paragraph = _paragraph(doc, None)
        paragraph.paragraph_format.left_indent = Cm(0.63)
        paragraph.paragraph_format.first_line_indent = Cm(-0.63)
        paragraph.add_run("•\t")
    if lead:
        _write(paragraph, f"{lead}: ", bold=True)
    return _write(paragraph, text)


def _label_line(doc: DocumentObject, label: str, value: str) -> Paragraph:
    paragraph = _paragraph(doc, None)
    paragraph.paragraph_format.space_after = Pt(2)
    _write(paragraph, f"{label}: ", bold=True)
    return _write(paragraph, value)


def _shade(cell_element: object, fill: str) -> None:
    tc_pr = cell_element.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    insert_in_order(tc_pr, shading, TC_PR)


def _usable_width(doc: DocumentObject) -> int:
    section = doc.sections[-1]
    width = (section.page_width or Cm(21)) - (section.left_margin or 0) - (section.right_margin or 0)
    return max(int(width), int(Cm(8)))


def _table(
    doc: DocumentObject, styles: Styles, header: list[str], rows: list[list[str]], shares: list[float],
    right_aligned: frozenset[int] = frozenset(), size: Pt | None = None,
) -> Table:
    """A table with a repeating, shaded header row; column widths as shares of the text width,
    text in `size` when given (a wide table reads better a little smaller).

    Widths go on the columns and on every cell: Word reads the cells, LibreOffice the grid.
    The data rows are copies of one row prepared with python-docx (widths, alignment, size,
    kept on one page), each given its texts: cell-by-cell calls (re-reading `row.cells`,
    setting each width and font) cost half of rendering the minutes.
    """
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
    _finish_row(header_row.cells, widths, size)
    if rows:
        prepared = _prepared_row(table, widths, right_aligned, size)
        tbl = table._tbl
        for values in rows:
            tr = copy.deepcopy(prepared)
            for tc, text in zip(tr.tc_lst, values, strict=True):
                p = tc.p_lst[0]
                if text:
                    p.r_lst[0].text = text
                    if _is_right_to_left(text):
                        insert_in_order(p.get_or_add_pPr(), OxmlElement("w:bidi"), P_PR)
            tbl.append(tr)
    _cell_margins(table)
    keep_table(table)
    return table


def _prepared_row(table: Table, widths: list[Emu], right_aligned: frozenset[int],
                  size: Pt | None) -> CT_Row:
    """A data row without its texts, as the cell-by-cell calls left it, taken out of the table."""
    row = table.add_row()
    cells = row.cells
    for index, cell in enumerate(cells):
        _write(cell.paragraphs[0], "")
        if index in right_aligned:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _finish_row(cells, widths, size)
    tr = row._tr
    table._tbl.remove(tr)
    return tr


def _finish_row(cells: list[_Cell], widths: list[Emu], size: Pt | None) -> None:
    for cell, width in zip(cells, widths, strict=True):
        cell.width = width
        if size is not None:
            for run in cell.paragraphs[0].runs:
                run.font.size = size
    tr = cells[0]._tc.getparent()
    insert_in_order(tr.get_or_add_trPr(), OxmlElement("w:cantSplit"), TR_PR)  # a row stays on one page


def _cell_margins(table: Table, vertical: int = 40, horizontal: int = 100) -> None:
    """Some air inside the cells (in twentieths of a point)."""
    margins = OxmlElement("w:tblCellMar")
    for side, size in (("top", vertical), ("left", horizontal), ("bottom", vertical), ("right", horizontal)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(size))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    insert_in_order(table._tbl.tblPr, margins, TBL_PR)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field (PAGE, NUMPAGES): begin, instruction, separate, last value, end."""
    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run(shown)
    char("end")


# --- the parts of the document ---------------------------------------------------------


def _page_setup(doc: DocumentObject) -> None:
    """A4 with 2.5 cm margins (python-docx's own template is US Letter), a sans-serif body."""
    doc.styles[NORMAL].font.name = BODY_FONT
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)


def _clear_body(doc: DocumentObject) -> None:
    """Remove a template's example text, keeping its final section properties."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _drop_thumbnail(doc: DocumentObject) -> None:
    """python-docx's template carries a thumbnail of another document; minutes need none."""
    rels = doc.part.package.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del rels[rel_id]


def _language(doc: DocumentObject, lang: str) -> None:
    """Spell-check the minutes in their language."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if r_pr is None:
        return
    lang_element = r_pr.find(qn("w:lang"))
    if lang_element is None:
        lang_element = OxmlElement("w:lang")
        insert_in_order(r_pr, lang_element, R_PR)
    lang_element.set(qn("w:val"), LANGUAGE_TAGS.get(lang, lang))


def _core_properties(doc: DocumentObject, content: MinutesContent) -> None:
    """Title, author and dates; every field a template might carry is overwritten."""
    props = doc.core_properties
    props.title = core_property(content.title)
    props.author = core_property(content.author)
    props.last_modified_by = core_property(content.author)
    props.subject = core_property(content.labels.minutes)
    props.category = core_property(content.labels.confidential)
    props.keywords = ""
    props.comments = ""
    props.content_status = core_property(content.labels.confidential) if content.pseudonymised else ""
    props.identifier = ""
    props.version = ""
    props.language = LANGUAGE_TAGS.get(content.lang, content.lang)
    props.revision = 1
    created = content.created if content.created.tzinfo else content.created.replace(tzinfo=UTC)
    props.created = created.astimezone(UTC).replace(tzinfo=None)
    modified = content.modified if content.modified.tzinfo else content.modified.replace(tzinfo=UTC)
    props.modified = modified.astimezone(UTC).replace(tzinfo=None)
    for printed in props._element.findall(qn("cp:lastPrinted")):  # a template's, or python-docx's 2013 date
        props._element.remove(printed)


def _headers_and_footers(doc: DocumentObject) -> list[tuple[_Header, _Footer]]:
    pairs: list[tuple[_Header, _Footer]] = []
    even_pages = doc.settings.odd_and_even_pages_header_footer
    for section in doc.sections:
        pairs.append((section.header, section.footer))
        if section.different_first_page_header_footer:
            pairs.append((section.first_page_header, section.first_page_footer))
        if even_pages:
            pairs.append((section.even_page_header, section.even_page_footer))
    return pairs


def _first_empty_or_new(part: _Header | _Footer) -> Paragraph:
    paragraphs = part.paragraphs
    if len(paragraphs) == 1 and not paragraphs[0].text.strip() and not paragraphs[0]._p.xpath(".//w:drawing"):
        return paragraphs[0]
    return part.add_paragraph()


def _mark_pages(doc: DocumentObject, content: MinutesContent) -> None:
    """Every header says the minutes are confidential; every footer numbers the pages."""
    mark_pages(doc, content.labels.confidential, [content.team, content.date_text], content.labels.page)


def mark_pages(doc: DocumentObject, confidential: str, details: list[str], page: str) -> None:
    """Every header says "Confidential" and the `details` (team, date); every footer numbers
    the pages with `page` (holding {page} and {pages})."""
    for header, footer in _headers_and_footers(doc):
        header.is_linked_to_previous = False
        line = _first_empty_or_new(header)
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        mark = line.add_run(confidential)
        mark.bold = True
        mark.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        shown = "".join(f" · {detail}" for detail in details if detail)
        if shown:
            line.add_run(shown).font.color.rgb = RGBColor(0x59, 0x59, 0x59)

        footer.is_linked_to_previous = False
        numbers = _first_empty_or_new(footer)
        numbers.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for literal, name, _spec, _conversion in Formatter().parse(page):
            if literal:
                numbers.add_run(literal)
            if name == "page":
                _field(numbers, "PAGE", "1")
            elif name == "pages":
                _field(numbers, "NUMPAGES", "1")


def _body(doc: DocumentObject, content: MinutesContent, styles: Styles) -> None:
    words = content.labels
    _heading(doc, styles.title, content.title)
    for item in content.meta:
        _label_line(doc, item.label, item.value)

    _heading(doc, styles.heading_1, words.participants)
    _table(doc, styles, [words.name, words.roles],
           [[row.name, row.roles] for row in content.participants], [0.5, 0.5])

    _heading(doc, styles.heading_1, words.case)
    if content.case_title.strip():
        keep_heading(_paragraph(doc, None, content.case_title, bold=True))
    _label_line(doc, words.question, content.question.strip() or "–")

    if content.network is not None:
        _heading(doc, styles.heading_1, words.network)
        _network(doc, content, content.network, styles)

    if content.takeaways:
        _heading(doc, styles.heading_1, words.takeaways)
        _bullets(doc, styles, content.takeaways)

    _heading(doc, styles.heading_1, words.actions)
    if content.actions and content.show_carriers:
        actions = _table(doc, styles, [words.what, words.who, words.carried_by, words.by_when, words.status],
                         [[a.text, a.owner, a.carrier, a.due, a.status] for a in content.actions],
                         [0.34, 0.17, 0.17, 0.20, 0.12])
        keep_with_table_end(actions)  # the count below the table is not left alone
        _paragraph(doc, None, content.carried).paragraph_format.space_before = Pt(6)
    elif content.actions:
        _table(doc, styles, [words.what, words.who, words.by_when, words.status],
               [[a.text, a.owner, a.due, a.status] for a in content.actions], [0.42, 0.21, 0.24, 0.13])
    else:
        _paragraph(doc, None, words.no_actions, italic=True)

    _heading(doc, styles.heading_1, words.course)
    _table(doc, styles, [words.number, words.phase, words.planned, words.actual],
           [[str(p.number), p.name, p.planned, p.actual] for p in content.phases], [0.07, 0.45, 0.24, 0.24],
           right_aligned=frozenset({0, 2, 3}))
    for phase in content.phases:
        _heading(doc, styles.heading_2, f"{phase.number}. {phase.name}")
        if not phase.groups:
            _paragraph(doc, None, words.no_notes, italic=True)
        for group in phase.groups:
            keep_heading(_paragraph(doc, None, group.name, bold=True)).paragraph_format.space_after = Pt(2)
            lines = group.lines()
            _bullets(doc, styles, [text for _speaker, text in lines],
                     [speaker for speaker, _text in lines])


def _network(doc: DocumentObject, content: MinutesContent, network: NetworkSection, styles: Styles) -> None:
    """The table grouped by circle, the counts, then the map with its legend."""
    words = content.labels
    rows = []
    for group in network.groups:
        rows.append([group.name] + [""] * 5)
        rows += [[str(r.number), r.relation, r.support, r.tie, r.availability, r.involved] for r in group.rows]
    table = _table(doc, styles, [words.number, words.relation, words.support, words.tie, words.availability,
                                 words.involved], rows, [0.06, 0.26, 0.19, 0.14, 0.19, 0.16],
                   right_aligned=frozenset({0}), size=Pt(9.5))
    index = 1
    for group in network.groups:  # a circle's row spans the table, shaded, kept with its people
        _group_row(table, index)
        index += 1 + len(group.rows)
    people = _paragraph(doc, None, network.people)
    people.paragraph_format.space_before = Pt(6)
    people.paragraph_format.space_after = Pt(2)
    people.paragraph_format.keep_with_next = True
    _label_line(doc, words.support_given, network.support_given).paragraph_format.keep_with_next = True
    _label_line(doc, words.gaps, network.gaps)

    dots = [MapDot(row.number, row.circle, row.main_support, row.is_involved) for row in network.rows]
    picture = _paragraph(doc, None)
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.space_before = Pt(10)
    picture.paragraph_format.keep_with_next = True
    shape = picture.add_run().add_picture(io.BytesIO(render_map_png(dots, content.lang)), width=MAP_WIDTH)
    shape._inline.docPr.set("descr", f"{network.caption} {network.legend}")
    caption = _paragraph(doc, None, f"{network.caption} {network.legend}", italic=True)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in caption.runs:
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _group_row(table: Table, index: int) -> None:
    """Make row `index` one shaded cell across the table, its text bold and kept with the
    next row (in the XML: python-docx's merge costs more than the rest of the table)."""
    tr = table.rows[index]._tr
    first, *others = tr.tc_lst
    for tc in others:
        tr.remove(tc)
    first.grid_span = len(others) + 1
    first.width = Emu(sum(int(column.width or 0) for column in table.columns))
    paragraph = Paragraph(first.p_lst[0], table)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for run in paragraph.runs:
        run.bold = True
    paragraph.paragraph_format.keep_with_next = True
    _shade(first, GROUP_FILL)


def render_docx(content: MinutesContent, template: Path | None = None) -> tuple[bytes, list[str]]:
    """The minutes as .docx bytes, and warnings about the template (a missing style, …)."""
    warnings: list[str] = []
    doc, from_template = _open(template, content.lang, warnings)
    if from_template:
        _clear_body(doc)
    else:
        _page_setup(doc)
    _drop_thumbnail(doc)
    _language(doc, content.lang)
    widow_control(doc)
    styles = Styles(doc, content.lang, warnings)
    _core_properties(doc, content)
    _mark_pages(doc, content)
    _body(doc, content, styles)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue(), warnings

