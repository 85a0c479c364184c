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

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from werf.export_pool import map_sessions
from werf.i18n import N_, translate
from werf.minutes.pseudonymise import find_client, pseudonymise_session
from werf.minutes.text import clean_text
from werf.models import ActionState, OwnerKind, RecordKind, Session
from werf.network import carrier_label
from werf.protocols import ProtocolCatalog
from werf.store import Store
from werf.theme_list import shown_theme, stored_theme

NO_THEME = N_("without a theme")
# A book of up to this many sessions is read sooner in process than a pool of workers
# starts and hands entries back (a session's entry is ~2 ms; bench/book_bench.py: 200
# sessions 0.45 s here against 0.55 s on two workers, 1,000 sessions 2.05 s against 1.75 s).
IN_PROCESS_UP_TO = 500


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
               catalog: ProtocolCatalog | None = None, workers: int | None = 1,
               progress: Callable[[int, int], None] | None = None) -> TakeawayBook:
    """The book for one theme, or for every theme in use (a chapter each, and one for the
    sessions without a theme); `team` limits it to one team. Only reads the store.

    `theme` as stored, or a starting theme's name in either language: one chapter per theme,
    whichever language its sessions were given it in. Chapters in the order of their titles.
    `workers` > 1 (None: one per core) reads and pseudonymises the sessions of a book of
    more than IN_PROCESS_UP_TO sessions in that many worker processes (werf.export_pool; for
    the command line: a pool is not forked from the app's threads); `progress(done, total)`
    after each session."""
    theme = None if theme is None else stored_theme(theme)
    book = TakeawayBook(lang=lang, team=team, theme=theme)
    themes = [theme] if theme is not None else sorted(
        store.themes_in_use(team), key=lambda name: shown_theme(name, lang).casefold())
    chapters = [(name, shown_theme(name, lang), store.session_ids_with_theme(name, team), True)
                for name in themes]
    if theme is None:  # the sessions without a theme, when one of them has something
        chapters.append(("", translate(NO_THEME, lang), store.session_ids_without_theme(team),
                         False))
    wanted = list(dict.fromkeys(sid for _name, _title, ids, _always in chapters for sid in ids))
    task = _Entry(lang, catalog)
    found = dict(zip(wanted, map_sessions(store, wanted, task, task, lang=lang, workers=workers,
                                          progress=progress, in_process_up_to=IN_PROCESS_UP_TO),
                     strict=True))
    for name, title, ids, always in chapters:
        entries = [entry for sid in ids if (entry := found[sid]) is not None]
        if always or entries:
            book.chapters.append(Chapter(name, title, entries))
    return book


@dataclass(frozen=True)
class _Entry:
    """One session's entry, read and pseudonymised here or in a worker process (which gets
    a copy of the catalog)."""

    lang: str
    catalog: ProtocolCatalog | None = None

    def __call__(self, store: Store, session_id: str) -> BookEntry | None:
        session = store.load_session(session_id)
        return book_entry(session, self.lang, self.catalog) if session else None
