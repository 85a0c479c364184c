"""Data is language-neutral (issue 11, item 5): a starting theme given in Dutch and the same
theme given in English are one theme everywhere, an older database is rewritten to match, and
the resident as carrier is shown in the language of whoever reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import DataTable

from werf.carrier import RESIDENT, apply_carrier
from werf.exchange import archive_bytes, archive_session, import_archives
from werf.i18n import set_language
from werf.minutes.content import build_content
from werf.models import Action, OwnerKind, RecordKind, Session, SessionStatus
from werf.network import shown_owner, stored_owner
from werf.stats import compute_stats
from werf.store import SCHEMA_VERSION, Store
from werf.summary import session_text
from werf.takeaways import build_book
from werf.theme_list import (
    STARTING_THEMES,
    parse_theme_lines,
    shown_theme,
    stored_theme,
    theme_choices,
)

from .helpers import TODAY, make_session, protocol
from .pilot import make_app, settle
from .test_cli import run


def held(theme: str, lang: str, takeaway: str) -> Session:
    """A finished session set up in `lang`, given `theme` as that screen showed it."""
    from werf.models import Note

    session = make_session()
    session.lang = lang
    session.status = SessionStatus.FINISHED
    session.themes = [theme]
    session.notes = [Note(phase_index=0, kind=RecordKind.TAKEAWAY, text=takeaway)]
    return session


def both_languages(store: Store) -> tuple[Session, Session]:
    dutch = held("mantelzorg", "nl", "Eerst de mantelzorger zelf vragen.")
    english = held("informal care", "en", "Ask the carer first.")
    for session in (dutch, english):
        store.save_session(session)
    return dutch, english


def test_a_starting_theme_is_stored_by_key_and_shown_in_the_language_asked() -> None:
    assert stored_theme("mantelzorg") == stored_theme(" Informal  care ") == "informal_care"
    assert stored_theme("informal_care") == "informal_care"
    assert stored_theme("  digitale   vaardigheden ") == "digitale vaardigheden"  # the team's own
    assert shown_theme("informal_care", "nl") == "mantelzorg"
    assert shown_theme("informal_care", "en") == "informal care"
    assert shown_theme("digitale vaardigheden", "en") == "digitale vaardigheden"
    assert shown_theme("mantelzorg", "en") == "informal care"  # a label read before migration
    for key, names in STARTING_THEMES.items():
        assert stored_theme(names.nl) == stored_theme(names.en) == key
    # the editor: one line per theme, the same starting theme in two languages kept once
    assert parse_theme_lines("mantelzorg\ninformal care\nSchuldhulp\n") == ["informal_care", "Schuldhulp"]
    assert theme_choices(["informal_care", "debts"], "nl") == [
        ("mantelzorg", "informal_care"), ("schulden en geldzorgen", "debts")]


def test_a_dutch_and_an_english_session_on_the_same_theme_count_together() -> None:
    store = Store.memory()
    dutch, english = both_languages(store)
    assert store.themes_in_use() == ["informal_care"]
    stats = compute_stats(store, today=TODAY)
    assert stats.sessions_per_theme == {"informal_care": 2}
    for spelling in ("mantelzorg", "informal care", "informal_care", "Mantelzorg"):
        assert {s.id for s in store.list_sessions(theme=spelling)} == {dutch.id, english.id}, spelling


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_they_land_in_one_chapter_of_the_book(lang: str) -> None:
    store = Store.memory()
    both_languages(store)
    book = build_book(store, lang=lang)
    (chapter,) = book.chapters
    assert chapter.theme == "informal_care"
    assert chapter.title == {"nl": "mantelzorg", "en": "informal care"}[lang]
    takeaways = {t for entry in chapter.entries for t in entry.takeaways}
    assert takeaways == {"Eerst de mantelzorger zelf vragen.", "Ask the carer first."}
    assert {theme for entry in chapter.entries for theme in entry.themes} == {chapter.title}


def test_the_command_line_finds_and_counts_them_in_either_language(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    store = Store.open(db)
    dutch, english = both_languages(store)
    store.close()
    for spelling in ("mantelzorg", "informal care", "informal_care"):
        code, out, err = run("--db", str(db), "sessions", "list", "--theme", spelling, "--json")
        assert code == 0, err
        assert {s["id"] for s in json.loads(out)} == {dutch.id, english.id}, spelling
    figures = json.loads(run("--db", str(db), "stats", "--json")[1])
    assert figures["sessions_per_theme"] == {"informal_care": 2}
    assert "Sessions per theme: informal care 2" in run("--lang", "en", "--db", str(db), "stats")[1]
    dutch_text = run("--lang", "nl", "--db", str(db), "stats")[1]
    assert "mantelzorg 2" in dutch_text
    out = tmp_path / "out"
    out.mkdir()
    for spelling in ("mantelzorg", "informal care"):
        code, stdout, err = run("--lang", "en", "--db", str(db), "takeaways", "--theme", spelling,
                                "--format", "md", "--out", str(out))
        assert code == 0, err
        text = Path(stdout.strip()).read_text("utf-8")
        assert "Ask the carer first." in text and "Eerst de mantelzorger zelf vragen." in text
        assert "# Book of takeaways: informal care" in text


def test_minutes_show_the_theme_in_the_minutes_language() -> None:
    session = held("informal_care", "en", "x")
    for lang, name in (("nl", "mantelzorg"), ("en", "informal care")):
        meta = {item.label: item.value for item in build_content(session, protocol("werf"), lang).meta}
        assert name in meta.values(), lang


def test_an_older_archive_with_a_translated_theme_imports_as_the_key(tmp_path: Path) -> None:
    old = held("mantelzorg", "nl", "x")
    old.actions = [Action(phase_index=0, text="bellen", owner="de bewoner", owner_kind=OwnerKind.RESIDENT)]
    path = tmp_path / "old.json"
    path.write_bytes(archive_bytes(archive_session(old, None)))
    assert b'"mantelzorg"' in path.read_bytes()
    store = Store.memory()
    report = import_archives(store, [path])
    assert report.added == [path]
    loaded = store.load_session(old.id)
    assert loaded is not None and loaded.themes == ["informal_care"]
    assert loaded.actions[0].owner == ""
    assert import_archives(store, [path]).unchanged == [path]  # the same archive again: no change
    exported = archive_bytes(archive_session(loaded, None))
    assert b'"informal_care"' in exported and b'"mantelzorg"' not in exported


def schema_7_database(path: Path) -> tuple[str, str, str]:
    """A database as werf with schema 7 left it: themes and the resident in the words of the
    screen they were given on. Returns the ids of the Dutch and English session and of the
    resident's action point."""
    import sqlite_utils

    from werf.store import MIGRATIONS

    db = sqlite_utils.Database(path)
    db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    for version in range(1, 8):
        MIGRATIONS[version](db)
        db.execute("INSERT INTO schema_version VALUES (?, 'then')", [version])
    dutch, english = both_languages(Store(db))
    dutch.themes = ["mantelzorg", "informal care", "eigen thema"]
    resident = Action(phase_index=0, text="Buurvrouw bellen", owner_kind=OwnerKind.RESIDENT)
    dutch.actions = [resident]
    Store(db).save_session(dutch)
    # what schema 7 stored: the names as shown, not the keys
    db.execute("DELETE FROM session_themes")
    rows = [(dutch.id, 0, "mantelzorg"), (dutch.id, 1, "informal care"), (dutch.id, 2, "eigen thema"),
            (english.id, 0, "informal care")]
    db.conn.executemany("INSERT INTO session_themes (session_id, position, theme) VALUES (?, ?, ?)", rows)
    db.conn.executemany("INSERT INTO team_themes (team, position, theme) VALUES (?, ?, ?)",
                   [("Noord", 0, "eenzaamheid"), ("Noord", 1, "loneliness"), ("Noord", 2, "Schuldhulp"),
                    ("Zuid", 0, "informal care")])
    db.execute("UPDATE actions SET owner = 'de bewoner' WHERE id = ?", [resident.id])
    db.conn.commit()
    db.conn.close()
    return dutch.id, english.id, resident.id


