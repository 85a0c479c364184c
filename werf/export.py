"""Writing exports (minutes, archives, the book of takeaways) into a folder, such as the team's shared drive.

File names sort by date and say team and case; they are safe on Windows shares. Writes go through
`werf.new_file`: whole or not at all, never over an existing file, on any filesystem, under
Windows' path limit. A missing, read-only or full folder gives a clear message; the session
stays in the database.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from werf.i18n import translate
from werf.models import Protocol, Session
from werf.new_file import MAX_NAME, FileName, check_folder, windows_safe_stem, write_new_file
from werf.new_file import ExportError as ExportError  # raised by the writes; callers catch it here

if TYPE_CHECKING:
    from werf.exchange import Audience
    from werf.takeaways import TakeawayBook

FORMATS = ("docx", "md", "json")
BOOK_FORMATS = ("docx", "md")


def safe_name(text: str) -> str:
    """A piece of a file name that Windows, macOS and Linux shares all accept."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = re.sub(r'[<>:"/\\|?*\[\]]', " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    return text


def export_name(session: Session, pseudonymised: bool = False) -> FileName:
    """The parts of `2026-11-24 Wijkteam Noord - Eenzame buurman`: date and team first (they
    stay when a long name is shortened), the case title (left out when pseudonymised), and the
    session's short id, shown when there is no title or it was left out or shortened."""
    head = " ".join(p for p in (session.date.isoformat(), safe_name(session.team)) if p)
    case = "" if pseudonymised else safe_name(session.case_title)
    return FileName(head, case, session.id[:8], show_tag=not case)


def export_stem(session: Session, pseudonymised: bool = False) -> str:
    """`2026-11-24 Wijkteam Noord - Eenzame buurman`: sorts by date, says team and case."""
    return windows_safe_stem(export_name(session, pseudonymised).fitted(MAX_NAME).rstrip(" ."))


def atomic_write(folder: Path, stem: FileName | str, suffix: str, data: bytes, *,
                 private: bool | None = None) -> Path:
    """Write `data` under a free name in `folder`, whole or not at all (werf.new_file)."""
    return write_new_file(folder, stem, suffix, data, private=private)


@dataclass
class Exported:
    session_id: str
    path: Path
    warnings: list[str]
    # what pseudonymising replaced: (kind, text) → times (see werf.minutes.replaced)
    found: Counter[tuple[str, str]] = field(default_factory=Counter)


def render(session: Session, protocol: Protocol | None, fmt: str, *, lang: str,
           pseudonymise: bool = False, template: Path | None = None,
           names: Iterable[str] = (), keep: Iterable[str] = (),
           found: Counter[tuple[str, str]] | None = None,
           audience: Audience = "team", by_speaker: bool = False) -> tuple[bytes, list[str]]:
    """The bytes of one export and any warnings (a missing template style, dropped chars).
    Pseudonymised, `names` are replaced too, the found texts in `keep` stay as written, and
    `found` receives what was replaced: (kind, text) → times. An archive (json) is made for
    `audience` (werf.exchange.archive_for). `by_speaker`: minutes group notes by who said them."""
    if fmt == "json":
        from werf.exchange import archive_bytes, archive_for, archive_session

        if pseudonymise:
            from werf.minutes import pseudonymise_session

            session = pseudonymise_session(session, lang, names=names, keep=keep, found=found)
            return archive_bytes(archive_session(session, protocol, pseudonymised=True)), []
        return archive_bytes(archive_for(session, audience, protocol, lang=lang, names=names, found=found)), []
    from werf.minutes import build_content, render_docx, render_markdown

    content = build_content(session, protocol, lang, pseudonymise=pseudonymise, names=names, keep=keep,
                            found=found, by_speaker=by_speaker)
    if fmt == "md":
        return render_markdown(content).encode("utf-8"), list(content.warnings)
    if fmt == "docx":
        data, warnings = render_docx(content, template)
        return data, list(content.warnings) + warnings
    raise ValueError(f"unknown format {fmt!r}")


def export_session(session: Session, protocol: Protocol | None, fmt: str, folder: Path, *,
                   lang: str, pseudonymise: bool = False,
                   template: Path | None = None, names: Iterable[str] = (),
                   keep: Iterable[str] = (), audience: Audience = "team",
                   by_speaker: bool = False) -> Exported:
    check_folder(folder)
    found: Counter[tuple[str, str]] = Counter()
    data, warnings = render(session, protocol, fmt, lang=lang, pseudonymise=pseudonymise,
                            template=template, names=names, keep=keep, found=found,
                            audience=audience, by_speaker=by_speaker)
    hidden = pseudonymise or (fmt == "json" and audience == "coordinator")  # no case title either
    path = write_new_file(folder, export_name(session, hidden), fmt, data)
    return Exported(session.id, path, warnings, found)


def book_stem(book: TakeawayBook, today: date) -> str:
    return book_name(book, today).fitted(MAX_NAME).rstrip(" .")


def book_name(book: TakeawayBook, today: date) -> FileName:
    """`2026-11-24 Boek met lessen - eenzaamheid - Wijkteam Noord`: sorts by date, in the
    book's language, with the theme and team when the book is for one."""
    from werf.minutes.book import BOOK_TITLE

    head = f"{today.isoformat()} {safe_name(translate(BOOK_TITLE, book.lang))}"
    title = " - ".join(name for name in (safe_name(part or "") for part in (book.theme_name, book.team))
                       if name)
    return FileName(head, title)


def export_book(book: TakeawayBook, fmt: str, folder: Path, today: date | None = None) -> Path:
    """Write the book of takeaways as Word or Markdown into `folder` (atomic, never over
    an existing file; owner-only in werf's own folder). Raises ExportError when the folder
    cannot take it."""
    from werf.minutes.book import render_book_docx, render_book_markdown

    if fmt not in BOOK_FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    today = today or date.today()
    check_folder(folder)
    data = (render_book_docx(book, today) if fmt == "docx"
            else render_book_markdown(book, today).encode("utf-8"))
    return write_new_file(folder, book_name(book, today), fmt, data)
