"""Data models of werf: protocols (what a session follows) and sessions (what happened).

Plain pydantic, no Textual. Protocol models validate the TOML files in `werf/protocols/`;
session models are what the store saves and what archives carry.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

Language = str  # "nl" or "en"
LANGUAGES: tuple[str, ...] = ("nl", "en")


def new_id() -> str:
    """A fresh, stable identifier for a session, participant, note or action."""
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _as_utc(moment: datetime) -> datetime:
    """A time without a zone (hand-edited archive) is taken as UTC, so times compare."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]


class LocalText(BaseModel):
    """A text a user sees, in Dutch and English."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def get(self, lang: Language) -> str:
        return self.nl if lang == "nl" else self.en


class Speakers(StrEnum):
    """Who speaks in a phase."""

    CASE_BRINGER = "case_bringer"  # only the case bringer speaks
    ROUND = "round"  # each participant in turn
    OPEN = "open"  # free talk among the advisers
    SILENT = "silent"  # everyone writes or thinks in silence
    FACILITATOR = "facilitator"  # the facilitator leads


class RoleId(StrEnum):
    """Roles a participant can be cast in. Their names live in the translation catalog."""

    CASE_BRINGER = "case_bringer"
    FACILITATOR = "facilitator"
    TIMEKEEPER = "timekeeper"
    MINUTE_TAKER = "minute_taker"
    OBSERVER = "observer"


class RecordKind(StrEnum):
    """What a phase records. `action` means action points (text, owner, due date)."""

    ACTION_REVIEW = "action_review"
    CASE = "case"
    QUESTION = "question"
    KEY_QUESTION = "key_question"
    ASSOCIATION = "association"
    HYPOTHESIS = "hypothesis"
    REFLECTION = "reflection"
    STRENGTH = "strength"
    NETWORK = "network"
    NEIGHBOURHOOD = "neighbourhood"
    OWN_ROLE = "own_role"
    AFFIRMATION = "affirmation"
    ADVICE = "advice"
    IDEA = "idea"
    TAKEAWAY = "takeaway"
    ACTION = "action"
    PROCESS = "process"
    NOTE = "note"


class Phase(BaseModel):
    """One phase of a protocol, as written in its TOML file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(min_length=1, pattern=r"^[a-z0-9_]+$")]
    name: LocalText
    purpose: LocalText
    minutes: Annotated[float, Field(gt=0, le=240)]
    speakers: Speakers
    case_bringer_silent: bool = False
    round_includes_case_bringer: bool = False
    prompts: list[LocalText] = Field(default_factory=list)
    records: list[RecordKind] = Field(default_factory=list)

    @property
    def planned_seconds(self) -> int:
        return round(self.minutes * 60)

    @property
    def records_actions(self) -> bool:
        return RecordKind.ACTION in self.records

    @property
    def note_kinds(self) -> list[RecordKind]:
        """The kinds of free-text notes this phase records (actions have their own form)."""
        kinds: list[RecordKind] = [kind for kind in self.records if kind is not RecordKind.ACTION]
        return kinds or [RecordKind.NOTE]


class Protocol(BaseModel):
    """An intervision protocol: ordered phases with minutes, speakers and records."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(min_length=1, pattern=r"^[a-z0-9_-]+$")]
    version: Annotated[int, Field(ge=1)]
    name: LocalText
    description: LocalText
    source: LocalText | None = None
    roles: list[RoleId] = Field(default_factory=lambda: [RoleId.CASE_BRINGER])
    phases: Annotated[list[Phase], Field(min_length=1)]

    @field_validator("roles")
    @classmethod
    def _case_bringer_required(cls, roles: list[RoleId]) -> list[RoleId]:
        if RoleId.CASE_BRINGER not in roles:
            raise ValueError("every protocol needs the role 'case_bringer'")
        if len(set(roles)) != len(roles):
            raise ValueError("a role is listed twice")
        return roles

    @model_validator(mode="after")
    def _unique_phase_ids(self) -> Protocol:
        seen: set[str] = set()
        for phase in self.phases:
            if phase.id in seen:
                raise ValueError(f"phase id '{phase.id}' is used twice")
            seen.add(phase.id)
        return self

    @property
    def total_minutes(self) -> float:
        return sum(phase.minutes for phase in self.phases)


class Circle(StrEnum):
    """How close a person in the resident's network stands, from the inside out."""

    HOUSEHOLD = "household"
    FAMILY = "family"
    FRIENDS = "friends"  # friends and neighbours
    NEIGHBOURHOOD = "neighbourhood"  # the neighbourhood and informal help
    PROFESSIONAL = "professional"


