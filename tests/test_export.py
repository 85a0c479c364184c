"""Writing exports: safe names, atomic writes, never overwrite, clear errors."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import pytest

from werf.export import ExportError, atomic_write, export_stem, safe_name

from .helpers import make_session


def test_names_sort_by_date_and_are_safe_on_windows() -> None:
    session = make_session(team="Team: Noord/Oost")
    session.date = date(2026, 3, 4)
    session.case_title = 'Wat nu? <"CON"> \x07 [red]boos[/]'
    stem = export_stem(session)
    assert stem.startswith("2026-03-04 Team Noord Oost - ")
    assert not set(stem) & set('<>:"/\\|?*[]\x07')
    assert safe_name("  ..punten.. ") == "punten"
    assert export_stem(session, pseudonymised=True).endswith(f"({session.id[:8]})")
    assert "Wat nu" not in export_stem(session, pseudonymised=True)


def test_never_overwrites(tmp_path: Path) -> None:
    first = atomic_write(tmp_path, "verslag", "md", b"one")
    second = atomic_write(tmp_path, "verslag", "md", b"two")
    assert first.name == "verslag.md" and second.name == "verslag (2).md"
    assert first.read_bytes() == b"one" and second.read_bytes() == b"two"
    assert (first.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["verslag (2).md", "verslag.md"]


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "share"
    with pytest.raises(ExportError) as caught:
        atomic_write(missing, "verslag", "docx", b"x")
    assert "does not exist" in caught.value.user_message()
    assert not missing.exists()


def test_unwritable_folder_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    with pytest.raises(ExportError) as caught:
        atomic_write(tmp_path, "verslag", "docx", b"x")
    assert "read-only" in caught.value.user_message()
    assert list(tmp_path.iterdir()) == []


def test_full_disk_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(ExportError) as caught:
        atomic_write(tmp_path, "verslag", "docx", b"x" * 10_000)
    assert "full" in caught.value.user_message()
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_share_reports_and_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The temporary file was made, but the share refuses the final name both ways."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    real_open = os.open

    def open_only_temporary(path: object, *args: object, **kwargs: object) -> int:
        if not Path(str(path)).name.startswith("~$werf-"):
            refuse()
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(os, "open", open_only_temporary)
    with pytest.raises(ExportError) as caught:
        atomic_write(tmp_path, "verslag", "docx", b"x")
    assert "read-only" in caught.value.user_message()
    assert list(tmp_path.iterdir()) == []


def test_a_pseudonymised_archive_holds_no_name_or_identifier_in_any_case_field(tmp_path: Path) -> None:
    from werf.exchange import read_archive
    from werf.export import render

    from .helpers import every_record_session, mark_case_texts

    session = mark_case_texts(every_record_session(), lambda where: f"{where}: Bram belt Kowalski, 0612345678")
    session.sensitive_names = ["Kowalski"]
    data, _warnings = render(session, None, "json", lang="nl", pseudonymise=True)
    text = data.decode("utf-8")
    for leak in ("Kowalski", "0612345678", "Bram", "Fatima"):
        assert leak not in text, leak
    path = tmp_path / "a.json"
    path.write_bytes(data)
    archive = read_archive(path)  # still a valid archive
    assert archive.pseudonymised and archive.session.network[0].relation.startswith("NetworkMember.relation: ")
    plain, _warnings = render(session, None, "json", lang="nl")
    assert "Kowalski" in plain.decode("utf-8")  # only when asked


def test_many_sessions_export_the_same_in_a_pool_as_one_after_another(tmp_path: Path) -> None:
    """`export --all` uses the cores: worker processes, each with its own connection, write
    the same files as exporting one after another, and hand back results in order."""
    from werf.export_pool import IN_PROCESS_UP_TO, ExportJob, export_many
    from werf.protocols import load_catalog
    from werf.store import Store

    from .helpers import demo_db

    store = Store.open(demo_db(tmp_path, count=8))
    ids = [s.id for s in store.list_sessions()]
    assert len(ids) > IN_PROCESS_UP_TO  # so the pool is used
    results, seen = {}, []
    for workers in (1, 2):
        folder = tmp_path / f"out{workers}"
        folder.mkdir()
        job = ExportJob(fmt="md", folder=folder, lang="nl")
        done = list(export_many(store, load_catalog(), ids, job, workers=workers,
                                progress=lambda n, total: seen.append((n, total))))
        assert [d.session_id for d in done] == ids
        results[workers] = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert len(results[1]) == len(ids) and results[1] == results[2]
    assert seen == [(n, len(ids)) for n in range(1, len(ids) + 1)] * 2


def test_an_error_in_a_worker_stops_the_export_with_its_message(tmp_path: Path) -> None:
    from werf.export_pool import ExportJob, export_many
    from werf.protocols import load_catalog
    from werf.store import Store

    from .helpers import demo_db

    store = Store.open(demo_db(tmp_path, count=8))
    ids = [s.id for s in store.list_sessions()]
    job = ExportJob(fmt="md", folder=tmp_path / "not-there", lang="en")
    with pytest.raises(ExportError) as caught:
        list(export_many(store, load_catalog(), ids, job, workers=2))
    assert "not-there" in caught.value.user_message()
