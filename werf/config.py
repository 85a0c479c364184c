"""The user's settings: one TOML file in the platform config folder (`werf paths`).

A setting that does not validate is reported (file, field, reason) and its default is used;
werf still starts. `Config` is a plain dataclass, validated by pydantic only when a config
file exists, so starting werf without one does not load pydantic before the first screen.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from annotated_types import Ge

from werf.dates import add_months
from werf.i18n import _
from werf.paths import default_paths, make_private_dir

ExportFormat = Literal["docx", "md", "json"]


@dataclass
class Config:
    """Every setting with its default; the comments are the documentation."""

    language: Literal["nl", "en"] | None = None  # nl or en; default: the system locale
    default_protocol: str | None = None  # protocol id chosen at setup
    export_dir: Path | None = None  # where minutes go, e.g. the shared drive
    shared_folder: Path | None = None  # sessions exchanged with the team and coordinator
    template: Path | None = None  # a .docx whose styles the minutes use
    archive_on_finish: bool = False  # write a session archive on finish
    export_formats: list[ExportFormat] = field(default_factory=lambda: ["docx"])
    pseudonymise: bool = False  # pseudonymise exports by default
    minutes_by_speaker: bool = False  # minutes group a round's notes by who said them
    bell: bool = True  # ring the terminal bell once when a phase runs over
    retention_months: Annotated[int, Ge(1)] | None = None  # months case content is kept
    theme: str | None = None  # theme name, e.g. werf-high-contrast-light
    animations: bool = True  # false turns animations off
    cursor_blink: bool = True  # false: a steady text cursor (calmer on a projector)
    # whom archives in the shared folder are for: "coordinator" = without client identifiers
    # (colleagues' names and roles kept), "team" = whole, for a folder only the team reads
    shared_folder_audience: Literal["coordinator", "team"] = "coordinator"
    # the team's pulse (werf/pulse.py) every N sessions of a team, in the last phase; off by
    # default: the team chooses to take it. 1: every session, 4: every fourth
    pulse_every: Annotated[int, Ge(1)] | None = None
    keymap: dict[str, str] = field(default_factory=dict)  # binding id = keys

    def export_folder(self) -> Path:
        """The configured export folder; werf's own default is created (private) when
        missing, a configured one (a shared drive) must exist."""
        if self.export_dir is not None:
            return self.export_dir.expanduser()
        folder = default_paths().exports_dir
        make_private_dir(folder)
        return folder

    def retention_cutoff(self, today: date) -> date | None:
        """Sessions held before this date are past the retention period: the same day
        `retention_months` calendar months ago (the month's last day when it is shorter)."""
        if not self.retention_months:
            return None
        return add_months(today, -self.retention_months)

    def as_dict(self) -> dict[str, Any]:
        return {key: str(value) if isinstance(value, Path) else value
                for key, value in dataclasses.asdict(self).items()}


def config_path() -> Path:
    return default_paths().config_file


def _validate(data: dict[str, Any]) -> Config:
    from pydantic import ConfigDict, TypeAdapter, with_config

    strict = with_config(ConfigDict(extra="forbid"))(Config)
    return TypeAdapter(strict).validate_python(data)


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The settings, and messages about what in the file could not be used."""
    path = path or config_path()
    if not path.exists():
        return Config(), []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Config(), [_("{file}: cannot be read: {reason}").format(file=path, reason=exc)]
    from pydantic import ValidationError

    try:
        return _validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"])
            problems.append(_("{file}: {field}: {reason} (the default is used)").format(
                file=path, field=where, reason=error["msg"]))
            if error["loc"]:
                data.pop(str(error["loc"][0]), None)
        try:
            return _validate(data), problems
        except ValidationError:
            return Config(), problems
