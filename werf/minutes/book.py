"""The team's book of takeaways as a document: Markdown here, Word in `book_docx`.

`build_book` (werf.takeaways) gathers what sessions taught, without case details; this
module only lays a `TakeawayBook` out, in the book's own language: a title ("Book of
takeaways: <theme>"), the team when the book is for one, the date it was made, then per
chapter (a theme) the sessions newest first: date, team, protocol, themes, the takeaways as
a list and the action points with who carried them and whether they are open, done or dropped. Every page
is marked "Confidential", as the minutes are. Nothing is added to what the book holds: no
case title, question or name can appear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from werf.dates import long_date
from werf.i18n import N_, translate
from werf.labels import ACTION_STATE_NAMES
from werf.minutes.content import capitalised
from werf.minutes.markdown_writer import block, cell, inline
from werf.minutes.text import clean_text
from werf.models import ActionState

if TYPE_CHECKING:  # werf.takeaways reads the store: not needed to lay a book out
    from werf.takeaways import BookEntry, TakeawayBook

BOOK_TITLE = N_("Book of takeaways")


@dataclass(frozen=True)
class BookLabels:
    """The fixed words of the book, in its language."""

    confidential: str
    title: str  # "Book of takeaways: eenzaamheid", or without the theme
    page: str  # holds {page} and {pages}
    team: str
    generated: str
    sessions: str
    about: str
    protocol: str
    themes: str
    takeaways: str
    actions: str
    what: str
    carried_by: str
    status: str
    states: dict[ActionState, str]  # an action point's state, in words: open, done, dropped
    empty: str


def book_labels(book: TakeawayBook) -> BookLabels:
    def t(message: str) -> str:
        return translate(message, book.lang)

    title = t(BOOK_TITLE)
    if book.theme_name:
        title = f"{title}: {clean(book.theme_name)}"
    return BookLabels(
        confidential=t(N_("Confidential")),
        title=title,
        page=t(N_("Page {page} of {pages}")),
        team=t(N_("Team")),
        generated=t(N_("Made on")),
        sessions=t(N_("Sessions")),
        about=t(N_("What the team learned in its intervision sessions, newest first. Without case "
                   "details: no names, case titles or questions.")),
        protocol=t(N_("Protocol")),
        themes=t(N_("Themes")),
        takeaways=t(N_("Takeaways")),
        actions=t(N_("Action points")),
        what=t(N_("What")),
        carried_by=t(N_("Carried by")),
        status=t(N_("Status")),
        states={state: t(name) for state, name in ACTION_STATE_NAMES.items()},
        empty=t(N_("No session has takeaways or action points yet.")),
    )


def clean(text: str) -> str:
    """A text Word can hold (the book's takeaways are cleaned already; teams and themes not)."""
    return clean_text(text)[0]


def entry_heading(entry: BookEntry, lang: str) -> str:
    """"24 november 2026 · Wijkteam Noord"."""
    return f"{long_date(entry.date, lang)} · {clean(entry.team)}"


def session_count(book: TakeawayBook) -> int:
    """How many sessions the book draws on (a session on two themes is in two chapters)."""
    return len({entry.session_id for entry in book.entries})


def chapter_headings(book: TakeawayBook) -> bool:
    """A book for one theme has that theme in its title: no chapter heading repeats it."""
    return book.theme is None


def render_book_markdown(book: TakeawayBook, today: date | None = None) -> str:
    """The book as a Markdown document; `today` is the date it says it was made."""
    words = book_labels(book)
    today = today or date.today()
    out = [f"*{inline(words.confidential)}*", "", f"# {inline(words.title)}", ""]
    if book.team:
        out.append(f"- **{inline(words.team)}:** {inline(clean(book.team))}")
    out += [f"- **{inline(words.generated)}:** {long_date(today, book.lang)}",
            f"- **{inline(words.sessions)}:** {session_count(book)}", "", f"*{inline(words.about)}*", ""]
    if not book.entries:
        out += [f"*{inline(words.empty)}*", ""]
    for chapter in book.chapters:
        level = "###"
        if chapter_headings(book):
            out += [f"## {inline(capitalised(clean(chapter.title)))}", ""]
        else:
            level = "##"
        for entry in chapter.entries:
            out += [f"{level} {inline(entry_heading(entry, book.lang))}", ""]
            out.append(f"- **{inline(words.protocol)}:** {inline(clean(entry.protocol_name))}")
            if entry.themes:
                out.append(f"- **{inline(words.themes)}:** {inline(', '.join(clean(t) for t in entry.themes))}")
            out.append("")
            if entry.takeaways:
                out += [f"**{inline(words.takeaways)}**", ""]
                out += [f"- {block(text, '  ')}" for text in entry.takeaways]
                out.append("")
            if entry.actions:
                out += [f"**{inline(words.actions)}**", ""]
                out.append(f"| {cell(words.what)} | {cell(words.carried_by)} | {cell(words.status)} |")
                out.append("| --- | --- | --- |")
                out += [f"| {cell(a.text)} | {cell(a.carried_by)} | {cell(words.states[a.state])} |"
                        for a in entry.actions]
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_book_docx(book: TakeawayBook, today: date | None = None) -> bytes:
    """The book as .docx bytes (see `werf.minutes.book_docx`)."""
    from werf.minutes.book_docx import render

    return render(book, today or date.today())
