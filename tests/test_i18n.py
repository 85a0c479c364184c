"""Every string a user sees exists in Dutch and English."""

from __future__ import annotations

import copy
import functools
import string
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from werf.i18n import (
    _,
    catalog,
    choose_language,
    language_of,
    load,
    ngettext,
    parse_po,
    parse_po_plurals,
    plural_catalog,
    plural_rule,
    po_header,
    set_language,
    system_language,
    translate_plural,
)
from werf.labels import RECORD_NAMES, ROLE_NAMES, SPEAKER_NAMES
from werf.protocols import load_catalog

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import extract_messages  # noqa: E402
from extract_messages import merge, messages, plural_messages  # noqa: E402

_werf_template = functools.cache(extract_messages.extract)  # werf's source, read once a run


def extract(package: Path = extract_messages.PACKAGE) -> Catalog:
    """extract_messages.extract, with werf's own package read once per test process: its
    source does not change during a run, so every call would give the same catalog. Each
    caller gets its own deep copy (merge may change entries)."""
    if package == extract_messages.PACKAGE:
        return copy.deepcopy(_werf_template())
    return _werf_template.__wrapped__(package)


@pytest.fixture(autouse=True, scope="module")
def _extract_once() -> Iterator[None]:
    """messages() and plural_messages() extract through the module's `extract`: the once-read
    one here. Nine extractions of werf (about 0.6 s of CPU each) become one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extract_messages, "extract", extract)
        yield


def fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_message_has_a_dutch_translation() -> None:
    dutch, plurals = catalog("nl"), plural_catalog("nl")
    plural_ids = plural_messages()
    missing = [msgid for msgid in messages() if msgid not in (plurals if msgid in plural_ids else dutch)]
    assert missing == [], f"untranslated (run scripts/extract_messages.py): {missing}"


def test_extraction_finds_plurals_and_strings_in_fstrings() -> None:
    found = messages()
    assert plural_messages()["{count} session"] == "{count} sessions"
    assert "Sessions per theme" in found  # f"{_('Sessions per theme')}: …" in werf/cli.py
    assert "Help" in found and "Search for commands…" in found


def test_a_re_extraction_keeps_translations_fuzzy_flags_and_comments(tmp_path: Path) -> None:
    """Extract into a copy of nl.po: every message of the code is there, translated, and what
    a translator wrote in the file survives."""
    copy = tmp_path / "nl.po"
    text = (ROOT / "werf" / "locale" / "nl.po").read_text(encoding="utf-8")
    text = text.replace('msgid "Help"\n', '# checked with the team\n#. the F1 key\nmsgid "Help"\n', 1)
    text = text.replace('\nmsgid "Quit"\n', '\n#, fuzzy\nmsgid "Quit"\n', 1)
    text += '\nmsgid "A string no longer in the code"\nmsgstr "Weg"\n'
    copy.write_text(text, encoding="utf-8")
    total, missing = merge(extract(), copy)
    assert missing == 1  # the fuzzy "Quit"
    merged = copy.read_text(encoding="utf-8")
    assert '# checked with the team\n#. the F1 key\n' in merged
    assert merged.index("#. the F1 key") < merged.index('msgid "Help"') < merged.index("#. the F1 key") + 200
    assert '#, fuzzy\nmsgid "Quit"\nmsgstr "Afsluiten"' in merged
    assert "no longer in the code" not in merged
    assert parse_po(merged)["Help"] == catalog("nl")["Help"] and "Quit" not in parse_po(merged)
    dutch, plurals = parse_po(merged), parse_po_plurals(merged)
    plural_ids = plural_messages()
    for msgid in messages():
        if msgid == "Quit":
            continue
        assert msgid in (plurals if msgid in plural_ids else dutch), msgid
    assert total == len(messages())
    # a second run changes nothing: the order of the file stays
    merge(extract(), copy)
    assert copy.read_text(encoding="utf-8") == merged


def test_werf_reads_its_catalogs_without_babel() -> None:
    import subprocess

    code = ("import sys, werf.cli, werf.i18n as i; i.set_language('nl'); "
            "i.ngettext('{count} session', '{count} sessions', 2); assert 'babel' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    for path in (ROOT / "werf").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import babel" not in text and "from babel" not in text, path


def test_a_re_extraction_adds_new_strings_and_moves_changed_ones_in_place(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text(
        "from werf.i18n import _, ngettext\n"
        "# Translators: shown on the home screen\n"
        "A = _('New sessions today')\n"
        "B = ngettext('{count} apple', '{count} apples', 2)\n"
        "C = f\"{_('Kept')}: 1\"\n", encoding="utf-8")
    po = tmp_path / "nl.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: nl\\n"\n\nmsgid "Kept"\nmsgstr "Bewaard"\n\n'
                  'msgid "New session today"\nmsgstr "Nieuwe bespreking vandaag"\n', encoding="utf-8")
    total, missing = merge(extract(package), po)
    text = po.read_text(encoding="utf-8")
    assert (total, missing) == (3, 2)
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in text
    # the changed string takes the old one's place, with its translation marked fuzzy
    assert text.index('msgid "Kept"') < text.index('msgid "New sessions today"') < text.index('msgid "{count} apple"')
    assert '#. shown on the home screen\n#: pkg/mod.py:3\n#, fuzzy\n#| msgid "New session today"\n' in text
    assert 'msgid_plural "{count} apples"\nmsgstr[0] ""\nmsgstr[1] ""' in text
    assert parse_po(text) == {"Kept": "Bewaard"}  # fuzzy and empty ones are not used


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


PLURAL_PO = """msgid ""
msgstr ""
"Language: nl\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Help"
msgstr "Hulp"

