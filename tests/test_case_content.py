"""Case content is declared once, on the models; every text field must say what it holds."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field

from werf.minutes import build_content, pseudonymise_session
from werf.minutes.identifiers import find_identifiers
from werf.models import (
    CASE,
    KEY,
    Note,
    RecordKind,
    Session,
    TextKind,
    map_texts,
    session_models,
    text_fields,
    unclassified_text_fields,
)

from .helpers import every_record_session, mark_case_texts, protocol

# The classification, field by field. Changing a line here is a decision about privacy: say
# why in the commit.
CLASSIFICATION = {
    "Session.id": "key",
    "Session.protocol_id": "key",
    "Session.team": "team",
    "Session.facilitator": "colleague",
    "Session.case_title": "case",
    "Session.question": "case",
    "Session.lang": "key",
    "Session.sensitive_names": "case",
    "Session.themes": "team",
    "Participant.id": "key",
    "Participant.name": "colleague",
    "NetworkMember.id": "key",
    "NetworkMember.relation": "case",
    "PhaseRecord.phase_id": "key",
    "PhaseRecord.draft": "case",
    "Note.id": "key",
    "Note.text": "case",
    "Note.speaker_id": "key",  # a participant's id: the name stays in Participant.name
    "Action.id": "key",
    "Action.text": "case",
    "Action.owner": "case",
    "Action.follow_up_note": "case",  # one line of what became of it: about the client
    "ClosingMark.participant_id": "key",
    "ClosingMark.word": "team",  # how the session felt, in one word: about the meeting, not the case
    "Session.location": "team",  # where the team met: kept, like the team name
    "PulseTotals.instrument": "key",  # which scale (the pulse holds team totals, no text)
    "Action.network_member_id": "key",
    "SpeakerTurn.participant_id": "key",
    "SpeakerTurn.status": "key",
}


def every_model_object(model: BaseModel) -> list[Any]:
    """`model`, every model inside it and every list it holds (to check what a copy shares)."""
    found: list[Any] = [model]
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, list):
            found.append(value)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                found += every_model_object(item)
    return found


def test_every_text_field_of_the_session_models_declares_what_it_holds() -> None:
    names = {model.__name__ for model in session_models()}
    assert {"Session", "Participant", "Note", "Action", "NetworkMember", "PhaseRecord", "SpeakerTurn"} <= names
    assert unclassified_text_fields() == []


def test_the_classification_is_the_one_decided() -> None:
    declared = {f"{model.__name__}.{field.name}": str(field.kind)
                for model in session_models() for field in text_fields(model)}
    assert declared == CLASSIFICATION


def test_the_check_names_a_new_text_field_that_declares_nothing() -> None:
    """The check above can fail: a field added without a kind, in a nested model too."""

    class NoteWithMood(Note):
        mood: str = ""  # unclassified

    class Tag(BaseModel):
        label: str | None = None  # unclassified
        code: Annotated[str, KEY] = ""
        words: list[str] = Field(default_factory=list)  # unclassified

    class TaggedSession(Session):
        notes: list[NoteWithMood] = Field(default_factory=list)
        tags: list[Tag] = Field(default_factory=list)
        score: Annotated[int, CASE] = 0  # a kind on a field that holds no text

    problems = unclassified_text_fields(TaggedSession)
    assert sorted(problems) == sorted([
        "NoteWithMood.mood", "Tag.label", "Tag.words",
        "TaggedSession.score (<class 'int'> cannot hold a text kind)",
    ])
    assert unclassified_text_fields(Session) == []


def test_case_texts_are_exactly_the_case_fields() -> None:
    session = mark_case_texts(every_record_session(), lambda where: f"<{where}>")
    expected = {f"<{where}>" for where, kind in CLASSIFICATION.items() if kind == "case"}
    assert set(session.case_texts()) == expected
    assert len(list(session.case_texts())) == len(expected)  # one record of each, once each


def test_map_case_texts_changes_the_case_fields_only_and_shares_nothing() -> None:
    session = every_record_session()
    before = session.model_dump()
    mapped = session.map_case_texts(lambda text: f"[{text}]")
    assert session.model_dump() == before  # the original is left alone
    assert mapped.case_title == f"[{session.case_title}]"
    assert mapped.sensitive_names == ["[Kowalski]"]
    assert mapped.network[0].relation == "[buurvrouw]" and mapped.phases[0].draft == "[nog typen]"
    assert mapped.actions[0].owner == "[buurvrouw]" and mapped.notes[0].text == "[een notitie]"
    assert mapped.team == session.team and mapped.themes == session.themes
    assert [p.name for p in mapped.participants] == [p.name for p in session.participants]
    assert mapped.actions[0].network_member_id == session.network[0].id
    original = {id(obj) for obj in every_model_object(session)}
    assert not original & {id(obj) for obj in every_model_object(mapped)}
    unchanged = mapped.map_case_texts(lambda text: text[1:-1])
    assert unchanged == session


def test_map_texts_reaches_the_kinds_asked_for() -> None:
    session = every_record_session()
    upper = map_texts(session, str.upper, {TextKind.COLLEAGUE, TextKind.TEAM})
    assert upper.team == "WIJKTEAM NOORD" and upper.themes == ["EENZAAMHEID"]
    assert upper.facilitator == "FATIMA" and upper.participants[0].name == "FATIMA"
    assert upper.case_title == session.case_title and upper.id == session.id


def test_pseudonymising_reaches_every_case_field() -> None:
    """A client's name and a BSN in any case-content field are gone from the copy."""
    session = mark_case_texts(every_record_session(), lambda where: f"{where}: Kowalski, BSN 111222333")
    session.sensitive_names = ["Kowalski"]
    safe = pseudonymise_session(session, "nl")
    texts = list(safe.case_texts())
    assert len(texts) == len(list(session.case_texts())) - 1  # the sensitive names are emptied
    for text in texts:
        assert "Kowalski" not in text and "111222333" not in text, text
        assert find_identifiers(text) == []


def test_minutes_warn_about_an_identifier_once_wherever_it_is() -> None:
    session = every_record_session()
    session.notes = [Note(phase_index=0, kind=RecordKind.TAKEAWAY, text="BSN 111222333 nagaan")]
    session.network[0].relation = "buurvrouw, 06-12345678"
    content = build_content(session, protocol("werf"), "en")
    warning = next(w for w in content.warnings if w.startswith("The minutes may hold personal data"))
    # a takeaway is listed twice in the minutes and a relation is also the carrier: counted once
    assert "1× citizen service number (BSN)" in warning and "1× phone number" in warning, warning
    assert "2×" not in warning
    assert not [w for w in build_content(session, protocol("werf"), "en", pseudonymise=True).warnings
                if "personal data" in w]
