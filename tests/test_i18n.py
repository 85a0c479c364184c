"""Every string a user sees exists in Dutch and English."""

from __future__ import annotations

import string
import sys
from pathlib import Path

import pytest

from werf.i18n import _, catalog, parse_po, set_language, system_language
from werf.labels import RECORD_NAMES, ROLE_NAMES, SPEAKER_NAMES
from werf.protocols import load_catalog

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from extract_messages import messages  # noqa: E402


def fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_message_has_a_dutch_translation() -> None:
    dutch = catalog("nl")
    missing = [msgid for msgid in messages() if msgid not in dutch]
    assert missing == [], f"untranslated (run scripts/extract_messages.py): {missing}"


def test_translations_keep_their_placeholders() -> None:
    for msgid, msgstr in catalog("nl").items():
        assert fields(msgid) == fields(msgstr), msgid


def test_every_label_is_translated() -> None:
    dutch = catalog("nl")
    for table in (ROLE_NAMES, RECORD_NAMES, SPEAKER_NAMES):
        for msgid in table.values():
            assert msgid in dutch


def test_every_protocol_text_exists_in_both_languages() -> None:
    for protocol in load_catalog():
        texts = [protocol.name, protocol.description]
        for phase in protocol.phases:
            texts += [phase.name, phase.purpose, *phase.prompts]
        for text in texts:
            assert text.nl.strip() and text.en.strip()
            assert text.nl != text.en or len(text.nl) < 12, text


def test_lookup_follows_the_language() -> None:
    set_language("nl")
    assert _("Help") == catalog("nl")["Help"]
    set_language("en")
    assert _("Help") == "Help"
    with pytest.raises(ValueError):
        set_language("de")


def test_po_parser_handles_escapes_and_continuations() -> None:
    po = 'msgid ""\nmsgstr "header"\n\nmsgid "a \\"b\\"\\n"\nmsgstr ""\n"c "\n"d"\n\n#, fuzzy\nmsgid "x"\nmsgstr "y"\n'
    assert parse_po(po) == {'a "b"\n': "c d"}


def test_system_language(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert system_language() == "nl"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert system_language() == "en"
