"""Writing exports (minutes, archives, the book of takeaways) into a folder, such as the team's shared drive.

File names sort by date and say team and case; they are safe on Windows shares. Writes are
atomic: the content goes to a temporary file in the target folder, which is then linked to
its final name, so no half file is ever left and an existing file is never overwritten.
A missing, read-only or full folder gives a clear message; the session stays in the database.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from werf.i18n import N_, UserError, translate
from werf.models import Protocol, Session

if TYPE_CHECKING:
    from werf.takeaways import TakeawayBook

FORMATS = ("docx", "md", "json")
BOOK_FORMATS = ("docx", "md")
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                    *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME = 120


class ExportError(UserError):
    """Why an export could not be written, in the user's language."""


def safe_name(text: str) -> str:
    """A piece of a file name that Windows, macOS and Linux shares all accept."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = re.sub(r'[<>:"/\\|?*\[\]]', " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    return text


def export_stem(session: Session, pseudonymised: bool = False) -> str:
    """`2026-11-24 Wijkteam Noord - Eenzame buurman`: sorts by date, says team and case."""
    parts = [session.date.isoformat(), safe_name(session.team)]
    stem = " ".join(p for p in parts if p)
    case = safe_name(session.case_title)
    if case and not pseudonymised:
        stem += f" - {case}"
    stem += f" ({session.id[:8]})" if not case or pseudonymised else ""
    stem = stem[:MAX_NAME].rstrip(" .")
    if stem.split(" ")[0].upper() in WINDOWS_RESERVED:
        stem = f"_{stem}"
    return stem


def check_folder(folder: Path) -> None:
    if not folder.exists():
        raise ExportError(N_("The export folder {folder} does not exist."), folder=folder)
    if not folder.is_dir():
        raise ExportError(N_("{folder} is not a folder."), folder=folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(N_("The export folder {folder} is read-only for you."), folder=folder)


def _free_path(folder: Path, stem: str, suffix: str) -> Path:
    candidate = folder / f"{stem}.{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}).{suffix}"
        number += 1
    return candidate


def atomic_write(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write `data` under a free name in `folder`, whole or not at all. Returns the path."""
    check_folder(folder)
    fd, temp_name = -1, ""
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=".werf-", suffix=".part")
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        while True:
            target = _free_path(folder, stem, suffix)
            try:
                os.link(temp_name, target)  # fails if the name was taken meanwhile
                break
            except FileExistsError:
                continue
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EOPNOTSUPP):
                    raise
                os.replace(temp_name, target)  # a share without hard links
                temp_name = ""
                break
        return target
    except ExportError:
        raise
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise ExportError(N_("The export folder {folder} is full."), folder=folder) from exc
        if exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
            raise ExportError(N_("The export folder {folder} is read-only for you."),
                              folder=folder) from exc
        raise ExportError(N_("Could not write to {folder}: {reason}"), folder=folder,
                          reason=exc.strerror or str(exc)) from exc
    finally:
        if fd >= 0:
            os.close(fd)
        if temp_name and os.path.exists(temp_name):
            os.unlink(temp_name)


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
           found: Counter[tuple[str, str]] | None = None) -> tuple[bytes, list[str]]:
    """The bytes of one export and any warnings (a missing template style, dropped chars).
    Pseudonymised, `names` are replaced too, the found texts in `keep` stay as written, and
    `found` receives what was replaced: (kind, text) → times."""
    if fmt == "json":
        from werf.exchange import archive_bytes, archive_session

        if pseudonymise:
            from werf.minutes import pseudonymise_session

            session = pseudonymise_session(session, lang, names=names, keep=keep, found=found)
        return archive_bytes(archive_session(session, protocol, pseudonymise)), []
    from werf.minutes import build_content, render_docx, render_markdown

    content = build_content(session, protocol, lang, pseudonymise=pseudonymise, names=names, keep=keep,
                            found=found)
    if fmt == "md":
        return render_markdown(content).encode("utf-8"), list(content.warnings)
    if fmt == "docx":
        data, warnings = render_docx(content, template)
        return data, list(content.warnings) + warnings
    raise ValueError(f"unknown format {fmt!r}")


def export_session(session: Session, protocol: Protocol | None, fmt: str, folder: Path, *,
                   lang: str, pseudonymise: bool = False,
                   template: Path | None = None, names: Iterable[str] = (),
                   keep: Iterable[str] = ()) -> Exported:
    check_folder(folder)
    found: Counter[tuple[str, str]] = Counter()
    data, warnings = render(session, protocol, fmt, lang=lang, pseudonymise=pseudonymise,
                            template=template, names=names, keep=keep, found=found)
    path = atomic_write(folder, export_stem(session, pseudonymise), fmt, data)
    return Exported(session.id, path, warnings, found)


def book_stem(book: TakeawayBook, today: date) -> str:
    """`2026-11-24 Boek met lessen - eenzaamheid - Wijkteam Noord`: sorts by date, in the
    book's language, with the theme and team when the book is for one."""
    from werf.minutes.book import BOOK_TITLE

    stem = f"{today.isoformat()} {safe_name(translate(BOOK_TITLE, book.lang))}"
    for part in (book.theme_name, book.team):
        name = safe_name(part or "")
        if name:
            stem += f" - {name}"
    return stem[:MAX_NAME].rstrip(" .")


def export_book(book: TakeawayBook, fmt: str, folder: Path, today: date | None = None) -> Path:
    """Write the book of takeaways as Word or Markdown into `folder` (atomic, owner-only,
    never over an existing file). Raises ExportError when the folder cannot take it."""
    from werf.minutes.book import render_book_docx, render_book_markdown

    if fmt not in BOOK_FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    today = today or date.today()
    check_folder(folder)
    data = (render_book_docx(book, today) if fmt == "docx"
            else render_book_markdown(book, today).encode("utf-8"))
    return atomic_write(folder, book_stem(book, today), fmt, data)
