"""Load and validate protocol files.

A protocol file that cannot be read or does not validate becomes a `ProtocolFileError` that
names the file, the field (or line) and the reason; the other files still load.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from werf.dates import format_decimal
from werf.i18n import N_, _
from werf.models import Protocol

BUILTIN_DIR = Path(__file__).parent

# pydantic error types → a reason a facilitator can read, in their language
_REASONS = {
    "missing": N_("this field is required"),
    "extra_forbidden": N_("unknown field"),
    "greater_than": N_("must be greater than {gt}"),
    "greater_than_equal": N_("must be at least {ge}"),
    "less_than_equal": N_("must be at most {le}"),
    "int_parsing": N_("must be a whole number"),
    "int_type": N_("must be a whole number"),
    "float_parsing": N_("must be a number"),
    "float_type": N_("must be a number"),
    "string_type": N_("must be text"),
    "bool_type": N_("must be true or false"),
    "bool_parsing": N_("must be true or false"),
    "list_type": N_("must be a list"),
    "too_short": N_("must not be empty"),
    "string_too_short": N_("must not be empty"),
    "string_pattern_mismatch": N_("may only hold lowercase letters, digits, - and _"),
    "enum": N_("must be one of: {expected}"),
    "model_type": N_("must be a table"),
    "dict_type": N_("must be a table"),
}


@dataclass(frozen=True)
class ProtocolFileError:
    """Why one protocol file could not be used."""

    path: Path
    location: str  # a field path such as "phases[2].minutes", or "line 7"
    reason: str

    def describe(self) -> str:
        return _("{file}: {location}: {reason}").format(
            file=self.path, location=self.location or "-", reason=self.reason
        )


@dataclass
class ProtocolCatalog:
    """The protocols that loaded, in a stable order, and the files that did not."""

    protocols: dict[str, Protocol] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    errors: list[ProtocolFileError] = field(default_factory=list)

    def get(self, protocol_id: str) -> Protocol | None:
        return self.protocols.get(protocol_id)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.protocols.values())

    def __len__(self) -> int:
        return len(self.protocols)


def _location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _reason(error: dict) -> str:  # type: ignore[type-arg]
    template = _REASONS.get(error["type"])
    if template is None:
        message = str(error.get("msg", ""))
        return message.removeprefix("Value error, ")
    context = {
        key: format_decimal(value, None) if isinstance(value, float) else str(value)
        for key, value in (error.get("ctx") or {}).items()
    }
    try:
        return _(template).format(**context)
    except (KeyError, IndexError):
        return _(template)


def validation_errors(path: Path, exc: ValidationError) -> list[ProtocolFileError]:
    return [
        ProtocolFileError(path, _location(tuple(error["loc"])), _reason(dict(error)))
        for error in exc.errors()
    ]


def load_protocol_file(path: Path) -> Protocol:
    """Read and validate one protocol file; raise `ProtocolLoadFailed` listing every error."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProtocolLoadFailed([ProtocolFileError(path, "", exc.strerror or str(exc))]) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        reason = _("the file is not UTF-8 text")
        raise ProtocolLoadFailed([ProtocolFileError(path, "", reason)]) from exc
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        location = _("line {line}").format(line=match.group(1)) if match else ""
        reason = _("broken TOML: {detail}").format(detail=str(exc))
        raise ProtocolLoadFailed([ProtocolFileError(path, location, reason)]) from exc
    try:
        return Protocol.model_validate(data)
    except ValidationError as exc:
        raise ProtocolLoadFailed(validation_errors(path, exc)) from exc


class ProtocolLoadFailed(Exception):
    def __init__(self, errors: list[ProtocolFileError]) -> None:
        super().__init__("; ".join(error.describe() for error in errors))
        self.errors = errors


def protocol_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("*.toml") if path.is_file())


def load_catalog(extra_dirs: Iterable[Path] = ()) -> ProtocolCatalog:
    """Load the built-in protocols, then the user's; a bad or duplicate file is reported."""
    catalog = ProtocolCatalog()
    for folder in (BUILTIN_DIR, *extra_dirs):
        for path in protocol_files(folder):
            try:
                protocol = load_protocol_file(path)
            except ProtocolLoadFailed as failed:
                catalog.errors.extend(failed.errors)
                continue
            if protocol.id in catalog.protocols:
                reason = _("duplicate protocol id '{id}', already defined in {other}").format(
                    id=protocol.id, other=catalog.sources[protocol.id]
                )
                catalog.errors.append(ProtocolFileError(path, "id", reason))
                continue
            catalog.protocols[protocol.id] = protocol
            catalog.sources[protocol.id] = path
    return catalog
