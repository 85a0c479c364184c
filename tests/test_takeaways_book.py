"""The team's book of takeaways: exactly the lessons of a theme, and no case details."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import TODAY
from werf.demo import demo_sessions
from werf.models import RecordKind
from werf.protocols import load_catalog
from werf.store import Store
from werf.takeaways import build_book
from werf.theme_list import shown_theme


def filled_store(count: int = 12) -> tuple[Store, list]:  # type: ignore[type-arg]
    store = Store.memory()
    sessions = list(demo_sessions(count, today=TODAY))
    for session in sessions:
        store.save_session(session)
    return store, sessions


def forbidden_words(sessions: list) -> set[str]:  # type: ignore[type-arg]
    words = set()
    for session in sessions:
        words |= {session.case_title, session.question, session.facilitator}
        words |= {person.name for person in session.participants}
    return {word for word in words if word}


def book_text(book) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for chapter in book.chapters:
        parts.append(chapter.title)
        for entry in chapter.entries:
            parts += [entry.team, entry.protocol_name, *entry.themes, *entry.takeaways]
            parts += [f"{a.text} {a.carried_by}" for a in entry.actions]
    return "\n".join(parts)


def test_a_themes_book_holds_exactly_the_takeaways_of_its_sessions() -> None:
    store, sessions = filled_store()
    book = build_book(store, lang="nl", theme="eenzaamheid", catalog=load_catalog())
    on_theme = [s for s in sessions if "eenzaamheid" in s.themes]
    assert len(on_theme) == 4
    expected = sorted(n.text for s in on_theme for n in s.notes if n.kind is RecordKind.TAKEAWAY)
    assert sorted(t for entry in book.entries for t in entry.takeaways) == expected
    assert [entry.session_id for entry in book.entries] == [
        s.id for s in sorted(on_theme, key=lambda s: s.date, reverse=True)]
    others = {n.text for s in sessions if "eenzaamheid" not in s.themes for n in s.notes
              if n.kind is RecordKind.TAKEAWAY} - set(expected)
    assert others and not others & set(book_text(book).splitlines())


def test_the_book_holds_no_case_title_question_or_name() -> None:
    store, sessions = filled_store()
    text = book_text(build_book(store, lang="nl", catalog=load_catalog()))
    assert "Eerst vragen wie hij zelf wil betrekken." in text  # the check below can fail
    for word in forbidden_words(sessions):
        assert word not in text, word


def test_who_carries_an_action_is_a_kind_or_a_relation() -> None:
    store, _sessions = filled_store(6)
    book = build_book(store, lang="en", theme="eenzaamheid")
    carriers = {a.carried_by for entry in book.entries for a in entry.actions}
    assert carriers == {"professional", "buurvrouw", "voetbaltrainer"}


def test_every_theme_gets_a_chapter_and_loose_sessions_their_own() -> None:
    store, sessions = filled_store(6)
    sessions[5].themes = []
    store.save_session(sessions[5])
    book = build_book(store, lang="en")
    titles = [chapter.title for chapter in book.chapters]
    assert titles[-1] == "without a theme"
    # one chapter per stored theme, titled in the book's language, in the order of the titles
    assert titles[:-1] == sorted((shown_theme(t, "en") for t in store.themes_in_use()), key=str.casefold)
    assert "loneliness" in titles and "eenzaamheid" not in titles
    assert build_book(store, lang="nl", team="Wijkteam Zuid").chapters[0].entries[0].team == "Wijkteam Zuid"


def test_an_unknown_theme_gives_an_empty_book(tmp_path: Path) -> None:
    store, _sessions = filled_store(3)
    book = build_book(store, lang="nl", theme="bestaat niet")
    assert [chapter.entries for chapter in book.chapters] == [[]]


def test_a_book_read_by_worker_processes_is_the_book_read_here(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`werf takeaways` reads the sessions on the cores (werf.export_pool): the same chapters,
    entries and order as one after another, with progress for every session."""
    from tests.helpers import demo_db
    from werf import export_pool, takeaways

    monkeypatch.setattr(takeaways, "IN_PROCESS_UP_TO", 4)  # a pool for 12 sessions, here
    pools: list[int] = []
    in_pool = export_pool._in_pool
    monkeypatch.setattr(export_pool, "_in_pool", lambda *args: pools.append(args[-1]) or in_pool(*args))
    store = Store.open(demo_db(tmp_path, count=12))
    catalog = load_catalog()
    here = build_book(store, lang="nl", catalog=catalog)
    seen: list[tuple[int, int]] = []
    there = build_book(store, lang="nl", catalog=catalog, workers=2,
                       progress=lambda done, total: seen.append((done, total)))
    assert len(here.entries) > 4 and [c.title for c in here.chapters] == [c.title for c in there.chapters]
    assert here == there
    assert seen == [(n, 12) for n in range(1, 13)] and pools == [2]  # two workers were used
