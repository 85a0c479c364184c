"""Compare snapshot SVGs with their committed versions cell by cell.

A Textual snapshot is an SVG with a <text> element per run of equally styled characters and a
<rect> per background run. Two snapshots can draw exactly the same screen and still differ as
files, when a widget cuts its line into other runs. This script reads each cell — its
character, the CSS rule of its text style (not the class number) and its background — from
the file and from `git show REV:FILE`, and says whether any cell differs.

    python scripts/svg_cells.py [--rev HEAD] FILE.svg ...

Exit status 1 when a cell differs in any file.
"""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys

from rich.cells import cell_len

CELL_WIDTH = 12.2  # rich's export_svg: a 20 px font at 0.61 aspect ratio
LINE_HEIGHT = 24.4

Cell = tuple[str, str | None, str | None]  # character, text style (for a visible character), background


def cells(svg: str) -> dict[tuple[int, int], Cell]:
    rules = dict(re.findall(r"\.(terminal-r\d+) \{ ([^}]*) \}", svg))
    found: dict[tuple[int, int], dict[str, str]] = {}
    for match in re.finditer(
            r'<rect fill="([^"]*)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"', svg):
        fill, x, y, width = match.group(1), *map(float, match.groups()[1:])
        row = round((y - 1.5) / LINE_HEIGHT)
        for column in range(round(x / CELL_WIDTH), round((x + width) / CELL_WIDTH)):
            found.setdefault((row, column), {})["background"] = fill
    for match in re.finditer(
            r'<text class="([^"]*)" x="([\d.]+)" y="([\d.]+)" textLength="[\d.]+"[^>]*>(.*?)</text>',
            svg):
        name, x, y, text = match.group(1), float(match.group(2)), float(match.group(3)), match.group(4)
        row, column = round((y - 20) / LINE_HEIGHT), round(x / CELL_WIDTH)
        for char in html.unescape(text):
            cell = found.setdefault((row, column), {})
            cell["char"], cell["style"] = char, str(rules.get(name, name))
            column += max(cell_len(char), 1)
    result: dict[tuple[int, int], Cell] = {}
    for where, cell in found.items():
        char = cell.get("char", " ").replace("\xa0", " ")
        result[where] = (char, cell.get("style") if char.strip() else None, cell.get("background"))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="HEAD")
    parser.add_argument("files", nargs="+")
    arguments = parser.parse_args()
    differing = 0
    for path in arguments.files:
        old = subprocess.run(["git", "show", f"{arguments.rev}:{path}"], capture_output=True,
                             text=True, check=True).stdout
        with open(path, encoding="utf-8") as file:
            new = file.read()
        before, after = cells(old), cells(new)
        changed = sorted(where for where in set(before) | set(after)
                         if before.get(where) != after.get(where))
        print(f"{len(changed)} cells differ: {path}" if changed else f"the same cells: {path}")
        for where in changed[:10]:
            print(f"    row {where[0]}, column {where[1]}: {before.get(where)} -> {after.get(where)}")
        differing += bool(changed)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
