"""Session archives (`werf.session/3`): one JSON document per session, for sharing sessions
between laptops through a shared folder, without a server.

Version 3 adds what the shared folder merges by (werf.shared_folder, werf.merge): the
revision of the shared copy the archive was based on, the laptop that wrote it, and each
record's version vector (also of records deleted since). Archives of versions 1 and 2 still
import. A deleted or purged session leaves a tombstone (`werf.tombstone/1`, a document of its
own) that keeps any archive of it from bringing it back. A note in a version 3 archive may
name who said it (`speaker_id`, a participant's id): an optional field, so archives without it
still import, as notes nobody is recorded to have said.

Version 2 adds the resident's network, the session's themes and who carries each action
point. Archives of version 1 still import: they read as sessions without a network or
themes, their action points carried by professionals. Themes from werf's starting list are
archived as their keys ("informal_care"); older archives with a translated name are read as
the key.

Importing is idempotent by the session's UUID: the same archive twice changes nothing, a
newer revision replaces an older one, an older or conflicting one is reported and skipped.
An archive that does not validate is named with the reason; nothing is half-imported.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, Field, StringConstraints, ValidationError

from werf.archive_file import ArchiveError, parse_archive_json, read_limited
from werf.dates import format_date
from werf.i18n import _, ngettext
from werf.merge import KEY_FORM
from werf.models import Protocol, Session, UtcDatetime, name_key, utc_now
from werf.network import stored_owner
from werf.shipped import shipped
from werf.store import Store
from werf.store.retention import Tombstone as StoredTombstone
from werf.theme_list import stored_themes

ARCHIVE_FORMAT = "werf.session/3"
READABLE_FORMATS = ("werf.session/1", "werf.session/2", "werf.session/3")
TOMBSTONE_FORMAT = "werf.tombstone/1"
SCHEMA_FILE = shipped("docs", "werf.session-3.schema.json")
TOMBSTONE_SCHEMA_FILE = shipped("docs", "werf.tombstone-1.schema.json")
_LAPTOP_FORM = r"^[0-9a-f]{12}$"
_ID_FORM_TEXT = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


class SessionArchive(BaseModel):
    """The archive document: the session, and a copy of the protocol it followed."""

    format: Literal["werf.session/1", "werf.session/2", "werf.session/3"] = Field(
        "werf.session/3",
        description="Archive format and version; readers refuse unknown ones. Version 1 has no "
                    "network, themes or owner_kind; versions 1 and 2 have no base_revision, "
                    "laptop or versions.",
    )
    exported_at: datetime = Field(default_factory=utc_now)
    pseudonymised: bool = False
    protocol: Protocol | None = Field(
        None, description="The protocol as it was when exported (id, version, phases)."
    )
    session: Session
    base_revision: int | None = Field(
        None, ge=1, description="The revision of the shared folder's copy this archive was "
                                "merged from; none when it was not based on one.")
    laptop: Annotated[str, StringConstraints(pattern=_LAPTOP_FORM)] | None = Field(
        None, description="The id of the werf database that wrote the archive.")
    versions: dict[Annotated[str, StringConstraints(pattern=f"^{KEY_FORM}$")],
                   dict[Annotated[str, StringConstraints(pattern=r"^(?:[0-9a-f]{12}|~)$")],
                        Annotated[int, Field(ge=0)]]] = Field(
        default_factory=dict,
        description="Per record (note:<id>, action:<id>, done:<id>, member:<id>, field:<name>) "
                    "its version vector: per laptop, how many of its changes the record has "
                    "seen. A key without its record is a record deleted since.")


class Tombstone(BaseModel):
    """A deleted or purged session, in the shared folder under the session's own name."""

    format: Literal["werf.tombstone/1"] = "werf.tombstone/1"
    session_id: Annotated[str, StringConstraints(pattern=f"^{_ID_FORM_TEXT}$")]
    kind: Literal["deleted", "purged"]
    at: UtcDatetime


