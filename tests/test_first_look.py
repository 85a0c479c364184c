"""The home screen's first look at the data: the latest sessions read with plain sqlite3 (no
sqlite-utils, no models) and the built-in protocols' names read without the catalog must be
what the store and the catalog give."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from werf.protocols import load_catalog
from werf.protocols.names import builtin_names
from werf.store import Store
from werf.store.peek import latest_sessions

from .helpers import demo_db


def test_the_quick_look_reads_the_rows_the_store_lists(tmp_path: Path) -> None:
    db = demo_db(tmp_path, count=30)
    store = Store.open(db)
    try:
        assert latest_sessions(db, 20) == store.list_sessions(limit=20)
        assert len(store.list_sessions(limit=20)) == 20
    finally:
        store.close()


def test_the_quick_look_leaves_what_it_cannot_read_alone(tmp_path: Path) -> None:
    missing = tmp_path / "nog-niet.db"
    assert latest_sessions(missing) is None and not missing.exists()  # not created
    not_a_database = tmp_path / "notities.db"
    not_a_database.write_bytes(b"dit is geen database")
    assert latest_sessions(not_a_database) is None
    assert not_a_database.read_bytes() == b"dit is geen database"


def test_the_builtin_names_are_the_catalogs() -> None:
    catalog = load_catalog()
    assert builtin_names() == {
        protocol.id: {"nl": protocol.name.nl, "en": protocol.name.en}
        for protocol in catalog.protocols.values()}


def test_the_first_look_imports_neither_sqlite_utils_nor_pydantic(tmp_path: Path) -> None:
    db = demo_db(tmp_path, count=2)
    code = ("import sys; from werf.store.peek import latest_sessions; "
            "from werf.protocols.names import builtin_names; "
            f"assert len(latest_sessions({str(db)!r})) == 2 and builtin_names(); "
            "print(sorted(m for m in ('sqlite_utils', 'pydantic', 'werf.models') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
