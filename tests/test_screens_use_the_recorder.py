"""Screens change sessions only through the recorder (`werf.recorder`): they never build
notes, action points or network members, never count revisions and never write SQL; and they
reach the app's own attributes through the typed `werf` property, without type: ignore."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREENS = sorted((ROOT / "werf" / "screens").glob("*.py"))
RECORDS = {"Note", "Action", "NetworkMember"}
SQL = re.compile(r"\b(SELECT\b.*\bFROM|UPDATE\b.*\bSET|INSERT\s+INTO|DELETE\s+FROM)\b",
                 re.DOTALL)  # keywords in capitals, as werf writes its SQL


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def offences(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _name(node.func) in RECORDS:
            found.append(f"line {node.lineno}: builds a {_name(node.func)}")
        if isinstance(node, (ast.BinOp, ast.AugAssign)):
            parts = [node.left, node.right] if isinstance(node, ast.BinOp) else [node.target, node.value]
            if any("revision" in _name(part) for part in parts):
                found.append(f"line {node.lineno}: revision arithmetic")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            found.append(f"line {node.lineno}: SQL {node.value[:40]!r}")
    return found


def test_no_screen_builds_records_counts_revisions_or_writes_sql() -> None:
    assert SCREENS
    bad = {path.name: offences(path.read_text(encoding="utf-8")) for path in SCREENS}
    assert {name: found for name, found in bad.items() if found} == {}


def test_the_check_itself_can_fail() -> None:
    source = (
        "from werf.models import Note, Action\n"
        "import werf.models as m\n"
        "note = Note(phase_index=0, text='x')\n"
        "action = m.Action(phase_index=0, text='y')\n"
        "session.revision += 1\n"
        "next_revision = session.revision + 1\n"
        "db.execute('UPDATE sessions SET revision = 2')\n"
        "db.execute('DELETE FROM notes WHERE id = ?')\n"
    )
    assert len(offences(source)) == 6
    assert offences("text = 'Select a session from the list'\nn = note.model_copy()\n") == []


def test_screens_and_widgets_reach_the_app_through_a_typed_property() -> None:
    """`self.werf` (werf/screens/base.py) is the app with its attributes typed: no
    `type: ignore[attr-defined]` for store, catalog, config, today, clock or ask."""
    found = [f"{path.relative_to(ROOT)}:{number}"
             for folder in ("screens", "widgets")
             for path in sorted((ROOT / "werf" / folder).glob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if "ignore[attr-defined]" in line]
    assert found == []
