"""Windows laptops and shared drives (issue 14, item 8): exports without POSIX-only calls, a
write that never overwrites on any filesystem, temporary files sync clients skip and a crash
does not leave behind, reserved names, the 260-character path limit, a database on a network
drive refused, the shared folder's permissions, and mypy for the win32 platform."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from werf import drives
from werf.export import atomic_write, export_session, safe_name
from werf.i18n import set_language
from werf.new_file import (
    MAX_PATH,
    STALE_AFTER,
    WINDOWS_RESERVED,
    ExportError,
    FileName,
    sweep_stale_temps,
    windows_safe_stem,
    write_new_file,
)
from werf.paths import default_paths, make_private_dir
from werf.store import Store, StoreError

from .helpers import make_session, protocol

ROOT = Path(__file__).resolve().parent.parent


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_exports_without_fchmod_and_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows before Python 3.13 (no os.fchmod) and on a FAT stick (no hard links)."""
    monkeypatch.delattr(os, "fchmod")
    monkeypatch.delattr(os, "link")
    session = make_session()
    private = default_paths().exports_dir
    make_private_dir(private)
    share = tmp_path / "share"
    share.mkdir(mode=0o775)
    share.chmod(0o775)  # the umask may have taken bits off
    written = [export_session(session, protocol(), fmt, folder, lang="nl").path
               for fmt in ("docx", "md", "json") for folder in (private, share)]
    again = export_session(session, protocol(), "md", share, lang="nl").path
    assert again.name == "2026-11-24 Wijkteam Noord - Eenzame buurman (2).md"
    assert [p.read_bytes() for p in written if p.suffix == ".md"][0].startswith(b"*Vertrouwelijk*\n\n# ")
    assert b'"werf.session/3"' in written[-1].read_bytes()
    assert all(_mode(p) == 0o600 for p in written[0::2]), "werf's own folder stays private"
    assert all(_mode(p) == 0o664 for p in written[1::2]), "the share's file takes its permissions"
    assert sorted(p.name for p in share.iterdir())[0].startswith("2026-11-24 Wijkteam Noord")
    assert not [p for p in [*share.iterdir(), *private.iterdir()] if p.suffix == ".tmp"]


def test_a_share_file_takes_the_folder_permissions_despite_a_strict_umask(tmp_path: Path) -> None:
    share = tmp_path / "team"
    share.mkdir()
    share.chmod(0o2770)
    old = os.umask(0o077)
    try:
        path = atomic_write(share, "verslag", "md", b"x")
    finally:
        os.umask(old)
    assert _mode(path) == 0o660  # the team can open its minutes; never writable by all


def test_a_name_taken_meanwhile_is_never_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another laptop writes the same name between werf's look and its link."""
    real_link = os.link

    def racing_link(source: str, target: str) -> None:
        if Path(target).name == "verslag.md":
            Path(target).write_bytes(b"theirs")
        real_link(source, target)

    monkeypatch.setattr(os, "link", racing_link)
    path = atomic_write(tmp_path, "verslag", "md", b"mine")
    assert path.name == "verslag (2).md" and path.read_bytes() == b"mine"
    assert (tmp_path / "verslag.md").read_bytes() == b"theirs"


