"""Merging two copies of one session record by record (for the shared folder).

A session is taken apart into records, each under a key: every note (`note:<id>`), action
point (`action:<id>`, and its done-mark on its own as `done:<id>`), network member
(`member:<id>`) and each of the session's own fields (`field:case_title`, …). Each record
carries a version vector: per laptop, how many of that laptop's changes it has seen. A
laptop notices its own changes at sync time by the record's content hash (`note_changes`),
so nothing that writes a session needs to know about syncing.

Merging a record: the copy whose vector includes the other's wins (the other saw it and
changed it, or never changed it); when neither includes the other, both laptops changed it:
the same content is no conflict, different content is one, and both versions are kept until a
person chooses. A deleted record is a record with no content ('' hash) and its own vector,
so a deletion travels and an older copy does not bring the record back.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from werf.models import Session, new_id
from werf.store.sync import Conflict, RecordState, Versions

# the session's own fields that merge one by one (the rest: id, lists, times, revision)
SESSION_FIELDS = ("protocol_id", "protocol_version", "team", "date", "facilitator",
                  "case_title", "question", "lang", "status", "current_phase", "participants",
                  "sensitive_names", "themes", "phases", "finished_at", "closing",
                  "location", "minutes_status", "pulse")
_DONE = ("done", "done_on")
_UNHASHED = ("updated_at",)
_OPTIONAL = ("speaker_id",)  # note fields added later: left out of the record while unset
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
KEY_FORM = rf"(?:(?:note|action|done|member):{_UUID}|field:[a-z_]{{1,40}})"
LEGACY = "~"  # the counter name for archives written before version vectors
Keep = Literal["mine", "theirs", "both"]
Records = dict[str, dict[str, Any]]


def records(session: Session) -> Records:
    """The session taken apart, in its order: fields, network, notes, action points."""
    data = session.model_dump(mode="json")
    out: Records = {f"field:{name}": {"value": data[name]} for name in SESSION_FIELDS}
    for member in data["network"]:
        out[f"member:{member['id']}"] = member
    for note in data["notes"]:
        out[f"note:{note['id']}"] = _without_unset(note)
    for action in data["actions"]:
        out[f"action:{action['id']}"] = {k: v for k, v in action.items() if k not in _DONE}
        out[f"done:{action['id']}"] = {k: action[k] for k in _DONE}
    return out


def _without_unset(note: dict[str, Any]) -> dict[str, Any]:
    """A note's record; who said it is part of the note, but a note nobody is recorded to
    have said has no such key, so its hash is the one a werf before speakers gave it (an
    upgrade counts no note as changed)."""
    return {k: v for k, v in note.items() if not (k in _OPTIONAL and v is None)}


def content_hash(record: Mapping[str, Any] | None) -> str:
    """'' for no record (deleted); else a hash of what it says (not when it was saved)."""
    if record is None:
        return ""
    shown = {k: v for k, v in record.items() if k not in _UNHASHED}
    text = json.dumps(shown, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def includes(bigger: Versions, smaller: Versions) -> bool:
    """Whether `bigger` has seen every change `smaller` has."""
    return all(bigger.get(name, 0) >= count for name, count in smaller.items())


def joined(*vectors: Versions) -> Versions:
    out: Versions = {}
    for vector in vectors:
        for name, count in vector.items():
            out[name] = max(out.get(name, 0), count)
    return out


def note_changes(session: Session | None, states: Mapping[str, RecordState],
                 laptop: str) -> dict[str, RecordState]:
    """The records' states with this laptop's changes since the last sync counted: a record
    whose content differs from what was last synced gets one more on this laptop's counter
    (a new record starts at one; a record gone since is a deletion)."""
    current = records(session) if session is not None else {}
    out: dict[str, RecordState] = {}
    for key in [*current, *(k for k in states if k not in current)]:
        now = content_hash(current.get(key))
        before = states.get(key)
        if before is None:
            if now:
                out[key] = RecordState(now, {laptop: 1})
            continue
        if before.hash == now:
            out[key] = before
        else:
            out[key] = RecordState(now, {**before.versions,
                                         laptop: before.versions.get(laptop, 0) + 1})
    return out


def archive_states(theirs: Session, versions: Mapping[str, Versions]) -> dict[str, RecordState]:
    """The records' states an archive carries; an archive without vectors (older formats)
    gets its revision as the counter of no laptop in particular."""
    current = records(theirs)
    out: dict[str, RecordState] = {}
    for key in [*current, *(k for k in versions if k not in current)]:
        vector = versions.get(key) or {LEGACY: theirs.revision}
        out[key] = RecordState(content_hash(current.get(key)), dict(vector))
    return out


@dataclass
class Merged:
    """What merging their copy into mine gave."""

    session: Session
    states: dict[str, RecordState]
    taken: list[str] = field(default_factory=list)  # keys whose record came from theirs
    found: list[Conflict] = field(default_factory=list)  # conflicts found or still there
    settled: list[str] = field(default_factory=list)  # keys no longer in conflict

    @property
    def changed(self) -> bool:
        return bool(self.taken)


def merge(mine: Session | None, mine_states: Mapping[str, RecordState], theirs: Session,
          theirs_states: Mapping[str, RecordState], *, now: datetime,
          waiting: Iterable[str] = ()) -> Merged:
    """Merge `theirs` into `mine` (None: not here yet). `mine_states` must already count this
    laptop's own changes (`note_changes`); `waiting`: keys with a conflict on record here."""
    mine_records = records(mine) if mine is not None else {}
    theirs_records = records(theirs)
    result = dict(mine_records)
    states = dict(mine_states)
    waiting = set(waiting)
    merged = Merged(session=theirs, states=states)
    for key in [*mine_states, *(k for k in theirs_states if k not in mine_states)]:
        ours = mine_states.get(key, RecordState("", {}))
        other = theirs_states.get(key)
        if other is None or includes(ours.versions, other.versions):
            continue  # they have nothing of it, or nothing we have not seen
        if includes(other.versions, ours.versions) or ours.hash == other.hash:
            states[key] = RecordState(other.hash, joined(ours.versions, other.versions))
            if ours.hash != other.hash:
                _take(result, key, theirs_records.get(key))
                merged.taken.append(key)
            if key in waiting:
                merged.settled.append(key)
            continue
        merged.found.append(Conflict(
            id=new_id(), session_id=theirs.id, key=key, mine=mine_records.get(key),
            theirs=theirs_records.get(key), theirs_versions=dict(other.versions),
            found_at=now.isoformat()))
    order = [*mine_records, *(k for k in theirs_records if k not in mine_records)]
    skeleton = mine if mine is not None else theirs
    merged.session = compose(skeleton, {k: result[k] for k in order if k in result})
    if mine is not None and merged.changed:
        merged.session.revision = max(mine.revision, theirs.revision) + (
            0 if records(merged.session) == theirs_records else 1)
        merged.session.updated_at = now
    return merged


