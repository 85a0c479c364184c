"""The resident's network and who carries the action points, in Word and Markdown minutes."""

from __future__ import annotations

import io
import re
import zipfile

from docx.shared import Cm

from werf.minutes import build_content, render_docx, render_markdown
from werf.minutes.map_picture import MapDot, render_map_png
from werf.models import Circle, OwnerKind, Support

from .helpers import protocol
from .minutes_helpers import all_names, full_session, leaked_names, network_session, read_docx, xml_parts

HEADER = ["No.", "Relation", "Support", "Tie", "Availability", "Involved"]
GROUPED = [
    ["Household (1)"],
    ["1", "dochter Priya", "emotional, company", "strong tie", "limited availability", "yes"],
    ["Family (0)"],
    ["Friends and neighbours (2)"],
    ["2", "buurvrouw Ans", "practical", "moderate tie", "available", "yes"],
    ["3", "oud-collega van meneer Kowalski", "company", "weak tie", "limited availability", "no"],
    ["Neighbourhood and informal (1)"],
    ["4", "buurtkamer", "–", "weak tie", "available", "no"],
    ["Professionals (1)"],
    ["5", "huisarts", "advice", "moderate tie", "not available", "yes"],
]
DOTS = [
    MapDot(1, Circle.HOUSEHOLD, Support.EMOTIONAL, True),
    MapDot(2, Circle.FRIENDS, Support.PRACTICAL, True),
    MapDot(3, Circle.FRIENDS, Support.COMPANY, False),
    MapDot(4, Circle.NEIGHBOURHOOD, None, False),
    MapDot(5, Circle.PROFESSIONAL, Support.ADVICE, True),
]
CARRIED = "Carried by the resident and network: 2 of 3 action points"


def render(pseudonymise: bool = False, lang: str = "en"):  # type: ignore[no-untyped-def]
    session = network_session()
    content = build_content(session, protocol("werf"), lang, pseudonymise=pseudonymise)
    data, warnings = render_docx(content)
    assert warnings == []
    return session, content, data


def rows_of(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Each row's cell texts; a row merged into one cell (a circle) as that one text."""
    rows = []
    for row in table.rows:
        texts = [cell.text for cell in row.cells]
        rows.append(texts[:1] if len(row._tr.tc_lst) == 1 else texts)
    return rows


def images(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.startswith("word/media/")}


def test_word_minutes_show_the_network_grouped_by_circle_with_its_counts() -> None:
    _session, content, data = render()
    document = read_docx(data)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Participants", "Case", "The resident's network", "Takeaways", "Action points",
                        "How the session went"]
    network = document.tables[1]
    assert rows_of(network) == [HEADER, *GROUPED]
    texts = [p.text for p in document.paragraphs]
    assert "People: 5, of whom involved: 3" in texts
    # advice comes only from the GP: no one in the network gives it (the gap beside it)
    assert ("Support from the network (professionals not counted): practical 1, emotional 1, "
            "advice 0 (professionals: 1), company 2") in texts
    assert "Gaps (not given outside the professionals): advice" in texts  # only the GP advises


def test_the_map_is_an_inline_png_numbered_as_the_table() -> None:
    _session, content, data = render()
    document = read_docx(data)
    assert len(document.inline_shapes) == 1
    shape = document.inline_shapes[0]
    assert abs(shape.width - Cm(10)) < Cm(0.01) and shape.width == shape.height
    assert list(images(data).values()) == [render_map_png(DOTS, "en")]
    assert content.network is not None
    description = shape._inline.docPr.get("descr")
    assert description.startswith("Network map: the resident in the centre")
    assert "household, family, friends and neighbours, neighbourhood and informal, professionals" in description
    assert "blue practical, orange emotional, green advice, purple company, grey none" in description


def test_word_action_points_say_who_carries_them() -> None:
    _session, _content, data = render()
    document = read_docx(data)
    actions = rows_of(document.tables[2])
    assert actions == [
        ["What", "Who", "Carried by", "By when", "Status"],
        ["Netwerkkaart maken met meneer Kowalski", "Bram Oosterhuis", "professional", "8 December 2026", "open"],
        # who: the neighbour's relation as it is now, not as it was typed with the action
        # point; carried by: where she stands in the resident's own network (not who again)
        ["Priya bellen over de kookavond", "buurvrouw Ans", "network: friends and neighbours",
         "15 December 2026", "done"],
        ["Buurtkamer vragen", "meneer", "own strength", "–", "open"],
    ]
    assert CARRIED in [p.text for p in document.paragraphs]


def test_themes_are_in_the_meta_block() -> None:
    _session, _content, data = render()
    meta = [p.text for p in read_docx(data).paragraphs[1:7]]
    assert meta[:4] == ["Team: Wijkteam Noord", "Date: 24 November 2026", "Protocol: WERF — neighbourhood "
                        "experience reflection", "Themes: loneliness, informal care"]  # in the minutes' language
    plain = build_content(full_session(), protocol("werf"), "en")
    assert "Themes" not in [item.label for item in plain.meta]


