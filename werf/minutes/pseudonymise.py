"""Pseudonymise a session: people become their role (or initials), clients a placeholder.

`pseudonymise_session` returns a copy (sharing nothing with the original) in which

- every participant's name, and the facilitator field, is a stable alias: the name of
  their role in the minutes language ("inbrenger", "gespreksleider"; people without a role
  are "deelnemer 1", "deelnemer 2", …; two people with the same role are numbered too), or
  their initials with `mode="initials"`;
- every other name the detector finds (and every name in `session.sensitive_names`) is a
  placeholder per person: the client (`find_client`) "[cliënt]", someone the text gives a
  relation ("haar zoon Kevin", "Priya, zijn dochter") "[familielid 1]", "[buur 1]", "[vriend 1]"
  or "[mantelzorger 1]", anyone else "[persoon 1]"; the same person the same placeholder in
  the whole document; the list of names is emptied so the copy does not carry them along;
- with `mask_identifiers` (the default) every address, postcode, BSN, IBAN, phone number,
  e-mail address, date of birth, age and institution is a placeholder ("[adres]", "[BSN]" …);
  English minutes get English placeholders ("[client]", "[family member 1]", "[address]").

Names are replaced in every case-content text (as declared on the models: case title,
question, notes, action text and owner, phase drafts, network relations) as whole words,
case-insensitively, longest name first, so "Jan de Vries" is replaced before "Jan". A
multi-word participant name also has its first word (the given name, when it has three
letters or more and belongs to no one else) replaced, as colleagues write "Jan" in their
notes. The team and its themes are kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Literal

from werf.i18n import N_, translate
from werf.labels import ROLE_NAMES
from werf.models import Participant, RoleId, Session
from werf.privacy import PARTICLES, TITLES, WORD_NAMES, Span, detect, starts_sentence

Mode = Literal["roles", "initials"]

# The role that names a person who holds several (a facilitator who keeps time is the facilitator).
ROLE_PRIORITY = (
    RoleId.CASE_BRINGER,
    RoleId.FACILITATOR,
    RoleId.MINUTE_TAKER,
    RoleId.TIMEKEEPER,
    RoleId.OBSERVER,
)
PARTICIPANT = N_("participant")


def primary_role(participant: Participant) -> RoleId | None:
    """The role a person is called by in pseudonymised minutes, or None without a role."""
    for role in ROLE_PRIORITY:
        if role in participant.roles:
            return role
    return None


def initials(name: str) -> str:
    """"Fatima" → "F.", "Jan de Vries" → "J.d.V." (a particle written in lowercase stays so)."""
    words = re.findall(r"\w+", name)
    if not words:
        return "?"
    return "".join(
        f"{word[0] if 0 < i < len(words) - 1 and word.islower() else word[0].upper()}."
        for i, word in enumerate(words)
    )


def _numbered(bases: list[str], always: set[str]) -> list[str]:
    """Number the bases that occur more than once (and those in `always`): "deelnemer 1", …"""
    counts = Counter(bases)
    seen: Counter[str] = Counter()
    result = []
    for base in bases:
        if counts[base] > 1 or base in always:
            seen[base] += 1
            result.append(f"{base} {seen[base]}")
        else:
            result.append(base)
    return result


def participant_aliases(session: Session, lang: str, mode: Mode = "roles") -> dict[str, str]:
    """Participant id → alias, stable for the same session, language and mode."""
    if mode == "initials":
        bases = [initials(p.name) for p in session.participants]
        return dict(zip((p.id for p in session.participants), _numbered(bases, set()), strict=True))
    participant = translate(PARTICIPANT, lang)
    bases = []
    for person in session.participants:
        role = primary_role(person)
        bases.append(translate(ROLE_NAMES[role], lang) if role else participant)
    aliases = _numbered(bases, {participant})
    return dict(zip((p.id for p in session.participants), aliases, strict=True))


class NameReplacer:
    """Replace whole-word, case-insensitive occurrences of names by their aliases."""

    def __init__(self, aliases: dict[str, str]) -> None:
        # casefolded name → alias; the first alias given for a name wins
        self._aliases: dict[str, str] = {}
        for name, alias in aliases.items():
            key = name.strip().casefold()
            if key:
                self._aliases.setdefault(key, alias)
        names = sorted(self._aliases, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
            if names
            else None
        )

    def _alias(self, match: re.Match[str]) -> str:
        found = match.group()
        alias = self._aliases.get(found.casefold())
        if alias is not None:
            return alias
        for name, candidate in self._aliases.items():  # case folding that changes length
            if re.fullmatch(re.escape(name), found, re.IGNORECASE):
                return candidate
        return found

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(self._alias, text)


PERSON_PLACEHOLDER = N_("[person {number}]")
PLACEHOLDERS = {
    "address": N_("[address]"),
    "postcode": N_("[postcode]"),
    "bsn": N_("[BSN]"),
    "iban": N_("[IBAN]"),
    "phone": N_("[phone]"),
    "email": N_("[e-mail]"),
    "birth_date": N_("[date of birth]"),
    "age": N_("[age]"),
    "institution": N_("[institution]"),
}
KIND_NAMES = {
    "name": N_("person's name"),
    "colleague": N_("colleague's name"),
    "address": N_("address"),
    "postcode": N_("postcode"),
    "bsn": N_("citizen service number (BSN)"),
    "iban": N_("bank account (IBAN)"),
    "phone": N_("phone number"),
    "email": N_("e-mail address"),
    "birth_date": N_("date of birth"),
    "age": N_("age"),
    "institution": N_("school or institution"),
}


def describe_counts(counts: Counter[str], lang: str) -> str:
    """"3× naam van een persoon, 1× adres": what pseudonymising replaced, per kind."""
    return ", ".join(f"{count}× {translate(KIND_NAMES[kind], lang)}"
                     for kind, count in sorted(counts.items(), key=lambda item: list(KIND_NAMES).index(item[0])))


def _parts(name: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"[^\W\d_][\w'’-]*", name) if w.casefold() not in PARTICLES]


def _grouped(words: str, group: str) -> dict[str, str]:
    return dict.fromkeys(words.split(), group)


# The word before a name that says who the person is to the client: "haar zoon Kevin",
# "buurvrouw Ans", "cliënt De Vries". Dutch and English, as notes are typed in either.
RELATION_GROUPS: dict[str, str] = {
    **_grouped("""zoon zoontje dochter dochtertje moeder vader broer broertje zus zusje oma opa omi opi
        oom ome tante neef nicht kleinzoon kleindochter kleinkind stiefvader stiefmoeder stiefzoon
        stiefdochter pleegvader pleegmoeder pleegzoon pleegdochter schoonmoeder schoonvader
        schoonzoon schoondochter zwager schoonzus partner echtgenoot echtgenote man vrouw ex
        ex-partner ex-man ex-vrouw halfbroer halfzus mama papa mam pap baby kind son daughter mother
        father brother sister grandmother grandfather grandma grandpa granny uncle aunt nephew niece
        cousin grandson granddaughter grandchild stepfather stepmother stepson stepdaughter husband
        wife mum mom dad child""", "family"),
    **_grouped("buurman buurvrouw buren buurjongen buurmeisje neighbour neighbor", "neighbour"),
    **_grouped("vriend vriendin friend", "friend"),
    **_grouped("mantelzorger carer caregiver", "carer"),
    **_grouped("cliënt client cliënte bewoner bewoonster resident", "client"),
}
CLIENT_PLACEHOLDER = N_("[client]")
GROUP_PLACEHOLDERS = {
    "family": N_("[family member {number}]"),
    "neighbour": N_("[neighbour {number}]"),
    "friend": N_("[friend {number}]"),
    "carer": N_("[carer {number}]"),
    "person": PERSON_PLACEHOLDER,
}
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*\.?)[ \t]+$")
_WORDS_AFTER = re.compile(r"(?:\s*\(\d{1,3}\))?,?\s+(?:zijn|haar|hun|diens|de|his|her|their|the)\s+([^\W\d_][\w-]*)")


def relation_group(text: str, span: Span) -> str | None:
    """What the text says the named person is, by the word right before the name ("haar zoon
    Kevin") or the words right after it ("Priya, zijn dochter"): "family", "neighbour",
    "friend", "carer" or "client"; None when it says nothing."""
    before = _WORD_BEFORE.search(text[max(0, span.start - 40):span.start])
    if before is not None and before.group(1).casefold().rstrip(".") in TITLES:
        # "haar moeder mevrouw Jansen", "zijn buurman de heer Smit": the word before the title
        head = text[max(0, span.start - 60):span.start - len(before.group(0))]
        head = re.sub(r"(?i)\bde[ \t]*$", "", head) if before.group(1).casefold() == "heer" else head
        before = _WORD_BEFORE.search(head)
    group = RELATION_GROUPS.get(before.group(1).casefold()) if before else None
    if group is None:
        after = _WORDS_AFTER.match(text, span.end)
        group = RELATION_GROUPS.get(after.group(1).casefold()) if after else None
    return group


class Replacements:
    """Which placeholder each detected name gets, stable across one document, and how many of
    each kind were replaced. Colleagues become their alias; the client "[cliënt]"; a person the
    text names by relation "[familielid 1]", "[buur 1]", "[vriend 1]", "[mantelzorger 1]"; anyone
    else "[persoon 1]", "[persoon 2]" … A name sharing a word with an earlier one ("Kevin" after
    "Kevin Jansen") is the same person. `learn` sees every mention first, so a person named
    "zoon Kevin" once is "[familielid 1]" everywhere, also where "Kevin" stands alone."""

    def __init__(self, colleagues: dict[str, str], lang: str, listed: Iterable[str] = (),
                 keep: Iterable[str] = (), client: str | None = None,
                 keep_colleagues: bool = False) -> None:
        self.lang = lang
        self._keep_colleagues = keep_colleagues  # an archive for the coordinator: as typed
        self._keep = frozenset(keep)  # found texts the user chose to keep as typed
        self.found: Counter[tuple[str, str]] = Counter()  # (kind, text as found) → times replaced
        self._listed = {name.strip().casefold() for name in listed}
        self._full = {name.strip().casefold(): alias for name, alias in colleagues.items() if name.strip()}
        owners: dict[str, set[str]] = {}
        for name, alias in colleagues.items():
            for part in _parts(name)[:1]:
                owners.setdefault(part, set()).add(alias)
        # a colleague's given name that belongs to one alias only; a surname alone is a person
        # ("mevrouw Bakker" is the client, not colleague Eva Bakker): replaced all the same
        self._part = {part: next(iter(aliases)) for part, aliases in owners.items() if len(aliases) == 1}
        self._people: dict[str, int] = {}  # a word of a name → the person it belongs to
        self._groups: list[str | None] = []  # per person: what the text says they are
        self._labels: dict[int, str] = {}  # per person: the placeholder, once given
        self._numbers: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        if client and self.colleague(client) is None:
            self._mention(client, "client")

    def colleague(self, name: str) -> str | None:
        key = name.strip().casefold()
        if key in self._full:
            return self._full[key]
        if key in self._listed:  # listed as a client's name: a person, even if a colleague shares it
            return None
        aliases = {self._part.get(part) for part in _parts(name)}
        return aliases.pop() if len(aliases) == 1 and None not in aliases else None

    def _mention(self, name: str, group: str | None) -> int:
        parts = _parts(name) or [name.casefold()]
        person = next((self._people[p] for p in parts if p in self._people), None)
        if person is None:
            person = len(self._groups)
            self._groups.append(group)
        elif self._groups[person] is None and person not in self._labels:
            self._groups[person] = group
        for part in parts:
            self._people.setdefault(part, person)
        return person

    def learn(self, text: str, spans: Iterable[Span]) -> None:
        """Mentions of people, in reading order, before anything is replaced; a name kept as
        typed is no one to number."""
        for span in spans:
            if span.kind == "name" and span.text not in self._keep and self.colleague(span.text) is None:
                self._mention(span.text, relation_group(text, span))

    def _label(self, person: int) -> str:
        if person not in self._labels:
            group = self._groups[person] or "person"
            if group == "client":
                self._labels[person] = translate(CLIENT_PLACEHOLDER, self.lang)
            else:
                self._numbers[group] += 1
                self._labels[person] = translate(GROUP_PLACEHOLDERS[group], self.lang).format(
                    number=self._numbers[group])
        return self._labels[person]

    def settle(self) -> None:
        """Give every person learned so far their placeholder, in order of first mention."""
        for person in range(len(self._groups)):
            self._label(person)

    def person(self, name: str, group: str | None = None) -> str:
        return self._label(self._mention(name, group))

    def replacement(self, span: Span, mask_identifiers: bool, text: str = "") -> str | None:
        """What replaces `span` (None: it stays as written); the one decision that the export,
        its counts and the export dialog's list of what will be replaced all follow."""
        if span.text in self._keep:
            return None
        if span.kind == "name":
            alias = self.colleague(span.text)
            if alias is not None and self._keep_colleagues:
                return None
            if alias is not None:
                kind, new = "colleague", alias
            else:
                kind, new = "name", self.person(span.text, relation_group(text, span) if text else None)
        elif not mask_identifiers:
            return None
        else:
            kind, new = span.kind, translate(PLACEHOLDERS[span.kind], self.lang)
        self.counts[kind] += 1
        self.found[kind, span.text] += 1
        return new


def replace_spans(text: str, spans: list[Span], replacements: Replacements, mask_identifiers: bool = True) -> str:
    """`text` with each span replaced; a placeholder or a colleague's role that starts a
    sentence gets a capital ("[Cliënt] belt", "Begeleider zegt")."""
    pieces: list[str] = []
    last = 0
    for span in spans:
        new = replacements.replacement(span, mask_identifiers, text)
        if new is None:
            continue
        if starts_sentence(text, span.start):
            new = capitalised(new)
        pieces += [text[last:span.start], new]
        last = span.end
    pieces.append(text[last:])
    return "".join(pieces)


def capitalised(replacement: str) -> str:
    """"[cliënt]" → "[Cliënt]", "begeleider" → "Begeleider": a replacement opening a sentence."""
    opening = 1 if replacement.startswith("[") else 0
    return replacement[:opening] + replacement[opening:opening + 1].upper() + replacement[opening + 1:]


def mask_identifiers_in(text: str, lang: str) -> str:
    """`text` with every identifier the detector finds replaced (names by "[persoon N]", or
    by relation: "haar zoon Kevin" → "haar zoon [familielid 1]")."""
    spans = detect(text)
    replacements = Replacements({}, lang)
    replacements.learn(text, spans)
    replacements.settle()
    return replace_spans(text, spans, replacements)


def _colleague_table(session: Session, aliases: dict[str, str], lang: str, mode: Mode) -> dict[str, str]:
    """Every colleague's name (and the facilitator field) → their alias."""
    table: dict[str, str] = {}
    for person in session.participants:
        table.setdefault(person.name, aliases[person.id])
    if session.facilitator.strip():
        table.setdefault(session.facilitator.strip(), facilitator_alias(session, aliases, lang, mode))
    return table


def facilitator_alias(session: Session, aliases: dict[str, str], lang: str, mode: Mode = "roles") -> str:
    """The alias of the facilitator field: the participant of that name, else the one with the
    facilitator role, else the role name (or the initials)."""
    name = session.facilitator.strip().casefold()
    for person in session.participants:
        if person.name.strip().casefold() == name:
            return aliases[person.id]
    if mode == "initials":
        return initials(session.facilitator)
    leaders = session.people_with(RoleId.FACILITATOR)
    return aliases[leaders[0].id] if leaders else translate(ROLE_NAMES[RoleId.FACILITATOR], lang)


def find_client(session: Session, known: Iterable[str] = (), listed: Iterable[str] = ()) -> str:
    """The client of a session, as pseudonymisation knows them: the first person the case
    title or question names (not as someone's relative: "zoon Kevin" is not the client; a
    colleague is never the client), else the first of the names listed to hide; "" for none.
    `known` are colleagues' names, `listed` the names to hide."""
    colleagues = _known_colleagues(session)
    known, listed = list(known), list(listed)
    for text in (session.case_title, session.question):
        for span in detect(text, names=known, listed=listed):
            if (span.kind == "name" and span.text.strip().casefold() not in colleagues
                    and not set(_parts(span.text)) & colleagues
                    and relation_group(text, span) in (None, "client")):
                return span.text
    return next((name for name in session.sensitive_names if name.strip()), "")


def _known_colleagues(session: Session) -> set[str]:
    words = {session.facilitator.strip().casefold()} if session.facilitator.strip() else set()
    for person in session.participants:
        words.add(person.name.strip().casefold())
        words.update(_parts(person.name))
    return words


def pseudonymise_session(
    session: Session, lang: str = "nl", mode: Mode = "roles", *, mask_identifiers: bool = True,
    names: Iterable[str] = (), counts: Counter[str] | None = None, keep: Iterable[str] = (),
    found: Counter[tuple[str, str]] | None = None, keep_colleagues: bool = False,
    client: str | None = None,
) -> Session:
    """A copy of `session` without the names of participants, facilitator, clients and anyone
    else the detector finds (werf.privacy), and (with `mask_identifiers`) without addresses,
    BSNs, phone numbers and the other identifiers in its case content. `names` are extra names
    to replace wherever they occur; `keep` are found texts to leave as written; `counts`,
    when given, receives how many of each kind were replaced, `found` how often each
    (kind, text) was; `client` names the client when the session itself does not tell (see
    `find_client`). Which texts are case content is declared on the models
    (`Session.map_case_texts`); the original is left alone. With `keep_colleagues` (an archive
    for the coordinator) the participants and facilitator keep their names, wherever they are
    written, and only the client's side is replaced."""
    if keep_colleagues:
        aliases = {person.id: person.name for person in session.participants}
        colleagues = {name.strip(): name.strip() for name in
                      [*(p.name for p in session.participants), session.facilitator] if name.strip()}
    else:
        aliases = participant_aliases(session, lang, mode)
        colleagues = _colleague_table(session, aliases, lang, mode)
    known = list(colleagues)
    # colleagues' full and given names as whole words in any case ("vraagt eva"), unless the
    # name is also an everyday word ("wil", "ben"): those only where the detector sees a name
    given = Counter(_parts(name)[0] for name in colleagues if _parts(name))
    by_hand = [*colleagues, *(name.split()[0] for name in colleagues
                              if len(name.split()) > 1 and len(name.split()[0]) >= 3
                              and given[_parts(name)[0]] == 1 if _parts(name))]
    listed = [*session.sensitive_names, *names, *(n for n in by_hand if n.strip().casefold() not in WORD_NAMES)]
    if client is None:
        client = find_client(session, known, listed)
    if client:  # "De Vries" whole wherever it is written, also where "De" opens no name
        listed.append(client)
    replacements = Replacements(colleagues, lang, [*session.sensitive_names, *names], keep, client=client,
                                keep_colleagues=keep_colleagues)
    # first pass: every name found anywhere counts as a name everywhere in the document, and
    # who each person is (by the relation the text gives them) is known before any is replaced
    seen: set[str] = set()
    for text in session.case_texts():
        spans = detect(text, names=known, listed=listed)
        replacements.learn(text, spans)
        seen |= {span.text for span in spans if span.kind == "name"}
    replacements.settle()
    known += sorted(seen)

    def change(text: str) -> str:
        return replace_spans(text, detect(text, names=known, listed=listed), replacements, mask_identifiers)

    # the list of names to hide goes whole: its entries are no text of the case to count
    copy = session.model_copy(update={"sensitive_names": []}).map_case_texts(change)
    for person in copy.participants:
        person.name = aliases[person.id]
    if keep_colleagues:
        copy.facilitator = session.facilitator
    else:
        copy.facilitator = facilitator_alias(session, aliases, lang, mode) if session.facilitator.strip() else ""
    copy.sensitive_names = []
    if counts is not None:
        counts.update(replacements.counts)
    if found is not None:
        found.update(replacements.found)
    return copy