def test_a_database_of_schema_7_is_rewritten_and_then_counts_them_together(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    dutch_id, english_id, resident_id = schema_7_database(path)
    store = Store.open(path)
    assert store.schema_version() == SCHEMA_VERSION >= 8
    assert store.backup_path is not None and store.backup_path.exists()
    assert store.load_session(dutch_id).themes == ["informal_care", "eigen thema"]  # type: ignore[union-attr]
    assert store.load_session(english_id).themes == ["informal_care"]  # type: ignore[union-attr]
    assert store.team_themes("Noord") == ["loneliness", "Schuldhulp"]
    assert store.team_themes("Zuid") == ["informal_care"]
    stats = compute_stats(store, today=TODAY)
    assert stats.sessions_per_theme == {"informal_care": 2, "eigen thema": 1}
    assert {s.id for s in store.list_sessions(theme="mantelzorg")} == {dutch_id, english_id}
    (action,) = store.load_session(dutch_id).actions  # type: ignore[union-attr]
    assert action.id == resident_id and action.owner == "" and action.owner_kind is OwnerKind.RESIDENT
    assert [c.title for c in build_book(store, lang="en").chapters] == ["eigen thema", "informal care"]
    store.close()


def test_the_schema_7_copy_taken_before_the_rewrite_keeps_the_old_words(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    schema_7_database(path)
    store = Store.open(path)
    backup = store.backup_path
    store.close()
    assert backup is not None
    copy = sqlite3.connect(str(backup))
    try:
        themes = {row[0] for row in copy.execute("SELECT theme FROM session_themes")}
    finally:
        copy.close()
    assert themes == {"mantelzorg", "informal care", "eigen thema"}


def test_the_resident_is_stored_without_words_and_shown_in_the_readers_language() -> None:
    set_language("nl")
    action = Action(phase_index=0, text="Buurvrouw bellen")
    apply_carrier(action, RESIDENT, "", [])
    assert action.owner == "" and action.owner_kind is OwnerKind.RESIDENT
    apply_carrier(action, RESIDENT, "de bewoner", [])  # the placeholder typed out: no name
    assert action.owner == ""
    assert shown_owner(action) == "de bewoner"
    set_language("en")
    assert shown_owner(action) == "the resident"
    assert shown_owner(action, "nl") == "de bewoner"
    named = Action(phase_index=0, text="x", owner="meneer", owner_kind=OwnerKind.RESIDENT)
    assert stored_owner(named) == "meneer" and shown_owner(named) == "meneer"  # a typed name stays
    colleague = Action(phase_index=0, text="x", owner="the resident")  # a professional named so
    assert stored_owner(colleague) == "the resident"


def resident_session() -> Session:
    """A session set up in Dutch with one open action point the resident carries."""
    set_language("nl")
    session = make_session()
    session.status = SessionStatus.FINISHED
    action = Action(phase_index=0, text="Buurvrouw bellen")
    apply_carrier(action, RESIDENT, "", [])
    session.actions = [action]
    return session


def test_the_resident_is_shown_in_the_other_language_after_switching(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    store = Store.open(db)
    session = resident_session()
    store.save_session(session)
    store.close()
    set_language("en")
    loaded = Store.open(db).load_session(session.id)
    assert loaded is not None
    assert "Buurvrouw bellen — the resident" in session_text(loaded, protocol("werf"))
    for lang, name, carrier in (("en", "the resident", "own strength"),
                                ("nl", "de bewoner", "eigen kracht")):
        (row,) = build_content(loaded, protocol("werf"), lang).actions
        assert row.owner == name and row.carrier == carrier, lang
    code, out, err = run("--lang", "en", "--db", str(db), "sessions", "show", session.id)
    assert code == 0, err
    assert "the resident" in out and "de bewoner" not in out


@pytest.mark.parametrize(("lang", "name"), [("en", "the resident"), ("nl", "de bewoner")])
async def test_the_action_points_screen_shows_the_resident_in_its_language(
        tmp_path: Path, lang: str, name: str) -> None:
    from werf.screens.actions import ActionsScreen

    db = tmp_path / "werf.db"
    store = Store.open(db)
    store.save_session(resident_session())
    store.close()
    set_language(lang)
    app = make_app(db)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
        table = app.screen.query_one("#actions", DataTable)
        assert str(table.get_row_at(0)[2]) == name
