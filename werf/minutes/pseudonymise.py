"""Pseudonymise a session: people become their role (or initials), clients a placeholder.

`pseudonymise_session` returns a copy (sharing nothing with the original) in which

- every participant's name, and the facilitator field, is a stable alias: the name of
  their role in the minutes language ("inbrenger", "gespreksleider"; people without a role
  are "deelnemer 1", "deelnemer 2", …; two people with the same role are numbered too), or
  their initials with `mode="initials"`;
- every name in `session.sensitive_names` (clients, family, neighbours) is "[naam]" /
  "[name]", and the list itself is emptied so the copy does not carry the names along;
- with `mask_identifiers` (the default) every BSN, birth date, e-mail address and phone
  number is a placeholder such as "[BSN]" or "[telefoon]".

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
from typing import Literal

from werf.i18n import N_, translate
from werf.labels import ROLE_NAMES
from werf.minutes.identifiers import find_identifiers
from werf.models import Participant, RoleId, Session

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
NAME_PLACEHOLDER = N_("[name]")
IDENTIFIER_PLACEHOLDERS = {
    "bsn": N_("[BSN]"),
    "birth_date": N_("[date of birth]"),
    "email": N_("[e-mail]"),
    "phone": N_("[phone]"),
}


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


def mask_identifiers_in(text: str, lang: str) -> str:
    """`text` with every BSN, birth date, e-mail address and phone number replaced."""
    findings = find_identifiers(text)
    for finding in reversed(findings):
        placeholder = translate(IDENTIFIER_PLACEHOLDERS[finding.kind], lang)
        text = text[: finding.start] + placeholder + text[finding.end :]
    return text


def _name_table(session: Session, aliases: dict[str, str], lang: str, mode: Mode) -> dict[str, str]:
    """Every name to replace → its alias. Full names first, then the listed sensitive names,
    then given names (a guess, so an explicitly listed name wins)."""
    table: dict[str, str] = {}
    for person in session.participants:
        table.setdefault(person.name, aliases[person.id])
    if session.facilitator.strip():
        table.setdefault(session.facilitator.strip(), facilitator_alias(session, aliases, lang, mode))
    placeholder = translate(NAME_PLACEHOLDER, lang)
    for name in session.sensitive_names:
        table.setdefault(name, placeholder)
    given_names = Counter(person.name.split()[0].casefold() for person in session.participants if person.name.split())
    for person in session.participants:
        words = person.name.split()
        if len(words) > 1 and len(words[0]) >= 3 and given_names[words[0].casefold()] == 1:
            table.setdefault(words[0], aliases[person.id])
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


def pseudonymise_session(
    session: Session, lang: str = "nl", mode: Mode = "roles", *, mask_identifiers: bool = True,
) -> Session:
    """A copy of `session` without the names of participants, facilitator and clients, and
    (with `mask_identifiers`) without identifiers in its case content. Which texts are case
    content is declared on the models (`Session.map_case_texts`); the original is left alone."""
    aliases = participant_aliases(session, lang, mode)
    replace = NameReplacer(_name_table(session, aliases, lang, mode))

    def change(text: str) -> str:
        text = replace(text)
        return mask_identifiers_in(text, lang) if mask_identifiers else text

    copy = session.map_case_texts(change)
    for person in copy.participants:
        person.name = aliases[person.id]
    copy.facilitator = facilitator_alias(session, aliases, lang, mode) if session.facilitator.strip() else ""
    copy.sensitive_names = []
    return copy
