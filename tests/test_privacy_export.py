"""End to end: a pseudonymised export with no names listed leaves none of the corpus's
identifiers in the .docx XML parts (every one: body, headers, footers, properties, rels —
as written and with the tags taken out, so a name split over two runs is still caught), the
Markdown, the archive for the coordinator, the file names, or the book of takeaways as
`werf takeaways` writes it."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from click.testing import CliRunner

from werf.cli import main
from werf.minutes.book import render_book_docx, render_book_markdown
from werf.models import Note, RecordKind
from werf.store import Store
from werf.takeaways import build_book

from .helpers import TODAY
from .minutes_helpers import full_session, xml_parts

CORPUS = Path(__file__).parent / "data" / "privacy_corpus.jsonl"


def corpus() -> list[tuple[str, list[tuple[str, str]]]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        rows.append((data["text"], [(data["text"][s:e], kind) for s, e, kind in data["spans"]]))
    return rows


def leaks(text: str, identifiers: set[str]) -> list[str]:
    """Identifiers written in `text` as whole words, in the case they were written (the
    colleague "Roos" may not be there; the flower "roos" may, and so may the verbs in "Wil je …?"
    and "Ben ik …?")."""
    verb = r"(?! (?:je|ik|het|de|u|we|jij)\b)"
    return sorted(i for i in identifiers  # (a plain substring test first: the XML parts are large)
                  if i in text and re.search(r"(?<![\w@.])" + re.escape(i) + r"(?![\w@])" + verb, text))


def without_tags(xml: str) -> str:
    """The text of an XML part with its tags taken out (runs joined as Word shows them)."""
    return html.unescape(re.sub(r"<[^>]+>", "", xml))


def identifiers(rows: list[tuple[str, list[tuple[str, str]]]]) -> set[str]:
    # an age alone ("7") is checked with its bracket, as digits are everywhere in a document
    return {f"({i})" if kind == "age" else i for _, found in rows for i, kind in found}


def corpus_session():  # type: ignore[no-untyped-def]
    session = full_session()
    session.sensitive_names = []  # nobody listed anything
    rows = corpus()
    session.case_title = rows[0][0]
    session.question = rows[1][0]
    session.notes = [
        Note(phase_index=i % 3, text=text, kind=RecordKind.TAKEAWAY if i % 4 == 0 else RecordKind.NOTE)
        for i, (text, _) in enumerate(rows)
    ]
    return session


def saved_corpus_session(tmp_path: Path):  # type: ignore[no-untyped-def]
    session = corpus_session()
    db = tmp_path / "werf.db"
    store = Store.open(db)
    store.save_session(session)
    store.close()
    return session, db


def test_pseudonymised_export_without_listed_names_leaks_no_identifier(tmp_path: Path) -> None:
    rows = corpus()
    wanted = identifiers(rows)
    session, db = saved_corpus_session(tmp_path)
    before = " ".join(n.text for n in session.notes)
    assert len(leaks(before, wanted)) == len(wanted)  # all there before

    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    for fmt in ("docx", "md", "json"):
        result = runner.invoke(main, ["--db", str(db), "--lang", "nl", "export", session.id, "--format", fmt,
                                      "--out", str(out), "--pseudonymise"])
        assert result.exit_code == 0, result.output
        assert "Gepseudonimiseerd:" in result.stderr and "naam van een persoon" in result.stderr
    files = sorted(out.iterdir())
    assert [p.suffix for p in files] == [".docx", ".json", ".md"]
    for path in files:
        assert leaks(path.name, wanted) == []
    docx_file, json_file, md_file = files
    parts = xml_parts(docx_file.read_bytes())
    assert {"word/document.xml", "docProps/core.xml", "word/_rels/document.xml.rels"} <= set(parts)
    assert any("header" in name for name in parts) and any("footer" in name for name in parts)
    for name, xml in parts.items():
        assert leaks(xml, wanted) == [], name
        assert leaks(without_tags(xml), wanted) == [], name
    assert "Gepseudonimiseerd" in parts["docProps/core.xml"]
    assert any("Gepseudonimiseerd" in xml for name, xml in parts.items() if "header" in name)
    markdown = md_file.read_text(encoding="utf-8").replace("\\", "")
    assert leaks(markdown, wanted) == []
    assert "Gepseudonimiseerd" in markdown.splitlines()[0]
    assert leaks(json_file.read_text(encoding="utf-8"), wanted) == []
    assert leaks(json.dumps(json.loads(json_file.read_text(encoding="utf-8")), ensure_ascii=False), wanted) == []


def test_the_book_of_takeaways_leaks_no_identifier(tmp_path: Path) -> None:
    """The book as `werf takeaways` writes it (Word and Markdown, and their file names),
    from takeaways that hold corpus identifiers."""
    rows = corpus()
    wanted = identifiers(rows)
    session, db = saved_corpus_session(tmp_path)
    takeaways = " ".join(n.text for n in session.notes if n.kind == RecordKind.TAKEAWAY)
    assert len(leaks(takeaways, wanted)) >= 30  # the book has identifiers to hide

    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("docx", "md"):
        result = CliRunner().invoke(main, ["--db", str(db), "--lang", "nl", "takeaways", "--format", fmt,
                                           "--out", str(out)])
        assert result.exit_code == 0, result.output
    docx_file, md_file = sorted(out.glob("*.docx")) + sorted(out.glob("*.md"))
    for path in (docx_file, md_file):
        assert leaks(path.name, wanted) == []
    markdown = md_file.read_text(encoding="utf-8").replace("\\", "")
    assert "persoon" in markdown  # the takeaways are there, pseudonymised
    assert leaks(markdown, wanted) == []
    for name, xml in xml_parts(docx_file.read_bytes()).items():
        assert leaks(xml, wanted) == [], name
        assert leaks(without_tags(xml), wanted) == [], name

    store = Store.memory()  # and the book as the app's screen builds it
    store.save_session(session)
    book = build_book(store, lang="nl")
    assert leaks(render_book_markdown(book, TODAY).replace("\\", ""), wanted) == []
    for name, xml in xml_parts(render_book_docx(book, TODAY)).items():
        assert leaks(without_tags(xml), wanted) == [], name


def test_extra_names_are_replaced_too(tmp_path: Path) -> None:
    session = full_session()
    session.sensitive_names = []
    session.notes = [Note(phase_index=0, text="gesprek met zwaantje over de hond")]
    store = Store.open(tmp_path / "werf.db")
    store.save_session(session)
    store.close()
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "werf.db"), "export", session.id, "--format", "md",
                                       "--out", str(tmp_path), "--pseudonymise", "--name", "Zwaantje"])
    assert result.exit_code == 0, result.output
    text = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
    assert "zwaantje" not in text.casefold()


def test_the_dialogs_list_is_what_the_export_replaces(tmp_path: Path) -> None:
    """One function: the list the export dialog shows (`what_will_be_replaced`) is the record
    of the export itself, item for item, and the command line's counts are its sums; an item
    kept as typed is neither listed as replaced nor replaced."""
    from werf.export import export_session
    from werf.minutes.replaced import describe, listing, what_will_be_replaced

    session = corpus_session()
    listed = what_will_be_replaced(session, "nl")
    done = export_session(session, None, "md", tmp_path, lang="nl", pseudonymise=True)
    assert listing(done.found) == listed
    assert {item.kind for item in listed} >= {"name", "address", "postcode", "bsn", "iban", "phone", "email",
                                              "birth_date", "institution"}
    assert describe(listed, "nl").startswith(f"{sum(i.count for i in listed if i.kind == 'name')}× naam")

    bsn = next(item for item in listed if item.kind == "bsn")
    kept = export_session(session, None, "md", tmp_path, lang="nl", pseudonymise=True, keep=[bsn.text])
    assert listing(kept.found) == [item for item in listed if item.text != bsn.text]
    assert bsn.text in kept.path.read_text(encoding="utf-8").replace("\\", "")
