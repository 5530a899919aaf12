"""geodata/actor_factions.csv: the actors of ACLED and UCDP resolve to the right factions."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from dashboard.errors import DataFileError
from dashboard.io.importers.actors import ACTOR_FACTIONS_FILE, load_actor_map

ACTORS = load_actor_map()


def faction(name: str, date: str = "2018-01-01") -> str:
    return ACTORS.factions(pd.Series([name]), pd.Series([date]))[0]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Military Forces of Syria (2000-)", "government"),
        ("Military Forces of Syria (2000-) Air Force", "government"),
        ("Government of Syria", "government"),
        ("NDF: National Defence Forces", "government"),
        ("NDF (Syria)", "government"),
        ("Hezbollah", "government"),
        ("Military Forces of Russia (2000-) Air Force", "government"),
        ("Military Forces of Iran (1989-)", "government"),
        ("Government of Iran", "government"),
        ("IS", "isis"),
        ("Islamic State (Syria)", "isis"),
        ("Khalid ibn al-Walid Army", "isis"),
        ("SDF", "sdf"),
        ("SDF: Syrian Democratic Forces", "sdf"),
        ("YPG: People's Protection Units", "sdf"),
        ("Manbij Military Council", "sdf"),
        ("HTS", "hts"),
        ("HTS: Hayat Tahrir al-Sham", "hts"),
        ("Hay'at Tahrir al-Sham", "hts"),
        ("Hay’at Tahrir al-Sham", "hts"),
        ("Jabhat Fateh al-Sham", "hts"),
        ("al-Nusra Front", "hts"),
        ("Syrian insurgents", "opposition"),
        ("Free Syrian Army", "opposition"),
        ("Southern Front", "opposition"),
        ("Ahrar al-Sham", "opposition"),
        ("Faylaq al-Rahman", "opposition"),
        ("Rahman Corps", "opposition"),
        ("Maghawir al-Thawra", "opposition"),
        ("Military Forces of Turkey (2016-)", "turkey"),
        ("Government of Turkey", "turkey"),
        ("Syrian National Army", "turkey"),
        ("SNA", "turkey"),
        ("TFSA", "turkey"),
        ("Sultan Murad Division", "turkey"),
        ("Hamza Division", "turkey"),
        ("Hawar Kilis Operations Room", "turkey"),
    ],
)
def test_named_syrian_actors_map_to_their_faction(name, expected):
    assert faction(name) == expected


@pytest.mark.parametrize(
    ("name", "date", "expected"),
    [
        ("Jaysh al-Islam", "2018-04-07", "opposition"),  # in Douma
        ("Jaysh al-Islam", "2018-06-01", "turkey"),  # evacuated north, joined the SNA
        ("Nour al-Din al-Zenki", "2016-06-01", "opposition"),
        ("Nour al-Din al-Zenki", "2017-03-01", "hts"),  # inside HTS, Jan-Jul 2017
        ("Nour al-Din al-Zenki", "2017-08-01", "opposition"),
        ("Levant Front", "2016-10-01", "opposition"),  # Aleppo city
        ("Levant Front", "2017-06-01", "turkey"),  # Euphrates Shield zone
        ("Sultan Murad Division", "2016-06-01", "opposition"),
        ("Sultan Murad Division", "2016-08-24", "turkey"),  # first day of Euphrates Shield
    ],
)
def test_allegiances_change_on_the_dates_in_the_table(name, date, expected):
    assert faction(name, date) == expected


def test_coalitions_take_their_members_majority_not_the_first_pattern():
    assert faction("HTS, Southern Front") in ("hts", "opposition")
    assert faction("Ahrar al-Sham, HTS, Southern Front") == "opposition"
    assert faction("Hamza Division, Liwa al-Sultan Murad") == "turkey"


def test_known_actors_without_territory_have_no_faction_but_are_not_unmapped():
    assert faction("Civilians") == "" and faction("Government of Israel") == ""
    assert ACTORS.unmapped(["Civilians", "Government of Israel", "Zzz Brigade"]) == {
        "Zzz Brigade": 1
    }


def test_unmapped_coalition_members_are_counted_one_by_one():
    counts = ACTORS.unmapped(["HTS, Zzz Brigade", "HTS, Zzz Brigade", "Yyy Front"])
    assert counts == {"Zzz Brigade": 2, "Yyy Front": 1}


def test_the_table_documents_every_rule_and_its_date_ranges_do_not_overlap():
    table = pd.read_csv(ACTOR_FACTIONS_FILE, dtype=str, keep_default_na=False)
    assert (table["note"].str.len() > 10).all()
    for _, rows in table.groupby("pattern"):
        spans = sorted(zip(rows["valid_from"], rows["valid_to"], strict=True))
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end and start and end < start, spans


def test_a_table_with_an_unknown_faction_is_rejected_with_its_line(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("pattern,faction,valid_from,valid_to,note\nIS,isis,,,ok\nX,rebels,,,bad\n")
    with pytest.raises(DataFileError) as error:
        load_actor_map(path)
    assert error.value.row == 3 and "rebels" in error.value.message
