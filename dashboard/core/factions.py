"""The fixed vocabulary of factions: codes, display names, colours and who each covers.

Colours are colour-blind-safe (distinct under deuteranopia and protanopia simulation) and
their CIE L* lightness is at least 10 apart, so they stay distinguishable in greyscale print.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FACTIONS", "FACTION_CODES", "NO_DATA_COLOUR", "Faction", "faction"]


@dataclass(frozen=True)
class Faction:
    """One faction of the vocabulary."""

    code: str
    name: str
    name_ar: str
    colour: str
    covers: str


FACTIONS: tuple[Faction, ...] = (
    Faction(
        "government",
        "Syrian government",
        "الحكومة السورية",
        "#B2182B",
        "Syrian Arab Army and allies: National Defence Forces, Russia, Iran, Hezbollah and "
        "Iran-backed militias.",
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
        "#4B2E83",
        "Hay'at Tahrir al-Sham and its predecessors Jabhat al-Nusra and Jabhat Fateh al-Sham.",
    ),
    Faction(
        "opposition",
        "Opposition",
        "المعارضة",
        "#2E8B57",
        "FSA and other rebels not backed by Turkey: Southern Front, Jaysh al-Islam, Ahrar "
        "al-Sham, Faylaq al-Rahman, Maghawir al-Thawra at al-Tanf.",
    ),
    Faction(
        "turkey",
        "Turkey and TFSA/SNA",
        "تركيا والجيش الوطني",
        "#5B9BD5",
        "Turkish forces and the Turkish-backed TFSA/SNA of Euphrates Shield, Olive Branch and "
        "Peace Spring.",
    ),
    Faction(
        "contested",
        "Contested",
        "متنازع عليها",
        "#F4A582",
        "A locality that is actively split or fought over.",
    ),
)

FACTION_CODES: tuple[str, ...] = tuple(f.code for f in FACTIONS)
NO_DATA_COLOUR = "#EDEDED"

_BY_CODE = {f.code: f for f in FACTIONS}


def faction(code: str) -> Faction:
    """The faction with this code; KeyError for an unknown code."""
    return _BY_CODE[code]
