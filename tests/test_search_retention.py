"""Full-text search kept in sync by triggers; purged and deleted text is really gone."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from werf.models import Action, Note, RecordKind
from werf.store import Store, fts_query

from .helpers import make_session


def files_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.iterdir() if p.name.startswith(db.name))


def test_fts_query_quotes_what_people_type() -> None:
    assert fts_query('buur "man') == '"buur"* "man"*'
    assert fts_query("  ?! ") is None


def test_search_follows_notes_actions_and_case() -> None:
    store = Store.memory()
    one, two = make_session(), make_session(team="Zuid")
    one.case_title = "Cliënt met schulden"
    two.notes = [Note(phase_index=1, kind=RecordKind.CASE, text="Mantelzorger raakt overbelast")]
    two.actions = [Action(phase_index=4, text="Buurtcoach bellen", owner="Bram")]
    store.save_session(one)
    store.save_session(two)

    def found(text: str) -> set[str]:
        return {s.id for s in store.list_sessions(search=text)}

    assert found("client") == {one.id}  # diacritics do not matter
    assert found("mantel") == {two.id}  # a word start is enough
    assert found("buurtcoach bel") == {two.id}
    assert found("schulden mantelzorger") == set()  # every word must occur in the session
    assert found("mantelzorger buurtcoach") == {two.id}  # in any of its texts
    note = two.notes[0]
    note.text = "Dochter helpt mee"
    store.save_note(two.id, note)
    assert found("mantel") == set() and found("dochter") == {two.id}
    store.delete_note(note.id)
    assert found("dochter") == set()
    assert found("") == {one.id, two.id}


def test_filters_and_sort() -> None:
    store = Store.memory()
    early, late = make_session(), make_session(team="Zuid")
    early.date, late.date = date(2025, 1, 5), date(2026, 6, 1)
    late.protocol_id = "troika"
    store.save_session(early)
    store.save_session(late)
    assert [s.id for s in store.list_sessions(order="date", descending=False)] == [early.id, late.id]
    assert [s.id for s in store.list_sessions(protocol="troika")] == [late.id]
    assert [s.id for s in store.list_sessions(since=date(2026, 1, 1))] == [late.id]
    assert [s.id for s in store.list_sessions(until=date(2025, 12, 31))] == [early.id]
    assert store.distinct_values("team") == ["Wijkteam Noord", "Zuid"]


def test_purge_removes_case_text_from_every_byte_of_the_database(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    store = Store.open(db)
    old, recent = make_session(), make_session()
    old.date, recent.date = date(2024, 1, 10), date(2026, 11, 1)
    for session in (old, recent):
        session.status = "finished"  # type: ignore[assignment]
    old.case_title = "ZEBRAPADTITEL"
    old.question = "KANGOEROEVRAAG"
    old.notes = [Note(phase_index=2, kind=RecordKind.QUESTION, text=f"OKAPINOTITIE {i}")
                 for i in range(300)]
    old.actions = [Action(phase_index=4, text="FLAMINGOACTIE", owner="Bram")]
    recent.notes = [Note(phase_index=2, text="blijft staan")]
    store.save_session(old)
    store.save_session(recent)
    assert b"OKAPINOTITIE" in files_bytes(db)
    assert store.purge_before(date(2025, 11, 24)).count == 1
    data = files_bytes(db)
    for marker in (b"ZEBRAPADTITEL", b"KANGOEROEVRAAG", b"OKAPINOTITIE", b"FLAMINGOACTIE",
                   b"okapinotitie", b"zebrapadtitel"):
        assert marker not in data, marker
    purged = store.load_session(old.id)
    assert purged is not None and purged.notes == [] and purged.case_title == ""
    assert len(purged.actions) == 1 and len(purged.participants) == 5  # figures keep
    assert store.list_sessions(search="okapi") == []
    assert [n.text for n in store.load_session(recent.id).notes] == ["blijft staan"]  # type: ignore[union-attr]
    assert [s.id for s in store.list_sessions(search="blijft")] == [recent.id]
    store.close()


def test_hard_delete_leaves_no_trace(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    store = Store.open(db)
    session = make_session()
    session.notes = [Note(phase_index=1, text="GIRAFFENOTITIE")]
    store.save_session(session)
    assert store.delete_session(session.id)
    assert b"GIRAFFENOTITIE" not in files_bytes(db)
    assert store.load_session(session.id) is None
    store.close()


def test_correction_bumps_the_revision_and_done_actions_leave_the_open_list() -> None:
    """Corrections go through the recorder now (the one place that raises the revision), and
    raise it for a finished session."""
    from werf.models import SessionStatus
    from werf.recorder import Recorder, direct_sink

    store = Store.memory()
    session = make_session()
    session.status = SessionStatus.FINISHED
    session.notes = [Note(phase_index=1, text="tyop")]
    session.actions = [Action(phase_index=4, text="Bellen", due=date(2026, 1, 1))]
    store.save_session(session)
    recorder = Recorder(session, direct_sink(store))
    recorder.correct_note(session.notes[0].id, "typo")
    loaded = store.load_session(session.id)
    assert loaded is not None and loaded.revision == 2 and loaded.notes[0].text == "typo"
    assert [o.action.text for o in store.all_open_actions()] == ["Bellen"]
    recorder.set_action_done(session.actions[0].id, date(2026, 2, 2))
    assert store.all_open_actions() == []
    assert store.load_session(session.id).revision == 3  # type: ignore[union-attr]


def test_purge_also_removes_pre_migration_copies(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    store = Store.open(db)
    old = make_session()
    old.date = date(2020, 1, 1)
    old.status = "finished"  # type: ignore[assignment]
    old.case_title = "OUDEKOPIE"
    store.save_session(old)
    backup = tmp_path / "werf.db.schema4-20260101-000000.bak"
    backup.write_bytes(b"... OUDEKOPIE ...")
    assert store.purge_before(date(2025, 1, 1)).count == 1
    assert not backup.exists()
    assert b"OUDEKOPIE" not in files_bytes(db)
    store.close()


def test_search_finds_a_session_by_any_case_text_and_follows_the_network() -> None:
    from werf.models import Circle, NetworkMember

    from .helpers import every_record_session

    store = Store.memory()
    session, other = every_record_session(), make_session(team="Zuid")
    session.network[0].relation = "Oudoom uit Zeeland"
    session.phases[0].draft = "Schuldhulpmaatje vragen"
    store.save_session(session)
    store.save_session(other)

    def found(text: str) -> set[str]:
        return {s.id for s in store.list_sessions(search=text)}

    assert found("oudoom") == {session.id}  # a network relation
    assert found("zeeland") == {session.id}
    assert found("kowalski") == {session.id}  # a sensitive name
    assert found("schuldhulp") == {session.id}  # a draft
    store.save_network(session.id, [NetworkMember(relation="Wijkverpleegkundige", circle=Circle.PROFESSIONAL)])
    assert found("oudoom") == set() and found("wijkverpleeg") == {session.id}
    store.set_sensitive_names(session.id, ["Ahmadi"])
    assert found("kowalski") == set() and found("ahmadi") == {session.id}
    session.phases[0].draft = ""
    store.save_progress(session)
    assert found("schuldhulp") == set()


def test_a_database_of_schema_6_indexes_its_relations_when_opened(tmp_path: Path) -> None:
    import sqlite_utils

    from werf.store import MIGRATIONS

    from .helpers import every_record_session

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    for version in range(1, 7):
        MIGRATIONS[version](db)
        db.execute("INSERT INTO schema_version VALUES (?, 'then')", [version])
    session = every_record_session()
    session.network[0].relation = "Oudoom uit Zeeland"
    Store(db).save_session(session)  # as werf with schema 6 saved it
    assert Store(db).list_sessions(search="oudoom") == []  # what schema 6 did not index
    db.conn.commit()
    db.conn.close()
    store = Store.open(path)
    assert [s.id for s in store.list_sessions(search="oudoom")] == [session.id]
    assert [s.id for s in store.list_sessions(search="kowalski")] == [session.id]
    store.close()


def test_search_and_purge_cover_exactly_the_declared_case_content() -> None:
    from werf.models import case_fields, session_models
    from werf.store import CASE_TABLES, SEARCH_COLUMNS, case_columns, rebuild_search

    store = Store.memory()
    with_case = {model for model in session_models() if case_fields(model)}
    assert with_case == {model for model, _purge in CASE_TABLES.values()}
    for table, (model, purge) in CASE_TABLES.items():
        columns = {row[1] for row in store.db.execute(f"PRAGMA table_info({table})")}
        assert {field.name for field in case_fields(model)} <= columns, table
        assert purge in ("delete", "blank") and (table != "sessions" or purge == "blank")
    # a field newly declared case content needs a migration that puts it in the search
    assert case_columns() == SEARCH_COLUMNS
    # the triggers build the same documents as a rebuild
    from .helpers import every_record_session

    store.save_session(every_record_session())
    store.save_session(make_session())
    by_triggers = store.db.execute("SELECT rowid, body FROM session_search ORDER BY rowid").fetchall()
    rebuild_search(store.db)
    assert store.db.execute("SELECT rowid, body FROM session_search ORDER BY rowid").fetchall() == by_triggers


def test_purge_blanks_every_case_content_column(tmp_path: Path) -> None:
    from werf.store import CASE_TABLES

    from .helpers import every_record_session, mark_case_texts

    db = tmp_path / "werf.db"
    store = Store.open(db)
    old = mark_case_texts(every_record_session(), lambda where: f"PURGEMARK {where}")
    recent = make_session()
    recent.notes = [Note(phase_index=2, text="blijft staan")]
    store.save_session(old)
    store.save_session(recent)
    assert store.purge_before(date(2025, 11, 24)).count == 1
    for table, (_model, purge) in CASE_TABLES.items():
        key = "id" if table == "sessions" else "session_id"
        rows = list(store.db.query(f"SELECT * FROM {table} WHERE {key} = ?", [old.id]))
        assert (rows == []) if purge == "delete" else (len(rows) >= 1), table
        for row in rows:
            assert "PURGEMARK" not in repr(row), (table, row)
    for table in store.db.table_names():  # nor in any other table
        assert "purgemark" not in repr(store.db.execute(f"SELECT * FROM [{table}]").fetchall()).lower(), table
    assert b"PURGEMARK" not in files_bytes(db) and b"purgemark" not in files_bytes(db)
    purged = store.load_session(old.id)
    assert purged is not None and [text for text in purged.case_texts() if text] == []
    assert len(purged.phases) == 1 and purged.phases[0].elapsed_seconds == 280  # the figures keep
    assert len(purged.actions) == 1 and purged.actions[0].owner_kind == "network"
    assert purged.themes == ["loneliness"] and len(purged.participants) == 5
    assert [n.text for n in store.load_session(recent.id).notes] == ["blijft staan"]  # type: ignore[union-attr]
    store.close()


def test_a_whole_session_write_indexes_the_session_once() -> None:
    """Import is linear in the notes: saving a session of 300 notes writes its search document
    once (the triggers rebuilt it per note: quadratic), and it is the same document."""
    from datetime import timedelta

    from werf.models import Note
    from werf.store import rebuild_search

    from .helpers import every_record_session

    store = Store.memory()
    session = every_record_session()
    session.notes += [Note(phase_index=0, text=f"notitie nummer {i} over de buurvrouw",
                           created_at=session.created_at + timedelta(seconds=i))
                      for i in range(300)]
    documents: list[str] = []
    store.db.conn.set_trace_callback(
        lambda sql: documents.append(sql) if "INTO 'main'.'session_search_content'" in sql else None)
    store.save_session(session)
    session.notes = session.notes[:-5]
    session.notes[0].text = "gecorrigeerd"
    store.save_session(session, replace=True)  # a newer revision: deletes and updates, once
    store.db.conn.set_trace_callback(None)
    assert len(documents) == 2
    assert store.db.execute("SELECT COUNT(*) FROM search_deferred").fetchone()[0] == 0
    by_save = store.db.execute("SELECT rowid, body FROM session_search").fetchall()
    rebuild_search(store.db)
    assert store.db.execute("SELECT rowid, body FROM session_search").fetchall() == by_save
    assert [s.id for s in store.list_sessions(search="gecorrigeerd")] == [session.id]
    assert [s.id for s in store.list_sessions(search="nummer 294")] == [session.id]
    assert store.list_sessions(search="nummer 297") == []
    # a single note still goes through the triggers
    store.save_note(session.id, Note(phase_index=0, text="zwembadpas"))
    assert [s.id for s in store.list_sessions(search="zwembadpas")] == [session.id]


def test_a_failed_whole_session_write_leaves_the_triggers_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from werf.models import Note
    from werf.store.writes import WriteMixin

    from .helpers import every_record_session

    store = Store.memory()
    session = every_record_session()
    store.save_session(session)

    def broken(self: WriteMixin, session_id: str, themes: list[str]) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(WriteMixin, "_write_themes", broken)
    with pytest.raises(sqlite3.OperationalError):
        store.save_session(session)
    assert store.db.execute("SELECT COUNT(*) FROM search_deferred").fetchone()[0] == 0
    store.save_note(session.id, Note(phase_index=0, text="zwembadpas"))
    assert [s.id for s in store.list_sessions(search="zwembadpas")] == [session.id]


def test_a_failed_whole_session_write_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """One transaction: a failure halfway leaves the session as it was (an import is never
    half done)."""
    from werf.store.writes import WriteMixin

    from .helpers import every_record_session

    store = Store.memory()
    session = every_record_session()
    store.save_session(session)
    before = store.load_session(session.id)
    changed = session.model_copy(deep=True)
    changed.case_title, changed.notes, changed.participants = "nieuw", changed.notes[:1], []

    def broken(self: WriteMixin, session_id: str, themes: list[str]) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(WriteMixin, "_write_themes", broken)
    with pytest.raises(sqlite3.OperationalError):
        store.save_session(changed)
    assert store.load_session(session.id) == before
