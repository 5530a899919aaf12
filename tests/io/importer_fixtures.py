"""Importer fixtures built in code: ACLED-layout rows (never real ACLED data) and a gazetteer.

ACLED's terms forbid redistributing its data, so every ACLED row here is made up; the
layouts (column names and order) are ACLED's public codebook's.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from dashboard.io.importers.acled import ACLED_COLUMNS, ACLED_OLD_COLUMNS
from dashboard.io.importers.places import PlaceLinker

GOV, IS = "Military Forces of Syria (2000-)", "Islamic State (Syria)"
SDF = "SDF: Syrian Democratic Forces"
TURKEY, YPG = "Military Forces of Turkey (2016-)", "YPG: People's Protection Units"
COORDS = {
    "Palmyra": ("34.5624", "38.28402"),
    "Tabqa": ("35.83758", "38.54828"),
    "Afrin": ("36.51194", "36.86954"),
    "Douma": ("33.57175", "36.4027"),
    "Afrin outskirts": ("36.53", "36.87"),
    "Nowhere": ("", "38.54828"),
    "Off the map": ("95.1", "38.54828"),
}
# Made-up events at real places. Dates use all three spellings ACLED files come in.
ACLED_EVENTS = [
    # event_id_cnty, event_date, time_precision, sub_event_type, actor1, actor2, location,
    # geo_precision
    ("SYR1001", "2017-03-02", "1", "Government regains territory", GOV, IS, "Palmyra", "1"),
    ("SYR1002", "10 May 2017", "1", "Non-state actor overtakes territory", SDF, IS, "Tabqa", "1"),
    ("SYR1003", "9-May-17", "2", "Non-state actor overtakes territory", "Jaysh al-Islam", GOV,
     "Douma", "2"),
    ("SYR1004", "1-Jun-18", "1", "Non-violent transfer of territory", "Jaysh al-Islam", "",
     "Afrin", "1"),
    ("SYR1005", "2018-01-20", "1", "Armed clash", TURKEY, YPG, "Afrin outskirts", "1"),
    ("SYR1006", "21 January 2018", "1", "Air/drone strike", f"{TURKEY} Air Force", YPG,
     "Afrin", "3"),
    ("SYR1007", "2018-02-01", "3", "Shelling/artillery/missile attack",
     "HTS: Hayat Tahrir al-Sham", GOV, "Tabqa", "2"),
    ("SYR1008", "2018-04-12", "1", "Agreement", "Military Forces of Russia (2000-)",
     "Jaysh al-Islam", "Douma", "1"),
    ("SYR1009", "2018-04-13", "1", "Peaceful protest", "Protesters (Syria)", "", "Douma", "1"),
    ("SYR1010", "31/31/2018", "1", "Armed clash", "NDF: National Defence Forces", IS,
     "Palmyra", "1"),
    # An unmapped actor's territory row is imported (as "other"); this one is rejected for its
    # impossible latitude instead.
    ("SYR1011", "2019-01-05", "1", "Non-state actor overtakes territory",
     "Liwa Made-Up Brigade", IS, "Off the map", "1"),
    ("SYR1012", "2019-01-06", "1", "Armed clash", "Liwa Made-Up Brigade", SDF, "Nowhere", "1"),
    ("SYR1002", "2019-01-07", "1", "Armed clash", SDF, IS, "Tabqa", "1"),
]  # fmt: skip
GOOD_ACLED_IDS = [f"acled-SYR10{n:02d}" for n in range(1, 10)]
# Line numbers (header = 1) of the bad rows, and what is wrong with each.
BAD_ACLED_ROWS = {
    11: "event_date",
    12: "latitude is not between -90 and 90",
    13: "no coordinates",
    14: "duplicate",
}

# Made-up events of the end of the war and after (2024-11 to 2025-07) in ACLED's own naming
# forms: "ABBR: Full name", period suffixes "(2000-2024)" / "(2024-)", trailing unit names,
# "(Syria)" qualifiers. Each row's expected (event_type, controller_after, faction_1) follows.
TRANSITION_COORDS = {
    "Aleppo": ("36.20124", "37.16117"),
    "Saraqib": ("35.86447", "36.80591"),
    "Tell Rifaat": ("36.47229", "37.09471"),
    "Idlib": ("35.93062", "36.63393"),
    "Manbij": ("36.52815", "37.95495"),
    "Quneitra": ("33.12595", "35.82461"),
    "Suwayda": ("32.70896", "36.56951"),
    "Shahba": ("32.85237", "36.62847"),
    "Deir ez-Zor": ("35.33588", "40.14084"),
    "Qardaha": ("35.45644", "36.05909"),
    "Bosra": ("32.5174", "36.48163"),
    "Homs": ("34.72405", "36.72559"),
    "Baniyas": ("35.18188", "35.94871"),
    "Afrin": ("36.51194", "36.86954"),
    "Damascus": ("33.5102", "36.29128"),
    "Tafas": ("32.73709", "36.06654"),
    "Raqqa": ("35.95283", "39.00788"),
}
OLD_ARMY, NEW_ARMY = "Military Forces of Syria (2000-2024)", "Military Forces of Syria (2024-)"
HTS, SNA = "HTS: Hayat Tahrir al-Sham", "SNA: Syrian National Army"
TAKES, REGAINS = "Non-state actor overtakes territory", "Government regains territory"
HANDOVER = "Non-violent transfer of territory"
TRANSITION_EVENTS = [
    # event_id_cnty, event_date, sub_event_type, actor1, actor2, location,
    # expected (event_type, controller_after, faction_1)
    ("SYR2001", "2024-11-29", TAKES, HTS, OLD_ARMY, "Aleppo", ("control_change", "hts", "hts")),
    ("SYR2002", "2024-11-27", REGAINS, f"{OLD_ARMY} Republican Guard", HTS, "Saraqib",
     ("control_change", "government", "government")),
    ("SYR2003", "30 November 2024", TAKES, SNA, SDF, "Tell Rifaat",
     ("control_change", "turkey", "turkey")),
    ("SYR2004", "2024-11-30", "Air/drone strike", "Military Forces of Russia (2000-) Air Force",
     "NLF: National Liberation Front", "Idlib", ("airstrike", "", "government")),
    ("SYR2005", "2024-11-20", "Air/drone strike", "Military Forces of Israel (1948-) Air Force",
     "Hezbollah", "Damascus", ("airstrike", "", "")),
    ("SYR2006", "2024-12-10", HANDOVER, NEW_ARMY, "", "Homs",
     ("control_change", "transitional", "transitional")),
    ("SYR2007", "10-Dec-24", TAKES, "Military Forces of Israel (1948-)", "", "Quneitra",
     ("control_change", "israel", "israel")),
    ("SYR2008", "2024-12-10", HANDOVER, "Men of Dignity", "", "Suwayda",
     ("control_change", "suwayda", "suwayda")),
    ("SYR2009", "2024-12-10", TAKES, HTS, OLD_ARMY, "Deir ez-Zor",
     ("control_change", "transitional", "transitional")),
    ("SYR2010", "2024-12-10", TAKES, SNA, SDF, "Manbij", ("control_change", "turkey", "turkey")),
    ("SYR2011", "2024-12-10", REGAINS, OLD_ARMY, "", "Qardaha", ("other", "", "")),
    ("SYR2012", "2024-12-10", TAKES, "Eighth Brigade", "", "Bosra",
     ("control_change", "opposition", "opposition")),
    ("SYR2013", "2024-12-10", "Armed clash", "IS: Islamic State", SDF, "Raqqa",
     ("battle", "", "isis")),
    ("SYR2014", "2025-03-07", REGAINS, f"{NEW_ARMY} 76th Division",
     "Unidentified Armed Group (Syria)", "Baniyas",
     ("control_change", "transitional", "transitional")),
    ("SYR2015", "2025-03-10", HANDOVER, SNA, "", "Afrin",
     ("control_change", "transitional", "transitional")),
    ("SYR2016", "2025-03-12", TAKES, "Unidentified Armed Group (Syria)",
     "Police Forces of Syria (2024-)", "Qardaha", ("other", "", "")),
    ("SYR2017", "2025-03-15", HANDOVER, "Syrian Arab Army (2024-)", "", "Homs",
     ("control_change", "transitional", "transitional")),
    ("SYR2018", "2025-03-05", HANDOVER, "Department of Military Operations", "", "Tafas",
     ("control_change", "transitional", "transitional")),
    ("SYR2019", "2025-03-25", "Peaceful protest", "Protesters (Syria)", "", "Damascus",
     ("other", "", "")),
    ("SYR2020", "2025-07-14", REGAINS, "Police Forces of Syria (2024-) General Security",
     "Druze Ethnic Militia (Syria)", "Suwayda",
     ("control_change", "transitional", "transitional")),
    ("SYR2021", "2025-07-17", TAKES, "Suwayda Military Council", NEW_ARMY, "Shahba",
     ("control_change", "suwayda", "suwayda")),
    ("SYR2022", "2025-07-20", TAKES, "Liwa Made-Up Brigade", "", "Bosra", ("other", "", "")),
    ("SYR2023", "2025-07-05", TAKES, SDF, "IS: Islamic State", "Raqqa",
     ("control_change", "sdf", "sdf")),
    ("SYR2024", "2025-07-08", TAKES, TURKEY, SDF, "Manbij", ("control_change", "turkey", "turkey")),
]  # fmt: skip
# The territory rows whose actor1 has no faction on their date (imported as "other").
UNMAPPED_TERRITORY_IDS = ["acled-SYR2011", "acled-SYR2016", "acled-SYR2022"]


def acled_frame(layout: str = "current", events=None, coords=None) -> pd.DataFrame:
    """Made-up events (default: ACLED_EVENTS) in ACLED's current (31-column) or older layout."""
    columns = ACLED_COLUMNS if layout == "current" else ACLED_OLD_COLUMNS
    events = ACLED_EVENTS if events is None else events
    coords = COORDS if coords is None else coords
    rows = []
    for n, (eid, date, tp, sub, a1, a2, location, gp) in enumerate(events):
        lat, lon = coords[location]
        row = dict.fromkeys(columns, "")
        row.update(
            event_id_cnty=eid, event_date=date, year=date[-4:], time_precision=tp,
            sub_event_type=sub, actor1=a1, actor2=a2, country="Syria", location=location,
            latitude=lat, longitude=lon, geo_precision=gp, notes=f"Made-up event {n + 1}.",
            source="Test Observatory" if n % 2 == 0 else "", fatalities=str(n), iso="760",
        )  # fmt: skip
        if layout == "old":
            row.update(data_id=str(9000 + n), event_id_no_cnty=eid[3:], iso3="SYR")
        rows.append({c: row[c] for c in columns})
    return pd.DataFrame(rows, columns=list(columns))