#. a translator's note
msgid "{count} session"
msgid_plural "{count} sessions"
msgstr[0] "{count} bespreking"
msgstr[1] ""
"{count} besprekingen"

#, fuzzy
msgid "{count} note"
msgid_plural "{count} notes"
msgstr[0] "{count} notitie"
msgstr[1] "{count} notities"

msgid "{count} person"
msgid_plural "{count} people"
msgstr[0] "{count} persoon"
msgstr[1] ""

msgid "Quit"
msgstr "Afsluiten"
"""


def test_po_parser_reads_plural_entries() -> None:
    assert parse_po(PLURAL_PO) == {"Help": "Hulp", "Quit": "Afsluiten"}
    # the fuzzy entry and the one with an empty form are not used
    assert parse_po_plurals(PLURAL_PO) == {"{count} session": ("{count} bespreking", "{count} besprekingen")}
    assert po_header(PLURAL_PO) == {"Language": "nl", "Plural-Forms": "nplurals=2; plural=(n != 1);"}


def test_plural_rule_is_read_from_the_header() -> None:
    rule = plural_rule(po_header(PLURAL_PO))
    assert [rule(n) for n in (0, 1, 2, 11, 21)] == [1, 0, 1, 1, 1]
    assert plural_rule({"Plural-Forms": "nplurals=2; plural=n != 1"})(1) == 0
    with pytest.raises(ValueError):
        plural_rule({"Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : 2);"})


def test_the_dutch_catalog_has_the_plural_rule_of_dutch() -> None:
    header = po_header((ROOT / "werf" / "locale" / "nl.po").read_text(encoding="utf-8"))
    assert header["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert [load("nl").rule(n) for n in (0, 1, 2)] == [1, 0, 1]


def test_ngettext_falls_back_to_english_without_a_translation() -> None:
    set_language("nl")
    assert ngettext("{count} apple", "{count} apples", 1) == "{count} apple"
    assert ngettext("{count} apple", "{count} apples", 0) == "{count} apples"
    assert translate_plural("{count} apple", "{count} apples", 2, "en") == "{count} apples"


def test_every_plural_translation_has_all_forms_and_keeps_its_placeholders() -> None:
    assert plural_catalog("nl"), "the Dutch catalog has plural entries"
    text = (ROOT / "werf" / "locale" / "nl.po").read_text(encoding="utf-8")
    assert set(parse_po_plurals(text)) == set(plural_catalog("nl"))
    for msgid, forms in plural_catalog("nl").items():
        assert len(forms) == 2, msgid
        for form in forms:
            assert fields(form) == fields(msgid), msgid


COUNTED = [
    # (singular, plural, Dutch for 0, 1, 2)
    ("{count} session", "{count} sessions", ("0 besprekingen", "1 bespreking", "2 besprekingen")),
    ("{count} note", "{count} notes", ("0 notities", "1 notitie", "2 notities")),
    ("{count} action point", "{count} action points", ("0 actiepunten", "1 actiepunt", "2 actiepunten")),
    ("⚠ {count} change not saved yet: werf keeps trying", "⚠ {count} changes not saved yet: werf keeps trying",
     ("⚠ 0 wijzigingen nog niet opgeslagen: werf blijft het proberen",
      "⚠ 1 wijziging nog niet opgeslagen: werf blijft het proberen",
      "⚠ 2 wijzigingen nog niet opgeslagen: werf blijft het proberen")),
    ("Case content removed from {count} session.", "Case content removed from {count} sessions.",
     ("Casusinhoud verwijderd uit 0 besprekingen.", "Casusinhoud verwijderd uit 1 bespreking.",
      "Casusinhoud verwijderd uit 2 besprekingen.")),
]


@pytest.mark.parametrize(("singular", "plural", "dutch"), COUNTED, ids=[c[0] for c in COUNTED])
def test_counts_take_the_right_form_in_both_languages(singular: str, plural: str, dutch: tuple[str, ...]) -> None:
    set_language("en")
    english = [ngettext(singular, plural, n).format(count=n) for n in (0, 1, 2)]
    assert english == [plural.format(count=0), singular.format(count=1), plural.format(count=2)]
    set_language("nl")
    assert tuple(ngettext(singular, plural, n).format(count=n) for n in (0, 1, 2)) == dutch
    assert tuple(translate_plural(singular, plural, n, "nl").format(count=n) for n in (0, 1, 2)) == dutch


def test_system_language(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert system_language() == "nl"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert system_language() == "en"
    monkeypatch.setenv("LANGUAGE", "nl:en")
    assert system_language() == "nl"


@pytest.mark.parametrize(("name", "language"), [
    ("nl_NL.UTF-8", "nl"), ("nl_BE.UTF-8", "nl"), ("nl_BE@euro", "nl"), ("nl-BE", "nl"), ("nl", "nl"),
    ("NL_nl", "nl"), ("Dutch_Netherlands", "nl"), ("Dutch_Belgium.1252", "nl"), ("Dutch (Belgium)", "nl"),
    ("nld", "nl"), ("en_GB.UTF-8", "en"), ("en-US", "en"), ("en", "en"), ("English_United Kingdom", "en"),
    ("English_United States.1252", "en"), ("de_DE.UTF-8", None), ("German_Germany", None), ("C", None),
    ("C.UTF-8", None), ("POSIX", None), ("", None),
])
def test_language_of_a_locale_name(name: str, language: str | None) -> None:
    assert language_of(name) == language


@pytest.mark.parametrize(("environ", "language"), [
    ({"LANGUAGE": "nl:en", "LANG": "en_GB.UTF-8"}, "nl"),  # LANGUAGE first
    ({"LANGUAGE": "en:nl", "LC_ALL": "nl_NL.UTF-8"}, "en"),
    ({"LANGUAGE": "de:fr:nl_BE:en", "LANG": "en_GB.UTF-8"}, "nl"),  # its first language werf speaks
    ({"LANGUAGE": "de:fr", "LANG": "nl_NL.UTF-8"}, "nl"),  # none werf speaks: the next variable
    ({"LANGUAGE": "", "LC_ALL": "nl_BE.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
    ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, "en"),  # LC_ALL before LC_MESSAGES
    ({"LC_MESSAGES": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),  # LC_MESSAGES before LANG
    ({"LANG": "nl-BE"}, "nl"),
    ({"LANG": "Dutch_Netherlands.1252"}, "nl"),
    ({"LANG": "de_DE.UTF-8"}, "en"),  # another language: English
    ({"LC_ALL": "C", "LANG": "nl_NL.UTF-8"}, "en"),  # the C locale asks for untranslated text
])
def test_system_language_order(environ: dict[str, str], language: str) -> None:
    assert system_language(environ) == language


@pytest.mark.parametrize(("reported", "language"), [
    (("Dutch_Netherlands", "1252"), "nl"), (("Dutch_Belgium", "1252"), "nl"), (("nl_NL", "UTF-8"), "nl"),
    (("English_United Kingdom", "1252"), "en"), (("de_DE", "UTF-8"), "en"), ((None, None), "en"),
])
def test_system_language_falls_back_to_the_locale_python_reports(
        monkeypatch: pytest.MonkeyPatch, reported: tuple[str | None, str | None], language: str) -> None:
    import locale

    monkeypatch.setattr(locale, "getlocale", lambda *args: reported)
    assert system_language({}) == language


def test_system_language_survives_a_locale_python_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import locale

    def broken(*args: object) -> None:
        raise ValueError("unknown locale: UTF-8")

    monkeypatch.setattr(locale, "getlocale", broken)
    assert system_language({}) == "en"


def test_lang_option_wins_over_config_which_wins_over_the_system() -> None:
    dutch_system = {"LANGUAGE": "nl"}
    assert choose_language("en", "nl", dutch_system) == "en"
    assert choose_language(None, "en", dutch_system) == "en"
    assert choose_language(None, None, dutch_system) == "nl"
    assert choose_language("nl", None, {"LANG": "en_GB.UTF-8"}) == "nl"
