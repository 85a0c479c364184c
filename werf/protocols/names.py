"""The built-in protocols' names, read straight from their TOML files (no models, no
validation: they ship with werf, and the catalog validates them). The home screen names the
protocols of its latest sessions with these until the catalog is loaded.

Only the top-level `id` and the `[name]` table are parsed (TOML parsing whole files, with
their long descriptions, costs more than the rest of the first screen's look at the data).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).parent
ID_AND_NAME = re.compile(r'^(id = [^\n]*)\n.*?^(\[name\]\n(?:\w+ = [^\n]*\n)+)', re.M | re.S)


@cache
def builtin_names() -> dict[str, dict[str, str]]:
    """Protocol id → {language: name}."""
    names: dict[str, dict[str, str]] = {}
    for path in sorted(FOLDER.glob("*.toml")):
        try:
            found = ID_AND_NAME.search(path.read_text(encoding="utf-8"))
            if found is None:
                continue
            data = tomllib.loads(found.group(1) + "\n" + found.group(2))
            names[str(data["id"])] = {str(k): str(v) for k, v in dict(data["name"]).items()}
        except (OSError, ValueError, KeyError, TypeError):
            continue  # the catalog will report it
    return names
