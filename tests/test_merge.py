"""The record-by-record merge (werf.merge) on its own: laptops that edit and delete notes at
random and pass one shared copy around in random order. Whatever happens, every edit
survives (on every laptop) or is kept in a conflict, and once everyone has synced twice
without new edits, the laptops agree on every record that is not in conflict."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import make_session
from werf.merge import archive_states, merge, note_changes, records
from werf.models import Note, Session
from werf.store.sync import Conflict, RecordState

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
NOTES = 3


@dataclass
class Laptop:
    name: str
    session: Session
    states: dict[str, RecordState] = field(default_factory=dict)
    conflicts: dict[str, Conflict] = field(default_factory=dict)
    known: dict[str, set[str]] = field(default_factory=dict)  # key → the edits it has seen


@dataclass
class Share:
    session: Session | None = None
    versions: dict[str, dict[str, int]] = field(default_factory=dict)
    known: dict[str, set[str]] = field(default_factory=dict)


def sync(laptop: Laptop, share: Share) -> None:
    """What werf.shared_folder.sync does with one session, without files and a database;
    `known` follows which edits each copy of a record has seen (what the vectors count)."""
    laptop.states = note_changes(laptop.session, laptop.states, laptop.name)
    if share.session is not None:
        merged = merge(laptop.session, laptop.states, share.session,
                       archive_states(share.session, share.versions), now=NOW,
                       waiting=laptop.conflicts)
        laptop.session, laptop.states = merged.session, merged.states
        for key in merged.settled:
            laptop.conflicts.pop(key, None)
        laptop.conflicts.update({conflict.key: conflict for conflict in merged.found})
        clashing = {conflict.key for conflict in merged.found}
        for key, seen in share.known.items():
            if key not in clashing:
                laptop.known[key] = laptop.known.get(key, set()) | seen
    share.session = laptop.session.model_copy(deep=True)
    share.versions = {key: dict(state.versions) for key, state in laptop.states.items()}
    share.known = {key: set(seen) for key, seen in laptop.known.items()}


steps_strategy = st.lists(st.tuples(st.sampled_from("ABC"),  # who
                                    st.sampled_from(["edit", "edit", "delete", "sync", "sync"]),
                                    st.integers(0, NOTES - 1)), max_size=16)


@settings(max_examples=80, deadline=None)
@given(steps_strategy)
def test_every_edit_survives_or_waits_in_a_conflict(steps: list[tuple[str, str, int]]) -> None:
    start = make_session()
    start.notes = [Note(phase_index=1, text=f"note {n}") for n in range(NOTES)]
    keys = [f"note:{note.id}" for note in start.notes]
    share = Share()
    laptops = {name: Laptop(name, start.model_copy(deep=True)) for name in "ABC"}
    for _round in range(2):  # everyone starts from the same shared copy
        for laptop in laptops.values():
            sync(laptop, share)
    overwritten: set[str] = set()  # edits some laptop changed or deleted after seeing them
    written: list[str] = []
    for number, (who, what, index) in enumerate(steps):
        laptop = laptops[who]
        key = keys[index]
        note = next((n for n in laptop.session.notes if f"note:{n.id}" == key), None)
        if what == "sync":
            sync(laptop, share)
            continue
        if note is None:
            continue
        overwritten |= laptop.known.get(key, set())
        if what == "edit":
            note.text = f"{who} wrote {number}"
            written.append(note.text)
            laptop.known[key] = {note.text}
        else:
            laptop.session.notes.remove(note)
            laptop.known[key] = set()
    for _round in range(2):
        for laptop in laptops.values():
            sync(laptop, share)
    kept = {note.text for laptop in laptops.values() for note in laptop.session.notes}
    kept |= {side["text"] for laptop in laptops.values() for c in laptop.conflicts.values()
             for side in (c.mine, c.theirs) if side is not None}
    for text in written:
        assert text in kept or text in overwritten, (text, steps)
    in_conflict = {key for laptop in laptops.values() for key in laptop.conflicts}
    views = [records(laptop.session) for laptop in laptops.values()]
    for key in {key for view in views for key in view} - in_conflict:
        assert len({str(view.get(key)) for view in views}) == 1, (key, steps)
