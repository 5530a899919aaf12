"""The fixed vocabulary of factions: codes, display names, colours and who each covers.

Each faction has a period of validity: `government` is Assad's state, which ends on
8 December 2024; `transitional` is the state formed in Damascus that day. Colours are
colour-blind-safe (distinct under deuteranopia and protanopia simulation), and any two factions
that exist together for more than a day are at least 10 apart in CIE L* lightness, so they stay
distinguishable in greyscale print.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = [
    "FACTIONS",
    "FACTION_CODES",
    "NO_DATA",
    "NO_DATA_COLOUR",
    "NO_FACTION",
    "Faction",
    "faction",
    "faction_name",
    "factions_on",
]


@dataclass(frozen=True)
class Faction:
    """One faction of the vocabulary."""

    code: str
    name: str
    name_ar: str
    colour: str
    covers: str
    valid_from: str | None = None  # first ISO date the faction can hold ground, inclusive
    valid_to: str | None = None  # last ISO date, inclusive

    def valid_on(self, date) -> bool:
        """Whether the faction exists on this date."""
        day = pd.Timestamp(date)
        if self.valid_from is not None and day < pd.Timestamp(self.valid_from):
            return False
        return self.valid_to is None or day <= pd.Timestamp(self.valid_to)


FACTIONS: tuple[Faction, ...] = (
    Faction(
        "government",
        "Syrian government",
        "الحكومة السورية",
        "#A40022",
        "Assad's state: the Syrian Arab Army and allies (National Defence Forces, Russia, Iran, "
        "Hezbollah and Iran-backed militias), until its fall on 8 December 2024.",
        valid_to="2024-12-08",
    ),
    Faction(
        "sdf",
        "SDF",
        "قوات سوريا الديمقراطية",
        "#FFE34D",
        "Syrian Democratic Forces, YPG/YPJ, Manbij Military Council and other SDF councils.",
    ),
    Faction(
        "isis",
        "Islamic State",
        "تنظيم الدولة الإسلامية",
        "#1F1F1F",
        "Islamic State and affiliates such as the Khalid ibn al-Walid Army in the Yarmouk Basin.",
    ),
    Faction(
        "hts",
        "HTS",
        "هيئة تحرير الشام",
        "#412579",
        "Hay'at Tahrir al-Sham and its predecessors Jabhat al-Nusra and Jabhat Fateh al-Sham, "
        "until it formed the caretaker government on 8 December 2024 (dissolved 29 January 2025).",
        valid_to="2024-12-08",
    ),
    Faction(
        "opposition",
        "Opposition",
        "المعارضة",
        "#177A47",
        "FSA and other rebels not backed by Turkey: Southern Front, Jaysh al-Islam, Ahrar "
        "al-Sham, Faylaq al-Rahman, Maghawir al-Thawra at al-Tanf.",
    ),
    Faction(
        "turkey",
        "Turkey and TFSA/SNA",
        "تركيا والجيش الوطني",
        "#6AA8E3",
        "Turkish forces and the Turkish-backed TFSA/SNA of Euphrates Shield, Olive Branch and "
        "Peace Spring.",
    ),
    Faction(
        "contested",
        "Contested",
        "متنازع عليها",
        "#FEAE8B",
        "A locality that is actively split or fought over.",
    ),
    Faction(
        "transitional",
        "Transitional government",
        "الحكومة الانتقالية",
        "#005B50",
        "The state formed in Damascus on 8 December 2024: the caretaker, then transitional "
        "government and its army, into which HTS and most armed factions dissolved in 2025.",
        valid_from="2024-12-08",
    ),
    Faction(
        "israel",
        "Israel",
        "إسرائيل",
        "#003578",
        "Ground held by Israeli forces beyond the 1974 disengagement line, from 8 December 2024.",
        valid_from="2024-12-08",
    ),
    Faction(
        "suwayda",
        "Suwayda Druze factions",
        "الفصائل الدرزية في السويداء",
        "#A5820F",
        "The Druze factions that hold Suwayda (Men of Dignity, the Suwayda Military Council and "
        "the National Guard), from 8 December 2024.",
        valid_from="2024-12-08",
    ),
)

FACTION_CODES: tuple[str, ...] = tuple(f.code for f in FACTIONS)
# Land no one can be said to hold: the "none" row of the statistics and the grey of the map.
NO_DATA = Faction("none", "No data", "لا بيانات", "#EDEDED", "Land no locality's control reaches.")
NO_DATA_COLOUR = NO_DATA.colour
NO_FACTION = -1  # the faction index of no data, in the core's arrays of control

_BY_CODE = {f.code: f for f in FACTIONS}


def faction(code: str) -> Faction:
    """The faction with this code ("" or "none": no data); KeyError for an unknown code."""
    return NO_DATA if code in ("", NO_DATA.code) else _BY_CODE[code]


def faction_name(code: str | int, lang: str = "en") -> str:
    """A faction's display name by code or index; no data for "none", "" or an index < 0."""
    if not isinstance(code, str):
        code = FACTION_CODES[code] if 0 <= code < len(FACTIONS) else NO_DATA.code
    entry = faction(code)
    return entry.name_ar if lang == "ar" else entry.name


def factions_on(date) -> tuple[Faction, ...]:
    """The factions that exist on this date, in vocabulary order."""
    return tuple(f for f in FACTIONS if f.valid_on(date))
