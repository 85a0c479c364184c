"""Who said it (issue 15, item 4): a note made in a round phase carries the participant who had
the floor; the recorder decides, a correction keeps it, the store, archives and the merge carry
it, and archives without it still import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from werf.engine import SessionEngine
from werf.merge import content_hash, records
from werf.models import Attendance, Note, RecordKind, Session
from werf.recorder import Recorder, direct_sink
from werf.store import Store

from .helpers import FakeClock, make_session, protocol

QUESTIONS = 2  # the WERF protocol's round of questions (opening 0, case 1)
CASE = 1  # the case bringer speaks: no round


def running() -> tuple[Session, SessionEngine, Recorder, Store]:
    store = Store.memory()
    session = make_session()
    engine = SessionEngine(protocol("werf"), session, FakeClock())
    recorder = Recorder(session, direct_sink(store), engine)
    recorder.start()
    return session, engine, recorder, store


def person(session: Session, name: str) -> str:
    return next(p.id for p in session.participants if p.name == name)


def test_the_engine_names_who_has_the_floor_in_a_round() -> None:
    session, engine, _recorder, _store = running()
    engine.go_to(QUESTIONS)
    assert engine.speaker() is None  # the round has not begun
    engine.start()
    first = engine.speaker()
    assert first is not None and session.participant_name(first) == "Fatima"
    engine.pause()
    assert engine.speaker() == first  # paused: still the one marked ▶
    engine.next_speaker()
    assert session.participant_name(engine.speaker() or "") == "Chantal"  # Bram brings the case
    assert engine.speaker(CASE) is None


def test_the_recorder_keeps_the_speaker_only_in_a_round_and_a_correction_keeps_it() -> None:
    session, engine, recorder, store = running()
    engine.go_to(QUESTIONS)
    engine.start()
    speaker = engine.speaker()
    note = recorder.add_note(QUESTIONS, RecordKind.QUESTION, "Wie helpt hem?", speaker)
    assert note.speaker_id == speaker
    outside = recorder.add_note(CASE, RecordKind.CASE, "Hij woont alleen", speaker)
    assert outside.speaker_id is None  # not a round: nobody has the floor by turn
    stranger = recorder.add_note(QUESTIONS, RecordKind.QUESTION, "?", "not-a-participant")
    assert stranger.speaker_id is None
    eva = next(p for p in session.participants if p.name == "Eva")
    eva.attendance = Attendance.ABSENT
    assert recorder.add_note(QUESTIONS, RecordKind.QUESTION, "...", eva.id).speaker_id is None
    recorder.correct_note(note.id, "Wie helpt hem nog meer?")
    loaded = store.load_session(session.id)
    assert loaded is not None
    kept = next(n for n in loaded.notes if n.id == note.id)
    assert (kept.text, kept.speaker_id) == ("Wie helpt hem nog meer?", speaker)
    assert loaded.speaker_of(kept) is not None and loaded.speaker_of(kept).name == "Fatima"  # type: ignore[union-attr]
    assert [loaded.speaker_of(n) for n in loaded.notes if n.id != note.id] == [None, None, None]
    from werf.summary import session_text

    shown = session_text(loaded, protocol("werf")).splitlines()  # werf sessions show
    assert "   - [question] Fatima: Wie helpt hem nog meer?" in shown
    assert "   - [case] Hij woont alleen" in shown


def test_without_an_engine_a_speaker_at_the_table_is_kept() -> None:
    """A correction of a finished session adds notes without an engine: the participant
    must still be at the table."""
    store = Store.memory()
    session = make_session()
    recorder = Recorder(session, direct_sink(store))
    recorder.start()
    bram = person(session, "Bram")
    assert recorder.add_note(QUESTIONS, RecordKind.NOTE, "x", bram).speaker_id == bram
    assert recorder.add_note(QUESTIONS, RecordKind.NOTE, "y", "gone").speaker_id is None


def test_a_schema_15_database_gains_the_speaker_column(tmp_path: Path) -> None:
    import sqlite_utils

    from werf.store import MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA synchronous = OFF")  # 15 migrations in autocommit: 2.8 s with fsyncs, 0.1 s without
    db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    for version in range(1, 16):
        MIGRATIONS[version](db)
        db.execute("INSERT INTO schema_version VALUES (?, 'then')", [version])
    session = make_session()
    session.notes = [Note(phase_index=QUESTIONS, kind=RecordKind.QUESTION, text="oud",
                          speaker_id=session.participants[0].id)]
    Store(db).save_session(session)  # schema 15 has no column: the speaker is left out
    db.conn.commit()
    db.conn.close()
    store = Store.open(path)
    assert store.schema_version() == SCHEMA_VERSION
    loaded = store.load_session(session.id)
    assert loaded is not None and [n.speaker_id for n in loaded.notes] == [None]
    loaded.notes[0].speaker_id = session.participants[2].id
    store.save_note(session.id, loaded.notes[0])
    again = store.load_session(session.id)
    assert again is not None and again.notes[0].speaker_id == session.participants[2].id
    store.close()


def _archive_file(tmp_path: Path, session: Session, drop_speaker: bool) -> Path:
    from werf.exchange import archive_bytes, archive_session

    data = json.loads(archive_bytes(archive_session(session, protocol("werf"))))
    if drop_speaker:  # as a werf before speakers wrote it
        for note in data["session"]["notes"]:
            del note["speaker_id"]
    path = tmp_path / f"{session.id}-{drop_speaker}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("drop_speaker", [False, True])
def test_archives_carry_the_speaker_and_older_ones_still_import(tmp_path: Path,
                                                                 drop_speaker: bool) -> None:
    from werf.exchange import import_archives

    session = make_session()
    speaker = person(session, "Chantal")
    session.notes = [Note(phase_index=QUESTIONS, kind=RecordKind.QUESTION, text="Wat werkte?",
                          speaker_id=speaker), Note(phase_index=CASE, text="zonder")]
    store = Store.memory()
    report = import_archives(store, [_archive_file(tmp_path, session, drop_speaker)])
    assert len(report.added) == 1, report.lines()
    loaded = store.load_session(session.id)
    assert loaded is not None
    assert [n.speaker_id for n in loaded.notes] == [None if drop_speaker else speaker, None]


def test_an_archive_whose_speaker_is_no_uuid_is_refused(tmp_path: Path) -> None:
    from werf.exchange import import_archives

    session = make_session()
    session.notes = [Note(phase_index=QUESTIONS, text="x", speaker_id="../../etc")]
    report = import_archives(Store.memory(), [_archive_file(tmp_path, session, False)])
    assert report.invalid and "session.notes.0.speaker_id" in report.invalid[0][1]


def test_the_merge_treats_the_speaker_as_part_of_the_note() -> None:
    session = make_session()
    note = Note(phase_index=QUESTIONS, text="Wat werkte?")
    session.notes = [note]
    key = f"note:{note.id}"
    before = records(session)[key]
    # a note nobody said hashes as it did before speakers (an upgrade changes no record)
    assert "speaker_id" not in before
    legacy = {k: v for k, v in note.model_dump(mode="json").items() if k != "speaker_id"}
    assert content_hash(before) == content_hash(legacy)
    note.speaker_id = session.participants[4].id
    after = records(session)[key]
    assert after["speaker_id"] == note.speaker_id and content_hash(after) != content_hash(before)


async def test_a_round_note_carries_its_speaker_on_screen_and_in_the_session_view(
        tmp_path: Path) -> None:
    """One app start: notes typed in the round of questions carry who had the floor at Enter
    (F7 typed right after Enter moves the floor on only for the next note); the run screen's
    notes list and the session view show the speaker's short name; a note in the case phase
    has none."""
    from textual.widgets import Label

    from werf.screens.run import RunScreen
    from werf.screens.session_view import SessionScreen
    from werf.widgets.notes import NoteItem

    from .pilot import make_app, settle, type_text

    def lines(screen: object) -> list[str]:
        return [str(item.query_one(Label).content) for item in screen.query(NoteItem)]  # type: ignore[attr-defined]

    app = make_app(tmp_path / "werf.db")
    session = make_session()
    session.participants[0].name = "Fatima el Amrani"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(RunScreen(protocol(), session, new=True))
        await settle(pilot)
        await type_text(pilot, "a")
        # "a" in the opening round before its first turn: nobody has the floor yet
        await pilot.press("enter", "f6", "f6", "f2")  # past the case, to the round of questions
        await type_text(pilot, "b")
        await pilot.press("enter", "f7")
        await type_text(pilot, "c")
        await pilot.press("enter")
        await settle(pilot)
        assert [(n.text, session.participant_name(n.speaker_id or "")) for n in session.notes] == [
            ("a", "?"), ("b", "Fatima el Amrani"), ("c", "Chantal")]
        assert lines(app.screen) == ["[question] Fatima: b", "[question] Chantal: c"]
        app.store.flush()
        saved = app.store.call(Store.load_session, session.id).result()
        app.push_screen(SessionScreen(saved))
        await settle(pilot)
        assert "[question] Fatima: b" in lines(app.screen)
        assert any(line.endswith("] a") for line in lines(app.screen))


# --- the minutes ---------------------------------------------------------------------------


def _said_session() -> Session:
    """The full minutes session with its two questions said in the round (by Dirk-Jan and by
    Fatima, the facilitator) and one more note of Dirk-Jan's, in that order."""
    from .minutes_helpers import full_session

    session = full_session()
    by_name = {p.name: p.id for p in session.participants}
    questions = [n for n in session.notes if n.phase_index == QUESTIONS]
    questions[0].speaker_id = by_name["Dirk-Jan Mulder"]
    questions[1].speaker_id = by_name["Fatima el Amrani"]
    session.notes.append(Note(phase_index=QUESTIONS, kind=RecordKind.QUESTION,
                              text="Wie belt hem op zondag?", speaker_id=by_name["Dirk-Jan Mulder"]))
    return session


