"""Data models of werf: protocols (what a session follows) and sessions (what happened).

Plain pydantic, no Textual. Protocol models validate the TOML files in `werf/protocols/`;
session models are what the store saves and what archives carry.

Case content is declared here, once: every text field of the session models says what it
holds with a `TextKind` in its annotation (`Annotated[str, CASE]`). Pseudonymisation, the
identifier warnings, the cleaning for Word, the search index and purge all read that
declaration (`Session.case_texts`, `Session.map_case_texts`, `map_texts`, `case_fields`),
and `unclassified_text_fields` (run by a test) names any text field that declares nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, TypeVar, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

Language = str  # "nl" or "en"
LANGUAGES: tuple[str, ...] = ("nl", "en")


# --- what a text field holds -----------------------------------------------------------


class TextKind(StrEnum):
    """What a text field of a session holds. Every `str`, `str | None` and `list[str]` field of
    the session models declares one (a test fails on a field that does not)."""

    CASE = "case"
    """About the client's case; confidential. Names in it are replaced and identifiers masked
    on pseudonymised export; it is checked for identifiers before export, searched, and
    blanked (or its record deleted) on purge."""
    COLLEAGUE = "colleague"
    """A professional's name. Becomes their role (or initials) on pseudonymised export; kept
    on purge, as attendance figures need it; not searched."""
    TEAM = "team"
    """The team's own words (its name, its themes). Kept everywhere: the minutes, the book of
    takeaways and the figures are per team and theme; filtered on, not searched."""
    KEY = "key"
    """An id or a code that werf writes itself (uuid, protocol id, language, status); never
    free text a person typed."""


@dataclass(frozen=True)
class Holds:
    """Marks a text field with what it holds: `Annotated[str, CASE]`."""

    kind: TextKind


CASE = Holds(TextKind.CASE)
COLLEAGUE = Holds(TextKind.COLLEAGUE)
TEAM = Holds(TextKind.TEAM)
KEY = Holds(TextKind.KEY)
TYPED_KINDS = frozenset({TextKind.CASE, TextKind.COLLEAGUE, TextKind.TEAM})  # what people type


def new_id() -> str:
    """A fresh, stable identifier for a session, participant, note or action."""
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def name_key(name: str) -> str:
    """A team's or colleague's name as people type it, for comparing: case and spaces aside
    ("wijkteam  Noord " is "Wijkteam Noord")."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Revision:
    """A correction to a finished session: the revision it brings the session to, and when.

    Made by the recorder (`werf.recorder`, the one place that decides when the revision goes
    up); the store writes it with the change, in the same transaction."""

    number: int
    at: datetime


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

    id: Annotated[str, KEY] = Field(default_factory=new_id)
    # case content: whom the resident can call on ("zus", "buurvrouw met hond") says a lot
    # about the case, and people do type names and numbers here
    relation: Annotated[str, Field(min_length=1), CASE]
    circle: Circle
    support: list[Support] = Field(default_factory=list)
    strength: TieStrength = TieStrength.MODERATE
    availability: Availability = Availability.LIMITED
    involved: bool = False


class SessionStatus(StrEnum):
    RUNNING = "running"
    FINISHED = "finished"


class MinutesStatus(StrEnum):
    """Whether the minutes are a draft or adopted by the team ("vastgesteld")."""

    CONCEPT = "concept"
    ADOPTED = "adopted"


class Attendance(StrEnum):
    """Whether a member of the team came: the minutes list who did not, and why."""

    PRESENT = "present"
    ABSENT = "absent"
    APOLOGIES = "apologies"  # absent with apologies ("met bericht van verhindering")


class Participant(BaseModel):
    """Someone on the team's list for this session, by name or initials (never a client's
    name); `attendance` says whether they were at the table."""

    id: Annotated[str, KEY] = Field(default_factory=new_id)
    name: Annotated[str, COLLEAGUE]  # a colleague at the table: an alias when pseudonymised
    roles: list[RoleId] = Field(default_factory=list)
    attendance: Attendance = Attendance.PRESENT

    @property
    def present(self) -> bool:
        return self.attendance is Attendance.PRESENT

    @property
    def short_name(self) -> str:
        """The name short enough for a list: its first word ("Jan de Vries" → "Jan"; initials
        and one-word names stay as they are)."""
        words = self.name.split()
        return words[0] if words else ""


