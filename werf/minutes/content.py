"""What the minutes say, independent of the file format: `build_content` → `MinutesContent`.

The content holds finished text in one language (labels translated with `translate`, never
the app's current language), cleaned of characters Word cannot hold, and pseudonymised
when asked. The Word and Markdown writers only lay it out.

The resident's network (when the session records one) is a table grouped by circle whose
numbers are those of the dots on the map (`werf.minutes.map_picture`), with the counts per
kind of support and the gaps. Who carries each action point (a professional, the resident's
own strength, or the circle of the network member, `werf.network.action_parties`) is shown
when the session has a network or an action point not carried by a professional; older
sessions' minutes stay as they were.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from werf.dates import format_decimal, local_time, long_date
from werf.i18n import N_, translate, translate_plural
from werf.labels import (
    ACTION_STATE_NAMES,
    ATTENDANCE_NAMES,
    FOLLOW_UP_NAMES,
    MINUTES_STATUS_NAMES,
    RECORD_NAMES,
    ROLE_NAMES,
    minutes_text,
)
from werf.minutes.identifiers import find_identifiers
from werf.minutes.map_picture import COLOUR_NAMES, NO_SUPPORT_COLOUR
from werf.minutes.pseudonymise import PARTICIPANT, describe_counts, pseudonymise_session
from werf.minutes.text import clean_text
from werf.models import (
    TYPED_KINDS,
    Action,
    ActionState,
    Attendance,
    Circle,
    FollowUp,
    Note,
    OwnerKind,
    Protocol,
    RecordKind,
    Session,
    Support,
    map_texts,
)
from werf.network import (
    AVAILABILITY_NAMES,
    CIRCLE_NAMES,
    STRENGTH_NAMES,
    SUPPORT_NAMES,
    action_parties,
    by_circle,
    carrier_counts,
    network_counts,
    support_lines,
)
from werf.theme_list import shown_theme

PSEUDONYMISED = N_("Pseudonymised")


@dataclass(frozen=True)
class Labels:
    """The fixed words of the minutes, in the minutes language."""

    confidential: str
    minutes: str
    page: str  # holds {page} and {pages}
    participants: str
    name: str
    roles: str
    case: str
    question: str
    takeaways: str
    actions: str
    no_actions: str
    what: str
    who: str
    by_when: str
    status: str
    course: str
    number: str
    phase: str
    planned: str
    actual: str
    no_notes: str
    network: str
    relation: str
    support: str
    tie: str
    availability: str
    involved: str
    carried_by: str
    support_given: str
    gaps: str


@dataclass(frozen=True)
class MetaItem:
    label: str
    value: str


@dataclass(frozen=True)
class ParticipantRow:
    name: str
    roles: str  # translated role names, or "participant"


@dataclass(frozen=True)
class NoteGroup:
    """The notes of one kind in one phase (grouped by speaker: of one kind and one speaker)."""

    kind: RecordKind
    name: str  # the kind's translated name, capitalised (and who said them, when grouped)
    notes: list[str]
    speakers: list[str] = field(default_factory=list)  # per note who said it, or ""

    def lines(self) -> list[tuple[str, str]]:
        """(speaker, text) per note; the speaker "" when nobody is recorded."""
        said = self.speakers or [""] * len(self.notes)
        return list(zip(said, self.notes, strict=True))


@dataclass(frozen=True)
class PhaseSection:
    number: int  # 1-based
    name: str
    planned_minutes: float
    actual_minutes: float | None  # None: the phase was not held
    planned: str  # "7,5" in Dutch, "7.5" in English
    actual: str  # "–" when not held
    groups: list[NoteGroup]


@dataclass(frozen=True)
class ActionRow:
    text: str
    owner: str
    due: str
    done: bool
    status: str  # "done" / "open", translated
    carrier: str = ""  # "professional", "own strength", or "network: <circle>" (action_parties)
    owner_kind: OwnerKind = OwnerKind.PROFESSIONAL


@dataclass(frozen=True)
class NetworkRow:
    """One person in the resident's network, by relation; `number` is their dot on the map."""

    number: int
    circle: Circle
    relation: str
    support: str  # translated kinds of support, or "–"
    tie: str
    availability: str
    involved: str  # "yes" / "no", translated
    main_support: Support | None  # the first kind listed: the colour of the dot
    is_involved: bool


