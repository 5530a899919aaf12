"""Compare mode's notice and list of places, and the panned map's extent in the link."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.core.calendar import calendar
from dashboard.core.view import MapView
from dashboard.web.panels import changed_places
from dashboard.web.state import read_view, with_view
from dashboard.web.steps import compare_notice, is_compare_notice


@pytest.fixture(scope="module")
def towns_calendar(two_towns):
    return calendar(two_towns.table.coverage, two_towns.model.events)


def test_an_unreadable_compare_date_gets_a_notice(towns_calendar):
    notice = compare_notice(towns_calendar, ["on"], "last spring")
    assert "'last spring' is not a date" in notice and is_compare_notice(notice)


def test_a_compare_date_outside_the_data_is_clamped_with_a_notice(towns_calendar):
    notice = compare_notice(towns_calendar, ["on"], "2012-01-01")
    assert "outside the data" in notice and "1 Jan 2016" in notice


def test_a_good_or_unticked_compare_date_has_no_notice(towns_calendar):
    assert compare_notice(towns_calendar, ["on"], "2016-06-01") == ""
    assert compare_notice(towns_calendar, [], "nonsense") == ""
    assert not is_compare_notice("2031-01-01 is outside the data; showing 25 Oct 2017.")


def test_the_compare_list_names_each_locality_that_changed_hands_with_its_position(two_towns):
    details = changed_places(
        two_towns, pd.Timestamp("2016-06-01"), pd.Timestamp("2017-10-25"), "en"
    )
    (item,) = details.children[1].children
    button = item.children
    assert button.children == "Beta: Islamic State → SDF"
    assert "changed-place" in button.className
    beta = two_towns.model.localities.set_index("name").loc["Beta"]
    assert float(getattr(button, "data-lon")) == pytest.approx(beta["lon"], abs=1e-4)


def test_no_compare_list_when_nothing_changed_hands(two_towns):
    assert (
        changed_places(two_towns, pd.Timestamp("2016-06-01"), pd.Timestamp("2016-07-01"), "en")
        == ""
    )


def test_a_view_in_the_link_is_west_south_east_north():
    assert read_view("36.5,34,38.5,35.5") == (36.5, 34.0, 38.5, 35.5)
    for bad in ("38.5,34,36.5,35.5", "1,2,3", "a,b,c,d", "", None):
        assert read_view(bad) is None


def test_the_panned_extent_becomes_the_views_bbox_which_the_export_shows():
    view = MapView(date=pd.Timestamp("2017-06-01"))
    assert with_view(view, [36.5, 34, 38.5, 35.5]).bbox == (36.5, 34.0, 38.5, 35.5)
    assert with_view(view, None) is view
