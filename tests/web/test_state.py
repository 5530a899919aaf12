"""The shareable URL: query string <-> dashboard state <-> MapView, with clamping and notices.

The two-town table (tests/support.py) covers 1 January 2016 to 25 October 2017.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.core.calendar import calendar
from dashboard.core.layers import DASHBOARD_LAYERS
from dashboard.core.view import MapView
from dashboard.web.state import parse_query, state_query, state_view

FULL = {
    "date": "2017-03-15",
    "compare": "2016-06-01",
    "place": "alpha",
    "layers": ["zones", "front_lines", "places"],
    "lang": "ar",
}


@pytest.fixture(scope="module")
def parse(two_towns):
    dates = calendar(two_towns.table.coverage, two_towns.model.events)
    return lambda search: parse_query(search, two_towns, dates)


def test_a_full_link_gives_every_part_of_the_state(parse):
    state, notices = parse(
        "?date=2017-03-15&compare=2016-06-01&place=Al-Alpha&lang=ar&layers=zones,front_lines,places"
    )
    assert state == FULL
    assert notices == []


def test_a_state_becomes_a_link_with_its_parts_in_a_fixed_order():
    assert state_query(FULL) == (
        "?date=2017-03-15&compare=2016-06-01&place=alpha&layers=zones,front_lines,places&lang=ar"
    )


def test_a_state_survives_the_round_trip_through_its_link(parse):
    assert parse(state_query(FULL)) == (FULL, [])


def test_the_default_state_has_a_short_link_and_comes_back_the_same(parse):
    default = {
        "date": "2016-02-29",
        "compare": None,
        "place": None,
        "layers": list(DASHBOARD_LAYERS),
        "lang": "en",
    }
    assert state_query(default) == "?date=2016-02-29"
    assert parse("?date=2016-02-29") == (default, [])


def test_a_link_without_a_date_opens_on_the_last_day_of_the_data(parse):
    state, notices = parse("")
    assert state["date"] == "2017-10-25"
    assert state["compare"] is None and state["place"] is None and state["lang"] == "en"
    assert state["layers"] == list(DASHBOARD_LAYERS)
    assert notices == []


def test_a_date_after_the_data_is_clamped_to_its_last_day_with_a_notice(parse):
    state, notices = parse("?date=2031-05-01")
    assert state["date"] == "2017-10-25"
    assert notices == [
        "The date 2031-05-01 in the link is outside the data (1 Jan 2016 – 25 Oct 2017); "
        "showing 25 Oct 2017 instead."
    ]


def test_a_compare_date_before_the_data_is_clamped_to_its_first_day_with_a_notice(parse):
    state, notices = parse("?date=2017-01-01&compare=2015-03-04")
    assert state["date"] == "2017-01-01" and state["compare"] == "2016-01-01"
    assert notices == [
        "The compare date 2015-03-04 in the link is outside the data (1 Jan 2016 – 25 Oct 2017); "
        "showing 1 Jan 2016 instead."
    ]


def test_a_date_that_is_no_date_is_ignored_with_a_notice(parse):
    state, notices = parse("?date=yesterday")
    assert state["date"] == "2017-10-25"
    assert notices == ["The date 'yesterday' in the link is not a date (YYYY-MM-DD); ignored."]


def test_an_unknown_place_is_dropped_with_a_notice_suggesting_the_nearest_name(parse):
    state, notices = parse("?date=2017-01-01&place=Alphx")
    assert state["place"] is None
    assert notices == ["Unknown place 'Alphx' in the link, ignored; did you mean Alpha?"]


def test_an_unknown_place_with_no_near_name_is_dropped_with_a_notice(parse):
    state, notices = parse("?date=2017-01-01&place=Atlantis")
    assert state["place"] is None
    assert notices == ["Unknown place 'Atlantis' in the link, ignored"]


def test_unknown_layer_names_are_dropped_and_the_order_kept(parse):
    state, _ = parse("?date=2017-01-01&layers=events,bogus,zones")
    assert state["layers"] == ["events", "zones"]


def test_any_language_but_arabic_is_english(parse):
    assert parse("?lang=fr")[0]["lang"] == "en"
    assert parse("?lang=ar")[0]["lang"] == "ar"


def test_a_state_with_every_layer_off_survives_the_round_trip(parse):
    bare = {**FULL, "layers": []}
    assert parse(state_query(bare))[0]["layers"] == []


def test_the_view_of_a_state_has_its_dates_place_layers_and_language():
    assert state_view(FULL) == MapView(
        date=pd.Timestamp("2017-03-15"),
        compare_date=pd.Timestamp("2016-06-01"),
        focus_place="alpha",
        layers=("zones", "front_lines", "places"),
        lang="ar",
    )


def test_the_view_of_a_bare_state_compares_nothing_and_focuses_nowhere():
    view = state_view({"date": "2016-05-05", "compare": None, "place": None, "layers": []})
    assert view == MapView(date=pd.Timestamp("2016-05-05"), layers=(), lang="en")