def archive_json_schema() -> dict:  # type: ignore[type-arg]
    schema = SessionArchive.model_json_schema()
    schema["$id"] = "https://werf.invalid/schema/werf.session-3.schema.json"
    schema["title"] = "werf session archive (werf.session/3)"
    return schema


def tombstone_json_schema() -> dict:  # type: ignore[type-arg]
    schema = Tombstone.model_json_schema()
    schema["$id"] = "https://werf.invalid/schema/werf.tombstone-1.schema.json"
    schema["title"] = "werf tombstone of a deleted or purged session (werf.tombstone/1)"
    return schema


def archive_session(session: Session, protocol: Protocol | None,
                    pseudonymised: bool = False) -> SessionArchive:
    return SessionArchive(protocol=protocol, session=session, pseudonymised=pseudonymised)


Audience = Literal["team", "coordinator"]
AUDIENCES: tuple[Audience, ...] = ("team", "coordinator")


def archive_for(session: Session, audience: Audience, protocol: Protocol | None = None, *,
                lang: str | None = None, names: Iterable[str] = (),
                found: Counter[tuple[str, str]] | None = None) -> SessionArchive:
    """The archive of `session` for those who will read it — what leaves the laptop.

    'team': the whole session, for the team's own folder. 'coordinator': without client
    identifiers — names of clients and everyone else the detector of werf.privacy finds,
    addresses, BSN, phone numbers… in every case-content text are placeholders, the list of
    names to hide is emptied — but with the colleagues' names and roles, so the coordinator's
    figures (facilitators, case bringers, attendance) stay meaningful. `found` receives what
    was replaced: (kind, text) → times. The session itself is left alone."""
    if audience == "team":
        return archive_session(session, protocol)
    if audience != "coordinator":
        raise ValueError(f"unknown audience {audience!r}")
    from werf.i18n import get_language
    from werf.minutes.pseudonymise import pseudonymise_session

    copy = pseudonymise_session(session, lang or get_language(), keep_colleagues=True, names=names, found=found)
    return archive_session(copy, protocol, pseudonymised=True)


def archive_bytes(archive: SessionArchive) -> bytes:
    return archive.model_dump_json(indent=2).encode("utf-8")


_ID_FORM = re.compile(_ID_FORM_TEXT)
__all__ = ["AUDIENCES", "ArchiveError", "Audience", "ImportReport", "SessionArchive", "Tombstone",
           "apply_tombstone", "archive_bytes", "archive_for", "archive_paths", "archive_session",
           "import_archives", "read_archive", "read_document", "write_schema"]