@dataclass(frozen=True)
class NetworkGroup:
    """The people of one circle (possibly none), from the inside out."""

    circle: Circle
    name: str  # "Household (2)": the circle's name, capitalised, and how many
    rows: list[NetworkRow]


@dataclass(frozen=True)
class NetworkSection:
    """The resident's network: a table grouped by circle, counts, and what the map shows."""

    groups: list[NetworkGroup]  # every circle in the order of `Circle`, empty ones too
    people: str  # "People: 8, involved: 3"
    support_given: str  # "practical 3, emotional 2, advice 1, company 0"
    gaps: str  # the kinds no one outside the professionals gives, or "none"
    caption: str  # what the map shows (also its alt text, with the legend)
    legend: str  # filled/open and the colours

    @property
    def rows(self) -> list[NetworkRow]:
        return [row for group in self.groups for row in group.rows]


@dataclass
class MinutesContent:
    """Everything the minutes show, ready to lay out."""

    lang: str
    labels: Labels
    title: str
    author: str
    team: str
    date: date
    date_text: str
    created: datetime
    modified: datetime
    protocol_name: str
    meta: list[MetaItem]
    participants: list[ParticipantRow]
    case_title: str
    question: str
    takeaways: list[str]
    phases: list[PhaseSection]
    actions: list[ActionRow]
    network: NetworkSection | None = None  # None: the session records no network
    show_carriers: bool = False  # a network, or an action point not carried by a professional
    carried: str = ""  # "Carried by the resident and network: 2 of 5 action points"
    pseudonymised: bool = False
    warnings: list[str] = field(default_factory=list)


def labels(lang: str) -> Labels:
    """The fixed words of the minutes in `lang`."""
    def t(message: str) -> str:
        return translate(message, lang)

    return Labels(
        confidential=t(N_("Confidential")),
        minutes=t(N_("Intervision minutes")),
        page=t(N_("Page {page} of {pages}")),
        participants=t(N_("Participants")),
        name=t(N_("Name")),
        roles=t(N_("Role")),
        case=t(N_("Case")),
        question=t(N_("Question")),
        takeaways=t(N_("Takeaways")),
        actions=t(N_("Action points")),
        no_actions=t(N_("No action points were agreed.")),
        what=t(N_("What")),
        who=t(N_("Who")),
        by_when=t(N_("By when")),
        status=t(N_("Status")),
        course=t(N_("How the session went")),
        number=t(N_("No.")),
        phase=t(N_("Phase")),
        planned=t(N_("Planned (min)")),
        actual=t(N_("Actual (min)")),
        no_notes=t(N_("Nothing was noted in this phase.")),
        network=t(N_("The resident's network")),
        relation=t(N_("Relation")),
        support=t(N_("Support")),
        tie=t(N_("Tie")),
        availability=t(N_("Availability")),
        involved=t(N_("Involved")),
        carried_by=t(N_("Carried by")),
        support_given=t(N_("Support from the network (professionals not counted)")),
        gaps=t(N_("Gaps (not given outside the professionals)")),
    )


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Cleaner:
    """Cleans texts for Word and counts the characters it dropped."""

    def __init__(self) -> None:
        self.dropped = 0

    def __call__(self, text: str) -> str:
        cleaned, dropped = clean_text(text)
        self.dropped += dropped
        return cleaned


def _cleaned_session(session: Session, clean: _Cleaner) -> Session:
    """A copy of `session` whose typed texts (case content, colleagues' names, the team's
    words, as declared on the models) Word can hold; before pseudonymising, so a name split by
    a control character is still found."""
    return map_texts(session, clean, TYPED_KINDS)


def _note_text(note: Note, lang: str) -> str:
    if note.follow_up:
        return f"{translate(FOLLOW_UP_NAMES[note.follow_up], lang)}: {note.text}"
    return note.text


