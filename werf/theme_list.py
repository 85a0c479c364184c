"""Themes that come back in a team's cases (loneliness, debts, informal care, …).

Every team keeps its own list (in the store); a team that has none yet starts from the list
below, in the language of the app. A session is given one or more themes at setup; the
coordinator filters by them and the team's book of takeaways gathers them by theme.
"""

from __future__ import annotations

from werf.models import LocalText

STARTING_THEMES: tuple[LocalText, ...] = tuple(
    LocalText(nl=nl, en=en)
    for nl, en in (
        ("eenzaamheid", "loneliness"),
        ("schulden en geldzorgen", "debts and money worries"),
        ("mantelzorg", "informal care"),
        ("wonen en huisvesting", "housing"),
        ("opvoeding en gezin", "parenting and family"),
        ("psychische kwetsbaarheid", "mental vulnerability"),
        ("verslaving", "addiction"),
        ("huiselijk geweld", "domestic violence"),
        ("werk en inkomen", "work and income"),
        ("ouderen en zelfstandig wonen", "older people living independently"),
        ("burenoverlast en conflicten", "neighbour nuisance and conflict"),
        ("taal en meedoen", "language and taking part"),
        ("zorgmijding", "avoiding care"),
        ("eigen rol van de professional", "the professional's own role"),
    )
)


def starting_themes(lang: str) -> list[str]:
    """The starting list in `lang` ("nl" or "en")."""
    return [theme.get(lang) for theme in STARTING_THEMES]


def parse_theme_lines(text: str) -> list[str]:
    """One theme per line (as typed in the editor): trimmed, empty lines and repeats dropped,
    the first spelling kept when two differ only in upper/lower case."""
    seen: set[str] = set()
    themes: list[str] = []
    for line in text.splitlines():
        theme = " ".join(line.split())
        if theme and theme.casefold() not in seen:
            seen.add(theme.casefold())
            themes.append(theme)
    return themes
