"""The user's settings: one TOML file in the platform config folder (`werf paths`).

A setting that does not validate is reported (file, field, reason) and its default is used;
werf still starts.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from werf.i18n import _
from werf.paths import default_paths

ExportFormat = Literal["docx", "md", "json"]


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: Literal["nl", "en"] | None = Field(None, description="nl or en; default: system")
    default_protocol: str | None = Field(None, description="protocol id chosen at setup")
    export_dir: Path | None = Field(None, description="where minutes go, e.g. the shared drive")
    template: Path | None = Field(None, description="a .docx whose styles the minutes use")
    archive_on_finish: bool = Field(False, description="write a session archive on finish")
    export_formats: list[ExportFormat] = Field(
        default_factory=lambda: list[ExportFormat](["docx"]),
        description="formats written by the export action",
    )
    pseudonymise: bool = Field(False, description="pseudonymise exports by default")
    bell: bool = Field(True, description="ring the terminal bell once when a phase runs over")
    retention_months: int | None = Field(
        None, ge=1, description="months case content is kept; `werf purge` removes older")
    theme: str | None = Field(None, description="theme name, e.g. werf-high-contrast-light")
    animations: bool = Field(True, description="false turns animations off")
    keymap: dict[str, str] = Field(
        default_factory=dict, description="binding id = keys, e.g. toggle_timer = \"space\""
    )

    def export_folder(self) -> Path:
        folder = self.export_dir or default_paths().exports_dir
        return folder.expanduser()


def config_path() -> Path:
    return default_paths().config_file


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The settings, and messages about what in the file could not be used."""
    path = path or config_path()
    if not path.exists():
        return Config(), []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Config(), [_("{file}: cannot be read: {reason}").format(file=path, reason=exc)]
    try:
        return Config.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"])
            problems.append(_("{file}: {field}: {reason} (the default is used)").format(
                file=path, field=field, reason=error["msg"]))
            if error["loc"]:
                data.pop(str(error["loc"][0]), None)
        try:
            return Config.model_validate(data), problems
        except ValidationError:
            return Config(), problems
