"""The coordinator of many teams: one row per team with sessions, attendance, open and
overdue action points, the last session, and when this laptop last took in a session of the
team from the shared folder. Counts only, never case content.

Attendance is the average number of colleagues at the table per session. The rows come
from one grouped query (`Store.team_rows`); `today` decides which action points are overdue.
A team's rota (`team_rota`: who last brought a case, who last facilitated, who is next) follows
the rule of `werf.rota` over the team's roster and the roles its sessions recorded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from werf.models import RoleId
from werf.rota import Held, Rota, build_rota
from werf.store import Store


@dataclass(frozen=True)
class TeamRow:
    """One team's line of the overview."""

    team: str
    sessions: int
    finished: int
    attendance: float  # colleagues per session, on average
    actions: int  # action points made
    actions_open: int
    actions_overdue: int
    first_session: date
    last_session: date
    last_received: datetime | None = None  # a session of the team last came in from the share (UTC)


def team_overview(store: Store, today: date, since: date | None = None,
                  until: date | None = None) -> list[TeamRow]:
    """A row per team that held a session in `since`..`until` (both included), by team name."""
    rows = []
    received = store.received_from_share()
    for team, held, finished, seats, first, last, made, still_open, overdue in store.team_rows(
            since=since, until=until, today=today):
        rows.append(TeamRow(team=team, sessions=held, finished=finished,
                            attendance=round(seats / held, 1) if held else 0.0,
                            actions=made, actions_open=still_open, actions_overdue=overdue,
                            first_session=date.fromisoformat(first),
                            last_session=date.fromisoformat(last), last_received=received.get(team)))
    return rows


def team_rota(store: Store, team: str) -> Rota:
    """The rota of `team`: its roster's members, when each last brought a case and
    facilitated, from every session of the team."""
    held = []
    for day, name, roles in store.team_roles_held(team):
        for role in json.loads(roles):
            if role in (RoleId.CASE_BRINGER, RoleId.FACILITATOR):
                held.append(Held(date.fromisoformat(day), name, RoleId(role)))
    return build_rota(team, store.team_roster(team), held)