def test_markdown_holds_the_same_network_and_carriers() -> None:
    session = network_session()
    text = render_markdown(build_content(session, protocol("werf"), "en"))
    lines = text.splitlines()
    start = lines.index("## The resident's network")
    table = lines[start + 2:start + 4 + len(GROUPED)]
    assert table[0] == "| " + " | ".join(HEADER) + " |"
    assert table[2:] == [
        f"| **{row[0]}** |   |   |   |   |   |" if len(row) == 1 else "| " + " | ".join(row) + " |"
        for row in GROUPED
    ]
    assert ("**Support from the network (professionals not counted):** practical 1, emotional 1, "
            "advice 0 (professionals: 1), company 2\\") in lines
    assert "**Gaps (not given outside the professionals):** advice" in lines
    assert "| What | Who | Carried by | By when | Status |" in lines
    assert ("| Priya bellen over de kookavond | buurvrouw Ans | network: friends and neighbours | "
            "15 December 2026 | done |") in lines
    assert CARRIED in lines
    assert "- **Themes:** loneliness, informal care" in lines


def test_dutch_minutes_use_the_translated_names_of_the_network() -> None:
    _session, content, _data = render(lang="nl")
    assert content.network is not None
    assert [group.name for group in content.network.groups] == [
        "Huishouden (1)", "Familie (0)", "Vrienden en buren (2)", "Buurt en informeel (1)", "Professionals (1)"]
    assert content.network.rows[0].support == "emotioneel, gezelschap"
    assert content.network.rows[0].tie == "sterke band"
    assert [a.carrier for a in content.actions] == ["professional", "netwerk: vrienden en buren",
                                                    "eigen kracht"]


def test_pseudonymised_minutes_hold_no_name_from_a_relation() -> None:
    session, content, data = render(pseudonymise=True)
    names = all_names(session)
    assert "Ans" in names and "Kowalski" in names
    texts = xml_parts(data)
    # the relation is there, and tells the placeholder (was "dochter [name]", then "[person 1]")
    assert "dochter [family member 1]" in texts["word/document.xml"]
    assert leaked_names(texts, names) == []
    markdown = render_markdown(content)
    assert leaked_names({"md": markdown}, names) == []
    assert "buurvrouw \\[neighbour 1\\]" in markdown  # was "buurvrouw [name]"
    # the picture holds only numbers: the same with names and without
    assert images(data) == images(render()[2])


def test_odd_characters_and_identifiers_in_relations() -> None:
    session = network_session()
    session.network[0].relation = "dochter\x0b Priya\x00"
    session.network[3].relation = "buurman 06-12345678"
    content = build_content(session, protocol("werf"), "en")
    assert content.network is not None
    assert content.network.rows[0].relation == "dochter Priya"
    assert "Characters that Word cannot hold were dropped: 2." in content.warnings
    assert any("phone number" in warning for warning in content.warnings)
    assert "dochter Priya" in xml_parts(render_docx(content)[0])["word/document.xml"]
    masked = build_content(session, protocol("werf"), "en", pseudonymise=True)
    assert masked.network is not None and masked.network.rows[3].relation == "buurman [phone]"


def test_an_action_of_a_removed_member_falls_back_to_its_owner() -> None:
    session = network_session()
    del session.network[1]
    content = build_content(session, protocol("werf"), "en")
    assert [(a.owner, a.carrier) for a in content.actions] == [
        ("Bram Oosterhuis", "professional"), ("buurvrouw", "network"), ("meneer", "own strength")]


def test_carried_by_never_repeats_who() -> None:
    """The "carried by" column repeated "who" for every action point of the resident or the
    network (issue 15): one rule (werf.network.action_parties) now gives both, and "carried by"
    says which part of the resident's world carries it."""
    from werf.models import Action

    session = network_session()
    for member in session.network:  # someone of every circle carries one
        session.actions.append(Action(phase_index=5, text="x", owner=member.relation,
                                      owner_kind=OwnerKind.NETWORK, network_member_id=member.id))
    session.actions.append(Action(phase_index=5, text="y", owner_kind=OwnerKind.RESIDENT))
    for lang in ("en", "nl"):
        rows = build_content(session, protocol("werf"), lang).actions
        assert all(row.owner != row.carrier for row in rows), [(r.owner, r.carrier) for r in rows]
        assert rows[-1].owner in ("the resident", "de bewoner")


def test_carriers_show_without_a_network_when_someone_else_carries_an_action() -> None:
    session = full_session()
    plain = build_content(session, protocol("werf"), "en")
    assert plain.network is None and not plain.show_carriers and plain.carried == ""
    assert "Carried by" not in render_markdown(plain)
    session.actions[0].owner_kind = OwnerKind.RESIDENT
    content = build_content(session, protocol("werf"), "en")
    assert content.network is None and content.show_carriers
    assert content.carried == "Carried by the resident and network: 1 of 3 action points"
    document = read_docx(render_docx(content)[0])
    assert len(document.inline_shapes) == 0
    assert rows_of(document.tables[1])[0] == ["What", "Who", "Carried by", "By when", "Status"]


def test_the_screen_and_the_minutes_count_support_the_same_way() -> None:
    """The map said 'advice 0 ⚠ GAP' where the minutes said 'advice 1' beside 'Gaps: advice':
    one rule (werf.network.support_lines) now gives both their numbers."""

    from werf.widgets.network_map import counts_text

    session = network_session()
    screen = counts_text(session.network).plain
    minutes = build_content(session, protocol("werf"), "en").network
    assert minutes is not None
    on_screen = dict(re.findall(r"[A-Z] (\w+) (\d+)", screen))
    in_minutes = dict(re.findall(r"(\w+) (\d+)(?: \(professionals: \d+\))?", minutes.support_given))
    assert on_screen == in_minutes == {"practical": "1", "emotional": "1", "advice": "0", "company": "2"}
    assert "advice" in minutes.gaps and "GAP" in screen.split("advice 0")[1].split("company")[0]
