"""Pseudonymising a session: people become roles or initials, clients a placeholder."""

from __future__ import annotations

from werf.minutes import pseudonymise_session
from werf.minutes.pseudonymise import NameReplacer, initials
from werf.models import Action, Note, Participant, RoleId

from .helpers import make_session
from .minutes_helpers import all_names, full_session, leaked_names


def every_text(session) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Every text field of a session, by where it is."""
    texts = {"case_title": session.case_title, "question": session.question, "facilitator": session.facilitator}
    texts |= {f"participant {i}": p.name for i, p in enumerate(session.participants)}
    texts |= {f"note {i}": n.text for i, n in enumerate(session.notes)}
    texts |= {f"action {i}": f"{a.text} / {a.owner}" for i, a in enumerate(session.actions)}
    texts |= {f"draft {r.index}": r.draft for r in session.phases}
    texts |= {f"sensitive {i}": name for i, name in enumerate(session.sensitive_names)}
    return texts


def test_roles_become_the_names_in_dutch_and_english() -> None:
    session = make_session()  # Fatima facilitator, Bram case bringer, Chantal, Dirk, Eva without role
    dutch = pseudonymise_session(session, "nl")
    english = pseudonymise_session(session, "en")
    assert [p.name for p in dutch.participants] == ["gespreksleider", "inbrenger", "tijdbewaker", "notulist",
                                                    "deelnemer 1"]
    assert [p.name for p in english.participants] == ["facilitator", "case bringer", "timekeeper", "minute-taker",
                                                      "participant 1"]
    assert dutch.facilitator == "gespreksleider"
    assert [p.id for p in dutch.participants] == [p.id for p in session.participants]


def test_people_sharing_a_role_are_numbered() -> None:
    session = make_session()
    session.participants.append(Participant(name="Gijs", roles=[RoleId.TIMEKEEPER]))
    session.participants.append(Participant(name="Hanna", roles=[]))
    names = [p.name for p in pseudonymise_session(session, "nl").participants]
    assert names == ["gespreksleider", "inbrenger", "tijdbewaker 1", "notulist", "deelnemer 1", "tijdbewaker 2",
                     "deelnemer 2"]


def test_aliases_are_stable() -> None:
    session = full_session()
    assert pseudonymise_session(session, "nl") == pseudonymise_session(session, "nl")


def test_names_are_replaced_in_every_text_field() -> None:
    session = full_session()
    session.phases[2].draft = "Bram Oosterhuis vroeg naar Priya"
    names = all_names(session)
    assert {name for _where, name in leaked_names(every_text(session), names)} == set(names)

    result = pseudonymise_session(session, "nl")
    assert leaked_names(every_text(result), names) == []
    # the first person the case title names is the client, the same across the document;
    # someone the text gives a relation ("Priya, zijn dochter") is a numbered family member;
    # a placeholder that opens a sentence has a capital
    assert result.case_title == "[Cliënt] wil geen hulp"
    assert result.question == "Hoe bouw ik vertrouwen op met [cliënt], zegt inbrenger?"  # listed whole
    assert result.notes[1].text == "[Cliënt] ([leeftijd]) woont alleen; [Familielid 1], zijn dochter, belt wekelijks."
    # any case, given name; a role opening a sentence has a capital too (after ";" as well:
    # the one rule of werf.privacy.starts_sentence)
    assert result.notes[4].text == "Deelnemer 1 kent de buurtkamer; Gespreksleider ook."
    assert result.notes[3].text == "Wanneer lukte het contact wel, vraagt deelnemer 2?"
    assert result.actions[0].owner == "Inbrenger"  # a text's start is a sentence start
    assert result.actions[1].text == "[Familielid 1] bellen over de kookavond"
    assert result.actions[2].owner == ""
    assert result.phases[2].draft == "Inbrenger vroeg naar [familielid 1]"
    assert result.sensitive_names == []  # the copy must not carry the names along
    assert result.team == session.team


def test_the_original_is_left_alone() -> None:
    session = full_session()
    before = session.model_dump()
    pseudonymise_session(session, "en")
    assert session.model_dump() == before


def test_whole_words_only() -> None:
    session = make_session()
    session.notes = [Note(phase_index=0, text="Evaluatie met Eva; Brammetje en Bram's fiets; DIRK!")]
    result = pseudonymise_session(session, "en")
    assert result.notes[0].text == (
        "Evaluatie met participant 1; Brammetje en case bringer's fiets; Minute-taker!"
    )


def test_longest_name_first() -> None:
    session = make_session()
    session.participants.append(Participant(name="Jan de Vries", roles=[RoleId.OBSERVER]))
    session.sensitive_names = ["Jan"]
    session.notes = [Note(phase_index=0, text="Jan de Vries sprak met Jan.")]
    result = pseudonymise_session(session, "nl")
    # a listed client's name stays a client even when a colleague shares it (and the first
    # listed name is the client when the case title and question name no one)
    assert result.notes[0].text == "Observator sprak met [cliënt]."


def test_names_with_regex_characters_are_safe() -> None:
    session = make_session()
    session.sensitive_names = ["A.(B)*", "[x]", "O'Brien", "C++", ""]
    session.notes = [Note(phase_index=0, text="A.(B)* zag [x] en O'Brien bij C++; AxBx bleef; ook C")]
    result = pseudonymise_session(session, "en")
    # every listed name is a person of its own (the first the client), numbered in order of appearance
    assert result.notes[0].text == "[Client] zag [person 1] en [person 2] bij [person 3]; AxBx bleef; ook C"


def test_initials_mode() -> None:
    session = full_session()
    result = pseudonymise_session(session, "nl", mode="initials")
    assert [p.name for p in result.participants] == ["F.e.A.", "B.O.", "C.V.", "D.J.M.", "E."]
    assert result.facilitator == "F.e.A."
    assert result.actions[0].owner == "B.O."
    assert leaked_names(every_text(result), all_names(session)) == []
    assert initials("Jan de Vries") == "J.d.V."
    assert initials("  ") == "?"


def test_initials_that_collide_are_numbered() -> None:
    session = make_session()
    session.participants = [Participant(name="Bram"), Participant(name="Bas"), Participant(name="Eva")]
    names = [p.name for p in pseudonymise_session(session, "en", mode="initials").participants]
    assert names == ["B. 1", "B. 2", "E."]


def test_facilitator_who_is_no_participant() -> None:
    session = make_session()
    session.facilitator = "Mr. External"
    session.participants = [p for p in session.participants if RoleId.FACILITATOR not in p.roles]
    session.notes = [Note(phase_index=0, text="Mr. External opened")]
    result = pseudonymise_session(session, "en")
    assert result.facilitator == "facilitator"
    assert result.notes[0].text == "Facilitator opened"  # a role opening a sentence: a capital


def test_identifiers_are_masked_too() -> None:
    session = make_session()
    session.notes = [Note(phase_index=0, text="BSN 111222333, tel 06-12345678, geb. 12-03-1987, x@example.nl")]
    session.actions = [Action(phase_index=0, text="bel 020-1234567")]
    result = pseudonymise_session(session, "nl")
    assert "111222333" not in result.notes[0].text and "06-12345678" not in result.notes[0].text
    assert result.notes[0].text.startswith("BSN [BSN], tel [telefoon], geb. [geboortedatum], [e-mail]")
    assert result.actions[0].text == "bel [telefoon]"
    kept = pseudonymise_session(session, "en", mask_identifiers=False)
    assert kept.notes[0].text == session.notes[0].text


def test_name_replacer_is_case_insensitive_and_keeps_other_text() -> None:
    replace = NameReplacer({"Zoë": "X", "ÅSA": "Y"})
    assert replace("zoë en ZOË en åsa, maar niet Zoëtje") == "X en X en Y, maar niet Zoëtje"
    assert NameReplacer({})("ongewijzigd") == "ongewijzigd"
