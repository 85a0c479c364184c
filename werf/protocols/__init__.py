"""Intervision protocols: TOML data files in this folder, and their loader.

The loader's names load on first use (PEP 562): `werf.protocols.names` reads the built-in
protocols' names for the first screen without importing the models.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from werf.protocols.loader import BUILTIN_DIR as BUILTIN_DIR
    from werf.protocols.loader import ProtocolCatalog as ProtocolCatalog
    from werf.protocols.loader import ProtocolFileError as ProtocolFileError
    from werf.protocols.loader import load_catalog as load_catalog
    from werf.protocols.loader import load_protocol_file as load_protocol_file

__all__ = [
    "BUILTIN_DIR",
    "ProtocolCatalog",
    "ProtocolFileError",
    "load_catalog",
    "load_protocol_file",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module("werf.protocols.loader"), name)
    globals()[name] = value  # the next lookup does not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
