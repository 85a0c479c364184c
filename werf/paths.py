"""Where werf keeps its files: database, config, the user's own protocols, exports.

One function answers each question so tests can point everything at a temporary folder
(set WERF_HOME) without touching the user's real files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "werf"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "werf.db"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def protocols_dir(self) -> Path:
        return self.config_dir / "protocols"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"


def default_paths() -> Paths:
    """Platform folders, or everything below $WERF_HOME when that is set."""
    home = os.environ.get("WERF_HOME")
    if home:
        root = Path(home)
        return Paths(data_dir=root / "data", config_dir=root / "config")
    return Paths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db wins, then $WERF_DB, then the default database in the user data folder."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get("WERF_DB")
    if from_env:
        return Path(from_env)
    return default_paths().database


def make_private_dir(path: Path) -> None:
    """Create a folder readable by its owner only (case content is confidential)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
