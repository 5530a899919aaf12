"""Area and population held, series and the change between two dates."""

from __future__ import annotations

import pandas as pd
from support import source, table_from_csv, two_towns_gazetteer

from dashboard.core.model import build_model
from dashboard.core.stats import change_between, held_at, held_series, net_change, series_dates

TWO_TOWNS = (
    f"a1,2016-01-01,Alpha,,,control_change,x,government,start,{source()}\n"
    f"b1,2016-01-01,Beta,,,control_change,x,isis,start,{source()}\n"
    f"b2,2017-10-20,Beta,,,control_change,x,sdf,taken,{source()}\n"
)


def _model(outline):
    """The two towns, with Gamma (500 people, no control history) moved from 38.0 E, on the
    border between their cells, to 38.5 E, well inside Beta's."""
    places = two_towns_gazetteer().places.reset_index(drop=True)
    places.loc[places["place_id"] == "gamma", "lon"] = 38.5
    return build_model(table_from_csv(TWO_TOWNS), outline, places, reach_km=0)


def test_held_area_splits_the_box_in_half_and_adds_up(box_outline):
    frame = held_at(_model(box_outline), "2016-06-01").set_index("faction")
    total = frame["area_km2"].sum()
    assert 80_000 < total < 82_000  # a 4 x 2 degree box at 35 N is about 81,000 km²
    assert abs(frame.loc["government", "area_km2"] - frame.loc["isis", "area_km2"]) < 50


def test_population_counts_every_place_in_a_zone_not_only_localities(box_outline):
    frame = held_at(_model(box_outline), "2016-06-01").set_index("faction")
    # Alpha (1000) is the government's; Beta (2000) and Gamma (500, no history) are IS's.
    assert frame["population"].to_dict() == {"government": 1000, "isis": 2500, "none": 0}


def test_a_series_has_one_row_per_faction_and_date(box_outline):
    dates = series_dates("2017-09-01", "2017-12-01", "month")
    series = held_series(_model(box_outline), dates)
    assert list(pd.to_datetime(series["date"].unique())) == list(dates)
    december = series[series["date"] == pd.Timestamp("2017-12-01")].set_index("faction")
    assert "sdf" in december.index and "isis" not in december.index


def test_the_change_between_two_dates_lists_the_locality_and_the_area_moved(box_outline):
    localities, moved = change_between(_model(box_outline), "2017-01-01", "2018-01-01")
    assert localities[["place", "from", "to", "event_id"]].values.tolist() == [
        ["Beta", "isis", "sdf", "b2"]
    ]
    assert moved[["from", "to"]].values.tolist() == [["isis", "sdf"]]
    net = net_change(moved)
    area = moved["area_km2"].iloc[0]  # Beta's cell, about half the 81,000 km² box
    assert 40_000 < area < 41_000
    assert net.to_dict() == {"sdf": area, "isis": -area}
    assert moved["population"].tolist() == [2500]  # Beta and Gamma


def test_no_change_between_equal_dates(box_outline):
    localities, moved = change_between(_model(box_outline), "2018-01-01", "2018-01-01")
    assert localities.empty and moved.empty
