"""Whether a path lies on a network drive.

SQLite's WAL needs shared memory that network filesystems do not give, so werf refuses to
keep its database there (exports to a share are fine). Recognised: UNC paths
(`\\\\server\\share\\…`, also `\\\\?\\UNC\\…` and `//server/share`); on Windows a mapped
drive letter (GetDriveTypeW says DRIVE_REMOTE); on Linux an nfs, cifs, smb… mount (from
/proc/mounts); on macOS an smbfs, afpfs, nfs or webdav mount (from `mount`). The readers
of the mount tables are plain functions so tests can hand them a table.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "webdav", "davfs", "ncpfs",
    "afs", "fuse.sshfs", "sshfs", "ceph", "glusterfs", "fuse.glusterfs", "lustre", "gpfs",
    "fuse.rclone", "fuse.davfs2", "osxfuse.sshfs",
})
DRIVE_REMOTE = 4  # GetDriveTypeW


def unc_path(text: str) -> bool:
    """`\\\\server\\share\\x`, `//server/share/x`, `\\\\?\\UNC\\server\\x`; not `\\\\?\\C:\\x`
    (a long local path) nor `\\\\.\\` (a device)."""
    if text.startswith(("\\\\?\\", "//?/")):
        return text[4:8].upper() in ("UNC\\", "UNC/")
    if text.startswith(("\\\\.\\", "//./")):
        return False
    return text.startswith(("\\\\", "//")) and len(text) > 2 and text[2] not in "\\/"


def _unescape(field: str) -> str:
    """/proc/mounts writes a space as \\040, a tab as \\011, a backslash as \\134."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def linux_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, filesystem type) of each line of /proc/mounts."""
    found = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            found.append((_unescape(parts[1]), parts[2]))
    return found


def darwin_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, filesystem type) of each line `mount` prints on macOS:
    `//eva@nas/team on /Volumes/team (smbfs, nodev, nosuid, mounted by eva)`."""
    found = []
    for line in text.splitlines():
        match = re.match(r"^.* on (/.*?) \(([^,)]+)", line)
        if match:
            found.append((match.group(1), match.group(2).strip()))
    return found


def filesystem_of(path: str, mounts: list[tuple[str, str]]) -> str | None:
    """The filesystem type of the deepest mount point holding `path` (absolute)."""
    best: tuple[int, str] | None = None
    for point, kind in mounts:
        root = point.rstrip("/") + "/"
        if (path == point or path.startswith(root) or point == "/") and (best is None or len(point) >= best[0]):
            best = (len(point), kind)
    return best[1] if best else None


def _existing(path: Path) -> str:
    """The real path of `path`, or of its nearest folder that exists (a new database)."""
    current = Path(os.path.abspath(path))
    while not current.exists() and current.parent != current:
        current = current.parent
    return os.path.realpath(current)


def _mount_table() -> list[tuple[str, str]]:
    if sys.platform.startswith("linux"):
        try:
            return linux_mounts(Path("/proc/mounts").read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return []
    if sys.platform == "darwin":
        try:
            out = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False)
        except (OSError, subprocess.SubprocessError):
            return []
        return darwin_mounts(out.stdout)
    return []


def _windows_remote(path: str) -> str | None:
    """The drive letter ("Z:") of a path on a mapped network drive, on Windows."""
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(path)[0]
        if len(drive) == 2 and drive[1] == ":" and \
                ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE:
            return drive.upper()
    return None


def network_filesystem(path: Path, mounts: list[tuple[str, str]] | None = None) -> str | None:
    """What kind of network drive `path` is on ("UNC", a mapped drive letter such as "Z:",
    "nfs", "cifs"…), or None for a local disk."""
    text = str(path)
    if unc_path(text):
        return "UNC"
    mapped = _windows_remote(os.path.abspath(text))
    if mapped:
        return mapped
    real = _existing(path)
    if unc_path(real):
        return "UNC"
    kind = filesystem_of(real, _mount_table() if mounts is None else mounts)
    return kind if kind in NETWORK_FILESYSTEMS else None
