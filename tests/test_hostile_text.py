"""Hostile text is stored exactly and comes back out: property tests and a typing test."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from werf.exchange import archive_bytes, archive_session, read_archive
from werf.models import Action, Note, Participant, RecordKind, RoleId
from werf.store import Store

from .helpers import make_session, memory_store
from .pilot import fill, make_app, type_text

# Anything a user could type or paste: every character but lone surrogates (which no
# terminal can deliver and UTF-8 cannot hold).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
HOSTILE = st.sampled_from([
    "[red]rood[/]", "[/]", "[link=https://x]klik[/link]", "🙂👩‍👩‍👧", "e\u0301\u0301",
    "مرحبا بالعالم", "שלום", "\ttab\t", "\x00nul", "\x1b[31mansi", "\r\n", "x" * 5000,
])
EXAMPLES = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def hostile_session(texts: list[str]):  # type: ignore[no-untyped-def]
    session = make_session()
    session.case_title = texts[0]
    session.question = texts[1]
    session.team = texts[2] or "team"
    session.participants.append(Participant(name=texts[3], roles=[RoleId.OBSERVER]))
    session.sensitive_names = [texts[4]]
    session.notes = [Note(phase_index=i % 6, kind=RecordKind.NOTE, text=t)
                     for i, t in enumerate(texts)]
    session.actions = [Action(phase_index=4, text=texts[5], owner=texts[6])]
    return session


@EXAMPLES
@given(st.lists(st.one_of(TEXT, HOSTILE), min_size=7, max_size=12))
def test_store_round_trip_keeps_every_character(texts: list[str]) -> None:
    store = memory_store()  # Store.memory(), copied: 200 examples need not build 200 schemas
    session = hostile_session(texts)
    store.save_session(session)
    assert store.load_session(session.id) == session


@EXAMPLES
@given(texts=st.lists(st.one_of(TEXT, HOSTILE), min_size=7, max_size=12))
def test_archive_round_trip_keeps_every_character(tmp_path: Path, texts: list[str]) -> None:
    session = hostile_session(texts)
    path = tmp_path / "archive.json"
    path.write_bytes(archive_bytes(archive_session(session, None)))
    assert read_archive(path).session == session


MARKUP_NOTE = "[red]niet rood[/] [link=http://x]klik[/link] 🙂 مرحبا"


async def test_typed_markup_is_shown_and_stored_as_typed(tmp_path: Path) -> None:
    from werf.screens.run import RunScreen
    from werf.widgets.notes import NoteItem

    from .pilot import choose

    db = tmp_path / "werf.db"
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "#team", "[bold]Team[/]")
        await fill(pilot, "#facilitator", "[red]F")
        await fill(pilot, "#new-participant", "B[/]")
        await pilot.press("enter")
        await choose(pilot, "#role-case_bringer", "B[/]")
        await fill(pilot, "#case-title", "[blink]titel")
        await pilot.press("ctrl+s")
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen)
        await type_text(pilot, "x ")
        run.query_one("#note-input").insert_text_at_cursor(MARKUP_NOTE + "\t\x00")  # a paste
        await pilot.press("enter")
        await pilot.pause()
        item = run.query_one(NoteItem)
        shown = str(item.query_one("Label").render())
        assert "[red]niet rood[/]" in shown and "[link=http://x]klik[/link]" in shown
        case_box = str(run.query_one("#case-box").render())
        assert "[blink]titel" in case_box
        app.store.flush()
    store = Store.open(db)
    [summary] = store.list_sessions()
    session = store.load_session(summary.id)
    assert session is not None
    assert session.team == "[bold]Team[/]" and session.case_title == "[blink]titel"
    assert [p.name for p in session.participants] == ["[red]F", "B[/]"]
    assert session.notes[0].text == "x " + MARKUP_NOTE + "\t\x00"
