"""The one way werf writes a new file into a folder (minutes, archives, the book of takeaways,
a session that could not be saved): whole or not at all, never over an existing file, on any
filesystem werf meets — ext4, NTFS, FAT sticks, SMB and NAS shares, OneDrive folders.

1. Stale temporary files of an earlier werf that crashed are swept away (ours only, older
   than an hour, so a werf writing on another laptop right now is left alone).
2. The content goes to a temporary file in the target folder, created exclusively (O_EXCL),
   named `~$werf-<random>.tmp`, so a half-written file with case content never travels:
   OneDrive and SharePoint do not sync any name that starts with `~$` (Office's owner
   files), nor upload `.tmp` files; Dropbox ignores `~$…` and `~….tmp` too. A dot-name
   would only be hidden on Linux and macOS, and OneDrive would sync it.
3. The temporary file is put under the final name without ever replacing a file that
   exists, also one that appeared meanwhile: a hard link (fails when the name is taken); where
   hard links do not work (FAT, some NAS shares — not always with EPERM) on Windows a rename
   (Windows never renames onto an existing name), elsewhere the content is written into the
   final name opened with O_EXCL (only there can a crash midway leave a partial file; a
   failed write removes it). A taken name gets a number: `… (2).docx`.

The name is made safe for Windows: a stem that is a reserved device name (CON, PRN, AUX,
NUL, COM0–9, LPT0–9, with or without an extension) gets a leading "_", and the whole path
stays under Windows' 260 characters by shortening the title part of the name, keeping date
and id. Files in werf's own data folder are readable by the owner only; a file written
elsewhere (the shared drive) takes the folder's permissions, so the team can open it.
POSIX-only calls (`os.fchmod`, `os.link`) are used only where they exist.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from werf.i18n import N_, UserError
from werf.paths import default_paths

TEMP_PREFIX = "~$werf-"
TEMP_SUFFIX = ".tmp"
# ours: "~$werf-<hex>.tmp" (an export), "~$werf-<file>.<hex>.tmp" (the shared folder's copy of
# a session, werf.shared_folder), ".werf-….part" (older werfs)
_OURS = re.compile(r"(~\$werf-[\w.-]+\.tmp|\.werf-\w+\.part)")
STALE_AFTER = 3600.0  # seconds; a temporary file this old is left by a crash
MAX_PATH = 259  # Windows' MAX_PATH (260) less the terminating NUL
MAX_NAME = 120  # a file name's stem, before the number and suffix
NUMBER_ROOM = len(" (999)")
WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                              *(f"COM{i}" for i in [*"0123456789", "¹", "²", "³"]),
                              *(f"LPT{i}" for i in [*"0123456789", "¹", "²", "³"])})


class ExportError(UserError):
    """Why an export could not be written, in the user's language."""


@dataclass(frozen=True)
class FileName:
    """A file name in parts, so that a long one can be shortened where it hurts least:
    `head` (the date and team) stays, `title` (the case) is shortened first, and the `tag`
    (a short id) is shown when asked for or when the title had to be cut."""

    head: str
    title: str = ""
    tag: str = ""
    show_tag: bool = False

    def fitted(self, room: int) -> str:
        """The name in at most `room` characters (the head cut last, the tag kept)."""
        tag = f" ({self.tag})" if self.tag else ""
        whole = self.head + (f" - {self.title}" if self.title else "") + (tag if self.show_tag else "")
        if len(whole) <= room:
            return whole
        title_room = room - len(self.head) - len(tag) - len(" - ")
        if self.title and title_room >= 4:
            return f"{self.head} - {self.title[:title_room].rstrip(' .-')}{tag}"
        head = self.head[: max(0, room - len(tag))].rstrip(" .-")
        return head + tag


def windows_safe_stem(stem: str) -> str:
    """`stem` with a leading "_" when Windows would take the name for a device: "CON",
    "con.backup", "Nul " and "COM1" all are, with or without an extension."""
    base = stem.split(".")[0].rstrip(" ")
    if unicodedata.normalize("NFC", base).upper() in WINDOWS_RESERVED:
        return f"_{stem}"
    return stem


