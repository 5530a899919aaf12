"""Foreign presence by country: which outside power a presence row's actor names, and its colour.

The colours are Okabe-Ito / Tol colour-blind-safe hues kept apart from the faction colours
(core/factions.py): the map draws presence as stars, so hue and shape both tell them apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["OTHER_PRESENCE", "PRESENCE_GROUPS", "PresenceGroup", "presence_group"]


@dataclass(frozen=True)
class PresenceGroup:
    """One country (or alliance) whose forces the presence rows report."""

    code: str
    name: str
    name_ar: str
    colour: str
    pattern: str  # a case-insensitive regular expression over the actor text


PRESENCE_GROUPS: tuple[PresenceGroup, ...] = (
    PresenceGroup("russia", "Russia", "روسيا", "#D55E00", r"russia"),
    PresenceGroup(
        "coalition",
        "US-led coalition",
        "التحالف بقيادة الولايات المتحدة",
        "#0072B2",
        r"\bUS\b|\bU\.S\.|United States|American|CJTF|coalition|\bUK\b|British|French|France",
    ),
    PresenceGroup(
        "iran", "Iran and allies", "إيران وحلفاؤها", "#E69F00", r"iran|irgc|quds|hezbollah"
    ),
    PresenceGroup("turkey", "Turkey", "تركيا", "#882255", r"turk"),
    PresenceGroup("israel", "Israel", "إسرائيل", "#CC79A7", r"israel|\bIDF\b"),
)
OTHER_PRESENCE = PresenceGroup("other", "Other", "غير ذلك", "#8C8C8C", "")
_PATTERNS = [re.compile(g.pattern, re.IGNORECASE) for g in PRESENCE_GROUPS]


def presence_group(actor: object) -> int:
    """Index into (*PRESENCE_GROUPS, OTHER_PRESENCE) of the country the actor names first
    ("Russian military police, Turkish Armed Forces" is Russia); OTHER_PRESENCE when none."""
    text = "" if actor is None else str(actor)
    found = [(m.start(), i) for i, p in enumerate(_PATTERNS) if (m := p.search(text))]
    return min(found)[1] if found else len(PRESENCE_GROUPS)
