"""Minutes of a session: Word (.docx) and Markdown, optionally pseudonymised.

`build_content` gathers what the minutes say in one language; `render_docx` and
`render_markdown` lay it out. `find_identifiers` spots BSNs, birth dates, e-mail addresses
and phone numbers; `pseudonymise_session` replaces names; `clean_text` drops characters Word
cannot hold. Plain Python: no Textual. python-docx is imported only when Word minutes are
rendered.
"""

from __future__ import annotations

from pathlib import Path

from werf.minutes.content import MinutesContent, build_content
from werf.minutes.identifiers import Finding, find_identifiers
from werf.minutes.markdown_writer import render_markdown
from werf.minutes.pseudonymise import pseudonymise_session
from werf.minutes.text import clean_text

__all__ = [
    "Finding",
    "MinutesContent",
    "build_content",
    "clean_text",
    "find_identifiers",
    "pseudonymise_session",
    "render_docx",
    "render_markdown",
]


def render_docx(content: MinutesContent, template: Path | None = None) -> tuple[bytes, list[str]]:
    """The minutes as .docx bytes and warnings (see `werf.minutes.docx_writer.render_docx`)."""
    from werf.minutes.docx_writer import render_docx as render

    return render(content, template)