def _shown(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_ids(session: Session) -> None:
    """Every record id is a UUID in the form werf writes (no paths, no control characters),
    and used once within its list."""
    lists: list[tuple[str, list[Any]]] = [
        ("participants", session.participants), ("network", session.network),
        ("notes", session.notes), ("actions", session.actions)]
    found: list[tuple[str, str | None]] = [("session.id", session.id)]
    for name, records in lists:
        seen: set[str] = set()
        for index, record in enumerate(records):
            found.append((f"session.{name}.{index}.id", record.id))
            if record.id in seen:
                raise ArchiveError(_("uses the id {id} twice in session.{list}").format(
                    id=_shown(record.id), list=name))
            seen.add(record.id)
    for index, action in enumerate(session.actions):
        found.append((f"session.actions.{index}.network_member_id", action.network_member_id))
    for index, note in enumerate(session.notes):
        found.append((f"session.notes.{index}.speaker_id", note.speaker_id))
    for where, value in found:
        if value is not None and not _ID_FORM.fullmatch(value):
            raise ArchiveError(_("has an id that is not a UUID at {field}: {value}").format(
                field=where, value=_shown(value)))


def read_archive(path: Path) -> SessionArchive:
    document = read_document(path)
    if isinstance(document, Tombstone):
        raise ArchiveError(_("is a tombstone of a deleted or purged session, not an archive"))
    return document


def read_document(path: Path) -> SessionArchive | Tombstone:
    """An archive or a tombstone, read without trusting the file (ArchiveError: one line)."""
    return document_from(read_limited(path))


def document_from(raw: bytes) -> SessionArchive | Tombstone:
    """An archive or a tombstone from a file's bytes (ArchiveError: one line)."""
    data = parse_archive_json(raw)
    if isinstance(data, dict) and data.get("format") == TOMBSTONE_FORMAT:
        return _validated(Tombstone, data)
    if not isinstance(data, dict) or data.get("format") not in READABLE_FORMATS:
        found = data.get("format") if isinstance(data, dict) else None
        raise ArchiveError(
            _("is not a werf session archive (format {found!r}, expected {expected!r})").format(
                found=found if found is None or isinstance(found, str) else _shown(found),
                expected=ARCHIVE_FORMAT)
        )
    archive = _validated(SessionArchive, data)
    _check_ids(archive.session)
    _language_neutral(archive.session)
    return archive


_Document = TypeVar("_Document", SessionArchive, Tombstone)


def _validated(model: type[_Document], data: dict[str, Any]) -> _Document:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ArchiveError(
            _("does not match the archive format at {field}: {reason}").format(
                field=where[:80], reason=first["msg"]
            )
        ) from exc


def apply_tombstone(store: Store, tombstone: Tombstone) -> bool:
    """Delete or purge the session the tombstone names, and keep the tombstone so no archive
    brings it back (a deletion is never weakened to a purge). A session a werf window here
    holds waits for it (`Store.delete_sessions`, `Store.purge_sessions`). True when this
    changed a session here."""
    sid = tombstone.session_id
    held = store.tombstone(sid)
    deleted = tombstone.kind == "deleted" or (held is not None and held.kind == "deleted")
    if store.load_session(sid) is None:
        store.add_tombstone(sid, tombstone.kind, tombstone.at.isoformat())
        return False
    if deleted:
        return store.delete_sessions([sid]) > 0
    return store.purge_sessions([sid]) > 0


def _language_neutral(session: Session) -> None:
    """Archives hold keys, not translated labels; older ones may have a starting theme in
    the language of the laptop ("mantelzorg") or "de bewoner" as the resident's "who": read
    them as the key and as no "who", as this werf would have saved them."""
    session.themes = stored_themes(session.themes)
    for action in session.actions:
        action.owner = stored_owner(action)


def _name(path: Path) -> str:
    """A file's name on one line: a name with a line break or control character is quoted."""
    text = str(path)
    return text if text.isprintable() else repr(text)


@dataclass
class ImportReport:
    """What an import did, per archive file."""

    added: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    older: list[Path] = field(default_factory=list)
    conflicts: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # tombstones that deleted or purged one
    # archives of sessions deleted or purged here: no archive, older or newer, brings one back
    tombstoned: list[tuple[Path, StoredTombstone]] = field(default_factory=list)
    invalid: list[tuple[Path, str]] = field(default_factory=list)
    other_teams: list[Path] = field(default_factory=list)  # not among the teams asked for

    def lines(self) -> list[str]:
        out = [
            _("{added} added, {updated} updated, {unchanged} already present.").format(
                added=len(self.added), updated=len(self.updated), unchanged=len(self.unchanged)
            )
        ]
        if self.other_teams:
            out.append(ngettext("{count} archive of another team skipped.",
                                "{count} archives of other teams skipped.",
                                len(self.other_teams)).format(count=len(self.other_teams)))
        for path in self.removed:
            out.append(_("{path}: a session deleted or purged elsewhere is removed here too").format(
                path=_name(path)))
        for path in self.older:
            out.append(_("{path}: skipped, the database holds a newer revision").format(path=_name(path)))
        for path in self.conflicts:
            out.append(
                _("{path}: skipped, same revision but different content (a conflict)").format(
                    path=_name(path)
                )
            )
        for path, stone in self.tombstoned:
            message = (_("{path}: skipped, this session was deleted here on {date}") if stone.kind == "deleted"
                       else _("{path}: skipped, this session's case content was removed here on {date} (purge)"))
            out.append(message.format(path=_name(path), date=format_date(stone.at[:10])))
        for path, reason in self.invalid:
            out.append(f"{_name(path)}: {reason}")
        return out

    @property
    def problems(self) -> bool:
        return bool(self.invalid or self.conflicts)


def archive_paths(paths: Iterable[Path]) -> list[Path]:
    """The archive files named, with folders expanded to the *.json entries inside them.

    Folders are walked without following symbolic links to folders (a link loop cannot make
    this endless). Entries named *.json that are not ordinary files (a pipe, a link that
    loops or leads nowhere) are listed too, so the import names them instead of passing
    them over in silence; a folder named *.json is walked like any folder.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_walk(path))
        else:
            found.append(path)
    return found


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return [folder]  # unreadable: the import names it
    for entry in entries:
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_folder = False
        if is_folder:
            found.extend(_walk(Path(entry.path)))
        elif entry.name.lower().endswith(".json"):
            found.append(Path(entry.path))
    return found


def _comparable(session: Session) -> dict:  # type: ignore[type-arg]
    return session.model_dump(mode="json")


def same_team(team: str, teams: Iterable[str]) -> bool:
    """Whether `team` is one of `teams`, as people type them (case and spaces aside)."""
    return name_key(team) in {name_key(name) for name in teams}


def import_archives(store: Store, paths: Iterable[Path],
                    teams: Iterable[str] | None = None) -> ImportReport:
    """Import archives into the store, each session in one transaction; with `teams`, only
    the sessions of those teams (a laptop that reads the whole share takes its own team's).

    A file that cannot be imported is named in the report with one line, and the rest
    still import; nothing is half-imported.
    """
    report = ImportReport()
    wanted = list(teams) if teams else None
    for path in archive_paths(paths):
        try:
            document = read_document(path)
            if isinstance(document, Tombstone):
                if apply_tombstone(store, document):
                    report.removed.append(path)
                continue
            if wanted is not None and not same_team(document.session.team, wanted):
                report.other_teams.append(path)
                continue
            _import_one(store, document.session, path, report)
        except ArchiveError as error:
            report.invalid.append((path, str(error)))
    return report


def _import_one(store: Store, incoming: Session, path: Path, report: ImportReport) -> None:
    stone = store.tombstone(incoming.id)
    if stone is not None:  # deleted or purged here: no archive, older or newer, brings it back
        report.tombstoned.append((path, stone))
        return
    foreign = store.ids_of_other_sessions(incoming)
    if foreign:
        raise ArchiveError(
            _("uses record ids of another session in this database ({ids}); skipped").format(
                ids=", ".join(foreign[:3]) + (" …" if len(foreign) > 3 else "")))
    existing = store.load_session(incoming.id)
    if existing is not None and _comparable(existing) == _comparable(incoming):
        report.unchanged.append(path)
        return
    if existing is not None and (
            (incoming.revision, incoming.updated_at) <= (existing.revision, existing.updated_at)):
        if (incoming.revision, incoming.updated_at) == (existing.revision, existing.updated_at):
            report.conflicts.append(path)
        else:
            report.older.append(path)
        return
    try:
        store.save_session(incoming, replace=True)  # exactly this newer revision is left behind
    except (sqlite3.Error, OverflowError) as exc:
        raise ArchiveError(_("could not be saved: {reason}").format(reason=exc)) from exc
    (report.added if existing is None else report.updated).append(path)


def write_schema(path: Path = SCHEMA_FILE, tombstone: Path = TOMBSTONE_SCHEMA_FILE) -> None:
    """Regenerate the shipped JSON Schemas (docs/) from the models."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for target, schema in ((path, archive_json_schema()), (tombstone, tombstone_json_schema())):
        target.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")

