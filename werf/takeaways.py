"""The team's book of takeaways: what sessions on a theme taught, gathered as a method book.

`build_book` reads the sessions of a theme (or of every theme, a chapter each), newest
first, and keeps only what the team learned: the takeaways and the action points, with who
carried them (a professional, the resident, or a network member by relation). No case
title, question, participant, facilitator or sensitive name goes in: the texts are
always pseudonymised as for minutes (names become roles, "[cliënt]", "[familielid 1]" or
"[persoon 1]", addresses, BSNs and phone numbers placeholders), and a professional who owns
an action point is shown as "professional".

Sessions without a takeaway or an action point are left out. Plain Python, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from werf.i18n import N_, translate
from werf.minutes.pseudonymise import find_client, pseudonymise_session
from werf.minutes.text import clean_text
from werf.models import ActionState, OwnerKind, RecordKind, Session
from werf.network import carrier_label
from werf.protocols import ProtocolCatalog
from werf.store import Store
from werf.theme_list import shown_theme, stored_theme

NO_THEME = N_("without a theme")


@dataclass(frozen=True)
class BookAction:
    text: str
    carried_by: str  # "professional", "the resident", or the network member's relation
    owner_kind: OwnerKind
    state: ActionState


@dataclass(frozen=True)
class BookEntry:
    """What one session taught."""

    session_id: str
    date: date
    team: str
    protocol_name: str
    themes: list[str]
    takeaways: list[str]
    actions: list[BookAction]


@dataclass(frozen=True)
class Chapter:
    theme: str  # as stored (a starting theme's key or the team's words); "" for none
    title: str  # the theme, or "without a theme", in the book's language
    entries: list[BookEntry]


@dataclass
class TakeawayBook:
    lang: str
    team: str | None
    theme: str | None  # as stored
    chapters: list[Chapter] = field(default_factory=list)

    @property
    def theme_name(self) -> str | None:
        """The book's theme in the book's language."""
        return None if self.theme is None else shown_theme(self.theme, self.lang)

    @property
    def entries(self) -> list[BookEntry]:
        return [entry for chapter in self.chapters for entry in chapter.entries]


def _clean(text: str) -> str:
    return clean_text(text)[0]


def book_entry(session: Session, lang: str, catalog: ProtocolCatalog | None = None) -> BookEntry | None:
    """The lessons of one session without case details, or None when it has none."""
    lessons = [n for n in session.notes if n.kind is RecordKind.TAKEAWAY and n.text.strip()]
    if not lessons and not session.actions:
        return None
    # only what the book shows is pseudonymised (not every note of the session); the slim
    # view shares its records with `session`, as pseudonymising copies what it changes
    slim = session.model_copy(update={
        "notes": lessons, "phases": [], "case_title": "", "question": "",
    })
    # always pseudonymised, by the same detector as the minutes; the client is the one the
    # session's case names, though the book leaves the case out
    safe = pseudonymise_session(slim, lang, client=find_client(session))
    takeaways = [_clean(n.text) for n in safe.notes]
    actions = []
    for action in safe.actions:
        if not action.text.strip():
            continue
        carrier = carrier_label(action, safe.network, lang)
        actions.append(BookAction(_clean(action.text), _clean(carrier), action.owner_kind, action.state))
    if not takeaways and not actions:
        return None
    protocol = catalog.get(session.protocol_id) if catalog else None
    return BookEntry(
        session_id=session.id,
        date=session.date,
        team=session.team,
        protocol_name=protocol.name.get(lang) if protocol else session.protocol_id,
        themes=[shown_theme(theme, lang) for theme in session.themes],
        takeaways=takeaways,
        actions=actions,
    )


def build_book(store: Store, *, lang: str, theme: str | None = None, team: str | None = None,
               catalog: ProtocolCatalog | None = None) -> TakeawayBook:
    """The book for one theme, or for every theme in use (a chapter each, and one for the
    sessions without a theme); `team` limits it to one team. Only reads the store.

    `theme` as stored, or a starting theme's name in either language: one chapter per theme,
    whichever language its sessions were given it in. Chapters in the order of their titles."""
    theme = None if theme is None else stored_theme(theme)
    book = TakeawayBook(lang=lang, team=team, theme=theme)
    themes = [theme] if theme is not None else sorted(
        store.themes_in_use(team), key=lambda name: shown_theme(name, lang).casefold())
    cache: dict[str, BookEntry | None] = {}

    def entries(ids: list[str]) -> list[BookEntry]:
        found = []
        for session_id in ids:
            if session_id not in cache:
                session = store.load_session(session_id)
                cache[session_id] = book_entry(session, lang, catalog) if session else None
            entry = cache[session_id]
            if entry is not None:
                found.append(entry)
        return found

    for name in themes:
        book.chapters.append(Chapter(name, shown_theme(name, lang),
                                     entries(store.session_ids_with_theme(name, team))))
    if theme is None:
        loose = entries(store.session_ids_without_theme(team))
        if loose:
            book.chapters.append(Chapter("", translate(NO_THEME, lang), loose))
    return book