class Support(StrEnum):
    """What kind of support someone in the network gives."""

    PRACTICAL = "practical"
    EMOTIONAL = "emotional"
    ADVICE = "advice"
    COMPANY = "company"


class TieStrength(StrEnum):
    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"


class Availability(StrEnum):
    """How easily the person can be called on."""

    AVAILABLE = "available"
    LIMITED = "limited"
    UNAVAILABLE = "unavailable"


class OwnerKind(StrEnum):
    """Who carries an action point: a professional, the resident, or their network."""

    PROFESSIONAL = "professional"
    RESIDENT = "resident"
    NETWORK = "network"


class NetworkMember(BaseModel):
    """Someone in the resident's network, by relation only ("sister", "neighbour"), never by
    name: the network is recorded without identifying anyone."""

    id: str = Field(default_factory=new_id)
    relation: Annotated[str, Field(min_length=1)]
    circle: Circle
    support: list[Support] = Field(default_factory=list)
    strength: TieStrength = TieStrength.MODERATE
    availability: Availability = Availability.LIMITED
    involved: bool = False


class SessionStatus(StrEnum):
    RUNNING = "running"
    FINISHED = "finished"


class Participant(BaseModel):
    """Someone at the table, by name or initials (never a client's name)."""

    id: str = Field(default_factory=new_id)
    name: str
    roles: list[RoleId] = Field(default_factory=list)


class Note(BaseModel):
    """Something recorded in a phase: a question, a reflection, a takeaway, …"""

    id: str = Field(default_factory=new_id)
    phase_index: int
    kind: RecordKind = RecordKind.NOTE
    text: str
    created_at: UtcDatetime = Field(default_factory=utc_now)
    updated_at: UtcDatetime = Field(default_factory=utc_now)


class Action(BaseModel):
    """An action point: what, who, by when."""

    id: str = Field(default_factory=new_id)
    phase_index: int
    text: str
    owner: str = ""  # a colleague's name, "the resident", or a network member's relation
    owner_kind: OwnerKind = OwnerKind.PROFESSIONAL
    network_member_id: str | None = None  # set when a network member carries it
    due: date | None = None
    done: bool = False
    done_on: date | None = None
    created_at: UtcDatetime = Field(default_factory=utc_now)
    updated_at: UtcDatetime = Field(default_factory=utc_now)


class SpeakerTurn(BaseModel):
    """One participant's place in a round: how long they spoke, and how it ended."""

    participant_id: str
    seconds: float = 0.0
    status: str = "waiting"  # waiting, speaking, done, passed


class PhaseRecord(BaseModel):
    """How a phase of one session went: planned (with extensions) and actual time."""

    index: int
    phase_id: str
    planned_seconds: int
    elapsed_seconds: float = 0.0
    visited: bool = False
    round_number: int = 1
    turns: list[SpeakerTurn] = Field(default_factory=list)
    draft: str = ""


class Session(BaseModel):
    """One intervision session: who, which protocol, and what was recorded per phase."""

    id: str = Field(default_factory=new_id)
    protocol_id: str
    protocol_version: int
    team: str
    date: date
    facilitator: str
    case_title: str = ""
    question: str = ""
    lang: Language = "nl"
    status: SessionStatus = SessionStatus.RUNNING
    current_phase: int = 0
    participants: list[Participant] = Field(default_factory=list)
    sensitive_names: list[str] = Field(default_factory=list)  # replaced on pseudonymised export
    themes: list[str] = Field(default_factory=list)  # from the team's own list of themes
    network: list[NetworkMember] = Field(default_factory=list)  # the resident's network
    phases: list[PhaseRecord] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    created_at: UtcDatetime = Field(default_factory=utc_now)
    updated_at: UtcDatetime = Field(default_factory=utc_now)
    finished_at: UtcDatetime | None = None
    revision: int = 1

    def people_with(self, role: RoleId) -> list[Participant]:
        return [p for p in self.participants if role in p.roles]

    @property
    def case_bringer(self) -> Participant | None:
        found = self.people_with(RoleId.CASE_BRINGER)
        return found[0] if found else None

    def participant_name(self, participant_id: str) -> str:
        for participant in self.participants:
            if participant.id == participant_id:
                return participant.name
        return "?"

    def notes_of(self, phase_index: int) -> list[Note]:
        return [note for note in self.notes if note.phase_index == phase_index]

    def network_member(self, member_id: str | None) -> NetworkMember | None:
        for member in self.network:
            if member.id == member_id:
                return member
        return None

    @property
    def open_actions(self) -> list[Action]:
        return [action for action in self.actions if not action.done]
