"""Where the Word minutes break to a new page: no page holds only a heading or a lone line.

Checked on the document's structure (keep-with-next, widow control, rows that do not split);
where LibreOffice and poppler are installed (outside CI), also on the pages LibreOffice lays
out.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from werf.demo import demo_sessions
from werf.minutes import build_content, render_docx
from werf.minutes.page_flow import LIST_KEPT, TABLE_KEPT, ends_alone, keep_list, keep_table
from werf.models import Action, Note, RecordKind, Session
from werf.protocols import load_catalog

from .helpers import TODAY
from .minutes_helpers import network_session, read_docx

WORDS = ["de", "bewoner", "wil", "graag", "meer", "contact", "met", "de", "buren", "maar", "durft", "het",
         "niet", "te", "vragen", "omdat", "hij", "bang", "is", "afgewezen", "te", "worden"]


def _text(start: int, length: int) -> str:
    return " ".join(WORDS[(start + i) % len(WORDS)] for i in range(length)).capitalize() + "."


def long_session() -> Session:
    """Minutes of seven pages or so: long lists in every phase, a long action table."""
    session = network_session()
    kinds = [RecordKind.QUESTION, RecordKind.NETWORK, RecordKind.OWN_ROLE]
    session.notes = [Note(phase_index=phase, kind=kinds[n % 3] if phase == 3 else
                          RecordKind.TAKEAWAY if phase == 4 else RecordKind.NOTE,
                          text=_text(n * 7 + phase, 30 - (n % 4) * 7))
                     for phase in range(len(session.phases)) for n in range(9 + phase % 3)]
    session.actions += [Action(phase_index=len(session.phases) - 1, text=_text(n, 9), owner="Eva",
                               due=date(2026, 12, 9)) for n in range(TABLE_KEPT + 2)]
    return session


def _render(session: Session, lang: str) -> bytes:
    return render_docx(build_content(session, load_catalog().get(session.protocol_id), lang))[0]


def _keeps(paragraph: object) -> bool:
    return bool(paragraph.paragraph_format.keep_with_next)  # type: ignore[attr-defined]


def test_no_heading_ends_a_page_and_the_last_page_holds_more_than_a_line() -> None:
    for session, lang in ((next(iter(demo_sessions(1, today=TODAY))), "nl"), (long_session(), "en")):
        document = read_docx(_render(session, lang))
        assert ends_alone(document) is None, session.case_title
        headings = [p for p in document.paragraphs if p.style.name in ("Title", "Heading 1", "Heading 2")]
        assert len(headings) >= 8
        assert all(_keeps(p) and p.paragraph_format.keep_together for p in headings)
        defaults = document.styles.element.find(qn("w:docDefaults"))
        assert defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:widowControl')}") is not None
        for table in document.tables:  # no row splits across pages
            assert all(tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None
                       for tr in table._tbl.tr_lst)


def test_lists_and_tables_keep_together_by_their_length() -> None:
    document = docx.Document()
    short = [document.add_paragraph(str(n)) for n in range(LIST_KEPT)]
    long = [document.add_paragraph(str(n)) for n in range(LIST_KEPT + 3)]
    keep_list(short)
    keep_list(long)
    assert [_keeps(p) for p in short] == [True] * (LIST_KEPT - 1) + [False]
    assert [n for n, p in enumerate(long) if _keeps(p)] == [0, len(long) - 2]  # no lone first or last item

    def kept_rows(rows: int) -> list[int]:
        table = document.add_table(rows=rows, cols=2)
        keep_table(table)
        return [n for n, tr in enumerate(table._tbl.tr_lst)
                if tr.tc_lst[0].p_lst[0].pPr is not None and tr.tc_lst[0].p_lst[0].pPr.keepNext_val]

    assert kept_rows(TABLE_KEPT) == list(range(TABLE_KEPT - 1))
    assert kept_rows(TABLE_KEPT + 5) == [0, 1, TABLE_KEPT + 3]  # header with two rows; the last two


def test_the_check_sees_a_heading_or_a_line_left_alone() -> None:
    document = docx.Document()
    document.add_paragraph("Verslag", style="Title").paragraph_format.keep_with_next = True
    document.add_paragraph("Casus", style="Heading 1")
    assert "Casus" in (ends_alone(document) or "")
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    document.add_paragraph("Eén regel.")
    assert ends_alone(document) is None  # the heading and its line share the last page
    document.add_paragraph("Een tweede regel.")
    assert "tweede" in (ends_alone(document) or "")  # may stand alone on a page of its own
    document.paragraphs[-2].paragraph_format.keep_with_next = True
    assert ends_alone(document) is None
    document.paragraphs[1].paragraph_format.keep_with_next = False
    assert "Casus" in (ends_alone(document) or "")  # a heading anywhere that does not keep


def test_a_template_without_heading_styles_still_keeps_its_headings(tmp_path: Path) -> None:
    template = docx.Document()
    styles = template.styles.element
    for style in list(styles.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) in ("Heading1", "Heading2", "Title", "ListBullet"):
            styles.remove(style)
    path = tmp_path / "team.docx"
    template.save(str(path))
    session = network_session()
    data, warnings = render_docx(build_content(session, load_catalog().get(session.protocol_id), "nl"), path)
    assert warnings
    document = read_docx(data)
    headings = [p for p in document.paragraphs if p.text in ("Deelnemers", "Casus", "Actiepunten")]
    assert len(headings) >= 3 and all(_keeps(p) for p in headings)


SOFFICE, PDFTOTEXT = shutil.which("soffice"), shutil.which("pdftotext")


@pytest.mark.skipif(not (SOFFICE and PDFTOTEXT and os.environ.get("WERF_LIBREOFFICE")),
                    reason="LibreOffice's pages are checked where it is installed and WERF_LIBREOFFICE=1 "
                           "(about 5 s; not in CI)")
def test_libreoffice_leaves_no_heading_at_a_page_end_nor_a_lone_last_line(tmp_path: Path) -> None:
    """The pages as LibreOffice lays them out: no page's last line is a heading or a list's
    label, and the last page holds more than one line."""
    for lang in ("nl", "en"):
        (tmp_path / f"long-{lang}.docx").write_bytes(_render(long_session(), lang))
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, tmp_path.glob("*.docx"))],
                   check=True, capture_output=True, timeout=120)
    for lang in ("nl", "en"):
        document = read_docx((tmp_path / f"long-{lang}.docx").read_bytes())
        headings = {p.text for p in document.paragraphs if p.paragraph_format.keep_together and p.text}
        text = subprocess.run([PDFTOTEXT, "-layout", str(tmp_path / f"long-{lang}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        pages = [[line.strip() for line in page.splitlines() if line.strip()][1:-1]  # no header, footer
                 for page in text.split("\f") if page.strip()]
        assert len(pages) >= 5
        for number, lines in enumerate(pages[:-1], start=1):
            assert lines[-1] not in headings, (lang, number, lines[-1])
        assert len(pages[-1]) >= 2, pages[-1]
        assert not re.search(r"\bTitle\b|Heading", text)
