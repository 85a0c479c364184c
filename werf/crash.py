"""Crash logs that hold no case content.

When werf stops on an unexpected error, the screen may be on a projector and the error's
message or the stack's local variables may hold a case title, a question or a name. So a
crash log records only what a developer needs to find the fault: the exception's type and,
for every frame, the file, line and function. Never the message, never the locals.
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path

from werf.paths import default_paths, make_private_dir


def describe(error: BaseException) -> str:
    """The type and the stack of an error and the errors that led to it, without messages."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        lines.append(f"{kind.__module__}.{kind.__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        current = current.__cause__ or current.__context__
        if current is not None:
            lines.append("which was raised while handling (or caused by):")
    return "\n".join(lines) + "\n"


def write_crash_log(error: BaseException, folder: Path | None = None) -> Path:
    """Write the crash log into werf's data folder (owner-only) and return its path."""
    folder = folder or default_paths().data_dir / "crashes"
    make_private_dir(folder)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.log"
    from werf import __version__

    text = f"werf {__version__}\n{describe(error)}"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
    return path
