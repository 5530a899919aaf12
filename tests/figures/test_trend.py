"""The charts beside the map: the trend of what each faction held, the slider's histogram."""

from __future__ import annotations

import pandas as pd
from support import TWO_TOWN_EVENTS, table_from_csv, two_towns_gazetteer

from dashboard.core.gazetteer import Gazetteer
from dashboard.core.model import build_model
from dashboard.figures import trend
from dashboard.io.dataset import Dataset


def test_trend_figure_stacks_factions_and_marks_the_date(two_towns):
    figure = trend.trend_figure(two_towns, pd.Timestamp("2017-01-01"))
    assert {t.name for t in figure.data} >= {"Syrian government", "Islamic State"}
    assert figure.layout.shapes[0].x0 == "2017-01-01"


def test_event_histogram_counts_every_event(two_towns):
    bars = trend.event_histogram(two_towns).data[0]
    assert sum(bars.customdata) == len(two_towns.model.events)


def towns_with_gamma_on_betas_side(box_outline):
    """The two-town table over the test box, Gamma (500 people) moved well east of 38 E."""
    places = two_towns_gazetteer().places.reset_index(drop=True)
    places.loc[places["place_id"] == "gamma", "lon"] = 38.6
    gazetteer = Gazetteer.from_frame(places)
    table = table_from_csv(TWO_TOWN_EVENTS, gazetteer)
    model = build_model(table, box_outline, gazetteer.places.reset_index(drop=True), reach_km=300)
    return Dataset(gazetteer, table, model)


def test_the_population_trend_sums_the_people_of_every_place_in_each_factions_zones(box_outline):
    dataset = towns_with_gamma_on_betas_side(box_outline)
    figure = trend.trend_figure(dataset, pd.Timestamp("2017-01-01"), "population")
    weeks = [*pd.date_range("2016-01-01", "2017-10-25", freq="7D"), pd.Timestamp("2017-10-25")]
    taken = pd.Timestamp("2017-10-20")  # a week of the series: day 658 = 94 weeks
    lines = {t.name: (list(pd.to_datetime(t.x)), list(t.y)) for t in figure.data}
    assert set(lines) == {"Syrian government", "Islamic State", "SDF"}
    # Alpha (1000) is the government's; Beta (2000) and Gamma (500) are IS's, then the SDF's.
    assert lines["Syrian government"] == (weeks, [1000] * len(weeks))
    before = [w for w in weeks if w < taken]
    assert lines["Islamic State"] == (before, [2500] * len(before))
    assert lines["SDF"] == ([taken, pd.Timestamp("2017-10-25")], [2500, 2500])


def test_the_area_trend_is_in_square_kilometres_not_people(box_outline):
    dataset = towns_with_gamma_on_betas_side(box_outline)
    figure = trend.trend_figure(dataset, pd.Timestamp("2017-01-01"), "area_km2")
    government = next(t for t in figure.data if t.name == "Syrian government")
    assert 40_000 < government.y[0] < 41_000  # about half the 81,000 km² box
