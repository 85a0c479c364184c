"""Collect every translatable string of werf and merge it into werf/locale/nl.po.

Babel's Python extractor finds the literal arguments of `_()`, `N_()`, `gettext()` and the
singular and plural of `ngettext()` / `translate_plural()` in werf/ (comments in the code
that start with "Translators:" become `#.` comments). Babel's catalog update merges them
into the PO file:

- existing translations are kept, and so are fuzzy flags and translator comments (`# ` and
  `#.` lines written in the PO file);
- a new string close to an old one gets the old translation marked fuzzy (werf does not show
  fuzzy translations until a translator removes the flag), in the old one's place;
- other new strings are added at the end with an empty msgstr, strings no longer used are
  dropped;
- entries stay in the order of the file and are written the way werf's PO files are written
  (one line per string, one location line), so a merge of two branches stays small.

Babel is a development tool (the `test` extra): werf itself reads PO files with its own small
reader (werf/i18n.py). Run: python scripts/extract_messages.py
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "werf"
CATALOG = PACKAGE / "locale" / "nl.po"

# function name → which arguments are message ids (None: the first; (1, 2): singular, plural)
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "translate_plural": (1, 2),
}
COMMENT_TAGS = ("Translators:",)
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
MAX_LOCATIONS = 3
FORMAT_FLAGS = {"python-format", "python-brace-format"}  # not written: werf's files have none


def extract(package: Path = PACKAGE) -> Catalog:
    """Every message of the package, with where it is used (a template, no translations)."""
    template = Catalog(fuzzy=False)
    prefix = package.relative_to(package.parent).as_posix()
    for filename, lineno, message, comments, context in extract_from_dir(
            str(package), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=COMMENT_TAGS, strip_comment_tags=True):
        template.add(message, None, [(f"{prefix}/{filename}", lineno)], auto_comments=comments,
                     context=context)
    for filename, lineno, message in _in_fstrings(package):
        if message not in template:
            template.add(message, None, [(f"{prefix}/{filename}", lineno)])
        else:
            template[message].locations.append((f"{prefix}/{filename}", lineno))
    for entry in template:
        entry.flags -= FORMAT_FLAGS
    return template


def _in_fstrings(package: Path) -> Iterator[tuple[str, int, str | tuple[str, str]]]:
    """Calls like f"{_('Sessions')}: {n}": Babel reads them only on Python 3.12 and later,
    where f-strings are tokenised; werf supports 3.11, so they are found in the syntax tree."""
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fstring in ast.walk(tree):
            if not isinstance(fstring, ast.JoinedStr):
                continue
            for node in ast.walk(fstring):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id in KEYWORDS):
                    continue
                spec = KEYWORDS[node.func.id] or (1,)
                args = [node.args[i - 1] if i - 1 < len(node.args) else None for i in spec]
                if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                    values = [a.value for a in args]  # type: ignore[union-attr]
                    message = values[0] if len(values) == 1 else (values[0], values[1])
                    yield path.relative_to(package).as_posix(), node.lineno, message


def messages(package: Path = PACKAGE) -> dict[str, list[str]]:
    """msgid (the singular for a plural) → where it is used (file:line), in source order."""
    return {_key(entry.id): [f"{file}:{line}" for file, line in entry.locations]
            for entry in extract(package) if entry.id}


def plural_messages(package: Path = PACKAGE) -> dict[str, str]:
    """singular msgid → plural msgid, for the messages used with ngettext."""
    return {entry.id[0]: entry.id[1] for entry in extract(package)
            if isinstance(entry.id, (list, tuple))}


def _key(msgid: str | Iterable[str]) -> str:
    return msgid if isinstance(msgid, str) else next(iter(msgid))


def _header(text: str) -> str:
    """The file's first block (comment and the msgid "" header) as it is, with Plural-Forms."""
    head = text.split("\n\n", 1)[0].rstrip("\n") if text.strip() else (
        '# werf — nl translation. Edit msgstr; msgid is the English text.\nmsgid ""\nmsgstr ""\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: nl\\n"')
    if "Plural-Forms:" not in head:
        head += f'\n"Plural-Forms: {PLURAL_FORMS}\\n"'
    return head


def quote(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


def format_entry(entry: Message, plurals: int = 2) -> str:
    lines = [f"# {comment}" if comment else "#" for comment in entry.user_comments]
    lines += [f"#. {comment}" for comment in entry.auto_comments]
    if entry.locations:
        lines.append("#: " + " ".join(f"{file}:{line}" for file, line in entry.locations[:MAX_LOCATIONS]))
    flags = sorted(entry.flags)
    if flags:
        lines.append("#, " + ", ".join(flags))
    for previous, keyword in zip(entry.previous_id or [], ("msgid", "msgid_plural"), strict=False):
        lines.append(f"#| {keyword} {quote(previous)}")
    if isinstance(entry.id, (list, tuple)):
        forms = entry.string if isinstance(entry.string, (list, tuple)) else (entry.string or "",)
        lines.append(f"msgid {quote(entry.id[0])}")
        lines.append(f"msgid_plural {quote(entry.id[1])}")
        lines += [f"msgstr[{i}] {quote(forms[i] if i < len(forms) else '')}" for i in range(plurals)]
    else:
        lines.append(f"msgid {quote(entry.id)}")
        lines.append(f"msgstr {quote(entry.string or '')}")
    return "\n".join(lines) + "\n"


def merge(template: Catalog, path: Path) -> tuple[int, int]:
    """Merge the template into the PO file at path; (messages, messages without a usable
    translation: empty, partly empty or fuzzy)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    old = read_po(BytesIO(text.encode("utf-8")), locale="nl", abort_invalid=True)
    order = [_key(entry.id) for entry in old if entry.id]
    written_comments = {_key(entry.id): list(entry.auto_comments) for entry in old if entry.id}
    old.update(template, no_fuzzy_matching=False, update_header_comment=False,
               update_creation_date=False)
    merged = {_key(entry.id): entry for entry in old if entry.id}

    # the old order; a changed msgid (fuzzy match of a dropped one) takes the dropped one's place
    placed: list[str] = []
    replacing: dict[str, str] = {}
    for key, entry in merged.items():
        previous = _key(entry.previous_id) if entry.previous_id else None
        if key not in written_comments and previous and previous not in merged and previous not in replacing:
            replacing[previous] = key
    for key in order:
        if key in merged:
            placed.append(key)
        elif key in replacing:
            placed.append(replacing[key])
    placed += [key for key in merged if key not in set(placed)]

    missing = 0
    blocks = [_header(text)]
    for key in placed:
        entry = merged[key]
        # `#.` comments written in the PO file stay, after those from the code
        entry.auto_comments = list(dict.fromkeys([*entry.auto_comments, *written_comments.get(key, [])]))
        entry.flags -= FORMAT_FLAGS
        forms = entry.string if isinstance(entry.string, (list, tuple)) else [entry.string]
        missing += "fuzzy" in entry.flags or not all(forms)
        blocks.append(format_entry(entry, old.num_plurals))
    path.write_text("\n".join(block.rstrip("\n") + "\n" for block in blocks), encoding="utf-8")
    return len(placed), missing


def write_catalog(path: Path = CATALOG, package: Path = PACKAGE) -> tuple[int, int]:
    return merge(extract(package), path)


if __name__ == "__main__":
    total, missing = write_catalog(Path(sys.argv[1]) if len(sys.argv) > 1 else CATALOG)
    print(f"{total} messages, {missing} without a translation (empty or fuzzy)")
