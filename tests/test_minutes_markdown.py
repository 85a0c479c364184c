"""Markdown minutes: the same content as the Word file, with user text that stays text."""

from __future__ import annotations

import subprocess
import sys

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from werf.minutes import build_content, render_markdown
from werf.minutes.markdown_writer import escape
from werf.models import Note, RecordKind

from .helpers import protocol
from .minutes_helpers import all_names, full_session, leaked_names

PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def parse(text: str) -> list[Token]:
    return PARSER.parse(text)


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    """(tag, text) of every heading."""
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            found.append((token.tag, plain([tokens[index + 1]])[0]))
    return found


def plain(tokens: list[Token]) -> list[str]:
    """The rendered text of every inline block, with markup removed and escapes resolved."""
    texts = []
    for token in tokens:
        if token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak") or (child.type, child.content) == ("html_inline", "<br>"):
                    parts.append("\n")
            texts.append("".join(parts))
    return texts


def table_cells(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts."""
    tables: list[list[list[str]]] = []
    row: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append(plain([tokens[index + 1]])[0])
        elif token.type == "tr_close":
            tables[-1].append(row)
    return tables


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_holds_the_same_parts_as_word(lang: str) -> None:
    session = full_session()
    proto = protocol("werf")
    content = build_content(session, proto, lang)
    tokens = parse(render_markdown(content))
    words = content.labels

    assert headings(tokens) == [
        ("h1", content.title),
        ("h2", words.participants), ("h2", words.case), ("h2", words.takeaways), ("h2", words.actions),
        ("h2", words.course),
        *[("h3", f"{i + 1}. {phase.name.get(lang)}") for i, phase in enumerate(proto.phases)],
    ]
    people, actions, timing = table_cells(tokens)
    assert people[0] == [words.name, words.roles]
    assert [row[0] for row in people[1:]] == [p.name for p in session.participants]
    assert actions[1] == [a for a in (content.actions[0].text, content.actions[0].owner, content.actions[0].due,
                                      content.actions[0].status)]
    assert len(actions) == 1 + len(session.actions)
    assert [row[1] for row in timing[1:]] == [phase.name.get(lang) for phase in proto.phases]
    texts = plain(tokens)
    for note in session.notes:
        assert note.text in texts
    assert f"{words.question}: {session.question}" in texts
    assert texts[0] == words.confidential


def add_notes(texts: list[str]):  # type: ignore[no-untyped-def]
    session = full_session()
    for index, text in enumerate(texts):
        session.notes.append(Note(phase_index=2, kind=RecordKind.QUESTION, text=text, id=f"n{index}"))
    return session


HOSTILE = [
    "# not a heading",
    "## nor this",
    "- not a list item",
    "+ nor this",
    "1. not a numbered list",
    "2) nor this",
    "> not a quote",
    "*not emphasis* and __not strong__",
    "`not code`",
    "[not a link](http://example.org) ![no image](x.png)",
    "<script>alert(1)</script> &amp; &copy;",
    "a | b | c",
    "~~not struck~~",
    "first line\n---\nsecond line",
    "    not a code block",
    "back\\slash at the end\\",
    "line one\nline two\n\nline four",
    "[red]Rich markup[/red]",
]


def test_markdown_significant_text_stays_literal() -> None:
    session = add_notes(HOSTILE)
    session.actions[0].text = "keuze | of | niet"
    session.case_title = "# Casus met | streep"
    content = build_content(session, protocol("werf"), "en")
    tokens = parse(render_markdown(content))

    kinds = {token.type for token in tokens}
    assert kinds.isdisjoint({"blockquote_open", "ordered_list_open", "code_block", "fence", "hr", "html_block"})
    inlines = [token for token in tokens if token.type == "inline"]
    for text in HOSTILE:
        expected = text.removeprefix("    ")  # leading blanks are dropped, not turned into code
        found = [token for token in inlines if plain([token]) == [expected]]
        assert len(found) == 1, text
        assert {child.type for child in found[0].children or []} <= {"text", "hardbreak"}, text
    assert headings(tokens)[0] == ("h1", "Intervision minutes: # Casus met | streep")
    actions = table_cells(tokens)[1]
    assert actions[1][0] == "keuze | of | niet"
    assert all(len(row) == 4 for row in actions)


def test_escape_leaves_ordinary_text_readable() -> None:
    assert escape("Hij kookt graag: misschien (voor) anderen? 7.5 min.") == \
        "Hij kookt graag: misschien (voor) anderen? 7.5 min."
    assert escape("12. maart") == "12\\. maart"
    assert escape("a|b") == "a\\|b"


def test_pseudonymised_markdown_holds_no_name() -> None:
    session = full_session()
    names = all_names(session)
    plain_text = render_markdown(build_content(session, protocol("werf"), "nl"))
    assert {name for _part, name in leaked_names({"md": plain_text}, names)} == set(names)
    text = render_markdown(build_content(session, protocol("werf"), "nl", pseudonymise=True))
    assert leaked_names({"md": text}, names) == []
    assert "\\[Cliënt\\] wil geen hulp" in text  # the person the case title names is the client


def test_minutes_package_imports_neither_textual_nor_docx() -> None:
    code = (
        "import sys, werf.minutes\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'docx'}))\n"
        "werf.minutes.render_docx\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, werf.minutes.docx_writer; print('docx' in sys.modules)"],
        capture_output=True, text=True, check=True,
    )
    assert loaded.stdout.strip() == "True"  # the check itself can fail
