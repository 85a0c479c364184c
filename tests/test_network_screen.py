"""The case bringer's network, recorded by typing during a session; action points it carries.

Everything goes through the keyboard as a facilitator would use it; text goes into the focused
field at once (`type_at_once`, at the cursor), as issue 11 asks: typing key by key is tested
in test_a_person_in_a_few_keys_and_a_visible_highlight (this screen) and test_session_flow
(the action form). The database is read back with a separate connection.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, ListView, Select

from werf.models import Circle, OwnerKind, Support, TieStrength
from werf.network import shown_owner
from werf.screens.export import ExportScreen
from werf.screens.forms import ActionForm
from werf.screens.network import NetworkScreen, PeopleList
from werf.screens.run import RunScreen
from werf.store import Store
from werf.widgets.network_map import NetworkMap, NetworkSummary

from .pilot import fill, make_app, set_up_werf_session, type_at_once, type_text

SUPPORT_ORDER = list(Support)

# relation, circle (typed to search), support, tie (typed), availability (typed), involved
PEOPLE = [
    ("partner", "house", [Support.PRACTICAL, Support.EMOTIONAL], "strong", "avail", True),
    ("zus", "fam", [Support.EMOTIONAL], "strong", "limited", True),
    ("broer", "fam", [Support.PRACTICAL], "weak", "not", False),
    ("buurvrouw", "friends", [Support.PRACTICAL, Support.COMPANY], "moderate", "avail", True),
    ("oud-collega", "friends", [Support.COMPANY], "weak", "limited", False),
    ("voetbaltrainer", "neigh", [Support.COMPANY], "moderate", "avail", False),
    ("pastor", "neigh", [Support.EMOTIONAL], "moderate", "limited", False),
    ("huisarts", "prof", [Support.ADVICE], "moderate", "limited", True),
]


async def pick(pilot: Pilot, selector: str, typed: str) -> None:
    """Open a Select with Enter, type the start of an option, and take it with Enter."""
    pilot.app.screen.query_one(selector, Select).focus()
    await pilot.pause()
    await pilot.press("enter")
    await type_text(pilot, typed)
    await pilot.press("enter")
    await pilot.pause()


async def pick_at_once(pilot: Pilot, selector: str, typed: str) -> None:
    """What `pick` chooses, without a frame per key: the option Textual's type-to-search
    takes for `typed` (the one whose label contains it earliest), set on the Select, which
    sends the same Changed message. Opening the list and typing in it is tested by `pick`."""
    select = pilot.app.screen.query_one(selector, Select)
    options = select._options  # type: ignore[attr-defined]
    found = [(str(prompt).lower().find(typed.lower()), index) for index, (prompt, _value)
             in enumerate(options) if typed.lower() in str(prompt).lower()]
    value = options[min(found)[1]][1]
    select.focus()
    select.value = value
    await pilot.pause()


async def add_person(pilot: Pilot, relation: str, circle: str, support: list[Support], tie: str,
                     availability: str, involved: bool, *, at_once: bool = False) -> None:
    screen = pilot.app.screen
    choose = pick_at_once if at_once else pick
    await fill(pilot, "#person-relation", relation)  # typing itself: test_a_person_in_a_few_keys
    await choose(pilot, "#person-circle", circle)
    await choose(pilot, "#person-strength", tie)
    await choose(pilot, "#person-availability", availability)
    if involved:
        screen.query_one("#person-involved").focus()
        await pilot.press("space")
    screen.query_one("#person-support").focus()
    await pilot.pause()
    for kind in SUPPORT_ORDER:
        if kind in support:
            await pilot.press("space")
        await pilot.press("down")
    await pilot.press("ctrl+s")
    await pilot.pause()


async def open_network(pilot: Pilot) -> NetworkScreen:
    await pilot.press("ctrl+r")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, NetworkScreen)
    return screen


async def select_person(pilot: Pilot, index: int) -> None:
    people = pilot.app.screen.query_one(PeopleList)
    people.focus()
    people.index = index
    await pilot.pause()


def minutes_rows(path: Path) -> list[list[str]]:
    """Every table row of the Word minutes, as the texts of its cells."""
    from docx import Document

    return [[cell.text for cell in row.cells] for table in Document(str(path)).tables
            for row in table.rows]


def map_text(screen) -> str:  # type: ignore[no-untyped-def]
    return screen.query_one(NetworkMap).plain_text()


async def test_record_a_network_and_let_it_carry_an_action_point(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        screen = await open_network(pilot)
        assert "No one in the network yet" in map_text(screen)
        await add_person(pilot, *PEOPLE[0])  # the lists opened and typed in, as a user does …
        for person in PEOPLE[1:]:
            await add_person(pilot, *person, at_once=True)  # … and the same choices, at once
        text = map_text(screen)
        for heading in ("household (1)", "family (2)", "friends and neighbours (2)",
                        "neighbourhood and informal (2)", "professionals (1)"):
            assert heading in text.replace("\n", " ")
        assert "● partner  P·E" in text and "○ broer  P ✕" in text and "● huisarts  A ◐" in text
        assert "P practical 3   E emotional 3   A advice 0 ⚠ GAP (only professionals)   " \
               "C company 3" in text
        assert "8 in the network, 4 already involved" in text

        # Change one: the neighbour gives advice too, so the gap closes.
        await select_person(pilot, 3)
        await pilot.press("enter")
        relation = screen.query_one("#person-relation", Input)
        assert relation.value == "buurvrouw" and relation.has_focus
        await pilot.press("end")
        await type_at_once(pilot, " links")
        screen.query_one("#person-support").focus()
        await pilot.press("down", "down", "space")  # advice
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = map_text(screen)
        assert "● buurvrouw links  P·A·C" in text and "GAP" not in text
        # Remove one from the list.
        await select_person(pilot, 2)
        await pilot.press("delete")
        await pilot.pause()
        assert "broer" not in map_text(screen)
        assert "7 in the network, 4 already involved" in map_text(screen)
        # The person saved is in the database before the screen closes (nothing to lose).
        app.store.flush()
        session_id = run.session.id
        early = Store.open(db)
        assert len(early.load_session(session_id).network) == 7  # type: ignore[union-attr]
        early.close()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is run
        summary = str(run.query_one(NetworkSummary).visual)
        assert "7 in the network, 4 already involved" in summary

        # An action point carried by the neighbour (phase 5 records action points).
        await pilot.press("f6", "f6", "f6", "f6")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await type_at_once(pilot, "Boodschappen samen doen")
        await pick(pilot, "#action-carrier", "buurv")
        assert not app.screen.query_one("#action-owner", Input).display
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Editing it shows who carries it now.
        notes = run.query_one("#note-list", ListView)
        notes.focus()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        neighbour = next(m for m in run.session.network if m.relation == "buurvrouw links")
        assert form.query_one("#action-carrier", Select).value == neighbour.id
        await pilot.press("escape")
        await pilot.pause()

        # Finish, export the Word minutes, and find both in the minutes' tables.
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        share = tmp_path / "share"
        share.mkdir()
        dialog.query_one("#export-folder", Input).value = str(share)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.store.flush()
    rows = minutes_rows(next(share.glob("*.docx")))
    friends = rows.index(next(r for r in rows if r[0].startswith("Friends and neighbours")))
    assert any("buurvrouw links" in row for row in rows[friends + 1:friends + 3])
    assert any("Boodschappen samen doen" in row and "buurvrouw links" in row for row in rows)

    store = Store.open(db)
    session = store.load_session(session_id)
    assert session is not None
    assert [m.relation for m in session.network] == [
        "partner", "zus", "buurvrouw links", "oud-collega", "voetbaltrainer", "pastor", "huisarts"]
    neighbour = session.network[2]
    assert neighbour.circle is Circle.FRIENDS and neighbour.involved
    assert neighbour.support == [Support.PRACTICAL, Support.ADVICE, Support.COMPANY]
    assert session.network[0].strength is TieStrength.STRONG
    [action] = session.actions
    assert action.text == "Boodschappen samen doen"
    assert (action.owner_kind, action.network_member_id, action.owner) == (
        OwnerKind.NETWORK, neighbour.id, "buurvrouw links")


async def test_renaming_or_removing_a_carrier_keeps_the_action_point(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        await open_network(pilot)
        await add_person(pilot, *PEOPLE[1])  # zus
        await pilot.press("escape")
        await pilot.press("f6", "f6", "f6", "f6", "ctrl+n")
        await pilot.pause()
        await type_at_once(pilot, "Zus bellen")
        await pick(pilot, "#action-carrier", "zus")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # A second one for the resident, with nothing typed as who.
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_at_once(pilot, "Zelf de huisarts bellen")
        await pick(pilot, "#action-carrier", "the res")
        assert app.screen.query_one("#action-owner", Input).display
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Rename the sister: the action point follows; then remove her: it keeps "oudste zus".
        screen = await open_network(pilot)
        await select_person(pilot, 0)
        await pilot.press("enter")
        await pilot.press("home")
        await type_at_once(pilot, "oudste ")
        await pilot.press("enter")
        await pilot.pause()
        assert run.session.actions[0].owner == "oudste zus"
        await select_person(pilot, 0)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#person-remove")
        await pilot.pause()
        assert run.session.network == [] and "No one in the network yet" in map_text(screen)
        await pilot.press("escape")
        await pilot.pause()
        # The action form shows the former carrier and keeps it on save.
        run.query_one("#note-list", ListView).focus()
        run.query_one("#note-list", ListView).index = 0
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        assert form.query_one("#action-carrier", Select).value == "former-member"
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.store.flush()
        session_id = run.session.id

    session = Store.open(db).load_session(session_id)
    assert session is not None and session.network == []
    carried, resident = session.actions
    assert (carried.owner_kind, carried.owner) == (OwnerKind.NETWORK, "oudste zus")
    assert carried.network_member_id is not None
    assert (resident.owner_kind, resident.owner, resident.network_member_id) == (
        OwnerKind.RESIDENT, "", None)  # stored without words …
    assert shown_owner(resident, "en") == "the resident"  # … and shown translated


async def test_markup_in_a_relation_shows_literally(tmp_path: Path) -> None:
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        screen = await open_network(pilot)
        await add_person(pilot, "[red]zus[/red]", "fam", [Support.EMOTIONAL], "strong", "avail", True)
        assert "● [red]zus[/red]  E" in map_text(screen)
        item = screen.query_one(PeopleList).children[0]
        assert "[red]zus[/red]" in str(item.query_one("Label").visual)  # type: ignore[attr-defined]
        await select_person(pilot, 0)
        await pilot.press("enter")
        await pilot.pause()
        assert "[red]zus[/red]" in str(screen.query_one("#person-form-title").visual)  # type: ignore[attr-defined]


async def test_escape_discards_what_was_not_saved(tmp_path: Path) -> None:
    db = tmp_path / "werf.db"
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        await open_network(pilot)
        await add_person(pilot, *PEOPLE[0])
        await type_at_once(pilot, "oom")  # the relation field has focus again; not saved
        await pilot.press("escape")
        await pilot.pause()
        assert [m.relation for m in run.session.network] == ["partner"]
        # A change to a person that is not saved is not kept either.
        await open_network(pilot)
        await select_person(pilot, 0)
        await pilot.press("enter")
        await type_at_once(pilot, " van de moeder")
        await pick(pilot, "#person-circle", "prof")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is run
        assert [(m.relation, m.circle) for m in run.session.network] == [("partner", Circle.HOUSEHOLD)]
        assert "1 in the network" in str(run.query_one(NetworkSummary).visual)
        app.store.flush()
        session_id = run.session.id

    session = Store.open(db).load_session(session_id)
    assert session is not None
    assert [(m.relation, m.circle) for m in session.network] == [("partner", Circle.HOUSEHOLD)]


async def test_an_empty_relation_is_not_saved(tmp_path: Path) -> None:
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        screen = await open_network(pilot)
        await pilot.press("space", "enter")
        await pilot.pause()
        assert screen.session.network == []
        assert "Write the relation" in str(screen.query_one("#person-problem").visual)  # type: ignore[attr-defined]


async def test_a_language_switch_keeps_the_forms(tmp_path: Path) -> None:
    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        run = app.screen
        screen = await open_network(pilot)
        await type_at_once(pilot, "buurman")
        await pick(pilot, "#person-circle", "friends")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert screen.query_one("#person-relation", Input).value == "buurman"
        assert screen.query_one("#person-circle", Select).value == Circle.FRIENDS
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        assert [m.relation for m in run.session.network] == ["buurman"]  # type: ignore[attr-defined]
        await pilot.press("f6", "f6", "f6", "f6", "ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        form.query_one("#action-carrier", Select).value = "resident"
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        label = form.query_one("#action-owner-label")
        assert label.display and str(label.visual).strip()  # type: ignore[attr-defined]
        assert form.query_one("#action-carrier", Select).value == "resident"


async def test_a_person_in_a_few_keys_and_a_visible_highlight(tmp_path: Path) -> None:
    """Relation, Tab, a digit for the circle, letters for the support, Ctrl+S: seven keys for
    'zus, familie, emotioneel'; the support list shows its highlighted row when focused."""
    from werf.widgets.checklist import CheckList

    app = make_app(tmp_path / "werf.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await set_up_werf_session(pilot)
        screen = await open_network(pilot)
        await type_text(pilot, "zus")
        await pilot.press("tab", "2", "e", "p", "ctrl+s")
        await pilot.pause()
        member, = screen.session.network
        assert (member.relation, member.circle) == ("zus", Circle.FAMILY)
        assert set(member.support) == {Support.EMOTIONAL, Support.PRACTICAL}
        support = screen.query_one("#person-support", CheckList)
        support.focus()
        await pilot.pause()
        assert support.highlighted == 0  # Space marks the row the user sees
        await pilot.press("space")
        assert list(support.selected) == [Support.PRACTICAL]

