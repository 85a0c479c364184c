"""Word minutes: written with python-docx, read back with python-docx, every part found."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from werf.demo import demo_sessions
from werf.i18n import translate
from werf.labels import RECORD_NAMES, ROLE_NAMES
from werf.minutes import build_content, render_docx
from werf.minutes.content import capitalised, long_date
from werf.models import RecordKind
from werf.protocols import load_catalog

from .helpers import protocol
from .minutes_helpers import all_names, full_session, leaked_names, read_docx, xml_parts

CONFIDENTIAL = {"nl": "Vertrouwelijk", "en": "Confidential"}


def table_rows(table: docx.table.Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def render(lang: str, pseudonymise: bool = False, template: Path | None = None):  # type: ignore[no-untyped-def]
    session = full_session()
    content = build_content(session, protocol("werf"), lang, pseudonymise=pseudonymise)
    data, warnings = render_docx(content, template)
    return session, content, data, warnings


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_round_trip_holds_every_part(lang: str) -> None:
    session, content, data, warnings = render(lang)
    assert warnings == []
    document = read_docx(data)
    proto = protocol("werf")

    title = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert title == [content.title]
    assert session.case_title in content.title

    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    words = content.labels
    phase_headings = [f"{i + 1}. {phase.name.get(lang)}" for i, phase in enumerate(proto.phases)]
    assert headings == [words.participants, words.case, words.takeaways, words.actions, words.course,
                        *phase_headings]
    assert {p.style.name for p in document.paragraphs if p.text in phase_headings} == {"Heading 2"}

    participants, actions, timing = document.tables
    expected_people = [[words.name, words.roles]] + [
        [person.name, ", ".join(translate(ROLE_NAMES[r], lang) for r in person.roles)
         or translate("participant", lang)]
        for person in session.participants
    ]
    assert table_rows(participants) == expected_people
    assert table_rows(participants)[1] == (
        ["Fatima el Amrani", "gespreksleider, tijdbewaker"] if lang == "nl"
        else ["Fatima el Amrani", "facilitator, timekeeper"]
    )

    assert table_rows(actions) == [
        [words.what, words.who, words.by_when, words.status],
        ["Netwerkkaart maken met meneer Kowalski", "Bram Oosterhuis", long_date(session.actions[0].due, lang),
         translate("open", lang)],
        ["Priya bellen over de kookavond", "Eva", long_date(session.actions[1].due, lang),
         translate("done", lang)],
        ["Buurtkamer vragen", "–", "–", translate("open", lang)],
    ]
    assert table_rows(actions)[1][2] == ("8 december 2026" if lang == "nl" else "8 December 2026")

    timing_rows = table_rows(timing)
    assert [row[1] for row in timing_rows[1:]] == [phase.name.get(lang) for phase in proto.phases]
    assert timing_rows[1][2] == f"{proto.phases[0].minutes:g}"
    assert timing_rows[2][3] == content.phases[1].actual  # planned + 30 s
    assert content.phases[1].actual_minutes == pytest.approx(proto.phases[1].minutes + 0.5)

    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    for note in session.notes:
        assert note.text in bullets
    takeaway = next(n.text for n in session.notes if n.kind.value == "takeaway")
    assert bullets.count(takeaway) == 2  # in the summary and in its phase
    group_labels = {p.text for p in document.paragraphs if p.style.name == "Normal" and p.runs and p.runs[0].bold}
    for note in session.notes:
        assert capitalised(translate(RECORD_NAMES[note.kind], lang)) in group_labels
    meta = " | ".join(p.text for p in document.paragraphs[:8])
    assert session.team in meta and long_date(session.date, lang) in meta

    props = document.core_properties
    assert props.title == content.title
    assert props.author == "Fatima el Amrani"
    assert props.created == datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    assert props.comments == "" and props.last_modified_by == "Fatima el Amrani"

    section = document.sections[0]
    assert CONFIDENTIAL[lang] in section.header.paragraphs[0].text
    footer_xml = section.footer._element.xml
    instructions = [node.text.strip() for node in section.footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert 'w:fldCharType="begin"' in footer_xml
    assert ("Pagina" if lang == "nl" else "Page") in section.footer.paragraphs[0].text
    assert round(section.page_width.cm, 1) == 21.0  # A4, not python-docx's US Letter


def test_tables_have_widths_on_columns_and_cells() -> None:
    _session, _content, data, _warnings = render("nl")
    document = read_docx(data)
    text_width = document.sections[0].page_width - document.sections[0].left_margin - document.sections[0].right_margin
    for table in document.tables:
        assert table.style.name == "Table Grid"
        grid = [column.width for column in table.columns]
        assert all(width and width > 0 for width in grid)
        assert abs(sum(grid) - text_width) < docx.shared.Cm(0.1)
        for row in table.rows:
            assert [cell.width for cell in row.cells] == grid
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeats on a new page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pseudonymised_minutes_hold_no_name_anywhere(lang: str) -> None:
    session = full_session()
    names = all_names(session)
    assert {"Amrani", "Kowalski", "Priya", "Eva", "Dirk-Jan"} <= set(names)

    _s, _c, plain, _w = render(lang)
    # The check can fail: without pseudonymising every name is there.
    assert {name for _part, name in leaked_names(xml_parts(plain), names)} == set(names)

    _s, content, data, _w = render(lang, pseudonymise=True)
    parts = xml_parts(data)
    assert {"word/document.xml", "docProps/core.xml", "word/header1.xml", "word/footer1.xml"} <= set(parts)
    assert leaked_names(parts, names) == []

    document = read_docx(data)
    people = [row.cells[0].text for row in document.tables[0].rows[1:]]
    if lang == "nl":
        assert people == ["gespreksleider", "inbrenger", "notulist", "deelnemer 1", "deelnemer 2"]
        assert document.core_properties.author == "gespreksleider"
        # "Priya, zijn dochter": a family member, numbered (was "[naam]", then "[persoon 2]")
        assert document.tables[1].rows[2].cells[0].text == "[Familielid 1] bellen over de kookavond"
    else:
        assert people == ["facilitator", "case bringer", "minute-taker", "participant 1", "participant 2"]
        assert document.tables[1].rows[2].cells[0].text == "[Family member 1] bellen over de kookavond"
    assert session.team in document.sections[0].header.paragraphs[0].text  # the team is kept


def test_hostile_text_survives_and_is_reported() -> None:
    session = full_session()
    big = ("Lange notitie over het netwerk van de buurman. " * 4500)[:200_000]
    hostile = {
        "emoji": "Goed gesprek 🙂👍🏽 met 👨‍👩‍👧",
        "arabic": "مرحبا، كيف حالك اليوم؟",
        "hebrew": "שלום, מה שלומך?",
        "markup": "[red]alarm[/red] en [bold]vet[/] en [link=x]y[/link]",
        "tabs": "kolom1\tkolom2\tkolom3",
    }
    controls = "Zij\x00 zei\x01 dat\x0b het\x1f goed gaat\ufffe\ud800"
    for offset, text in enumerate([*hostile.values(), controls, big]):
        session.notes.append(session.notes[0].model_copy(update={"id": f"hostile-{offset}", "text": text}))
    session.case_title = "Casus\x0c met formfeed"
    content = build_content(session, protocol("werf"), "en")
    assert content.warnings == ["Characters that Word cannot hold were dropped: 7."]

    data, warnings = render_docx(content)
    assert warnings == []
    document = read_docx(data)
    texts = [p.text for p in document.paragraphs]
    for text in hostile.values():
        assert text in texts
    assert "Zij zei dat het goed gaat" in texts
    assert "Intervision minutes: Casus met formfeed" in texts
    assert [len(t) for t in texts if t.startswith("Lange notitie")] == [200_000]
    arabic = next(p for p in document.paragraphs if p.text == hostile["arabic"])
    assert arabic._p.pPr.find(qn("w:bidi")) is not None  # laid out right to left
    tabs = next(p for p in document.paragraphs if p.text == hostile["tabs"])
    assert len(tabs._p.findall(f".//{qn('w:tab')}")) == 2


def make_template(path: Path, drop: list[str]) -> Path:
    """A team template: a letterhead in the header, example body text, some styles removed."""
    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = "Gemeente Voorbeeld — Sociaal Wijkteam"
    template.add_paragraph("Voorbeeldtekst die uit het verslag moet verdwijnen.")
    for name in drop:
        element = template.styles[name].element
        element.getparent().remove(element)
    template.save(str(path))
    return path


def test_template_without_some_styles(tmp_path: Path) -> None:
    template = make_template(tmp_path / "team.docx", ["List Bullet", "Heading 2"])
    session, content, data, warnings = render("nl", template=template)
    assert len(warnings) == 2
    assert any("List Bullet" in w and "Normal" in w for w in warnings), warnings
    assert any("Heading 2" in w for w in warnings), warnings

    document = read_docx(data)
    texts = [p.text for p in document.paragraphs]
    assert "Voorbeeldtekst die uit het verslag moet verdwijnen." not in texts
    assert f"•\t{session.notes[1].text}" in texts  # bullets as plain paragraphs
    assert [p.style.name for p in document.paragraphs if p.text.startswith("1. ")] == ["Heading 2"]
    header = document.sections[0].header.paragraphs
    assert header[0].text == "Gemeente Voorbeeld — Sociaal Wijkteam"
    assert "Vertrouwelijk" in header[-1].text
    assert round(document.sections[0].page_width.cm, 2) == 21.59  # the template's page, not werf's A4


def test_template_with_every_style_gives_no_warning(tmp_path: Path) -> None:
    template = make_template(tmp_path / "full.docx", [])
    _s, _c, data, warnings = render("en", template=template)
    assert warnings == []
    assert [p.style.name for p in read_docx(data).paragraphs if p.style.name == "List Bullet"]


def test_dotx_template_is_accepted(tmp_path: Path) -> None:
    source = make_template(tmp_path / "team.docx", [])
    dotx = tmp_path / "team.dotx"
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(dotx, "w") as target:
        for item in archive.infolist():
            data = archive.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
    with pytest.raises(ValueError):
        docx.Document(str(dotx))  # python-docx alone refuses a .dotx
    _s, _c, data, warnings = render("nl", template=dotx)
    assert warnings == []
    assert "Gemeente Voorbeeld" in read_docx(data).sections[0].header.paragraphs[0].text


def test_unreadable_template_falls_back_with_a_warning(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.docx"
    broken.write_bytes(b"this is no zip file")
    _s, content, data, warnings = render("en", template=broken)
    assert len(warnings) == 1 and "kapot.docx" in warnings[0]
    assert read_docx(data).paragraphs[0].text == content.title


def test_every_demo_session_renders_in_both_languages() -> None:
    catalog = load_catalog()
    for session in demo_sessions(8):
        for lang in ("nl", "en"):
            content = build_content(session, catalog.get(session.protocol_id), lang)
            data, warnings = render_docx(content)
            document = docx.Document(io.BytesIO(data))
            assert warnings == []
            assert document.core_properties.author == session.facilitator
            assert len(document.tables) == 2 + bool(session.actions) + bool(session.network)
            assert len(document.inline_shapes) == bool(session.network)  # the network map


def test_unknown_protocol_still_renders_with_a_warning() -> None:
    session = full_session()
    content = build_content(session, None, "en")
    assert content.warnings == ["The protocol “werf” is not installed: phases are shown by their id."]
    timing = read_docx(render_docx(content)[0]).tables[-1]
    assert [row.cells[1].text for row in timing.rows[1:]] == [record.phase_id for record in session.phases]


def test_notes_of_an_unplanned_kind_form_one_group_in_order() -> None:
    session = full_session()
    case_note = session.notes[1]
    extra = [case_note.model_copy(update={"id": f"x{i}", "kind": RecordKind.IDEA, "text": f"idee {i}"})
             for i in range(3)]
    session.notes[1:1] = extra  # before the case note, yet the planned kind comes first
    content = build_content(session, protocol("werf"), "en")
    groups = content.phases[extra[0].phase_index].groups
    assert [(g.name, g.notes) for g in groups] == [
        ("Case", [case_note.text]),
        ("Idea", ["idee 0", "idee 1", "idee 2"]),
    ]


def test_a_very_long_case_title_still_exports_with_a_clipped_title_property() -> None:
    session = full_session()
    session.case_title = "Zorgen om meneer " + "heel lang verhaal " * 33  # 600+ characters
    assert len(session.case_title) >= 600
    content = build_content(session, protocol("werf"), "nl")
    data, _warnings = render_docx(content, None)
    props = docx.Document(io.BytesIO(data)).core_properties
    assert 0 < len(props.title) <= 255
    assert props.title.endswith("…")
    for value in (props.subject, props.author, props.category, props.keywords):
        assert len(value) <= 255


def test_a_very_long_theme_still_gives_a_book_with_a_clipped_title_property() -> None:
    from datetime import date

    from werf.minutes.book_docx import render as render_book
    from werf.takeaways import TakeawayBook

    book = TakeawayBook(lang="nl", team="Wijkteam Noord", theme="eenzaamheid " * 50)
    props = docx.Document(io.BytesIO(render_book(book, date(2026, 11, 24)))).core_properties
    assert 0 < len(props.title) <= 255 and len(props.subject) <= 255


def out_of_order(data: bytes) -> list[str]:
    """Every property element (tblPr, trPr, tcPr, pPr, rPr) in a .docx whose children break
    the schema's sequence."""
    from lxml import etree

    from werf.minutes.ooxml import ORDERS, local_name

    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(archive.read(name))
            for kind, order in ORDERS.items():
                for element in root.iter(qn(f"w:{kind}")):
                    names = [local_name(child.tag) for child in element
                             if isinstance(child.tag, str) and local_name(child.tag) in order]
                    ranks = [order.index(child) for child in names]
                    if ranks != sorted(ranks):
                        problems.append(f"{name} {kind}: {names}")
    return problems


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_property_elements_follow_the_schema_order(lang: str) -> None:
    session = full_session()
    session.notes[0].text = "שלום, hoe gaat het"  # a right-to-left note gets w:bidi
    _session, _content, data, _warnings = render(lang)
    assert "tblCellMar" in " ".join(xml_parts(data).values())
    assert out_of_order(data) == []
    content = build_content(session, protocol("werf"), lang)
    assert out_of_order(render_docx(content, None)[0]) == []


def test_book_property_elements_follow_the_schema_order() -> None:
    from datetime import date

    from werf.minutes.book_docx import render as render_book
    from werf.takeaways import build_book

    from .test_takeaways_book import filled_store

    store, _sessions = filled_store()
    book = build_book(store, lang="nl", catalog=load_catalog())
    assert book.entries
    assert out_of_order(render_book(book, date(2026, 11, 24))) == []