def test_without_hard_links_a_name_taken_meanwhile_is_not_overwritten_either(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A NAS share refusing hard links with an errno that is not EPERM; the name appears
    after werf looked (lexists said free)."""
    def no_links(source: str, target: str) -> None:
        raise OSError(errno.EIO, "Input/output error")

    (tmp_path / "verslag.md").write_bytes(b"theirs")
    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(os.path, "lexists", lambda path: Path(path).name.startswith("~$"))
    path = atomic_write(tmp_path, "verslag", "md", b"mine")
    assert path.name == "verslag (2).md" and path.read_bytes() == b"mine"
    assert (tmp_path / "verslag.md").read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["verslag (2).md", "verslag.md"]


def test_the_temporary_file_is_named_for_sync_clients_to_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    real_fsync = os.fsync

    def look(fd: int) -> None:
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", look)
    atomic_write(tmp_path, "verslag", "docx", b"x")
    (name,) = seen[0]
    assert name.startswith("~$werf-") and name.endswith(".tmp")  # OneDrive, Dropbox skip these
    assert [p.name for p in tmp_path.iterdir()] == ["verslag.docx"]


def test_temporary_files_a_crash_left_are_swept_at_the_next_write(tmp_path: Path) -> None:
    old, fresh = tmp_path / "~$werf-0123abcd.tmp", tmp_path / "~$werf-89ef.tmp"
    legacy, office = tmp_path / ".werf-k2j3.part", tmp_path / "~$Verslag.docx"
    for path in (old, fresh, legacy, office):
        path.write_bytes(b"case text")
    long_ago = time.time() - STALE_AFTER - 60
    for path in (old, legacy, office):
        os.utime(path, (long_ago, long_ago))
    atomic_write(tmp_path, "verslag", "md", b"x")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([fresh.name, office.name, "verslag.md"])  # another werf's, Word's
    assert sweep_stale_temps(tmp_path, now=time.time() + 2 * STALE_AFTER) == [fresh]


@pytest.mark.parametrize(("stem", "reserved"), [
    ("CON", True), ("con", True), ("Nul ", True), ("aux.backup", True), ("COM1", True),
    ("lpt9.tar", True), ("COM¹", True), ("com0", True), ("CONTROL", False), ("COM10", False), ("2026-01-01 CON", False),
    ("CON (2)", False), ("_CON", False),
])
def test_reserved_device_names_are_checked_on_the_whole_stem(stem: str, reserved: bool) -> None:
    assert (windows_safe_stem(stem) == f"_{stem}") is reserved


def test_a_stem_that_is_a_device_name_after_sanitising_is_written_safely(tmp_path: Path) -> None:
    assert atomic_write(tmp_path, "con", "md", b"x").name == "_con.md"
    assert atomic_write(tmp_path, safe_name(" PRN. "), "json", b"x").name == "_PRN.json"


def test_a_long_path_is_kept_under_260_characters(tmp_path: Path) -> None:
    pad = 160 - len(str(tmp_path)) - len("//Intervisie 2026")  # a folder 160 characters long
    deep = tmp_path / ("gedeelde map " * 20)[:pad].strip() / "Intervisie 2026"
    deep.mkdir(parents=True)
    session = make_session()
    session.case_title = "Een heel lange titel over de buurman die niemand meer ziet " * 4
    first = export_session(session, protocol(), "docx", deep, lang="nl").path
    second = export_session(session, protocol(), "docx", deep, lang="nl").path
    for path in (first, second):
        assert len(str(path)) <= MAX_PATH
        assert path.name.startswith("2026-11-24 Wijkteam Noord - Een heel lange titel")
    assert first.stem.endswith(f"({session.id[:8]})") and second.stem.endswith(f"({session.id[:8]}) (2)")
    assert FileName("2026-11-24 Team", "titel", "abcd1234").fitted(30) == "2026-11-24 Team - titel"
    long_title = FileName("2026-11-24 Team", "een heel lange titel", "abcd1234")
    assert long_title.fitted(34) == "2026-11-24 Team - een h (abcd1234)"
    assert long_title.fitted(30) == "2026-11-24 Team (abcd1234)"


def test_a_folder_too_deep_for_windows_is_a_clear_error(tmp_path: Path) -> None:
    deep = tmp_path / ("x" * 100) / ("y" * 100) / ("z" * 40)
    deep.mkdir(parents=True)
    with pytest.raises(ExportError) as caught:
        write_new_file(deep, FileName("2026-11-24 Wijkteam Noord", "titel", "abcd1234"), "docx", b"x")
    assert "260" in caught.value.user_message()
    assert list(deep.iterdir()) == []


# --- a database on a network drive ---------------------------------------------------------

@pytest.mark.parametrize(("path", "network"), [
    ("\\\\server\\share\\werf.db", True), ("//server/share/werf.db", True),
    ("\\\\?\\UNC\\server\\share\\werf.db", True), ("\\\\?\\C:\\Users\\eva\\werf.db", False),
    ("\\\\.\\PhysicalDrive0", False), ("C:\\Users\\eva\\werf.db", False), ("/home/eva/werf.db", False),
])
def test_unc_paths(path: str, network: bool) -> None:
    assert drives.unc_path(path) is network


def test_mount_tables_of_linux_and_macos() -> None:
    linux = drives.linux_mounts(
        "/dev/sda1 / ext4 rw 0 0\n"
        "//nas/team\\040Noord /mnt/team\\040Noord cifs rw 0 0\n"
        "nas:/export /home/eva/nfs nfs4 rw 0 0\n")
    assert drives.filesystem_of("/mnt/team Noord/werf.db", linux) == "cifs"
    assert drives.filesystem_of("/mnt/team Noordoost/werf.db", linux) == "ext4"
    assert drives.filesystem_of("/home/eva/nfs", linux) == "nfs4"
    mac = drives.darwin_mounts(
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
        "//eva@nas._smb._tcp.local/team on /Volumes/team (smbfs, nodev, nosuid, mounted by eva)\n"
        "afp_0TQ@server/home on /Volumes/home (afpfs, nodev, nosuid, mounted by eva)\n")
    assert drives.filesystem_of("/Volumes/team/werf.db", mac) == "smbfs"
    assert drives.filesystem_of("/Volumes/home/x/werf.db", mac) == "afpfs"
    assert drives.filesystem_of("/Users/eva/werf.db", mac) == "apfs"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_database_on_a_network_drive_is_refused_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setattr(drives, "_mount_table", lambda: [("/", "ext4"), (str(share), "cifs")])
    set_language(lang)
    with pytest.raises(StoreError) as caught:
        Store.open(share / "werf.db")
    message = caught.value.user_message()
    assert "\n" not in message and "(cifs)" in message
    assert ("netwerkschijf" if lang == "nl" else "network drive") in message
    assert list(share.iterdir()) == []  # nothing created there
    Store.open(tmp_path / "werf.db").close()  # the local disk is fine
    assert export_session(make_session(), protocol(), "md", share, lang=lang).path.exists()


def test_the_command_line_refuses_a_database_on_a_unc_path() -> None:
    from click.testing import CliRunner

    from werf.cli import main

    result = CliRunner().invoke(main, ["--lang", "nl", "--db", "\\\\server\\team\\werf.db",
                                       "sessions", "list"], obj={})
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "netwerkschijf (UNC)" in result.output


def test_windows_locale_names_choose_dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checked on main already (werf.i18n.language_of); here the names Windows gives."""
    import locale

    from werf.i18n import system_language

    for name in ("Dutch_Netherlands", "Dutch", "nl_NL"):
        monkeypatch.setattr(locale, "getlocale", lambda name=name: (name, "1252"))
        assert system_language({}) == "nl"


def test_mypy_for_windows(tmp_path_factory: pytest.TempPathFactory) -> None:
    """POSIX-only calls (os.fchmod, os.getuid…) fail the type check for win32. The cache
    lives beside the project's .mypy_cache so later runs are incremental (~2 s warm)."""
    cache = ROOT / ".mypy_cache" / "win32"
    result = subprocess.run([sys.executable, "-m", "mypy", "--platform", "win32", "--cache-dir",
                             str(cache), "werf"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


# --- the name parsers, with random input -----------------------------------------------------

NAME_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=150)


@given(head=NAME_TEXT, title=NAME_TEXT, room=st.integers(min_value=12, max_value=300))
def test_a_fitted_name_never_passes_its_room_and_keeps_the_date_and_id(head: str, title: str, room: int) -> None:
    head, title = "2026-11-24 " + safe_name(head), safe_name(title)
    name = FileName(head, title, "abcd1234").fitted(room)
    assert len(name) <= room
    if room >= len(head) + len(" (abcd1234)"):
        assert name.startswith(head)
    if name != head + (f" - {title}" if title else ""):
        assert name.endswith("(abcd1234)")  # shortened: the id says which session it is


@given(NAME_TEXT)
def test_no_sanitised_stem_is_a_device_name(text: str) -> None:
    stem = windows_safe_stem(safe_name(text))
    assert stem.split(".")[0].rstrip(" ").upper() not in WINDOWS_RESERVED


@given(st.lists(st.text(alphabet=st.sampled_from("ab \t\\/é"), min_size=1, max_size=8), min_size=1, max_size=4))
def test_mount_points_with_spaces_and_backslashes_are_read_back(parts: list[str]) -> None:
    point = "/" + "/".join(part.replace("/", "_") for part in parts)
    escaped = point.replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011")
    table = drives.linux_mounts(f"/dev/sda1 / ext4 rw 0 0\n//nas/x {escaped} cifs rw 0 0\n")
    assert drives.filesystem_of(point + "/werf.db", table) == "cifs"