def _speaker(session: Session, note: Note) -> str:
    """Who said the note as the minutes name them: the participant's name in the session the
    minutes are made from (pseudonymised: their alias, the role); "" when nobody is recorded."""
    person = session.speaker_of(note)
    return person.name.strip() if person is not None else ""


def _note_groups(session: Session, index: int, protocol: Protocol | None, lang: str,
                 by_speaker: bool = False) -> list[NoteGroup]:
    """The phase's notes by kind: the kinds the protocol names first, then any others. Each
    note says who said it (in a round). `by_speaker`: within a kind, one group per speaker,
    in the order of the participants, after the notes nobody is recorded to have said."""
    notes = [note for note in session.notes_of(index) if note.text.strip()]
    order: list[RecordKind] = []
    if protocol is not None and index < len(protocol.phases):
        order += protocol.phases[index].note_kinds
    for note in notes:
        if note.kind not in order:
            order.append(note.kind)
    people = {person.id: place for place, person in enumerate(session.participants)}
    groups = []
    for kind in order:
        name = capitalised(translate(RECORD_NAMES[kind], lang))
        of_kind = [note for note in notes if note.kind == kind]
        if not of_kind:
            continue
        if not by_speaker:
            groups.append(NoteGroup(kind, name, [_note_text(n, lang) for n in of_kind],
                                    [_speaker(session, n) for n in of_kind]))
            continue
        said: dict[str, list[Note]] = {}
        for note in sorted(of_kind, key=lambda n: people.get(n.speaker_id or "", -1)):
            said.setdefault(_speaker(session, note), []).append(note)
        for speaker, own in said.items():
            groups.append(NoteGroup(kind, f"{name} · {speaker}" if speaker else name,
                                    [_note_text(n, lang) for n in own]))
    return groups


def _phases(session: Session, protocol: Protocol | None, lang: str, clean: _Cleaner,
            by_speaker: bool = False) -> list[PhaseSection]:
    records = {record.index: record for record in session.phases}
    count = max(
        [len(protocol.phases) if protocol else 0]
        + [index + 1 for index in records]
        + [note.phase_index + 1 for note in session.notes]
    )
    sections = []
    for index in range(count):
        record = records.get(index)
        planned_phase = protocol.phases[index] if protocol and index < len(protocol.phases) else None
        if planned_phase is not None:
            name = clean(planned_phase.name.get(lang))
        else:
            name = record.phase_id if record else f"{translate(N_('Phase'), lang)} {index + 1}"
        planned = record.planned_seconds if record else (planned_phase.planned_seconds if planned_phase else 0)
        held = record is not None and (record.visited or record.elapsed_seconds > 0)
        actual = record.elapsed_seconds if record is not None and held else None
        sections.append(
            PhaseSection(
                number=index + 1,
                name=name,
                planned_minutes=planned / 60,
                actual_minutes=None if actual is None else actual / 60,
                planned=minutes_text(planned, lang),
                actual="–" if actual is None else minutes_text(actual, lang),
                groups=_note_groups(session, index, protocol, lang, by_speaker),
            )
        )
    return sections


