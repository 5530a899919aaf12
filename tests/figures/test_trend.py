"""The charts beside the map: the trend of what each faction held, the slider's histogram."""

from __future__ import annotations

import pandas as pd

from dashboard.figures import trend


def test_trend_figure_stacks_factions_and_marks_the_date(two_towns):
    figure = trend.trend_figure(two_towns, pd.Timestamp("2017-01-01"))
    assert {t.name for t in figure.data} >= {"Syrian government", "Islamic State"}
    assert figure.layout.shapes[0].x0 == "2017-01-01"


def test_event_histogram_counts_every_event(two_towns):
    bars = trend.event_histogram(two_towns).data[0]
    assert sum(bars.customdata) == len(two_towns.model.events)
