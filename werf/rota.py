"""The team's rota: who brings the next case and who facilitates, from the team's history.

The rule, in one place: among the team's members (its roster) who are at the next session,
the one who has waited longest since they last had the role is next. Someone who never had
the role has waited longest of all; ties go by the order of the roster (the team's own list),
so the same history always gives the same suggestion. The case bringer is chosen first; the
facilitator then among the others (nobody does both). Only sessions held count: an absentee
had no role there (setup takes roles from absentees), so being away neither spends nor skips
a turn. Names match whatever their case or spacing ("lotte " is Lotte).

A suggestion only: setup fills it in and the facilitator changes what they like.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from werf.models import RoleId, name_key


@dataclass(frozen=True)
class Held:
    """One role one colleague had at one session of the team."""

    day: date
    name: str
    role: RoleId


@dataclass(frozen=True)
class RotaLine:
    """A member of the team: when they last brought a case and last facilitated (None: never)."""

    name: str
    last_case_bringer: date | None
    last_facilitator: date | None

    def last(self, role: RoleId) -> date | None:
        return self.last_case_bringer if role is RoleId.CASE_BRINGER else self.last_facilitator


@dataclass(frozen=True)
class Suggestion:
    case_bringer: str | None
    facilitator: str | None


@dataclass(frozen=True)
class Rota:
    """The team's members in roster order, with when each last had each role."""

    team: str
    lines: tuple[RotaLine, ...]

    def next_in_line(self, role: RoleId, away: Collection[str] = ()) -> str | None:
        """Who has waited longest for `role`, leaving out the names in `away` (absent, or
        already given the other role); None when nobody is left."""
        skipped = {name_key(name) for name in away}
        waiting = [(line.last(role) is not None, line.last(role) or date.min, position, line.name)
                   for position, line in enumerate(self.lines) if name_key(line.name) not in skipped]
        return min(waiting)[3] if waiting else None

    def suggest(self, away: Collection[str] = (), facilitator: str | None = None) -> Suggestion:
        """The next case bringer and facilitator among those not `away`. A `facilitator`
        already chosen stays, and is not offered as case bringer."""
        chosen = facilitator.strip() if facilitator and facilitator.strip() else None
        case_bringer = self.next_in_line(RoleId.CASE_BRINGER, [*away, *([chosen] if chosen else [])])
        if chosen is None:
            chosen = self.next_in_line(RoleId.FACILITATOR, [*away, *([case_bringer] if case_bringer else [])])
        return Suggestion(case_bringer=case_bringer, facilitator=chosen)

    def rows(self, away: Collection[str] = ()) -> list[tuple[RotaLine, RoleId | None]]:
        """Each member with the role they are suggested for next (None: neither)."""
        suggestion = self.suggest(away)
        roles = {suggestion.case_bringer: RoleId.CASE_BRINGER, suggestion.facilitator: RoleId.FACILITATOR}
        return [(line, roles.get(line.name)) for line in self.lines]


def build_rota(team: str, roster: Sequence[str], held: Iterable[Held]) -> Rota:
    """The rota of `team`'s `roster` from the roles its members `held` (any order; other
    roles and people no longer on the roster are left out)."""
    last: dict[tuple[str, RoleId], date] = {}
    for item in held:
        if item.role in (RoleId.CASE_BRINGER, RoleId.FACILITATOR):
            had = (name_key(item.name), item.role)
            if had not in last or item.day > last[had]:
                last[had] = item.day
    lines, seen = [], set()
    for name in roster:
        key = name_key(name)
        if not key or key in seen:
            continue
        seen.add(key)
        lines.append(RotaLine(name.strip(), last.get((key, RoleId.CASE_BRINGER)),
                              last.get((key, RoleId.FACILITATOR))))
    return Rota(team, tuple(lines))
