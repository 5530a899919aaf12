"""The bundled zones at real places and dates: each case the zones issue found wrong.

Read from the real bundled table: a failure may be the data's as much as the engine's.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.core.factions import FACTIONS
from dashboard.core.stats import held_at
from dashboard.core.why import explain_atom


@pytest.fixture(scope="module")
def model():
    from dashboard.io.dataset import load_dataset
    from dashboard.settings import Settings

    return load_dataset(Settings()).model


def controller(model, lat: float, lon: float, date: str) -> str:
    """Who holds the zone at a point on a date."""
    atom = model.atom_at(lon, lat)
    return explain_atom(model, atom, pd.Timestamp(date), (lon, lat)).controller


CASES = [
    # The al-Tanf 55 km deconfliction zone is a circle, not a 40 km disc.
    ("al-Tanf zone, 48 km north", 33.94, 38.618, "2017-06-01", "opposition"),
    ("al-Tanf zone, 52 km north", 33.975, 38.618, "2017-06-01", "opposition"),
    # Al-Fu'ah and Kafriya were a government enclave inside rebel Idlib until July 2018.
    ("Binnish", 35.957, 36.714, "2018-03-01", "hts"),
    ("Taftanaz", 35.998, 36.786, "2018-03-01", "hts"),
    ("Maarrat Misrin", 36.012, 36.672, "2018-03-01", "hts"),
    ("Al-Fu'ah", 35.982, 36.702, "2018-03-01", "government"),
    # The Lajat was rebel-held until June 2018; al-Sanamayn was government-held.
    ("the Lajat", 33.0, 36.45, "2018-03-01", "opposition"),
    ("the eastern Lajat", 33.05, 36.55, "2018-03-01", "opposition"),
    ("the Lajat after the southern offensive", 33.0, 36.45, "2018-08-01", "government"),
    ("Al-Sanamayn", 33.072, 36.183, "2017-06-01", "government"),
    # The desert east of Dumayr was the government's (the airport), not the rebel town's.
    ("east of Dumayr", 33.62, 36.95, "2017-06-01", "government"),
    ("between Eastern Ghouta and Dumayr", 33.62, 36.55, "2017-06-01", "government"),
    ("Dumayr town", 33.644, 36.694, "2017-06-01", "opposition"),
    # ISIS desert pockets after October 2017.
    ("the north-eastern Hama pocket", 35.45, 37.296, "2017-12-01", "isis"),
    ("the north-eastern Hama pocket, taken", 35.45, 37.296, "2018-03-01", "government"),
    ("Tulul al-Safa", 33.12, 37.127, "2018-09-01", "isis"),
    ("Tulul al-Safa, taken", 33.12, 37.127, "2018-12-01", "government"),
    # Rebel enclaves that have a locality of their own now.
    ("Khan al-Shih", 33.37, 36.115, "2016-06-01", "opposition"),
    ("Barzeh", 33.552, 36.318, "2017-03-01", "opposition"),
    ("Al-Waer", 34.74, 36.655, "2017-03-01", "opposition"),
    # Month-precision rows now have their day.
    ("Halfaya, three days before its recapture", 35.26, 36.606, "2017-04-20", "opposition"),
    ("Halfaya, the day after", 35.26, 36.606, "2017-04-24", "government"),
]


@pytest.mark.parametrize("name,lat,lon,date,expected", CASES, ids=[c[0] for c in CASES])
def test_the_zone_at_a_real_place_has_its_known_controller(model, name, lat, lon, date, expected):
    assert controller(model, lat, lon, date) == expected


@pytest.mark.parametrize("date", pd.date_range("2016-01-01", "2026-03-01", freq="MS"))
def test_no_ground_is_held_by_a_faction_that_does_not_exist_on_the_date(model, date):
    held = held_at(model, date).set_index("faction")["area_km2"]
    gone = {f.code: held.get(f.code, 0) for f in FACTIONS if not f.valid_on(date)}
    assert not {code: km2 for code, km2 in gone.items() if km2 > 0}


@pytest.mark.parametrize(
    "spelling,name",
    [
        ("Suwar", "As-Suwar"),
        ("Busra al-Harir", "Busra al-Harir"),
        ("Latamna", "Al-Lataminah"),
        ("Qabbasin", "Qabasin"),
        ("al-Qabasin", "Qabasin"),
    ],
)
def test_common_spellings_find_their_place(spelling, name):
    from dashboard.io.geography import load_gazetteer

    gazetteer = load_gazetteer()
    assert gazetteer.place(gazetteer.lookup(spelling))["name"] == name


def test_qabasin_lies_beside_al_bab_not_near_lake_assad():
    from dashboard.io.geography import load_gazetteer

    gazetteer = load_gazetteer()
    qabasin = gazetteer.place(gazetteer.lookup("Qabbasin"))
    al_bab = gazetteer.place(gazetteer.lookup("Al-Bab"))
    assert abs(float(qabasin["lat"]) - float(al_bab["lat"])) < 0.1
    assert abs(float(qabasin["lon"]) - float(al_bab["lon"])) < 0.1


@pytest.mark.parametrize("arabic,place_id", [("الرقة", "raqqa"), ("حلب", "aleppo")])
def test_arabic_script_finds_the_place(arabic, place_id):
    from dashboard.io.geography import load_gazetteer

    assert load_gazetteer().lookup(arabic) == place_id
