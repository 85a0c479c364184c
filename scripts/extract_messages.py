"""Collect every translatable string of werf and update werf/locale/nl.po.

Strings are the literal first arguments of `_()` and `N_()` calls in werf/. Existing
translations are kept; new strings are added with an empty msgstr for the translator, and
strings no longer used are dropped. Run: python scripts/extract_messages.py
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werf.i18n import LOCALE_DIR, parse_po  # noqa: E402


def messages(package: Path = ROOT / "werf") -> dict[str, list[str]]:
    """msgid → where it is used (file:line), in source order."""
    found: dict[str, list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                found.setdefault(node.args[0].value, []).append(where)
    return found


def quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def write_catalog(language: str = "nl") -> tuple[int, int]:
    path = LOCALE_DIR / f"{language}.po"
    existing = parse_po(path.read_text(encoding="utf-8")) if path.exists() else {}
    found = messages()
    lines = [
        f"# werf — {language} translation. Edit msgstr; msgid is the English text.",
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {language}\\n"',
        "",
    ]
    missing = 0
    for msgid, places in found.items():
        translation = existing.get(msgid, "")
        missing += not translation
        lines.append("#: " + " ".join(places[:3]))
        lines.append(f"msgid {quote(msgid)}")
        lines.append(f"msgstr {quote(translation)}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return len(found), missing


if __name__ == "__main__":
    total, missing = write_catalog()
    print(f"{total} messages, {missing} without a translation")
