"""A plain-text summary of a session: per phase the planned and actual minutes, then notes
and action points. Used by `werf sessions show` and the finish screen."""

from __future__ import annotations

from werf.dates import format_date
from werf.i18n import _, get_language
from werf.labels import ACTION_STATE_NAMES, minutes_text, participants_line, record_name
from werf.models import OwnerKind, Protocol, Session
from werf.network import CIRCLE_NAMES, OWNER_KIND_NAMES, SUPPORT_NAMES, shown_owner
from werf.theme_list import shown_theme


def phase_name(protocol: Protocol | None, index: int, fallback: str) -> str:
    if protocol is None or index >= len(protocol.phases):
        return fallback
    return protocol.phases[index].name.get(get_language())


def network_line(session: Session) -> str:
    """"zus (family: emotional), buurvrouw (friends and neighbours: practical, company)"."""
    parts = []
    for member in session.network:
        support = ", ".join(_(SUPPORT_NAMES[kind]) for kind in member.support)
        parts.append(f"{member.relation} ({_(CIRCLE_NAMES[member.circle])}"
                     + (f": {support})" if support else ")"))
    return "; ".join(parts)


def session_text(session: Session, protocol: Protocol | None) -> str:
    lines = [
        f"{session.case_title or _('(no case title)')}",
        f"{_('Team')}: {session.team}   {_('Date')}: {format_date(session.date)}   "
        f"{_('Protocol')}: {protocol.name.get(get_language()) if protocol else session.protocol_id}",
        f"{_('Facilitator')}: {session.facilitator}",
        f"{_('Question')}: {session.question or '-'}",
        f"{_('Participants')}: {participants_line(session)}",
    ]
    if session.themes:
        lines.append(f"{_('Themes')}: {', '.join(shown_theme(t) for t in session.themes)}")
    if session.network:
        lines.append(f"{_('Network')}: {network_line(session)}")
    lines.append("")
    for record in session.phases:
        name = phase_name(protocol, record.index, record.phase_id)
        lines.append(
            f"{record.index + 1}. {name}  "
            + _("{actual} of {planned} min").format(
                actual=minutes_text(record.elapsed_seconds),
                planned=minutes_text(record.planned_seconds),
            )
        )
        for note in session.notes_of(record.index):
            speaker = session.speaker_of(note)
            said = f"{speaker.short_name}: " if speaker is not None else ""
            lines.append(f"   - [{record_name(note.kind)}] {said}{note.text}")
    if session.actions:
        lines.append("")
        lines.append(_("Action points"))
        for action in session.actions:
            due = format_date(action.due) if action.due else "-"
            done = _(ACTION_STATE_NAMES[action.state])
            owner = shown_owner(action) or "-"
            kind = _(OWNER_KIND_NAMES[action.owner_kind])
            if action.owner_kind is not OwnerKind.PROFESSIONAL and owner != kind:
                owner += f" ({kind})"
            lines.append(f"   - {action.text} — {owner} — {due} ({done})")
    return "\n".join(lines)
