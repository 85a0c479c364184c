"""Protocol files: the shipped ones are valid; a bad one is named with field and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from werf.models import RecordKind, Speakers
from werf.protocols import load_catalog, load_protocol_file
from werf.protocols.loader import ProtocolLoadFailed

SHIPPED = {"werf", "solution_focused", "incident", "kollegiale_beratung", "troika", "balint",
           "roddel"}
WERF_MINUTES = [5, 10, 15, 20, 15, 5]


def test_shipped_protocols_load() -> None:
    catalog = load_catalog()
    assert catalog.errors == []
    assert set(catalog.protocols) == SHIPPED
    for protocol in catalog:
        final = protocol.phases[-1]
        acts = [p for p in protocol.phases if RecordKind.ACTION in p.records]
        assert acts, f"{protocol.id} records no action points"
        assert final.minutes > 0


def test_werf_follows_the_design() -> None:
    werf = load_catalog().get("werf")
    assert werf is not None
    assert [p.minutes for p in werf.phases] == WERF_MINUTES
    assert werf.phases[3].case_bringer_silent
    assert werf.phases[2].speakers is Speakers.ROUND
    assert werf.phases[4].records_actions


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
id = "mine"
version = 1
name = { nl = "Mijn", en = "Mine" }
description = { nl = "Eigen", en = "Own" }
[[phases]]
id = "talk"
minutes = 10
speakers = "open"
name = { nl = "Praten", en = "Talk" }
purpose = { nl = "Praten", en = "Talk" }
records = ["takeaway", "action"]
"""


def reasons(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(ProtocolLoadFailed) as failed:
        load_protocol_file(path)
    return [(e.location, e.reason) for e in failed.value.errors]


def test_errors_name_field_and_reason(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.toml", GOOD.replace("minutes = 10", "minutes = -3")
                .replace('speakers = "open"', 'speakers = "everyone"\ncolour = "red"'))
    found = dict(reasons(bad))
    assert found["phases[0].minutes"] == "must be greater than 0"
    assert "must be one of" in found["phases[0].speakers"]
    assert found["phases[0].colour"] == "unknown field"


def test_missing_phases_and_wrong_types(tmp_path: Path) -> None:
    no_phases = write(tmp_path, "empty.toml", GOOD.split("[[phases]]")[0])
    assert ("phases", "this field is required") in reasons(no_phases)
    wrong = write(tmp_path, "wrong.toml", GOOD.replace("version = 1", 'version = "one"'))
    assert ("version", "must be a whole number") in reasons(wrong)


def test_broken_toml_names_the_line(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.toml", GOOD.replace('id = "talk"', 'id = "talk'))
    [(location, reason)] = reasons(broken)
    assert location.startswith("line ")
    assert "TOML" in reason


def test_user_folder_adds_protocols_and_bad_ones_are_skipped(tmp_path: Path) -> None:
    user = tmp_path / "protocols"
    write(user, "mine.toml", GOOD)
    write(user, "zz_broken.toml", "this is not toml = = =")
    write(user, "zz_copy.toml", GOOD.replace('id = "mine"', 'id = "werf"'))
    catalog = load_catalog([user])
    assert "mine" in catalog.protocols
    assert len(catalog.protocols) == len(SHIPPED) + 1
    assert {e.path.name for e in catalog.errors} == {"zz_broken.toml", "zz_copy.toml"}
    duplicate = next(e for e in catalog.errors if e.path.name == "zz_copy.toml")
    assert "duplicate protocol id 'werf'" in duplicate.reason
