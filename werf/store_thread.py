"""Moved to `werf.store.thread`; this name stays so older imports keep working."""

from werf.store.thread import StoreThread

__all__ = ["StoreThread"]