def write_acled(path: Path, layout: str = "current", events=None, coords=None) -> Path:
    """Write a made-up ACLED file (built here, never committed)."""
    frame = acled_frame(layout, events, coords)
    frame.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return path


def write_transition_acled(path: Path) -> Path:
    """TRANSITION_EVENTS as an ACLED file in the current 31-column layout (day precision,
    town-level locations)."""
    events = [(e, d, "1", sub, a1, a2, loc, "1") for e, d, sub, a1, a2, loc, _ in TRANSITION_EVENTS]
    return write_acled(path, "current", events, TRANSITION_COORDS)


def small_places() -> pd.DataFrame:
    """Three real towns (coordinates as in geodata/places.csv) and one governorate."""
    return pd.DataFrame(
        {
            "place_id": ["palmyra", "tabqa", "afrin", "douma", "homs-gov"],
            "name": ["Palmyra", "Tabqa", "Afrin", "Douma", "Homs"],
            "lat": [34.5624, 35.83758, 36.51194, 33.57175, 34.6],
            "lon": [38.28402, 38.54828, 36.86954, 36.4027, 38.3],
            "kind": ["town", "town", "town", "city", "governorate"],
        }
    )


def small_linker() -> PlaceLinker:
    return PlaceLinker.from_places(small_places())
