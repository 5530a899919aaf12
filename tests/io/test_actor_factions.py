"""geodata/actor_factions.csv: the actors of ACLED and UCDP resolve to the right factions."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from dashboard.core.factions import faction as faction_entry
from dashboard.errors import DataFileError
from dashboard.io.importers.actors import ACTOR_FACTIONS_FILE, load_actor_map, name_forms

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


@pytest.mark.parametrize(
    ("name", "date", "expected"),
    [
        # Assad's state ends on 8 December 2024; the transitional one begins that day
        ("Military Forces of Syria (2000-2024)", "2024-11-30", "government"),
        ("Military Forces of Syria (2000-2024) Republican Guard", "2024-12-08", "government"),
        ("Military Forces of Syria (2000-2024)", "2024-12-10", ""),  # no ground after the fall
        ("Military Forces of Syria (2024-)", "2024-12-10", "transitional"),
        ("Military Forces of Syria (2024-) 76th Division", "2025-07-14", "transitional"),
        ("Police Forces of Syria (2000-2024)", "2024-11-30", "government"),
        ("Police Forces of Syria (2024-)", "2025-03-07", "transitional"),
        ("Police Forces of Syria (2024-) General Security", "2025-07-14", "transitional"),
        ("Syrian Arab Army", "2018-01-01", "government"),
        ("Syrian Arab Army", "2025-03-07", "transitional"),
        ("Syrian Arab Army (2024-)", "2025-03-07", "transitional"),
        ("New Syrian Army", "2016-06-01", "opposition"),  # the al-Tanf rebels
        ("New Syrian Army", "2025-03-07", "transitional"),
        ("Military Operations Command", "2024-11-29", "hts"),
        ("Military Operations Command", "2024-12-10", "transitional"),
        ("Department of Military Operations", "2024-12-10", "transitional"),
        ("Syrian Ministry of Defence", "2025-03-07", "transitional"),
        ("Government of Syria", "2018-01-01", "government"),
        ("Government of Syria", "2025-03-07", "transitional"),
        # HTS until the fall, then the caretaker government it formed
        ("HTS: Hayat Tahrir al-Sham", "2024-11-29", "hts"),
        ("HTS: Hayat Tahrir al-Sham", "2024-12-07", "hts"),
        ("HTS: Hayat Tahrir al-Sham", "2024-12-08", "transitional"),
        ("Hay'at Tahrir al-Sham", "2025-01-10", "transitional"),
        ("Jabhat al-Nusra", "2025-01-10", ""),
        # the SNA: Turkey's until the Victory Conference of 29 January 2025
        ("SNA: Syrian National Army", "2024-12-10", "turkey"),
        ("Syrian National Army", "2025-01-28", "turkey"),
        ("Syrian National Army", "2025-01-29", "transitional"),
        ("Hamza Division", "2025-03-10", "transitional"),
        ("Military Forces of Turkey (2016-)", "2025-07-08", "turkey"),
        ("SDF: Syrian Democratic Forces", "2025-07-05", "sdf"),
        ("YPG: People's Protection Units", "2025-07-05", "sdf"),
        ("IS: Islamic State", "2024-12-10", "isis"),
        ("NLF: National Liberation Front", "2024-11-30", "opposition"),
        ("NLF: National Liberation Front", "2024-12-10", "transitional"),
        # Israel beyond the line, Suwayda's Druze factions: from 8 December 2024
        ("Military Forces of Israel (1948-)", "2024-11-20", ""),
        ("Military Forces of Israel (1948-)", "2024-12-08", "israel"),
        ("Military Forces of Israel (1948-) Air Force", "2025-07-16", "israel"),
        ("Men of Dignity", "2024-12-10", "suwayda"),
        ("Rijal al-Karama", "2025-07-17", "suwayda"),
        ("Suwayda Military Council", "2025-07-17", "suwayda"),
        ("National Guard (Suwayda)", "2025-09-01", "suwayda"),
        ("Men of Dignity", "2024-06-01", ""),
        # the south: the Eighth Brigade until its dissolution in April 2025
        ("Southern Operations Room", "2024-12-07", "opposition"),
        ("Southern Operations Room", "2024-12-10", "transitional"),
        ("Eighth Brigade", "2024-12-10", "opposition"),
        ("Eighth Brigade", "2025-04-13", "transitional"),
        ("Unidentified Armed Group (Syria)", "2025-03-12", ""),
        ("Protesters (Syria)", "2025-03-25", ""),
    ],
)
def test_the_transition_of_december_2024_and_2025_maps_on_each_date(name, date, expected):
    assert faction(name, date) == expected


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("HTS: Hayat Tahrir al-Sham", ("HTS: Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham", "HTS")),
        (
            "Military Forces of Syria (2000-2024) Republican Guard",
            ("Military Forces of Syria (2000-2024) Republican Guard", "Military Forces of Syria"),
        ),
        ("Protesters (Syria)", ("Protesters (Syria)", "Protesters")),
        ("Military Forces of Turkey (2016-)", ("Military Forces of Turkey (2016-)",
                                               "Military Forces of Turkey")),
        ("  Hay’at  Tahrir al-Sham ", ("Hay'at Tahrir al-Sham",)),
    ],
)  # fmt: skip
def test_names_are_tried_in_their_documented_forms_most_specific_first(name, forms):
    assert name_forms(name) == forms


def test_abbreviation_and_full_name_each_map_the_colon_form(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(
        "pattern,faction,valid_from,valid_to,note\n"
        "Islamic State,isis,,,full name only\n"
        "NLF,opposition,,,abbreviation only\n"
        "Military Forces of Syria,sdf,,,bare name\n"
        "Military Forces of Syria \\(2000-2024\\).*,government,,2024-12-08,dated\n"
    )
    actors = load_actor_map(path)

    def code(name, date="2018-01-01"):
        return actors.factions(pd.Series([name]), pd.Series([date]))[0]

    assert code("IS: Islamic State") == "isis"  # via the full name
    assert code("NLF: National Liberation Front") == "opposition"  # via the abbreviation
    assert code("Military Forces of Syria (1970-) Air Force") == "sdf"  # suffix ignored
    assert code("Military Forces of Syria (2000-2024)") == "government"  # its own dated rule
    # ... which never falls back to the bare name outside its dates
    assert code("Military Forces of Syria (2000-2024)", "2025-01-01") == ""
    assert actors.unmapped(["IS: Islamic State", "Military Forces of Syria (2000-2024)"]) == {}


def test_every_rule_lies_inside_its_factions_validity():
    table = pd.read_csv(ACTOR_FACTIONS_FILE, dtype=str, keep_default_na=False)
    for row in table[table["faction"] != "none"].itertuples():
        group = faction_entry(row.faction)
        if group.valid_from:
            assert row.valid_from and row.valid_from >= group.valid_from, row
        if group.valid_to:
            assert row.valid_to and row.valid_to <= group.valid_to, row


@pytest.mark.parametrize(
    ("rule", "column"),
    [
        ("HTS.*,hts,,,open-ended", "valid_to"),
        ("Men of Dignity,suwayda,2020-01-01,,early", "valid_from"),
    ],
)
def test_a_rule_outside_its_factions_validity_is_refused_with_its_line(tmp_path, rule, column):
    path = tmp_path / "actors.csv"
    path.write_text(f"pattern,faction,valid_from,valid_to,note\nIS,isis,,,ok\n{rule}\n")
    with pytest.raises(DataFileError) as error:
        load_actor_map(path)
    assert (error.value.row, error.value.column) == (3, column)
    assert "holds ground only" in error.value.message


def test_coalitions_take_their_members_majority_not_the_first_pattern():
    assert faction("HTS, Southern Front") == "hts"  # a tie goes to the first member
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
