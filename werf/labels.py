"""Names of roles, record kinds and speaker modes, in the user's language."""

from __future__ import annotations

from werf.dates import format_decimal
from werf.i18n import N_, _
from werf.models import ActionState, Attendance, FollowUp, MinutesStatus, RecordKind, RoleId, Session, Speakers

ROLE_NAMES = {
    RoleId.CASE_BRINGER: N_("case bringer"),
    RoleId.FACILITATOR: N_("facilitator"),
    RoleId.TIMEKEEPER: N_("timekeeper"),
    RoleId.MINUTE_TAKER: N_("minute-taker"),
    RoleId.OBSERVER: N_("observer"),
}

ATTENDANCE_NAMES = {
    Attendance.PRESENT: N_("present"),
    Attendance.ABSENT: N_("absent"),
    Attendance.APOLOGIES: N_("absent with apologies"),
}

FOLLOW_UP_NAMES = {
    FollowUp.DONE: N_("done"),
    FollowUp.UNDER_WAY: N_("under way"),
    FollowUp.DROPPED: N_("dropped"),
}

ACTION_STATE_NAMES = {
    ActionState.OPEN: N_("open"),
    ActionState.DONE: N_("done"),
    ActionState.DROPPED: N_("dropped"),
}

MINUTES_STATUS_NAMES = {
    MinutesStatus.CONCEPT: N_("concept"),
    MinutesStatus.ADOPTED: N_("adopted"),
}

RECORD_NAMES = {
    RecordKind.ACTION_REVIEW: N_("earlier action"),
    RecordKind.CASE: N_("case"),
    RecordKind.QUESTION: N_("question"),
    RecordKind.KEY_QUESTION: N_("key question"),
    RecordKind.ASSOCIATION: N_("association"),
    RecordKind.HYPOTHESIS: N_("hypothesis"),
    RecordKind.REFLECTION: N_("reflection"),
    RecordKind.STRENGTH: N_("own strength"),
    RecordKind.NETWORK: N_("network"),
    RecordKind.NEIGHBOURHOOD: N_("neighbourhood"),
    RecordKind.OWN_ROLE: N_("own role"),
    RecordKind.AFFIRMATION: N_("affirmation"),
    RecordKind.ADVICE: N_("advice"),
    RecordKind.IDEA: N_("idea"),
    RecordKind.TAKEAWAY: N_("takeaway"),
    RecordKind.ACTION: N_("action point"),
    RecordKind.PROCESS: N_("process"),
    RecordKind.NOTE: N_("note"),
}

SPEAKER_NAMES = {
    Speakers.CASE_BRINGER: N_("the case bringer speaks"),
    Speakers.ROUND: N_("a round: each in turn"),
    Speakers.OPEN: N_("open conversation"),
    Speakers.SILENT: N_("silence: everyone writes"),
    Speakers.FACILITATOR: N_("the facilitator leads"),
}


def role_name(role: RoleId) -> str:
    return _(ROLE_NAMES[role])


def attendance_name(attendance: Attendance) -> str:
    return _(ATTENDANCE_NAMES[attendance])


def follow_up_name(outcome: FollowUp) -> str:
    return _(FOLLOW_UP_NAMES[outcome])


def record_name(kind: RecordKind) -> str:
    return _(RECORD_NAMES[kind])


def speakers_name(speakers: Speakers) -> str:
    return _(SPEAKER_NAMES[speakers])


def participants_line(session: Session) -> str:
    """"Fatima (facilitator), Bram (case bringer), Eva": who was there, in which role."""
    return ", ".join(
        p.name + (f" ({', '.join(role_name(r) for r in p.roles)})" if p.roles else "")
        for p in session.present
    )


def minutes_text(seconds: float, lang: str | None = None) -> str:
    """Whole or half minutes, as people say them: 5, 7.5 (7,5 in Dutch; `lang` defaults to
    the app's language)."""
    minutes = round(seconds / 60 * 2) / 2
    return format_decimal(minutes, None, lang)