def test_the_minutes_name_who_said_each_round_note_in_word_and_markdown() -> None:
    from werf.minutes import build_content, render_docx, render_markdown

    from .minutes_helpers import read_docx

    content = build_content(_said_session(), protocol("werf"), "en")
    [group] = content.phases[QUESTIONS].groups
    assert [speaker for speaker, _text in group.lines()] == [
        "Dirk-Jan Mulder", "Fatima el Amrani", "Dirk-Jan Mulder"]
    assert all(speaker == "" for g in content.phases[CASE].groups for speaker, _t in g.lines())
    markdown = render_markdown(content).splitlines()
    assert "- **Fatima el Amrani:** Wanneer lukte het contact wel, vraagt eva?" in markdown
    assert any(line.startswith("- Meneer Kowalski (82)") for line in markdown)  # nobody said
    data, _warnings = render_docx(content)
    said = next(p for p in read_docx(data).paragraphs if p.text.endswith("vraagt eva?"))
    assert said.text.endswith("Fatima el Amrani: Wanneer lukte het contact wel, vraagt eva?")
    assert [run.text for run in said.runs if run.bold] == ["Fatima el Amrani: "]


def test_pseudonymised_minutes_name_the_speaker_by_role_never_by_name() -> None:
    from werf.minutes import build_content, render_docx, render_markdown

    from .minutes_helpers import all_names, leaked_names, xml_parts

    session = _said_session()
    content = build_content(session, protocol("werf"), "nl", pseudonymise=True)
    [group] = content.phases[QUESTIONS].groups
    # Fatima is the facilitator; Dirk-Jan has no role: a numbered participant, as elsewhere
    assert [speaker for speaker, _text in group.lines()] == [
        "deelnemer 1", "gespreksleider", "deelnemer 1"]
    markdown = render_markdown(content)
    assert "- **gespreksleider:** " in markdown
    texts = {"md": markdown, **xml_parts(render_docx(content)[0])}
    assert leaked_names(texts, all_names(session)) == []


