"""Sessions and readers for the minutes tests."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, date, datetime

import docx
from docx.document import Document as DocumentObject

from werf.models import (
    Action,
    Availability,
    Circle,
    NetworkMember,
    Note,
    OwnerKind,
    Participant,
    PhaseRecord,
    RecordKind,
    RoleId,
    Session,
    Support,
    TieStrength,
)

from .helpers import make_session, protocol

# Full names, so a leak of a surname is as visible as a leak of a given name.
PEOPLE = {
    "Fatima el Amrani": [RoleId.FACILITATOR, RoleId.TIMEKEEPER],
    "Bram Oosterhuis": [RoleId.CASE_BRINGER],
    "Chantal Verbeek": [RoleId.MINUTE_TAKER],
    "Dirk-Jan Mulder": [],
    "Eva": [],
}
CLIENTS = ["meneer Kowalski", "Priya"]


def full_session(protocol_id: str = "werf") -> Session:
    """A finished-looking session: every phase held, notes of several kinds, actions, and
    names of colleagues and clients inside the free text."""
    proto = protocol(protocol_id)
    session = make_session(protocol_id)
    session.facilitator = "Fatima el Amrani"
    session.participants = [Participant(name=name, roles=roles) for name, roles in PEOPLE.items()]
    session.sensitive_names = list(CLIENTS)
    session.case_title = "Meneer Kowalski wil geen hulp"
    session.question = "Hoe bouw ik vertrouwen op met meneer Kowalski, zegt Bram?"
    session.created_at = session.updated_at = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    session.phases = [
        PhaseRecord(index=i, phase_id=phase.id, planned_seconds=phase.planned_seconds,
                    elapsed_seconds=phase.planned_seconds + 30 * i, visited=True)
        for i, phase in enumerate(proto.phases)
    ]
    last = len(proto.phases) - 1
    texts = [
        (0, RecordKind.ACTION_REVIEW, "Bram heeft de huisarts gebeld."),
        (1, RecordKind.CASE, "Meneer Kowalski (82) woont alleen; Priya, zijn dochter, belt wekelijks."),
        (2, RecordKind.QUESTION, "Wat weet Chantal Verbeek van zijn buren?"),
        (2, RecordKind.QUESTION, "Wanneer lukte het contact wel, vraagt eva?"),
        (3, RecordKind.NETWORK, "Dirk-Jan kent de buurtkamer; fatima EL AMRANI ook."),
        (3, RecordKind.OWN_ROLE, "Ik merk dat ik snel zelf ga regelen."),
        (4, RecordKind.TAKEAWAY, "Eerst vragen wie meneer Kowalski zelf wil betrekken."),
        (last, RecordKind.PROCESS, "Fijn dat Fatima de vragen open hield."),
    ]
    session.notes = [Note(phase_index=i, kind=kind, text=text) for i, kind, text in texts]
    session.actions = [
        Action(phase_index=last, text="Netwerkkaart maken met meneer Kowalski", owner="Bram Oosterhuis",
               due=date(2026, 12, 8)),
        Action(phase_index=last, text="Priya bellen over de kookavond", owner="Eva", due=date(2026, 12, 15),
               done=True, done_on=date(2026, 12, 1)),
        Action(phase_index=last, text="Buurtkamer vragen", owner=""),
    ]
    return session


def read_docx(data: bytes) -> DocumentObject:
    return docx.Document(io.BytesIO(data))


def xml_parts(data: bytes) -> dict[str, str]:
    """Every XML part of a .docx (document, styles, headers, footers, core.xml, …) as text."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


def word_pattern(name: str) -> re.Pattern[str]:
    """A name as a whole word, any case (so "Eva" does not match "Evaluatie")."""
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)


def leaked_names(texts: dict[str, str], names: list[str]) -> list[tuple[str, str]]:
    """(part, name) for every name found in any of the texts."""
    return [(part, name) for part, text in texts.items() for name in names if word_pattern(name).search(text)]


def all_names(session: Session) -> list[str]:
    """Every personal name, and each word of it that is a name on its own (not a particle)."""
    names = [p.name for p in session.participants] + [session.facilitator] + list(session.sensitive_names)
    words = [word for name in names for word in name.split()]
    words += [part for word in words for part in word.split("-")]
    words = [word for word in words if len(word) >= 3 and word != "meneer"]
    return sorted(set(names + words))


def network_session() -> Session:
    """`full_session` with a network in four of the five circles (family left empty), themes,
    and action points carried by the resident and by network members. Two relations hold a
    client's name, and the neighbour was renamed after her action point was made."""
    session = full_session()
    session.themes = ["eenzaamheid", "mantelzorg"]
    session.network = [
        NetworkMember(relation="dochter Priya", circle=Circle.HOUSEHOLD,
                      support=[Support.EMOTIONAL, Support.COMPANY], strength=TieStrength.STRONG,
                      availability=Availability.LIMITED, involved=True),
        NetworkMember(relation="buurvrouw Ans", circle=Circle.FRIENDS, support=[Support.PRACTICAL],
                      availability=Availability.AVAILABLE, involved=True),
        NetworkMember(relation="oud-collega van meneer Kowalski", circle=Circle.FRIENDS,
                      support=[Support.COMPANY], strength=TieStrength.WEAK, involved=False),
        NetworkMember(relation="buurtkamer", circle=Circle.NEIGHBOURHOOD, support=[],
                      strength=TieStrength.WEAK, availability=Availability.AVAILABLE),
        NetworkMember(relation="huisarts", circle=Circle.PROFESSIONAL, support=[Support.ADVICE],
                      availability=Availability.UNAVAILABLE, involved=True),
    ]
    session.sensitive_names = [*CLIENTS, "Ans"]
    neighbour = session.network[1]
    session.actions[1].owner_kind = OwnerKind.NETWORK
    session.actions[1].network_member_id = neighbour.id
    session.actions[1].owner = "buurvrouw"  # her relation when the action point was made
    session.actions[2].owner_kind = OwnerKind.RESIDENT
    session.actions[2].owner = "meneer"
    return session
