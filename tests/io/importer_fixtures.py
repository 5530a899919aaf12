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
    ("SYR1011", "2019-01-05", "1", "Non-state actor overtakes territory",
     "Liwa Made-Up Brigade", IS, "Tabqa", "1"),
    ("SYR1012", "2019-01-06", "1", "Armed clash", "Liwa Made-Up Brigade", SDF, "Nowhere", "1"),
    ("SYR1002", "2019-01-07", "1", "Armed clash", SDF, IS, "Tabqa", "1"),
]  # fmt: skip
GOOD_ACLED_IDS = [f"acled-SYR10{n:02d}" for n in range(1, 10)]
# Line numbers (header = 1) of the bad rows, and what is wrong with each.
BAD_ACLED_ROWS = {11: "event_date", 12: "no faction", 13: "no coordinates", 14: "duplicate"}


def acled_frame(layout: str = "current") -> pd.DataFrame:
    """The made-up events in ACLED's current (31-column) or older layout."""
    columns = ACLED_COLUMNS if layout == "current" else ACLED_OLD_COLUMNS
    rows = []
    for n, (eid, date, tp, sub, a1, a2, location, gp) in enumerate(ACLED_EVENTS):
        lat, lon = COORDS[location]
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


def write_acled(path: Path, layout: str = "current") -> Path:
    """Write the made-up ACLED file (built here, never committed)."""
    acled_frame(layout).to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return path


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