def _network(session: Session, lang: str) -> NetworkSection:
    """The network table's rows by circle (numbered as the map's dots), counts and legend."""
    def t(message: str) -> str:
        return translate(message, lang)

    groups, number = [], 0
    for circle, members in by_circle(session.network):
        rows = []
        for member in members:
            number += 1
            kinds = list(dict.fromkeys(member.support))
            rows.append(NetworkRow(
                number=number,
                circle=circle,
                relation=member.relation.strip() or "–",
                support=", ".join(t(SUPPORT_NAMES[kind]) for kind in kinds) or "–",
                tie=t(STRENGTH_NAMES[member.strength]),
                availability=t(AVAILABILITY_NAMES[member.availability]),
                involved=t(N_("yes")) if member.involved else t(N_("no")),
                main_support=kinds[0] if kinds else None,
                is_involved=member.involved,
            ))
        groups.append(NetworkGroup(circle, f"{capitalised(t(CIRCLE_NAMES[circle]))} ({len(rows)})", rows))
    counts = network_counts(session.network)
    colours = [f"{t(COLOUR_NAMES[kind])} {t(SUPPORT_NAMES[kind])}" for kind in Support]
    colours.append(f"{t(NO_SUPPORT_COLOUR)} {t(N_('none'))}")
    return NetworkSection(
        groups=groups,
        people=t(N_("People: {people}, of whom involved: {involved}")).format(
            people=counts.people, involved=counts.involved),
        support_given=", ".join(
            f"{t(SUPPORT_NAMES[line.kind])} {line.network}"
            + (" (" + t(N_("professionals: {count}")).format(count=line.professionals) + ")"
               if line.professionals else "")
            for line in support_lines(session.network)),
        gaps=", ".join(t(SUPPORT_NAMES[kind]) for kind in counts.gaps) or t(N_("none")),
        caption=t(N_("Network map: the resident in the centre, around them from the inside out: {circles}. "
                     "The numbers are those in the table.")).format(
            circles=", ".join(t(CIRCLE_NAMES[circle]) for circle in Circle)),
        legend=t(N_("Filled dot: involved; open dot: not involved. Colour: the first kind of support "
                    "({colours}).")).format(colours=", ".join(colours)),
    )


def _identifier_warning(session: Session, lang: str) -> str | None:
    """A warning when the case content the minutes were made from holds identifiers."""
    found = Counter(finding.kind for text in session.case_texts() for finding in find_identifiers(text))
    if not found:
        return None
    kinds = describe_counts(found, lang)
    return translate(N_("The minutes may hold personal data: {found}. Check them before you share them."),
                     lang).format(found=kinds)


# the follow-up outcome that tells each state (a review a person overruled since is not shown)
_REVIEWED = {ActionState.OPEN: FollowUp.UNDER_WAY, ActionState.DONE: FollowUp.DONE,
             ActionState.DROPPED: FollowUp.DROPPED}


def _action_status(action: Action, lang: str) -> str:
    """"done", "open", or what a later session's follow-up found: "dropped (1 December 2026):
    no longer needed", as long as the action point's state still agrees with it."""
    if action.follow_up is None or action.follow_up is not _REVIEWED[action.state]:
        return translate(ACTION_STATE_NAMES[action.state], lang)
    status = translate(FOLLOW_UP_NAMES[action.follow_up], lang)
    if action.followed_up_on is not None:
        status += f" ({long_date(action.followed_up_on, lang)})"
    return f"{status}: {action.follow_up_note}" if action.follow_up_note.strip() else status


