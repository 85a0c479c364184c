"""Build and check the held-out privacy corpus (tests/data/privacy_heldout.jsonl).

The corpus is written in tests/data/privacy_heldout.src, one sentence a line, with every
identifier marked inline as {text|k} (k: n name, a address, p postcode, b bsn, i iban,
t phone, e email, d birth_date, g age, s institution); lines starting with # are comments.
This script strips the marks, computes Python string offsets and writes one JSON object a
line: {"text": ..., "spans": [[start, end, kind], ...]}.

Then it checks what was written, reading the .jsonl back (so a hand edit of the .jsonl is
checked too): offsets in range, no leading or trailing space, no overlap, known kinds, and the
span text has the shape of its kind (a BSN passes the eleven-test or carries a "BSN" label, an
IBAN passes ISO 7064 mod 97, a postcode is 4 digits and 2 letters, ...). It also checks the
brief: at least 200 sentences, at least 40 without any identifier.

Run: python scripts/build_privacy_heldout.py [--show]   (--show prints every span)
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SOURCE = DATA / "privacy_heldout.src"
CORPUS = DATA / "privacy_heldout.jsonl"

KINDS = {"n": "name", "a": "address", "p": "postcode", "b": "bsn", "i": "iban", "t": "phone",
         "e": "email", "d": "birth_date", "g": "age", "s": "institution"}
MARK = re.compile(r"\{([^{}|]+)\|([a-z])\}")
MONTHS = r"(jan|feb|maart|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)"
# ordinary Dutch words that are also first names or surnames (the brief asks for 40 sentences
# without an identifier that use such words)
NAME_WORDS = {"ben", "wil", "roos", "mark", "bas", "jan", "kees", "anne", "bakker", "visser", "jong", "mol", "kok",
              "zwart", "groot", "hoek", "boer", "vos", "koster", "schipper", "winter", "zomer", "berg", "post",
              "wit", "klein", "job", "lieve", "fleur", "iris", "storm", "baas", "dekker", "bos", "haan", "dijk",
              "koning", "prins"}
NUMBER_WORDS = {"twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
                "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig"}


def parse(line: str) -> tuple[str, list[list[int | str]]]:
    """One marked-up line → plain text and its spans."""
    text, spans, pos = [], [], 0
    length = 0
    for match in MARK.finditer(line):
        before = line[pos:match.start()]
        text.append(before)
        length += len(before)
        body, kind = match.group(1), match.group(2)
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} in: {line}")
        spans.append([length, length + len(body), KINDS[kind]])
        text.append(body)
        length += len(body)
        pos = match.end()
    text.append(line[pos:])
    plain = "".join(text)
    if "{" in plain or "}" in plain or "|" in plain:
        raise ValueError(f"broken mark in: {line}")
    return plain, spans


def eleven_test(digits: str) -> bool:
    return len(digits) == 9 and (sum(int(d) * (9 - i) for i, d in enumerate(digits[:8])) - int(digits[8])) % 11 == 0


def iban_ok(raw: str) -> bool:
    value = raw.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", value):
        return False
    moved = value[4:] + value[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def shape_problem(text: str, start: int, end: int, kind: str) -> str | None:
    """Why the span text does not look like its kind, or None."""
    value = text[start:end]
    digits = re.sub(r"\D", "", value)
    before = text[max(0, start - 25):start].lower()
    if kind == "bsn":
        if len(digits) != 9 or re.search(r"[^\d .]", value):
            return "a BSN has 9 digits"
        if not eleven_test(digits) and not re.search(r"bsn|burgerservicenummer", before):
            return "fails the eleven-test and has no BSN label"
    elif kind == "iban":
        if not iban_ok(value):
            return "fails the IBAN check"
    elif kind == "postcode":
        if not re.fullmatch(r"\d{4} ?[A-Za-z]{2}", value):
            return "a postcode is 4 digits and 2 letters"
    elif kind == "email":
        if not re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", value):
            return "not an e-mail address"
    elif kind == "phone":
        if not 9 <= len(digits) <= 15 or re.search(r"[^\d +()\-]", value):
            return "a phone number has 9 to 15 digits"
    elif kind == "birth_date":
        if not (re.fullmatch(r"'?\d{2}|\d{4}", value) or re.fullmatch(r"\d{1,4}[-/.]\d{1,2}[-/.]'?\d{2,4}", value)
                or re.fullmatch(rf"\d{{1,2}} {MONTHS}[a-z]*\.? ('\d{{2}}|\d{{4}})", value)):
            return "not a date form"
        around = text[max(0, start - 30):end + 12].lower()
        if not (re.search(r"geb|geboorte", around) or re.search(r"(van|is|\(|,)\s*$", before)):
            return "a birth date needs its cue (geb., geboren, geboortedatum, 'is van', a comma or bracket)"
    elif kind == "age":
        if not (re.fullmatch(r"\d{1,3}", value) or value in NUMBER_WORDS):
            return "an age is a number"
    elif kind in ("name", "institution", "address") and not value[0].isalnum() and value[0] != "'":
        return "starts with a sign"
    return None


def build() -> None:
    lines = [line.rstrip("\n") for line in SOURCE.read_text(encoding="utf-8").splitlines()]
    rows = [parse(line) for line in lines if line.strip() and not line.startswith("#")]
    with CORPUS.open("w", encoding="utf-8") as out:
        for text, spans in rows:
            out.write(json.dumps({"text": text, "spans": spans}, ensure_ascii=False) + "\n")


def check(show: bool) -> list[str]:
    problems = []
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    kinds: Counter[str] = Counter()
    texts = Counter(row["text"] for row in rows)
    problems += [f"duplicate sentence: {text}" for text, n in texts.items() if n > 1]
    for row in rows:
        text, spans = row["text"], row["spans"]
        last_end = 0
        for start, end, kind in sorted(spans):
            where = f"{text[start:end]!r} ({kind}) in: {text}"
            if kind not in KINDS.values():
                problems.append(f"unknown kind {where}")
            elif not 0 <= start < end <= len(text):
                problems.append(f"offsets out of range {where}")
            elif text[start:end].strip() != text[start:end]:
                problems.append(f"space at the edge of {where}")
            elif start < last_end:
                problems.append(f"overlap at {where}")
            elif (why := shape_problem(text, start, end, kind)) is not None:
                problems.append(f"{why}: {where}")
            last_end = max(last_end, end)
            kinds[kind] += 1
            if show:
                print(f"{kind:12} {text[start:end]!r:40} … {text[max(0, start - 20):end + 10]!r}")
    negatives = sum(1 for row in rows if not row["spans"])
    print(f"{len(rows)} sentences, {negatives} without an identifier, {sum(kinds.values())} identifiers:")
    print("  " + ", ".join(f"{kind} {kinds[kind]}" for kind in KINDS.values()))
    if len(rows) < 200:
        problems.append(f"only {len(rows)} sentences, the brief asks for 200")
    ordinary = sum(1 for row in rows if not row["spans"]
                   and NAME_WORDS & {word.lower() for word in re.findall(r"\w+", row["text"])})
    print(f"  {ordinary} of the sentences without an identifier use words that are also names")
    if ordinary < 40:
        problems.append(f"only {ordinary} such sentences, the brief asks for 40")
    problems += [f"no {kind} in the corpus" for kind in KINDS.values() if not kinds[kind]]
    return problems


def main(argv: list[str]) -> int:
    global SOURCE, CORPUS
    problems = []
    for name in ("privacy_heldout", "privacy_heldout_2", "privacy_heldout_3"):
        SOURCE, CORPUS = DATA / f"{name}.src", DATA / f"{name}.jsonl"
        print(f"{name}:")
        if SOURCE.exists():
            build()
        found = check(show="--show" in argv)
        if name != "privacy_heldout":  # the later sets are smaller: only the form is checked
            found = [p for p in found if not p.startswith(("only ", "no "))]
        problems += found
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
