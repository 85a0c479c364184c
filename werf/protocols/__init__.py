"""Intervision protocols: TOML data files in this folder, and their loader."""

from werf.protocols.loader import (
    BUILTIN_DIR,
    ProtocolCatalog,
    ProtocolFileError,
    load_catalog,
    load_protocol_file,
)

__all__ = [
    "BUILTIN_DIR",
    "ProtocolCatalog",
    "ProtocolFileError",
    "load_catalog",
    "load_protocol_file",
]