def _take(result: Records, key: str, record: dict[str, Any] | None) -> None:
    if record is None:
        result.pop(key, None)
    else:
        result[key] = record


def compose(skeleton: Session, parts: Mapping[str, dict[str, Any]]) -> Session:
    """A session from its records; what no record holds (id, times, revision) from
    `skeleton`. An action point whose done-mark is missing is open; a done-mark without its
    action point is dropped."""
    data = skeleton.model_dump(mode="json")
    data["network"], data["notes"], data["actions"] = [], [], []
    for key, record in parts.items():
        kind, _sep, name = key.partition(":")
        if kind == "field":
            data[name] = record["value"]
        elif kind == "member":
            data["network"].append(record)
        elif kind == "note":
            data["notes"].append(record)
        elif kind == "action":
            done = parts.get(f"done:{name}", {"done": False, "done_on": None})
            data["actions"].append({**record, **done})
    return Session.model_validate(data)


def resolved(session: Session, conflict: Conflict, keep: Keep) -> Session:
    """The session with one conflict settled: my version, theirs, or both (a record kept
    twice, the other one under a new id; texts of a field joined; a done-mark done)."""
    parts = records(session)
    kind, _sep, name = conflict.key.partition(":")
    mine = parts.get(conflict.key)  # as it is now (it may have changed since)
    chosen = conflict.theirs if keep == "theirs" else mine
    if keep == "both":
        chosen = mine if mine is not None else conflict.theirs
        other = conflict.theirs if mine is not None else None
        if other is not None and kind in ("note", "member", "action"):
            copy_id = str(uuid.uuid4())
            parts[f"{kind}:{copy_id}"] = {**other, "id": copy_id}
            if kind == "action":
                parts[f"done:{copy_id}"] = parts.get(f"done:{name}", {"done": False,
                                                                     "done_on": None})
        elif other is not None and kind == "done":
            chosen = other if other.get("done") else chosen
        elif other is not None and kind == "field":
            chosen = {"value": _both_values(mine, other)}
    _take(parts, conflict.key, chosen)
    return compose(session, parts)


def _both_values(mine: dict[str, Any] | None, theirs: dict[str, Any]) -> Any:
    ours = (mine or {}).get("value")
    other = theirs.get("value")
    if isinstance(ours, str) and isinstance(other, str):
        return ours if other in ours else f"{ours} / {other}" if ours else other
    if isinstance(ours, list) and isinstance(other, list):
        return ours + [item for item in other if item not in ours]
    return ours
