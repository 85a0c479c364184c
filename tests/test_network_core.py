"""The resident's network, who carries action points, and themes: core, store, archive, figures."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from tests.helpers import TODAY, make_session
from werf.exchange import archive_bytes, archive_session, import_archives, read_archive
from werf.models import (
    Action,
    Availability,
    Circle,
    NetworkMember,
    OwnerKind,
    Support,
    TieStrength,
)
from werf.network import by_circle, carrier_counts, network_counts
from werf.stats import compute_stats
from werf.store import Store

V1_ARCHIVE = Path(__file__).parent / "data" / "archive_v1.json"


def sample_network() -> list[NetworkMember]:
    return [
        NetworkMember(relation="zus", circle=Circle.FAMILY, support=[Support.EMOTIONAL],
                      strength=TieStrength.STRONG, involved=True),
        NetworkMember(relation="buurvrouw", circle=Circle.FRIENDS,
                      support=[Support.PRACTICAL, Support.COMPANY],
                      availability=Availability.AVAILABLE),
        NetworkMember(relation="huisarts", circle=Circle.PROFESSIONAL, support=[Support.ADVICE]),
    ]


def test_counts_show_the_gaps_the_network_leaves() -> None:
    counts = network_counts(sample_network())
    assert counts.people == 3 and counts.involved == 1
    assert counts.per_circle[Circle.FAMILY] == 1 and counts.per_circle[Circle.HOUSEHOLD] == 0
    assert counts.per_support[Support.ADVICE] == 1
    # only a professional gives advice: that is a gap for network strengthening
    assert counts.gaps == [Support.ADVICE]
    assert network_counts([]).gaps == list(Support)


def test_by_circle_keeps_every_circle_inside_out() -> None:
    circles = by_circle(sample_network())
    assert [circle for circle, _members in circles] == list(Circle)
    assert [m.relation for m in circles[2][1]] == ["buurvrouw"]


def test_network_themes_and_carriers_round_trip_through_the_store(tmp_path: Path) -> None:
    session = make_session()
    session.network = sample_network()
    session.themes = ["loneliness", "informal_care"]  # as stored: starting themes by key
    neighbour = session.network[1]
    session.actions = [
        Action(phase_index=5, text="Post ophalen", owner=neighbour.relation,
               owner_kind=OwnerKind.NETWORK, network_member_id=neighbour.id),
        Action(phase_index=5, text="Bellen", owner="", owner_kind=OwnerKind.RESIDENT),
        Action(phase_index=5, text="Netwerkkaart maken", owner="Bram"),
    ]
    store = Store.open(tmp_path / "werf.db")
    store.save_session(session)
    store.close()
    loaded = Store.open(tmp_path / "werf.db").load_session(session.id)
    assert loaded == session
    counts = carrier_counts(loaded.actions)
    assert (counts.professional, counts.resident, counts.network, counts.by_network) == (1, 1, 1, 2)


def test_network_and_themes_are_saved_on_their_own() -> None:
    store = Store.memory()
    session = make_session()
    store.save_session(session)
    store.save_network(session.id, sample_network()[:2])
    store.save_themes(session.id, ["schulden", "schulden", "wonen"])
    loaded = store.load_session(session.id)
    assert [m.relation for m in loaded.network] == ["zus", "buurvrouw"]
    assert loaded.themes == ["schulden", "wonen"]
    store.save_network(session.id, [])
    assert store.load_session(session.id).network == []


def test_team_themes_are_the_teams_own() -> None:
    store = Store.memory()
    assert store.team_themes("Noord") is None
    store.set_team_themes("Noord", ["eenzaamheid", " ", "schulden", "eenzaamheid", "loneliness"])
    assert store.team_themes("Noord") == ["loneliness", "schulden"]  # a starting theme by key
    assert store.team_themes("Zuid") is None


def test_history_filters_by_theme() -> None:
    store = Store.memory()
    lonely, debts = make_session(), make_session()
    lonely.themes, debts.themes = ["eenzaamheid"], ["schulden", "eenzaamheid"]
    debts.date = date(2026, 11, 1)
    other = make_session()
    for one in (lonely, debts, other):
        store.save_session(one)
    assert [s.id for s in store.list_sessions(theme="schulden")] == [debts.id]
    assert {s.id for s in store.list_sessions(theme="eenzaamheid")} == {lonely.id, debts.id}
    assert store.themes_in_use() == ["loneliness", "schulden"]
    assert [s.id for s in store.list_sessions(theme="loneliness")] == [
        s.id for s in store.list_sessions(theme="eenzaamheid")]
    assert store.session_ids_without_theme() == [other.id]


def test_figures_count_themes_and_who_carries_actions(tmp_path: Path) -> None:
    from tests.helpers import demo_db

    store = Store.open(demo_db(tmp_path, 6))
    stats = compute_stats(store, today=TODAY)
    assert stats.sessions_per_theme["loneliness"] == 2  # the demo's "eenzaamheid", by key
    assert stats.sessions_per_theme["own_role"] == 2
    assert stats.actions_by_carrier == {"professional": 4, "resident": 1, "network": 2}
    assert stats.actions_carried_by_network == 3
    assert "loneliness" not in json.dumps(stats.model_dump(mode="json")["attendance"])


def test_purge_removes_the_network_but_keeps_themes_and_carriers() -> None:
    store = Store.memory()
    session = make_session()
    session.status = "finished"
    session.network = sample_network()
    session.themes = ["loneliness"]
    session.actions = [Action(phase_index=5, text="x", owner="zus", owner_kind=OwnerKind.NETWORK,
                              network_member_id=session.network[0].id)]
    store.save_session(session)
    assert store.purge_before(date(2027, 1, 1)).count == 1
    loaded = store.load_session(session.id)
    assert loaded.network == [] and loaded.themes == ["loneliness"]
    assert loaded.actions[0].owner_kind is OwnerKind.NETWORK and loaded.actions[0].owner == ""


def test_archive_carries_network_and_themes(tmp_path: Path) -> None:
    session = make_session()
    session.network = sample_network()
    session.themes = ["informal_care"]
    path = tmp_path / "a.json"
    path.write_bytes(archive_bytes(archive_session(session, None)))
    archive = read_archive(path)
    assert archive.format == "werf.session/3"
    assert archive.session == session


def assert_holds(found: object, written: object, where: str = "session") -> None:
    """Everything `written` has is in `found`, unchanged (new fields may be added)."""
    if isinstance(written, dict):
        assert isinstance(found, dict), where
        for key, value in written.items():
            assert key in found, f"{where}.{key}"
            assert_holds(found[key], value, f"{where}.{key}")
    elif isinstance(written, list):
        assert isinstance(found, list) and len(found) == len(written), where
        for index, (got, value) in enumerate(zip(found, written, strict=True)):
            assert_holds(got, value, f"{where}[{index}]")
    else:
        assert found == written, where


def test_the_comparison_itself_can_fail() -> None:
    import pytest

    with pytest.raises(AssertionError):
        assert_holds({"a": [{"b": 1}]}, {"a": [{"b": 2}]})


def test_an_archive_of_version_1_imports_unchanged(tmp_path: Path) -> None:
    store = Store.memory()
    copy = tmp_path / "old.json"
    shutil.copy(V1_ARCHIVE, copy)
    before = copy.read_bytes()
    report = import_archives(store, [copy])
    assert len(report.added) == 1 and not report.problems
    raw = json.loads(before)["session"]
    loaded = store.load_session(raw["id"])
    # every field the old archive had comes back exactly as it was written
    assert_holds(loaded.model_dump(mode="json"), raw)
    assert loaded.network == [] and loaded.themes == []
    assert {a.owner_kind for a in loaded.actions} == {OwnerKind.PROFESSIONAL}
    assert copy.read_bytes() == before
    # importing it again changes nothing
    assert len(import_archives(store, [copy]).unchanged) == 1
