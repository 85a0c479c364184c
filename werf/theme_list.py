"""Themes that come back in a team's cases (loneliness, debts, informal care, …).

Every team keeps its own list (in the store); a team that has none yet starts from the list
below. A session is given one or more themes at setup; the coordinator filters by them and
the team's book of takeaways gathers them by theme.

Data is language-neutral: a theme from the starting list is stored as its key
("informal_care"), whichever language it was typed or picked in, and shown in the language of
the screen or document; a theme a team typed itself is stored as typed. `stored_theme` and
`shown_theme` are the only two ways between the two forms.
"""

from __future__ import annotations

from werf.i18n import get_language
from werf.models import LocalText

# key (stored; never change one that shipped) → its name in Dutch and English
STARTING_THEMES: dict[str, LocalText] = {
    key: LocalText(nl=nl, en=en)
    for key, nl, en in (
        ("loneliness", "eenzaamheid", "loneliness"),
        ("debts", "schulden en geldzorgen", "debts and money worries"),
        ("informal_care", "mantelzorg", "informal care"),
        ("housing", "wonen en huisvesting", "housing"),
        ("parenting", "opvoeding en gezin", "parenting and family"),
        ("mental_vulnerability", "psychische kwetsbaarheid", "mental vulnerability"),
        ("addiction", "verslaving", "addiction"),
        ("domestic_violence", "huiselijk geweld", "domestic violence"),
        ("work_income", "werk en inkomen", "work and income"),
        ("older_people", "ouderen en zelfstandig wonen", "older people living independently"),
        ("neighbour_conflict", "burenoverlast en conflicten", "neighbour nuisance and conflict"),
        ("language_participation", "taal en meedoen", "language and taking part"),
        ("avoiding_care", "zorgmijding", "avoiding care"),
        ("own_role", "eigen rol van de professional", "the professional's own role"),
    )
}

# every spelling of a starting theme (its key, its Dutch and English name), casefolded → key
_KEY_OF: dict[str, str] = {
    spelling.casefold(): key
    for key, names in STARTING_THEMES.items()
    for spelling in (key, names.nl, names.en)
}


def starting_themes() -> list[str]:
    """The starting list as it is stored: its keys."""
    return list(STARTING_THEMES)


def _trimmed(text: str) -> str:
    return " ".join(text.split())


def stored_theme(text: str) -> str:
    """What is stored for a theme as typed or shown: a starting theme in either language (or
    its key) → its key; anything else → the team's own words, trimmed."""
    theme = _trimmed(text)
    return _KEY_OF.get(theme.casefold(), theme)


def shown_theme(stored: str, lang: str | None = None) -> str:
    """A stored theme as shown in `lang` (default: the app's language): a starting theme's
    name, or the team's own words as they are."""
    names = STARTING_THEMES.get(stored_theme(stored))
    if names is None:
        return stored
    return names.get("en" if (lang or get_language()) == "en" else "nl")


def theme_choices(stored: list[str], lang: str | None = None) -> list[tuple[str, str]]:
    """(shown, stored) pairs for a filter, in the order of what is shown."""
    return sorted(((shown_theme(theme, lang), theme) for theme in stored),
                  key=lambda pair: pair[0].casefold())


def stored_themes(texts: list[str]) -> list[str]:
    """`stored_theme` of each, empty ones and repeats dropped, in order."""
    return list(dict.fromkeys(theme for theme in map(stored_theme, texts) if theme))


def parse_theme_lines(text: str) -> list[str]:
    """One theme per line (as typed in the editor), as stored: trimmed, starting themes as
    their keys, empty lines and repeats dropped, the first spelling kept when two differ only
    in upper/lower case or name the same starting theme in two languages."""
    seen: set[str] = set()
    themes: list[str] = []
    for line in text.splitlines():
        theme = stored_theme(line)
        if theme and theme.casefold() not in seen:
            seen.add(theme.casefold())
            themes.append(theme)
    return themes
