"""A blank or NaT date, typed or in a link, gets the same notice as any other bad date."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.core.calendar import calendar
from dashboard.web.state import parse_query
from dashboard.web.steps import typed_date


@pytest.fixture(scope="module")
def dataset():
    from support import TWO_TOWN_EVENTS, table_from_csv, two_towns_gazetteer

    from dashboard.io.dataset import Dataset

    gazetteer = two_towns_gazetteer()
    table = table_from_csv(TWO_TOWN_EVENTS, gazetteer)
    return Dataset(gazetteer, table, None)


@pytest.fixture(scope="module")
def slider(dataset):
    events = dataset.table.events
    return calendar(dataset.table.coverage, events)


@pytest.mark.parametrize("text", ["   ", "NaT", " nat ", "\t"])
def test_a_blank_or_nat_typed_date_keeps_the_day_with_a_notice(slider, text):
    day, notice = typed_date(slider, text, 5)
    assert day == 5
    assert "is not a date" in notice


@pytest.mark.parametrize("query", ["?date=NaT", "?date=%20%20", "?compare=NaT&date=2017-01-01"])
def test_a_nat_date_in_a_link_is_ignored_with_a_notice(dataset, slider, query):
    state, notices = parse_query(query, dataset, slider)
    assert pd.Timestamp(state["date"]) <= slider.end
    assert state["compare"] is None
    assert any("is not a date" in n for n in notices)