def build_content(
    session: Session, protocol: Protocol | None, lang: str, pseudonymise: bool = False,
    *, names: Iterable[str] = (), keep: Iterable[str] = (), found: Counter[tuple[str, str]] | None = None,
    by_speaker: bool = False,
) -> MinutesContent:
    """The minutes of `session` in `lang` ("nl" or "en"), pseudonymised when asked. A round's
    notes name who said them (pseudonymised: by their role); `by_speaker` groups each kind of
    note in a phase by who said it."""
    def t(message: str) -> str:
        return translate(message, lang)

    clean = _Cleaner()
    warnings: list[str] = []
    session = _cleaned_session(session, clean)
    if pseudonymise:
        session = pseudonymise_session(session, lang, names=names, keep=keep, found=found)
    if protocol is None:
        warnings.append(t(N_("The protocol “{protocol}” is not installed: phases are shown by their id."))
                        .format(protocol=session.protocol_id))
    words = labels(lang)
    if pseudonymise:  # every header, the first line and the document properties say so
        words = dataclasses.replace(
            words, confidential=f"{words.confidential} · {translate(PSEUDONYMISED, lang)}")
    protocol_name = clean(protocol.name.get(lang)) if protocol else session.protocol_id
    title = f"{words.minutes}: {session.case_title}" if session.case_title.strip() else words.minutes
    phases = _phases(session, protocol, lang, clean, by_speaker)
    held = [phase.actual_minutes for phase in phases if phase.actual_minutes is not None]
    planned_total = sum(phase.planned_minutes for phase in phases) * 60
    time_text = t(N_("{actual} of {planned} min")).format(
        actual=minutes_text(sum(held) * 60, lang), planned=minutes_text(planned_total, lang)
    )
    meta = [
        MetaItem(t(N_("Team")), session.team),
        MetaItem(t(N_("Date")), long_date(session.date, lang)),
        MetaItem(t(N_("Protocol")), protocol_name),
    ]
    themes = [shown_theme(theme, lang) for theme in session.themes if theme.strip()]
    if themes:
        meta.append(MetaItem(t(N_("Themes")), ", ".join(themes)))
    if session.location.strip():
        meta.append(MetaItem(t(N_("Location")), session.location))
    start = f"{local_time(session.created_at):%H:%M}"
    end = f"{local_time(session.finished_at):%H:%M}" if session.finished_at else "…"
    meta += [
        MetaItem(t(N_("Facilitator")), session.facilitator or "–"),
        MetaItem(t(N_("Time")), f"{start}–{end} ({time_text})"),
        MetaItem(t(N_("Version")), t(N_("{revision}, {status}")).format(
            revision=session.revision, status=t(MINUTES_STATUS_NAMES[session.minutes_status]))),
    ]
    participant = t(PARTICIPANT)
    participants = [
        ParticipantRow(
            person.name,
            ", ".join(t(ROLE_NAMES[role]) for role in person.roles) if person.roles else participant,
        )
        for person in session.present
    ]
    average = session.closing_average
    if average is not None:  # the team's average only: no one's own mark or word
        meta.append(MetaItem(t(N_("Mark for the session")), translate_plural(
            "{average} (average of {count} mark)", "{average} (average of {count} marks)",
            len(session.closing), lang).format(average=format_decimal(average, 1, lang),
                                               count=len(session.closing))))
    if session.absent:  # the team's absentees, and who sent apologies
        meta.append(MetaItem(t(N_("Absent")), ", ".join(
            person.name + (f" ({t(ATTENDANCE_NAMES[person.attendance])})"
                           if person.attendance is Attendance.APOLOGIES else "")
            for person in session.absent)))
    actions = []
    for action in session.actions:
        parties = action_parties(action, session.network, lang)
        actions.append(ActionRow(
            text=action.text,
            owner=parties.who or "–",
            due=long_date(action.due, lang) if action.due else "–",
            done=action.state is ActionState.DONE,
            status=_action_status(action, lang),
            carrier=parties.carried_by,
            owner_kind=action.owner_kind,
        ))
    show_carriers = bool(session.network) or any(
        action.owner_kind is not OwnerKind.PROFESSIONAL for action in session.actions)
    carriers = carrier_counts(session.actions)
    content = MinutesContent(
        lang=lang,
        labels=words,
        title=title,
        author=session.facilitator,
        team=session.team,
        date=session.date,
        date_text=long_date(session.date, lang),
        created=session.created_at,
        modified=session.updated_at,
        protocol_name=protocol_name,
        meta=meta,
        participants=participants,
        case_title=session.case_title,
        question=session.question,
        takeaways=[note.text for note in session.notes if note.kind == RecordKind.TAKEAWAY and note.text.strip()],
        phases=phases,
        actions=actions,
        network=_network(session, lang) if session.network else None,
        show_carriers=show_carriers,
        carried=translate_plural("Carried by the resident and network: {count} of {total} action point",
                                 "Carried by the resident and network: {count} of {total} action points",
                                 carriers.total, lang).format(
            count=carriers.by_network, total=carriers.total) if show_carriers and actions else "",
        pseudonymised=pseudonymise,
        warnings=warnings,
    )
    if clean.dropped:
        warnings.append(t(N_("Characters that Word cannot hold were dropped: {count}.")).format(count=clean.dropped))
    identifiers = _identifier_warning(session, lang)
    if identifiers:
        warnings.append(identifiers)
    return content
