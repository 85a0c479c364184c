"""werf's own themes: high contrast for projectors, light and dark.

The chosen theme is remembered in a small state file beside the config (the user's
config.toml is theirs to edit; werf never rewrites it).
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.theme import Theme

from werf.paths import default_paths, make_private_dir

HIGH_CONTRAST_LIGHT = Theme(
    name="werf-high-contrast-light",
    primary="#0000B0",
    secondary="#5A0080",
    accent="#003D99",
    warning="#8A4B00",
    error="#B00000",
    success="#006400",
    foreground="#000000",
    background="#FFFFFF",
    surface="#FFFFFF",
    panel="#E8E8E8",
    dark=False,
    variables={"text-muted": "#1A1A1A", "footer-key-foreground": "#0000B0"},
)

HIGH_CONTRAST_DARK = Theme(
    name="werf-high-contrast-dark",
    primary="#FFD700",
    secondary="#00FFFF",
    accent="#FFD700",
    warning="#FFB000",
    error="#FF5555",
    success="#00FF66",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
    variables={"text-muted": "#E6E6E6", "footer-key-foreground": "#FFD700"},
)

WERF_THEMES = (HIGH_CONTRAST_LIGHT, HIGH_CONTRAST_DARK)


def state_file() -> Path:
    return default_paths().config_dir / "state.json"


def remembered_theme() -> str | None:
    try:
        value = json.loads(state_file().read_text(encoding="utf-8")).get("theme")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def remember_theme(name: str) -> None:
    path = state_file()
    make_private_dir(path.parent)
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(state, dict):
            state = {}
    except (OSError, ValueError):
        state = {}
    state["theme"] = name
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(state), encoding="utf-8")
    temp.chmod(0o600)
    temp.replace(path)
