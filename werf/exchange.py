"""Session archives (`werf.session/2`): one JSON document per session, for sharing sessions
between laptops through a shared folder, without a server.

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from werf.i18n import _
from werf.models import Protocol, Session, utc_now
from werf.network import stored_owner
from werf.store import Store
from werf.theme_list import stored_themes

ARCHIVE_FORMAT = "werf.session/2"
READABLE_FORMATS = ("werf.session/1", "werf.session/2")
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "docs" / "werf.session-2.schema.json"


class SessionArchive(BaseModel):
    """The archive document: the session, and a copy of the protocol it followed."""

    format: Literal["werf.session/1", "werf.session/2"] = Field(
        "werf.session/2",
        description="Archive format and version; readers refuse unknown ones. Version 1 has no "
                    "network, themes or owner_kind.",
    )
    exported_at: datetime = Field(default_factory=utc_now)
    pseudonymised: bool = False
    protocol: Protocol | None = Field(
        None, description="The protocol as it was when exported (id, version, phases)."
    )
    session: Session


def archive_json_schema() -> dict:  # type: ignore[type-arg]
    schema = SessionArchive.model_json_schema()
    schema["$id"] = "https://werf.invalid/schema/werf.session-2.schema.json"
    schema["title"] = "werf session archive (werf.session/2)"
    return schema


def archive_session(session: Session, protocol: Protocol | None,
                    pseudonymised: bool = False) -> SessionArchive:
    return SessionArchive(protocol=protocol, session=session, pseudonymised=pseudonymised)


def archive_bytes(archive: SessionArchive) -> bytes:
    return archive.model_dump_json(indent=2).encode("utf-8")


class ArchiveError(Exception):
    """An archive file that could not be read; the message is in the user's language."""


def read_archive(path: Path) -> SessionArchive:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArchiveError(_("cannot be read: {reason}").format(reason=exc.strerror)) from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArchiveError(_("is not valid JSON: {reason}").format(reason=exc)) from exc
    if not isinstance(data, dict) or data.get("format") not in READABLE_FORMATS:
        found = data.get("format") if isinstance(data, dict) else None
        raise ArchiveError(
            _("is not a werf session archive (format {found!r}, expected {expected!r})").format(
                found=found, expected=ARCHIVE_FORMAT
            )
        )
    try:
        archive = SessionArchive.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ArchiveError(
            _("does not match the archive format at {field}: {reason}").format(
                field=where, reason=first["msg"]
            )
        ) from exc
    _language_neutral(archive.session)
    return archive


def _language_neutral(session: Session) -> None:
    """Archives hold keys, not translated labels; older ones may have a starting theme in
    the language of the laptop ("mantelzorg") or "de bewoner" as the resident's "who": read
    them as the key and as no "who", as this werf would have saved them."""
    session.themes = stored_themes(session.themes)
    for action in session.actions:
        action.owner = stored_owner(action)


@dataclass
class ImportReport:
    """What an import did, per archive file."""

    added: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    older: list[Path] = field(default_factory=list)
    conflicts: list[Path] = field(default_factory=list)
    invalid: list[tuple[Path, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            _("{added} added, {updated} updated, {unchanged} already present.").format(
                added=len(self.added), updated=len(self.updated), unchanged=len(self.unchanged)
            )
        ]
        for path in self.older:
            out.append(_("{path}: skipped, the database holds a newer revision").format(path=path))
        for path in self.conflicts:
            out.append(
                _("{path}: skipped, same revision but different content (a conflict)").format(
                    path=path
                )
            )
        for path, reason in self.invalid:
            out.append(f"{path}: {reason}")
        return out

    @property
    def problems(self) -> bool:
        return bool(self.invalid or self.conflicts)


def archive_paths(paths: Iterable[Path]) -> list[Path]:
    """The archive files named, with folders expanded to the .json files inside them."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        else:
            found.append(path)
    return found


def _comparable(session: Session) -> dict:  # type: ignore[type-arg]
    return session.model_dump(mode="json")


def import_archives(store: Store, paths: Iterable[Path]) -> ImportReport:
    """Import archives into the store, each session in one transaction."""
    report = ImportReport()
    for path in archive_paths(paths):
        if not path.exists():
            report.invalid.append((path, _("does not exist")))
            continue
        try:
            archive = read_archive(path)
        except ArchiveError as error:
            report.invalid.append((path, str(error)))
            continue
        incoming = archive.session
        existing = store.load_session(incoming.id)
        if existing is None:
            store.save_session(incoming, replace=True)
            report.added.append(path)
        elif _comparable(existing) == _comparable(incoming):
            report.unchanged.append(path)
        elif (incoming.revision, incoming.updated_at) > (existing.revision, existing.updated_at):
            store.save_session(incoming, replace=True)
            report.updated.append(path)
        elif incoming.revision == existing.revision and incoming.updated_at == existing.updated_at:
            report.conflicts.append(path)
        else:
            report.older.append(path)
    return report


def write_schema(path: Path = SCHEMA_FILE) -> None:
    """Regenerate the shipped JSON Schema (docs/) from the model."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(archive_json_schema(), indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")

