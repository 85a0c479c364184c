"""Placeholders per person and kind: the client, relatives and neighbours by relation, the
rest numbered; colleagues by role only where they are meant as people; the book of takeaways
pseudonymised by the same detector (issue 13, items 2 and 5)."""

from __future__ import annotations

from werf.minutes import pseudonymise_session
from werf.minutes.book import render_book_docx, render_book_markdown
from werf.minutes.pseudonymise import find_client, mask_identifiers_in
from werf.models import Action, Circle, NetworkMember, Note, Participant, RecordKind, RoleId
from werf.protocols import load_catalog
from werf.store import Store
from werf.takeaways import build_book

from .helpers import TODAY, make_session
from .minutes_helpers import xml_parts

WORD_COLLEAGUES = [("Ben", [RoleId.FACILITATOR]), ("Wil", [RoleId.CASE_BRINGER]), ("Roos", []),
                   ("Mark", [RoleId.MINUTE_TAKER]), ("Kees", [])]
IDENTIFIERS = ("Adres Dorpsstraat 12, 1234 AB Zwolle, BSN 123456782, IBAN NL91ABNA0417164300, "
               "tel 06-12345678, kevin@example.nl, geb. 12-3-1948, basisschool De Regenboog.")


def case_session():  # type: ignore[no-untyped-def]
    session = make_session()
    session.participants = [Participant(name=name, roles=roles) for name, roles in WORD_COLLEAGUES]
    session.facilitator = "Ben"
    session.case_title = "Mevrouw De Vries wil niet praten"
    session.question = "Hoe krijg ik haar zoon Kevin erbij?"
    session.notes = [
        Note(phase_index=0, text="Ik ben bang dat hij niet wil praten. Kevin belt soms; buurman Piet helpt."),
        Note(phase_index=0, text="Ben vraagt of Roos de roos in de tuin zag. Kees kent De Vries."),
        Note(phase_index=0, text=IDENTIFIERS),
    ]
    session.actions = [Action(phase_index=0, text="Piet vragen om te helpen", owner="Wil")]
    session.network = [NetworkMember(relation="zoon Kevin", circle=Circle.FAMILY)]
    return session


def test_the_client_is_the_first_person_the_case_names_not_a_relative_or_colleague() -> None:
    session = case_session()
    assert find_client(session) == "De Vries"
    session.case_title = "Zoon van mevrouw Jansen weigert hulp; Ben twijfelt"
    assert find_client(session) == "Jansen"
    session.case_title, session.question = "Eenzaamheid", "Wat kan ik doen?"
    assert find_client(session) == ""
    session.sensitive_names = ["Priya", "Ans"]
    assert find_client(session) == "Priya"  # no one named in the case: the first name listed


def test_people_get_a_placeholder_by_relation_stable_across_the_document() -> None:
    result = pseudonymise_session(case_session(), "nl")
    assert result.case_title == "Mevrouw [cliënt] wil niet praten"
    assert result.question == "Hoe krijg ik haar zoon [familielid 1] erbij?"
    # the Dutch words that are also colleagues' names stay; "Kevin" alone is still the son
    assert result.notes[0].text == ("Ik ben bang dat hij niet wil praten. [Familielid 1] belt soms; "
                                     "buurman [buur 1] helpt.")
    # a colleague's role opening a sentence has a capital, as a placeholder does
    assert result.notes[1].text == ("Gespreksleider vraagt of deelnemer 1 de roos in de tuin zag. "
                                    "Deelnemer 2 kent [cliënt].")
    assert result.actions[0].text == "[Buur 1] vragen om te helpen" and result.actions[0].owner == "Inbrenger"
    assert result.network[0].relation == "zoon [familielid 1]"


def test_every_kind_has_its_placeholder_in_dutch_and_english() -> None:
    dutch = pseudonymise_session(case_session(), "nl").notes[2].text
    assert dutch == ("[Adres], [postcode], BSN [BSN], IBAN [IBAN], tel [telefoon], [e-mail], "
                     "geb. [geboortedatum], basisschool [instelling].")
    english = pseudonymise_session(case_session(), "en")
    assert english.notes[2].text == ("[Address], [postcode], BSN [BSN], IBAN [IBAN], tel [phone], [e-mail], "
                                     "geb. [date of birth], basisschool [institution].")
    assert english.case_title == "Mevrouw [client] wil niet praten"
    assert english.notes[0].text.endswith("[Family member 1] belt soms; buurman [neighbour 1] helpt.")


def test_a_relation_after_the_name_counts_and_others_are_numbered_persons() -> None:
    text = mask_identifiers_in("Priya, haar dochter, en vriendin Ans kennen Jolanda en Fenna.", "nl")
    assert text == "[Familielid 1], haar dochter, en vriendin [vriend 1] kennen [persoon 1] en [persoon 2]."


def book_store():  # type: ignore[no-untyped-def]
    session = case_session()
    session.themes = ["eenzaamheid"]
    session.notes.append(Note(phase_index=4, kind=RecordKind.TAKEAWAY,
                              text="Mevrouw De Vries en haar zoon Kevin samen uitnodigen; BSN 123456782 "
                                   "niet in de mail, Dorpsstraat 12 ook niet."))
    store = Store.memory()
    store.save_session(session)
    return store


def test_the_book_of_takeaways_is_always_pseudonymised() -> None:
    book = build_book(book_store(), lang="nl", theme="eenzaamheid", catalog=load_catalog())
    expected = ("Mevrouw [cliënt] en haar zoon [familielid 1] samen uitnodigen; BSN [BSN] niet in de mail, "
                "[adres] ook niet.")
    assert book.entries[0].takeaways == [expected]
    markdown = render_book_markdown(book, TODAY)
    parts = xml_parts(render_book_docx(book, TODAY))
    for where, text in [("md", markdown), *parts.items()]:
        for secret in ("De Vries", "Kevin", "123456782", "Dorpsstraat", "Piet"):
            assert secret not in text, (where, secret)
    assert "Mevrouw \\[cliënt\\] en haar zoon \\[familielid 1\\]" in markdown
    assert "Mevrouw [cliënt] en haar zoon [familielid 1]" in parts["word/document.xml"]
    # the book sees only takeaways and action points: Piet is no known neighbour there
    assert "| \\[Persoon 1\\] vragen om te helpen | professional | open |" in markdown


def test_a_relation_before_a_title_counts_and_a_sentence_end_does_not() -> None:
    text = mask_identifiers_in("Haar moeder mevrouw Jansen en zijn buurman de heer Smit; de zoon. Kevin belt.", "nl")
    assert text == "Haar moeder mevrouw [familielid 1] en zijn buurman de heer [buur 1]; de zoon. [Persoon 1] belt."


def test_a_name_kept_as_typed_uses_up_no_placeholder_number() -> None:
    """Space on a name in the export dialog keeps it as typed: the next person is then
    "[persoon 1]", not "[persoon 2]" beside no "[persoon 1]"."""
    session = make_session()
    session.case_title, session.question = "Eenzaamheid", "Wat kan ik doen?"
    session.notes = [Note(phase_index=0, text="Bram sprak met Priya Ramdin en daarna met Joost Haverkamp.")]
    kept = pseudonymise_session(session, "nl", keep=["Priya Ramdin"])
    assert kept.notes[0].text == "Inbrenger sprak met Priya Ramdin en daarna met [persoon 1]."
    whole = pseudonymise_session(session, "nl")
    assert whole.notes[0].text == "Inbrenger sprak met [persoon 1] en daarna met [persoon 2]."
