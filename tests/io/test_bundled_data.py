"""The bundled table: clean, sourced, covering 2016-2019, and historically right."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from support import GEODATA, run_cli

from dashboard.core.schema import COVERAGE_END, COVERAGE_START, EXTENSION_START
from dashboard.io.events import check_file, load_events
from dashboard.io.geography import load_gazetteer
from dashboard.io.paths import BUNDLED_EVENTS

ARTICLE_PLACES = [
    "Raqqa", "Mayadin", "Idlib", "Manbij", "Nasib", "Yarmouk", "Hajin", "Hasakah",
    "Deir ez-Zor", "Daraa", "Al-Hajar al-Aswad", "al-Omar oil field", "Aleppo",
    "Sochi", "Astana", "Geneva", "Amman", "Cairo",
]  # fmt: skip


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return load_events(None, load_gazetteer()).events


def test_the_bundled_table_validates_with_no_errors_and_no_warnings():
    result = check_file(BUNDLED_EVENTS, load_gazetteer())
    assert [str(p) for p in result.problems] == []


def test_every_row_has_a_source_title_publisher_and_date(events):
    for column in ("source_title", "source_publisher", "source_date"):
        assert (events[column] != "").all(), column


def test_the_table_covers_2016_to_its_coverage_end_in_full(events):
    assert events["date"].min() == pd.Timestamp(COVERAGE_START)
    assert events["date"].max() == pd.Timestamp(COVERAGE_END)
    for year in range(2016, 2027):
        changes = events[
            (events["date"].dt.year == year) & (events["event_type"] == "control_change")
        ]
        assert len(changes) >= (10 if year not in (2021, 2022, 2023) else 0), year


def test_every_locality_starts_with_a_state_on_the_first_day_of_its_file(events):
    changes = events[(events["event_type"] == "control_change") & (events["place_id"] != "")]
    first = changes.groupby("place_id")["date"].min()
    late = first[first != pd.Timestamp(COVERAGE_START)]
    assert (late == pd.Timestamp(EXTENSION_START)).all(), list(late.index)
    starts = changes[changes["date"] == changes["place_id"].map(first)]
    assert starts["description"].str.contains("^(?:Starting state|State on 1 January 2020)").all()


def test_over_300_localities_have_a_control_history_across_the_governorates(events):
    changes = events[(events["event_type"] == "control_change") & (events["place_id"] != "")]
    assert changes["place_id"].nunique() >= 300
    places = load_gazetteer().places
    governorates = set(places.loc[changes["place_id"].unique(), "governorate"])
    assert len(governorates - {""}) >= 13


def test_every_place_the_articles_name_is_in_the_table(events):
    gazetteer = load_gazetteer()
    for name in ARTICLE_PLACES:
        place_id = gazetteer.lookup(name)
        assert place_id is not None, name
        assert (events["place_id"] == place_id).any(), name


def test_the_talks_and_meetings_abroad_are_in_the_table(events):
    talks = events[events["event_type"].isin(["talks", "agreement", "announcement"])]
    for place in ("Sochi", "Astana", "Geneva", "Amman"):
        assert (talks["place"] == place).any(), place
    sochi_congress = talks[(talks["place"] == "Sochi") & (talks["date"] == "2018-01-30")]
    assert len(sochi_congress) >= 1
    astana_one = talks[(talks["place"] == "Astana") & (talks["date"] == "2017-01-23")]
    assert len(astana_one) >= 1


def test_foreign_presence_is_recorded(events):
    presence = events[events["event_type"] == "presence"]
    assert len(presence) >= 5
    assert presence["actor"].str.contains("Russia").any()
    assert presence["actor"].str.contains("United States|US ", regex=True).any()


# (place, date, expected controller or set of acceptable ones)
FACTS = [
    ("Raqqa", "2017-10-01", "isis"),
    ("Raqqa", "2017-10-21", "sdf"),
    ("Mayadin", "2017-10-01", "isis"),
    ("Mayadin", "2017-10-15", "government"),
    ("Yarmouk", "2018-05-01", "isis"),
    ("Yarmouk", "2018-05-22", "government"),
    ("Al-Hajar al-Aswad", "2018-05-22", "government"),
    ("Nasib", "2018-07-01", "opposition"),
    ("Nasib", "2018-07-08", "government"),
    ("Palmyra", "2016-03-01", "isis"),
    ("Palmyra", "2016-04-01", "government"),
    ("Palmyra", "2016-12-20", "isis"),
    ("Palmyra", "2017-03-05", "government"),
    ("Manbij", "2016-05-01", "isis"),
    ("Manbij", "2016-09-01", "sdf"),
    ("Jarabulus", "2016-08-01", "isis"),
    ("Jarabulus", "2016-08-25", "turkey"),
    ("Al-Bab", "2017-03-01", "turkey"),
    ("Afrin", "2018-01-01", "sdf"),
    ("Afrin", "2018-03-19", "turkey"),
    ("Aleppo", "2017-01-01", "government"),
    ("Abu Kamal", "2017-10-01", "isis"),
    ("Abu Kamal", "2017-11-20", "government"),
    ("Hajin", "2018-06-01", "isis"),
    ("Hajin", "2018-12-20", "sdf"),
    ("Baghuz", "2019-03-01", "isis"),
    ("Baghuz", "2019-03-24", "sdf"),
    ("Douma", "2018-03-01", "opposition"),
    ("Douma", "2018-04-15", "government"),
    ("Khan Shaykhun", "2019-08-25", "government"),
    ("Idlib", "2018-01-01", "hts"),
    ("Ras al-Ain", "2019-10-25", "turkey"),
]


@pytest.mark.parametrize(("place", "date", "expected"), FACTS)
def test_the_cli_gives_the_historically_right_controller(capsys, place, date, expected):
    result = run_cli(capsys, "control", "--date", date, "--place", place, "--format", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert rows[0]["controller"] == expected, rows
    assert rows[0]["basis"] == "locality"


def test_events_csv_is_exactly_what_the_curated_files_build():
    import subprocess
    import sys

    script = GEODATA / "build_events.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