def test_the_minutes_can_group_a_rounds_notes_by_speaker() -> None:
    from werf.minutes import build_content, render_markdown

    session = _said_session()
    session.notes.append(Note(phase_index=QUESTIONS, kind=RecordKind.QUESTION, text="Van wie?"))
    content = build_content(session, protocol("werf"), "en", by_speaker=True)
    groups = content.phases[QUESTIONS].groups
    # the notes nobody said first, then per speaker in the order of the participants
    assert [(g.name, g.notes) for g in groups] == [
        ("Question", ["Van wie?"]),
        ("Question · Fatima el Amrani", ["Wanneer lukte het contact wel, vraagt eva?"]),
        ("Question · Dirk-Jan Mulder", ["Wat weet Chantal Verbeek van zijn buren?",
                                        "Wie belt hem op zondag?"]),
    ]
    markdown = render_markdown(content)
    assert "**Question · Dirk-Jan Mulder**\n\n- Wat weet Chantal" in markdown
    masked = build_content(session, protocol("werf"), "en", pseudonymise=True, by_speaker=True)
    assert [g.name for g in masked.phases[QUESTIONS].groups] == [
        "Question", "Question · facilitator", "Question · participant 1"]


def test_export_takes_the_grouping_from_the_config_or_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from werf.cli import main
    from werf.paths import default_paths

    db = tmp_path / "werf.db"
    store = Store.open(db)
    store.save_session(_said_session())
    store.close()
    grouped = "**Question · Dirk-Jan Mulder**"

    def export(*extra: str) -> str:
        out = tmp_path / f"out{len(list(tmp_path.glob('out*')))}"
        out.mkdir()
        result = CliRunner().invoke(main, ["--db", str(db), "--lang", "en", "export", "--all",
                                           "--format", "md", "--out", str(out), *extra], obj={})
        assert result.exit_code == 0, result.output
        return next(out.glob("*.md")).read_text(encoding="utf-8")

    assert grouped not in export()
    assert grouped in export("--by-speaker")
    config = default_paths().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("minutes_by_speaker = true\n", encoding="utf-8")
    assert grouped in export()
    assert grouped not in export("--not-by-speaker")
