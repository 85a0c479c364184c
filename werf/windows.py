"""Which werf window holds a session: a name for this window, and whether a holder has gone.

Light on purpose (the app names its window before the first screen is drawn).
"""

from __future__ import annotations

import os
import socket
from pathlib import Path


def window_id() -> str:
    """This window's name in a lease: computer, process, and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{os.urandom(4).hex()}"


def holder_gone(holder: str) -> bool:
    """A holder on this computer whose process has ended (a crash, a kill, a power cut) has let
    go at once: the facilitator who restarts werf after a crash resumes without waiting for the
    lease to lapse. On another computer, or where it cannot be known, the lapse decides."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit() or os.name != "posix":
        return False  # (on Windows os.kill(pid, 0) would end the process, not ask about it)
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed process its parent has not reaped yet still answers os.kill(pid, 0)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False  # no /proc (macOS): the lapse decides
    return stat.rpartition(")")[2].split()[:1] == ["Z"]
