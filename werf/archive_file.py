"""Reading an archive file without trusting it: only an ordinary file of bounded size
(never a pipe, a folder or a link that loops), decoded as UTF-8 with or without a byte-order
mark, parsed as JSON without NaN or Infinity, numbers beyond what the database stores, or
nesting that would exhaust the stack. Each refusal is an `ArchiveError` whose message is one
line in the user's language."""

from __future__ import annotations

import errno
import json
import math
import os
import stat
from pathlib import Path
from typing import Any

from werf.i18n import _


class ArchiveError(Exception):
    """An archive file that could not be read; the message is in the user's language."""


MAX_ARCHIVE_BYTES = 50 * 1024 * 1024  # a session with thousands of notes is a few MB
_INT_BOUND = 2**63 - 1  # what SQLite stores as an INTEGER
_FLOAT_BOUND = 1e15  # seconds and the like; anything larger is not a session's


class _Refused(ValueError):
    """Raised inside the JSON parser for a value no archive holds; carries the user's line."""


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return _("does not exist")
    if exc.errno == errno.ELOOP:
        return _("is a symbolic link that leads to itself (a loop); skipped")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("may not be read (no permission)")
    return _("cannot be read: {reason}").format(reason=exc.strerror or exc)


def _file_kind_problem(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("is a folder, not an archive file; skipped")
    return _("is not an ordinary file (a pipe, socket or device); skipped")


def _too_large() -> str:
    return _("is larger than {limit} MB, too large for a session archive; skipped").format(
        limit=MAX_ARCHIVE_BYTES // (1024 * 1024))


def read_limited(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes, refusing (with ArchiveError) anything but an ordinary file of at
    most `limit` bytes. The type is checked before the file is opened, so a named pipe
    cannot make werf wait for a writer, and again on the opened file."""
    limit = MAX_ARCHIVE_BYTES if limit is None else limit
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise ArchiveError(_os_reason(exc) if isinstance(exc, OSError) else
                           _("cannot be read: {reason}").format(reason=exc)) from exc
    problem = _file_kind_problem(info.st_mode)
    if problem:
        raise ArchiveError(problem)
    if info.st_size > limit:
        raise ArchiveError(_too_large())
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ArchiveError(_os_reason(exc)) from exc
    try:
        problem = _file_kind_problem(os.fstat(fd).st_mode)  # replaced after the check?
        if problem:
            raise ArchiveError(problem)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise ArchiveError(_os_reason(exc)) from exc
    finally:
        os.close(fd)
    if size > limit:
        raise ArchiveError(_too_large())
    return b"".join(chunks)


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > 19 or abs(value := int(text)) > _INT_BOUND:
        raise _Refused(_("holds a number too large for an archive ({digits} digits)").format(
            digits=len(text.lstrip("-"))))
    return value


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or abs(value) > _FLOAT_BOUND:
        raise _Refused(_("holds a number too large for an archive ({number})").format(
            number=text[:30]))
    return value


def _parse_constant(name: str) -> float:
    raise _Refused(_("holds {constant}, which is not a number an archive can hold").format(
        constant=name))


def parse_archive_json(raw: bytes) -> Any:
    """JSON as werf writes it: UTF-8 (a byte-order mark, as Notepad writes, is allowed),
    no NaN or Infinity, no numbers beyond what the database stores, no absurd nesting."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArchiveError(_("is not UTF-8 text: {reason}").format(reason=exc.reason)) from exc
    try:
        return json.loads(text, parse_int=_parse_int, parse_float=_parse_float,
                          parse_constant=_parse_constant)
    except _Refused as exc:
        raise ArchiveError(str(exc)) from exc
    except RecursionError as exc:
        raise ArchiveError(_("is nested too deeply to be a session archive")) from exc
    except ValueError as exc:  # json.JSONDecodeError, and int() limits
        raise ArchiveError(_("is not valid JSON: {reason}").format(reason=exc)) from exc
