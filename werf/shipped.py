"""Files werf reads at run time that the repository keeps outside the package.

The repository keeps the fictional demo sessions in `data/` and the archive's JSON Schema in
`docs/` (the project's layout). A wheel carries both inside the package, as `werf/data/` and
`werf/docs/` (`setup.py` maps the two folders there). `shipped()` finds a file in either
place, so `werf demo` works the same from a checkout, an editable install and an installed
wheel.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
FOLDERS = ("data", "docs")


def shipped(folder: str, name: str) -> Path:
    """The path of `name` in the shipped `folder` ("data" or "docs"): inside the installed
    package when werf runs from a wheel, else in the repository beside the package."""
    if folder not in FOLDERS:
        raise ValueError(f"werf ships no folder {folder!r}")
    inside = PACKAGE_DIR / folder / name
    if inside.is_file():
        return inside
    return PACKAGE_DIR.parent / folder / name