class Note(BaseModel):
    """Something recorded in a phase: a question, a reflection, a takeaway, …"""

    id: Annotated[str, KEY] = Field(default_factory=new_id)
    phase_index: int
    kind: RecordKind = RecordKind.NOTE
    text: Annotated[str, CASE]  # what was said about the case
    follow_up: FollowUp | None = None  # a review of an earlier action point: what became of it
    # who said it: the participant who had the floor in a round phase when the note was
    # entered (set by the recorder, kept through corrections); None outside rounds
    speaker_id: Annotated[str | None, KEY] = None
    created_at: UtcDatetime = Field(default_factory=utc_now)
    updated_at: UtcDatetime = Field(default_factory=utc_now)


class FollowUp(StrEnum):
    """What became of an action point, as a later session of the team reviewed it."""

    DONE = "done"
    UNDER_WAY = "under_way"  # still open
    DROPPED = "dropped"  # closed without being done


class ActionState(StrEnum):
    """Where an action point stands (`Action.state`, the one rule)."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"  # closed by a later session's review without being done


class Action(BaseModel):
    """An action point: what, who, by when; and what became of it, once reviewed."""

    id: Annotated[str, KEY] = Field(default_factory=new_id)
    phase_index: int
    text: Annotated[str, CASE]  # what will be done for the client
    # a colleague's name, a network member's relation, or "" for the resident (shown as "the
    # resident" in the reader's language): case content, as it can name the resident's people
    # (a colleague's name in it is replaced like anywhere in case text, since colleagues are
    # in the session's name table); `owner_kind` is the figure
    owner: Annotated[str, CASE] = ""
    owner_kind: OwnerKind = OwnerKind.PROFESSIONAL
    network_member_id: Annotated[str | None, KEY] = None  # set when a network member carries it
    due: date | None = None
    done: bool = False
    done_on: date | None = None
    # the follow-up at the opening of a later session (done / under way / dropped), its day,
    # and one line of what happened: case content, like the action point itself
    follow_up: FollowUp | None = None
    followed_up_on: date | None = None
    follow_up_note: Annotated[str, CASE] = ""
    created_at: UtcDatetime = Field(default_factory=utc_now)
    updated_at: UtcDatetime = Field(default_factory=utc_now)

    @property
    def state(self) -> ActionState:
        """The one rule for open / done / dropped. `done` says closed (by a person, or by a
        later session's review), so every "open" query stays `done = 0`; a point closed by a
        review that dropped it is dropped, not done. The store's queries follow the same rule
        (werf.store.base: ACTION_OPEN, ACTION_DONE, ACTION_DROPPED)."""
        if not self.done:
            return ActionState.OPEN
        return ActionState.DROPPED if self.follow_up is FollowUp.DROPPED else ActionState.DONE


class SpeakerTurn(BaseModel):
    """One participant's place in a round: how long they spoke, and how it ended."""

    participant_id: Annotated[str, KEY]
    seconds: float = 0.0
    status: Annotated[str, KEY] = "waiting"  # waiting, speaking, done, passed


class ClosingMark(BaseModel):
    """One participant's mark for the session in the closing round (the Dutch
    "rapportcijfer", 1-10) and one word. The minutes show only the team's average."""

    participant_id: Annotated[str, KEY]
    mark: Annotated[int, Field(ge=1, le=10)]
    word: Annotated[str, TEAM] = ""  # how the session felt, in the team's own word


PULSE_ITEMS = 7  # Edmondson's (1999) team psychological safety scale: seven statements
PULSE_SCALE = 7  # answered on a 7-point agreement scale, 1-7
PULSE_MIN_RESPONDENTS = 3  # fewer: nothing is kept, nothing is shown


class PulseTotals(BaseModel):
    """The team's pulse of one session (werf/pulse.py): only the team's totals — how many
    colleagues answered and, per statement, the sum of their answers as given (1-7, before
    reverse scoring). Never who answered what, nor anyone's own answers; and only when at
    least PULSE_MIN_RESPONDENTS answered every statement (fewer are never stored)."""

    instrument: Annotated[str, KEY] = "edmondson1999"
    respondents: Annotated[int, Field(ge=PULSE_MIN_RESPONDENTS)]
    totals: Annotated[list[int], Field(min_length=PULSE_ITEMS, max_length=PULSE_ITEMS)]

    @model_validator(mode="after")
    def _sums_fit(self) -> PulseTotals:
        for total in self.totals:
            if not self.respondents <= total <= PULSE_SCALE * self.respondents:
                raise ValueError("a statement's total lies outside what its answers can add up to")
        return self


class PhaseRecord(BaseModel):
    """How a phase of one session went: planned (with extensions) and actual time."""

    index: int
    phase_id: Annotated[str, KEY]
    planned_seconds: int
    elapsed_seconds: float = 0.0
    visited: bool = False
    round_number: int = 1
    turns: list[SpeakerTurn] = Field(default_factory=list)
    draft: Annotated[str, CASE] = ""  # a note being typed, not yet saved: case content already


class Session(BaseModel):
    """One intervision session: who, which protocol, and what was recorded per phase."""

    id: Annotated[str, KEY] = Field(default_factory=new_id)
    protocol_id: Annotated[str, KEY]
    protocol_version: int
    team: Annotated[str, TEAM]  # kept on pseudonymised export and purge: figures are per team
    date: date
    facilitator: Annotated[str, COLLEAGUE]
    case_title: Annotated[str, CASE] = ""
    question: Annotated[str, CASE] = ""
    lang: Annotated[Language, KEY] = "nl"
    status: SessionStatus = SessionStatus.RUNNING
    current_phase: int = 0
    participants: list[Participant] = Field(default_factory=list)
    # the client's and their family's names: case content (and emptied on pseudonymised export)
    sensitive_names: Annotated[list[str], CASE] = Field(default_factory=list)
    # from the team's own list of themes: a starting theme's key ("loneliness", see
    # werf/theme_list.py) or the team's own words; never a translated name
    themes: Annotated[list[str], TEAM] = Field(default_factory=list)
    network: list[NetworkMember] = Field(default_factory=list)  # the resident's network
    phases: list[PhaseRecord] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    closing: list[ClosingMark] = Field(default_factory=list)  # the closing round's marks
    pulse: PulseTotals | None = None  # the team's pulse, when one was taken (totals only)
    location: Annotated[str, TEAM] = ""  # where the team met ("Buurthuis De Brug")
    minutes_status: MinutesStatus = MinutesStatus.CONCEPT
    created_at: UtcDatetime = Field(default_factory=utc_now)
    updated_at: UtcDatetime = Field(default_factory=utc_now)
    finished_at: UtcDatetime | None = None
    revision: int = 1

    def people_with(self, role: RoleId) -> list[Participant]:
        return [p for p in self.participants if role in p.roles]

    @property
    def present(self) -> list[Participant]:
        """The participants at the table (the team's absentees are listed, not seated)."""
        return [p for p in self.participants if p.present]

    @property
    def closing_average(self) -> float | None:
        """The team's average mark in the closing round, or None when nobody gave one."""
        if not self.closing:
            return None
        return sum(mark.mark for mark in self.closing) / len(self.closing)

    @property
    def absent(self) -> list[Participant]:
        return [p for p in self.participants if not p.present]

    @property
    def case_bringer(self) -> Participant | None:
        found = self.people_with(RoleId.CASE_BRINGER)
        return found[0] if found else None

    def participant_name(self, participant_id: str) -> str:
        for participant in self.participants:
            if participant.id == participant_id:
                return participant.name
        return "?"

    def speaker_of(self, note: Note) -> Participant | None:
        """Who said the note (in a round phase), or None when nobody is recorded or the
        participant is no longer on the list."""
        if note.speaker_id is None:
            return None
        return next((p for p in self.participants if p.id == note.speaker_id), None)

    def notes_of(self, phase_index: int) -> list[Note]:
        return [note for note in self.notes if note.phase_index == phase_index]

    def network_member(self, member_id: str | None) -> NetworkMember | None:
        for member in self.network:
            if member.id == member_id:
                return member
        return None

    @property
    def open_actions(self) -> list[Action]:
        return [action for action in self.actions if action.state is ActionState.OPEN]

    # --- case content (declared on the fields, see `TextKind`) ------------------------------
    def case_texts(self) -> Iterator[str]:
        """Every case-content text of the session, one string each: case title, question,
        each sensitive name, note, action text and owner, network relation and draft."""
        return iter_texts(self, (TextKind.CASE,))

    def map_case_texts(self, change: Callable[[str], str]) -> Session:
        """A copy of the session with `change` applied to every case-content text; the rest
        is copied as it is (nothing of the copy is shared with the original but values)."""
        return map_texts(self, change, (TextKind.CASE,))


# --- walking the session models by what their texts hold --------------------------------


@dataclass(frozen=True)
class TextField:
    """A declared text field of a model: `str`, `str | None` or `list[str]` (`many`)."""

    name: str
    kind: TextKind
    many: bool


@dataclass(frozen=True)
class _Slot:
    """How `map_texts` and `iter_texts` treat one field of a model."""

    name: str
    text: TextField | None = None  # a declared text field
    model: type[BaseModel] | None = None  # a nested model (or a list of them: `many`)
    many: bool = False  # a list: copied, so the copy shares no list with the original


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _mentions_str(annotation: Any) -> bool:
    """Whether `str` itself (not a StrEnum) occurs in the annotation: a text field."""
    return annotation is str or any(_mentions_str(arg) for arg in get_args(annotation))


def _text_shape(annotation: Any) -> bool | None:
    """`many` for the shapes a text field can have (str, str | None, list[str]), else None."""
    if annotation is str or annotation == str | None:
        return False
    if annotation == list[str]:
        return True
    return None


def _nested(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model in `Model`, `Model | None` or `list[Model]`, and whether it is a list."""
    if _is_model(annotation):
        return annotation, False
    args = [arg for arg in get_args(annotation) if arg is not type(None)]
    if len(args) == 1 and _is_model(args[0]):
        return args[0], get_origin(annotation) is list
    return None, False


@cache
def _slots(model: type[BaseModel]) -> tuple[_Slot, ...]:
    slots = []
    for name, info in model.model_fields.items():
        marks = [mark for mark in info.metadata if isinstance(mark, Holds)]
        if marks:
            many = _text_shape(info.annotation)
            if many is None or len(marks) > 1:
                raise TypeError(f"{model.__name__}.{name}: a text kind needs one mark on a "
                                f"str, str | None or list[str] field, not {info.annotation}")
            slots.append(_Slot(name, text=TextField(name, marks[0].kind, many)))
            continue
        nested, _many = _nested(info.annotation)
        slots.append(_Slot(name, model=nested, many=get_origin(info.annotation) is list))
    return tuple(slots)


def text_fields(model: type[BaseModel]) -> list[TextField]:
    """The declared text fields of one model (not of the models inside it)."""
    return [slot.text for slot in _slots(model) if slot.text is not None]


def case_fields(model: type[BaseModel]) -> list[TextField]:
    """The case-content fields of one model (not of the models inside it)."""
    return [field for field in text_fields(model) if field.kind is TextKind.CASE]


def session_models(root: type[BaseModel] | None = None) -> list[type[BaseModel]]:
    """`root` (the Session) and every model inside it, in the order they are first met."""
    found: list[type[BaseModel]] = []
    todo = [root or Session]
    while todo:
        model = todo.pop(0)
        if model in found:
            continue
        found.append(model)
        for info in model.model_fields.values():
            nested, _many = _nested(info.annotation)
            if nested is not None:
                todo.append(nested)
    return found


def unclassified_text_fields(root: type[BaseModel] | None = None) -> list[str]:
    """`Model.field` for every text field of the session models that does not declare what it
    holds, or declares it on a shape werf cannot walk. Empty when all are classified."""
    problems = []
    for model in session_models(root):
        for name, info in model.model_fields.items():
            marks = [mark for mark in info.metadata if isinstance(mark, Holds)]
            if not marks and _mentions_str(info.annotation):
                problems.append(f"{model.__name__}.{name}")
            elif marks and (len(marks) > 1 or _text_shape(info.annotation) is None):
                problems.append(f"{model.__name__}.{name} ({info.annotation} cannot hold a text kind)")
    return problems


_Model = TypeVar("_Model", bound=BaseModel)


def iter_texts(model: BaseModel, kinds: Collection[TextKind]) -> Iterator[str]:
    """Every text of `model` and the models inside it whose field holds one of `kinds`."""
    for slot in _slots(type(model)):
        value = getattr(model, slot.name)
        if value is None:
            continue
        if slot.text is not None:
            if slot.text.kind in kinds:
                yield from (value if slot.text.many else (value,))
        elif slot.model is not None:
            for item in value if slot.many else (value,):
                yield from iter_texts(item, kinds)


def map_texts(model: _Model, change: Callable[[str], str], kinds: Collection[TextKind]) -> _Model:
    """A copy of `model` with `change` applied to every text whose field holds one of `kinds`.

    Every model and list inside is copied too (values such as dates are shared), so changing
    the copy never changes the original; the result is not validated again.
    """
    update: dict[str, Any] = {}
    for slot in _slots(type(model)):
        value = getattr(model, slot.name)
        if value is None:
            continue
        if slot.text is not None:
            if slot.text.kind in kinds:
                update[slot.name] = [change(text) for text in value] if slot.text.many else change(value)
            elif slot.text.many:
                update[slot.name] = list(value)
        elif slot.model is not None:
            update[slot.name] = ([map_texts(item, change, kinds) for item in value] if slot.many
                                 else map_texts(value, change, kinds))
        elif slot.many:
            update[slot.name] = list(value)
    return model.model_copy(update=update)
