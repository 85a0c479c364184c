"""Markdown minutes (CommonMark with GitHub-style tables): the same content as the Word file.

User text is escaped so a note cannot become a heading, a list, a link, HTML or a table
column: Markdown punctuation gets a backslash, `|` in table cells too, and line breaks
inside a note become hard breaks (or `<br>` in a table cell).
"""

from __future__ import annotations

import re

from werf.minutes.content import MinutesContent

# Characters that start emphasis, code, links, HTML, entities, strikethrough or a table cell
# anywhere in a line; the rest of ASCII punctuation only matters at the start of a line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# A heading, quote, list item, thematic break or setext underline at the start of a line.
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+](?=\s|$)|[-=]+\s*$|\d{1,9}(?=[.)](?:\s|$)))")
_LINE_START_SPACES = re.compile(r"^[ \t]+", re.MULTILINE)


def escape(text: str) -> str:
    """One line of user text as literal Markdown (no heading, list, link, emphasis or HTML)."""
    text = _INLINE.sub(r"\\\1", text)
    match = _LINE_START.match(text)
    if match is None:
        return text
    if match.group(1)[0].isdigit():  # "12. maart" would be an ordered list item
        end = match.end()
        return text[:end] + "\\" + text[end:]
    return "\\" + text


def _lines(text: str) -> list[str]:
    """The lines of a user text, without leading blanks (that would start a code block)."""
    return _LINE_START_SPACES.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")


def block(text: str, indent: str = "") -> str:
    """A user text as one paragraph: each line escaped, joined by hard line breaks."""
    lines = [escape(line) for line in _lines(text)]
    return f"\\\n{indent}".join(lines)


def inline(text: str) -> str:
    """A user text on one line (a heading or label): line breaks become spaces."""
    return escape(" ".join(line for line in _lines(text) if line))


def cell(text: str) -> str:
    """A user text as one table cell."""
    return "<br>".join(escape(line) for line in _lines(text)).replace("\t", " ") or " "


def _table(header: list[str], rows: list[list[str]], right: frozenset[int] = frozenset()) -> list[str]:
    rule = ["---:" if index in right else "---" for index in range(len(header))]
    lines = ["| " + " | ".join(cell(text) for text in header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(cell(text) for text in row) + " |" for row in rows]
    return lines


def _network(content: MinutesContent) -> list[str]:
    """The network table, a bold row per circle, then the counts (the map is Word only)."""
    words, network = content.labels, content.network
    assert network is not None
    out = [f"## {inline(words.network)}", ""]
    header = [words.number, words.relation, words.support, words.tie, words.availability, words.involved]
    lines = _table(header, [], right=frozenset({0}))
    for group in network.groups:
        lines.append("| " + " | ".join([f"**{cell(group.name)}**"] + [" "] * (len(header) - 1)) + " |")
        lines += _table(header, [[str(r.number), r.relation, r.support, r.tie, r.availability, r.involved]
                                 for r in group.rows])[2:]
    out += lines
    out += ["", inline(network.people) + "\\",
            f"**{inline(words.support_given)}:** {inline(network.support_given)}\\",
            f"**{inline(words.gaps)}:** {inline(network.gaps)}", ""]
    return out


def render_markdown(content: MinutesContent) -> str:
    """The minutes as a Markdown document."""
    words = content.labels
    out: list[str] = [
        f"*{inline(words.confidential)}*",
        "",
        f"# {inline(content.title)}",
        "",
    ]
    out += [f"- **{inline(item.label)}:** {block(item.value, '  ')}" for item in content.meta]
    out += ["", f"## {inline(words.participants)}", ""]
    out += _table([words.name, words.roles], [[row.name, row.roles] for row in content.participants])
    out += ["", f"## {inline(words.case)}", ""]
    if content.case_title.strip():
        out += [f"**{inline(content.case_title)}**", ""]
    out += [f"**{inline(words.question)}:** {block(content.question.strip() or '–')}", ""]
    if content.network is not None:
        out += _network(content)
    if content.takeaways:
        out += [f"## {inline(words.takeaways)}", ""]
        out += [f"- {block(text, '  ')}" for text in content.takeaways]
        out += [""]
    out += [f"## {inline(words.actions)}", ""]
    if content.actions and content.show_carriers:
        out += _table([words.what, words.who, words.carried_by, words.by_when, words.status],
                      [[a.text, a.owner, a.carrier, a.due, a.status] for a in content.actions])
        out += ["", inline(content.carried)]
    elif content.actions:
        out += _table([words.what, words.who, words.by_when, words.status],
                      [[a.text, a.owner, a.due, a.status] for a in content.actions])
    else:
        out += [f"*{inline(words.no_actions)}*"]
    out += ["", f"## {inline(words.course)}", ""]
    out += _table([words.number, words.phase, words.planned, words.actual],
                  [[str(p.number), p.name, p.planned, p.actual] for p in content.phases],
                  right=frozenset({0, 2, 3}))
    for phase in content.phases:
        if out[-1]:
            out.append("")
        out += [f"### {phase.number}. {inline(phase.name)}", ""]
        if not phase.groups:
            out += [f"*{inline(words.no_notes)}*"]
        for group in phase.groups:
            out += [f"**{inline(group.name)}**", ""]
            out += [f"- **{inline(speaker)}:** {block(text, '  ')}" if speaker else f"- {block(text, '  ')}"
                    for speaker, text in group.lines()]
            out += [""]
    return "\n".join(out).rstrip("\n") + "\n"
