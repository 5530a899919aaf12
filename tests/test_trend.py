"""The charts beside the map: the trend of what each faction held, the slider's histogram."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import source, table_from_csv, two_towns_gazetteer

from dashboard import trend
from dashboard.dataset import Dataset, model_for

TWO_TOWNS = (
    f"a1,2016-01-01,Alpha,,,control_change,x,government,start,{source()}\n"
    f"b1,2016-01-01,Beta,,,control_change,x,isis,start,{source()}\n"
    f"b2,2017-10-20,Beta,,,control_change,SDF,sdf,taken,{source()}\n"
    f"b3,2017-10-25,Beta,,,battle,SDF,,fighting,{source()}\n"
)


@pytest.fixture(scope="module")
def two_towns() -> Dataset:
    gazetteer = two_towns_gazetteer()
    table = table_from_csv(TWO_TOWNS, gazetteer)
    return Dataset(gazetteer, table, model_for(table, gazetteer, 40.0))


def test_trend_figure_stacks_factions_and_marks_the_date(two_towns):
    figure = trend.trend_figure(two_towns, pd.Timestamp("2017-01-01"))
    assert {t.name for t in figure.data} >= {"Syrian government", "Islamic State"}
    assert figure.layout.shapes[0].x0 == "2017-01-01"


def test_event_histogram_counts_every_event(two_towns):
    bars = trend.event_histogram(two_towns).data[0]
    assert sum(bars.customdata) == len(two_towns.model.events)
