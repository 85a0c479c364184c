"""The team's pulse: Edmondson's (1999) seven statements on team psychological safety.

Edmondson, A. (1999). Psychological safety and learning behavior in work teams.
*Administrative Science Quarterly*, 44(2), 350-383. Seven statements, the English as
published, with a Dutch translation that keeps each statement's meaning and direction;
statements 1, 3 and 5 are worded negatively and reverse-scored (8 minus the answer). Each is
answered on a 7-point agreement scale (1 strongly disagree … 7 strongly agree). The team's
score is the mean of the seven statements' scored means: 1 to 7, higher is safer.

Privacy, in one place:

- The answers are typed one by one on the facilitator's laptop, hidden while typed.
  `PulseRound` holds in memory the answers of the colleague answering *now*; when that
  colleague has answered all seven, they are added to the team's sums and forgotten. A
  colleague who stops halfway counts for nothing.
- Only `PulseRound.result()` leaves this module: `PulseTotals`, the number of colleagues and
  per statement the sum of their answers, and only when at least PULSE_MIN_RESPONDENTS
  answered. Fewer: nothing is stored and nothing is shown (two sums would say too much about
  two people; one would be that person's answers).
- Nothing of a pulse is written while it runs: no draft, no rescue file, no log. A crash in
  the middle loses the answers given so far — on purpose.

`pulse_every` in config.toml (off by default: the team chooses to take it) asks for a pulse
every N sessions of a team; see `pulse_due`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from werf.models import (
    PULSE_ITEMS,
    PULSE_MIN_RESPONDENTS,
    PULSE_SCALE,
    LocalText,
    PulseTotals,
)

INSTRUMENT = "edmondson1999"


@dataclass(frozen=True)
class Statement:
    """One statement of the scale, in both languages, and whether it is reverse-scored."""

    number: int  # 1-7, as published
    text: LocalText
    reverse: bool


def _statement(number: int, en: str, nl: str, reverse: bool = False) -> Statement:
    return Statement(number, LocalText(en=en, nl=nl), reverse)


STATEMENTS: tuple[Statement, ...] = (
    _statement(1, "If you make a mistake on this team, it is often held against you.",
               "Als je in dit team een fout maakt, wordt die je vaak kwalijk genomen.",
               reverse=True),
    _statement(2, "Members of this team are able to bring up problems and tough issues.",
               "Leden van dit team kunnen problemen en lastige kwesties aankaarten."),
    _statement(3, "People on this team sometimes reject others for being different.",
               "Mensen in dit team wijzen anderen soms af omdat ze anders zijn.", reverse=True),
    _statement(4, "It is safe to take a risk on this team.",
               "Het is veilig om in dit team een risico te nemen."),
    _statement(5, "It is difficult to ask other members of this team for help.",
               "Het is moeilijk om andere leden van dit team om hulp te vragen.", reverse=True),
    _statement(6, "No one on this team would deliberately act in a way that undermines my "
                  "efforts.",
               "Niemand in dit team zou bewust iets doen wat mijn inspanningen ondermijnt."),
    _statement(7, "Working with members of this team, my unique skills and talents are valued "
                  "and utilized.",
               "In de samenwerking met leden van dit team worden mijn unieke vaardigheden en "
               "talenten gewaardeerd en benut."),
)

# the 7-point agreement scale, 1 to 7
SCALE: tuple[LocalText, ...] = tuple(LocalText(en=en, nl=nl) for en, nl in (
    ("strongly disagree", "helemaal mee oneens"),
    ("disagree", "mee oneens"),
    ("somewhat disagree", "enigszins mee oneens"),
    ("neither agree nor disagree", "niet mee eens, niet mee oneens"),
    ("somewhat agree", "enigszins mee eens"),
    ("agree", "mee eens"),
    ("strongly agree", "helemaal mee eens"),
))

assert len(STATEMENTS) == PULSE_ITEMS and len(SCALE) == PULSE_SCALE


def item_scores(totals: Sequence[int], answers: int) -> list[float]:
    """Per statement the team's scored mean (reverse-scored ones turned round), 1-7, from the
    sums of `answers` answers per statement (one session's or several added up)."""
    if answers <= 0:
        raise ValueError("no answers")
    return [(PULSE_SCALE + 1 - total / answers) if statement.reverse else total / answers
            for statement, total in zip(STATEMENTS, totals, strict=True)]


def team_score(totals: Sequence[int], answers: int) -> float:
    """The team's psychological safety: the mean of the seven scored statement means, 1-7."""
    scores = item_scores(totals, answers)
    return sum(scores) / len(scores)


def score_of(pulse: PulseTotals) -> float:
    return team_score(pulse.totals, pulse.respondents)


def pulse_due(sessions_since: int, every: int | None) -> bool:
    """Whether this session asks for a pulse: `every` N sessions (None or 0: never), counting
    the team's sessions held since its last pulse, before this one (`sessions_since`; a team
    without a pulse counts all of them). Every 4: the 4th, 8th, 12th … session."""
    return bool(every) and sessions_since + 1 >= (every or 0)


@dataclass
class PulseRound:
    """A pulse being taken: the team's sums so far, and the answers of the one colleague
    answering now (forgotten once they are added, or when that colleague stops)."""

    respondents: int = 0
    _sums: list[int] = field(default_factory=lambda: [0] * PULSE_ITEMS)
    _current: list[int] = field(default_factory=list)

    @property
    def statement(self) -> Statement:
        """The statement the colleague answering now is at."""
        return STATEMENTS[len(self._current)]

    def answer(self, value: int) -> bool:
        """The current colleague's answer to the current statement. True when that was their
        seventh: then their answers are added to the sums and forgotten. Raises ValueError
        outside 1-7 (the form says so first)."""
        if not 1 <= value <= PULSE_SCALE:
            raise ValueError("an answer is 1 to 7")
        self._current.append(value)
        if len(self._current) < PULSE_ITEMS:
            return False
        self._sums = [total + given for total, given in zip(self._sums, self._current, strict=True)]
        self.respondents += 1
        self._current.clear()
        return True

    def drop_current(self) -> None:
        """The colleague answering now stops: their answers so far count for nothing."""
        self._current.clear()

    def result(self) -> PulseTotals | None:
        """The team's totals, or None when fewer than PULSE_MIN_RESPONDENTS answered."""
        self.drop_current()
        if self.respondents < PULSE_MIN_RESPONDENTS:
            return None
        return PulseTotals(instrument=INSTRUMENT, respondents=self.respondents,
                           totals=list(self._sums))

    def forget(self) -> None:
        """Nothing of this round remains in memory."""
        self.respondents, self._sums, self._current = 0, [0] * PULSE_ITEMS, []