def check_folder(folder: Path) -> None:
    if not folder.exists():
        raise ExportError(N_("The export folder {folder} does not exist."), folder=folder)
    if not folder.is_dir():
        raise ExportError(N_("{folder} is not a folder."), folder=folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(N_("The export folder {folder} is read-only for you."), folder=folder)


def sweep_stale_temps(folder: Path, now: float | None = None) -> list[Path]:
    """Remove werf's own temporary files in `folder` that a crash left behind (older than
    STALE_AFTER); other files, and a temporary file another werf is writing now, stay."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _OURS.fullmatch(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # locked by a sync client, or gone already: next time
    return removed


def _private_folder(folder: Path) -> bool:
    """Whether `folder` is werf's own (its data folder): files there are owner-only."""
    try:
        mine = default_paths().data_dir.resolve()
        return folder.resolve() == mine or mine in folder.resolve().parents
    except OSError:
        return True


def _mode_for(folder: Path, private: bool) -> int:
    """Owner-only for werf's own files; else the folder's read/write bits (a team share)."""
    if private:
        return 0o600
    try:
        return (os.stat(folder).st_mode & 0o664) | 0o600  # never writable by all
    except OSError:
        return 0o600


def file_mode(folder: Path) -> int:
    """The mode werf gives a file it writes in `folder` (the one rule: werf's own folder
    owner-only, a share the folder's read/write bits)."""
    return _mode_for(folder, _private_folder(folder))


def set_mode(fd: int, path: Path, mode: int) -> None:
    _set_mode(fd, path, mode)


def _stem_in_room(folder: Path, name: FileName | str, suffix: str) -> str:
    room = min(MAX_NAME, MAX_PATH - len(os.path.abspath(folder)) - 1 - len(suffix) - NUMBER_ROOM)
    if isinstance(name, str):
        name = FileName(name)
    stem = name.fitted(room).rstrip(" .")
    if not stem or len(stem) > room:
        raise ExportError(N_("The folder {folder} is too deep: a file name in it would pass "
                             "the 260 characters Windows allows."), folder=folder)
    return windows_safe_stem(stem)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.fsync(fd)


def _create(path: Path, mode: int) -> int:
    """Open `path` for writing only if it does not exist yet (O_EXCL) — on every filesystem."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)


def _set_mode(fd: int, path: Path, mode: int) -> None:
    """Give the file `mode` despite the umask; chmod does nothing on Windows (ACLs apply)."""
    if os.name == "nt":
        return
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        else:
            os.chmod(path, mode)
    except OSError as exc:  # a FAT stick or a share with a fixed mask: its own modes apply
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EACCES):
            raise


def _place(temp: Path, target: Path, data: bytes, mode: int) -> None:
    """Put the finished `temp` at `target`; FileExistsError when `target` exists, whatever
    the filesystem. Never replaces a file."""
    if hasattr(os, "link"):
        try:
            os.link(temp, target)
            return
        except FileExistsError:
            raise
        except OSError:
            pass  # FAT, some shares: EPERM, ENOTSUP, EXDEV, EIO, EINVAL… use the next way
    if os.name == "nt":
        os.rename(temp, target)  # Windows: FileExistsError when the name is taken
        return
    fd = _create(target, mode)
    try:
        _set_mode(fd, target, mode)
        _write_all(fd, data)
    except BaseException:
        os.close(fd)
        os.unlink(target)  # ours, half written: not left behind
        raise
    os.close(fd)


def _candidates(folder: Path, stem: str, suffix: str):  # type: ignore[no-untyped-def]
    yield folder / f"{stem}{suffix}"
    for number in range(2, 1000):
        yield folder / f"{stem} ({number}){suffix}"


def write_new_file(folder: Path, name: FileName | str, suffix: str, data: bytes, *,
                   private: bool | None = None) -> Path:
    """Write `data` as a new file in `folder` named `name` + `suffix` (a number added when
    the name is taken), whole or not at all; returns its path. `private` (default: whether
    the folder is werf's own) makes it owner-only, else it takes the folder's permissions.
    Raises ExportError with one line in the user's language."""
    suffix = "." + suffix.lstrip(".")
    check_folder(folder)
    sweep_stale_temps(folder)
    stem = _stem_in_room(folder, name, suffix)
    mode = _mode_for(folder, _private_folder(folder) if private is None else private)
    temp = folder / f"{TEMP_PREFIX}{os.urandom(8).hex()}{TEMP_SUFFIX}"
    made = False
    try:
        fd = _create(temp, mode)
        made = True
        try:
            _set_mode(fd, temp, mode)
            _write_all(fd, data)
        finally:
            os.close(fd)
        for target in _candidates(folder, stem, suffix):
            if os.path.lexists(target):
                continue
            try:
                _place(temp, target, data, mode)
            except FileExistsError:
                continue  # taken meanwhile: the next number
            return target
        raise ExportError(N_("The export folder {folder} has too many files named {name}."),
                          folder=folder, name=stem + suffix)
    except OSError as exc:
        raise _export_error(folder, exc) from exc
    finally:
        if made and os.path.lexists(temp):
            with contextlib.suppress(OSError):  # locked (a virus scanner): swept at the next write
                os.unlink(temp)


def _export_error(folder: Path, exc: OSError) -> ExportError:
    if exc.errno == errno.ENOSPC:
        return ExportError(N_("The export folder {folder} is full."), folder=folder)
    if exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
        return ExportError(N_("The export folder {folder} is read-only for you."), folder=folder)
    return ExportError(N_("Could not write to {folder}: {reason}"), folder=folder,
                       reason=exc.strerror or str(exc))
