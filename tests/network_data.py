"""Fictional networks of a resident for the network tests: 0, 3 or 20 people."""

from __future__ import annotations

from werf.models import Availability as A
from werf.models import Circle as C
from werf.models import NetworkMember
from werf.models import Support as S
from werf.models import TieStrength as T

PEOPLE = [
    ("partner", C.HOUSEHOLD, [S.PRACTICAL, S.EMOTIONAL, S.COMPANY], T.STRONG, A.AVAILABLE, True),
    ("zus", C.FAMILY, [S.EMOTIONAL], T.STRONG, A.LIMITED, True),
    ("huisarts", C.PROFESSIONAL, [S.ADVICE], T.MODERATE, A.LIMITED, True),
    ("dochter (15)", C.HOUSEHOLD, [S.COMPANY], T.STRONG, A.AVAILABLE, False),
    ("broer", C.FAMILY, [S.PRACTICAL], T.WEAK, A.UNAVAILABLE, False),
    ("tante in Zeeland", C.FAMILY, [S.EMOTIONAL], T.WEAK, A.LIMITED, False),
    ("neef", C.FAMILY, [], T.WEAK, A.LIMITED, False),
    ("buurvrouw", C.FRIENDS, [S.PRACTICAL, S.COMPANY], T.MODERATE, A.AVAILABLE, True),
    ("buurman van boven", C.FRIENDS, [S.PRACTICAL], T.WEAK, A.AVAILABLE, False),
    ("oud-collega", C.FRIENDS, [S.COMPANY, S.ADVICE], T.MODERATE, A.LIMITED, False),
    ("vriendin van school", C.FRIENDS, [S.EMOTIONAL, S.COMPANY], T.STRONG, A.LIMITED, False),
    ("voetbaltrainer", C.NEIGHBOURHOOD, [S.COMPANY], T.MODERATE, A.AVAILABLE, False),
    ("pastor", C.NEIGHBOURHOOD, [S.EMOTIONAL], T.MODERATE, A.LIMITED, False),
    ("buurtinitiatief Samen Koken in het wijkcentrum", C.NEIGHBOURHOOD, [S.COMPANY, S.PRACTICAL],
     T.WEAK, A.AVAILABLE, False),
    ("maatje van Humanitas", C.NEIGHBOURHOOD, [S.COMPANY], T.MODERATE, A.AVAILABLE, True),
    ("kapper", C.NEIGHBOURHOOD, [], T.WEAK, A.AVAILABLE, False),
    ("wijkverpleegkundige", C.PROFESSIONAL, [S.PRACTICAL, S.ADVICE], T.MODERATE, A.AVAILABLE, True),
    ("schuldhulpverlener", C.PROFESSIONAL, [S.ADVICE], T.WEAK, A.LIMITED, False),
    ("jongerenwerker", C.PROFESSIONAL, [S.ADVICE, S.COMPANY], T.MODERATE, A.AVAILABLE, False),
    ("wijkagent", C.PROFESSIONAL, [], T.WEAK, A.UNAVAILABLE, False),
]


def network_of(count: int) -> list[NetworkMember]:
    """The first `count` people (the first three leave a gap: advice only from the GP)."""
    return [
        NetworkMember(id=f"member-{number:02d}", relation=relation, circle=circle, support=support,
                      strength=strength, availability=availability, involved=involved)
        for number, (relation, circle, support, strength, availability, involved)
        in enumerate(PEOPLE[:count])
    ]
