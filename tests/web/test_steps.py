"""The pure steps behind the dashboard's controls: Prev./Next change, a typed date, a searched
place, and the state the controls stand for. Expected days are counted by hand.

The two-town table (tests/support.py) covers 2016-01-01 to 2017-10-25 (slider days 0 to 663:
2016 has 366 days and 25 October is day 297 of 2017) and changes control on day 0 and on
2017-10-20, day 658.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support import texts

from dashboard.core.calendar import Calendar, calendar
from dashboard.core.layers import DASHBOARD_LAYERS
from dashboard.web.panels import compare_summary
from dashboard.web.steps import (
    find_place,
    frame_ahead,
    state_from_controls,
    step_change,
    step_frame,
    typed_date,
)

START = pd.Timestamp("2016-01-01")
END = pd.Timestamp("2016-12-31")  # slider days 0 .. 365


def changes_on(*days: int) -> Calendar:
    """A 2016 calendar with control changes on the given slider days."""
    return Calendar(START, END, np.array(days, dtype=np.int64))


@pytest.fixture(scope="module")
def towns_calendar(two_towns):
    return calendar(two_towns.table.coverage, two_towns.model.events)


def test_the_two_town_calendar_has_its_changes_on_days_0_and_658(towns_calendar):
    assert towns_calendar.start == pd.Timestamp("2016-01-01")
    assert towns_calendar.last_day == 663
    assert towns_calendar.change_days.tolist() == [0, 658]


@pytest.mark.parametrize(
    ("day", "after", "before"),
    [
        (7, 10, 5),  # between two changes
        (10, 20, 5),  # on a change day: the next and previous are strictly after / before it
        (5, 10, 5),  # on the first change: nothing earlier, so it stays
        (20, 20, 10),  # on the last change: nothing later, so it stays
        (0, 5, 0),  # before every change
        (300, 300, 20),  # after every change
    ],
)
def test_next_change_goes_forward_and_prev_change_goes_back(day, after, before):
    dates = changes_on(5, 10, 20)
    assert dates.next_change(day, 1) == after
    assert dates.next_change(day, -1) == before


def test_next_change_on_the_two_town_table_jumps_to_the_sdf_taking_beta(towns_calendar):
    assert towns_calendar.next_change(100, 1) == 658
    assert towns_calendar.date(658) == pd.Timestamp("2017-10-20")
    assert towns_calendar.next_change(660, -1) == 658
    assert towns_calendar.next_change(658, -1) == 0


def test_step_change_goes_forward_for_next_and_back_for_prev(towns_calendar):
    assert step_change(towns_calendar, 100, "", True) == 658
    assert step_change(towns_calendar, 660, "", False) == 658
    assert step_change(towns_calendar, 658, None, False) == 0


def test_step_change_starts_from_a_typed_date_the_slider_has_not_caught_up_with(towns_calendar):
    # The slider shows day 100, but 2017-10-22 (day 660) was typed: Prev. goes to day 658.
    assert step_change(towns_calendar, 100, "2017-10-22", False) == 658
    assert step_change(towns_calendar, 660, "2016-03-01", True) == 658
    assert step_change(towns_calendar, 660, "not a date", False) == 658  # from the slider


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2016-01-01", 0),
        ("2016-01-02", 1),
        ("2016-03-01", 60),  # 31 days of January and 29 of February (a leap year)
        ("2016-12-31", 365),
        ("  2016-03-01 ", 60),  # spaces around the date are ignored
        ("2016-03-01\t", 60),
    ],
)
def test_a_typed_date_lands_on_its_own_slider_day(text, day):
    assert typed_date(changes_on(), text, 123) == (day, "")


def test_a_typed_date_on_the_two_town_table_lands_on_its_day(towns_calendar):
    assert typed_date(towns_calendar, "2017-10-20", 5) == (658, "")
    assert towns_calendar.date(658) == pd.Timestamp("2017-10-20")


def test_a_typed_date_before_the_data_is_clamped_to_the_first_day_with_a_notice():
    day, notice = typed_date(changes_on(), "2015-06-01", 123)
    assert day == 0
    assert notice == "2015-06-01 is outside the data; showing 1 Jan 2016."


def test_a_typed_date_after_the_data_is_clamped_to_the_last_day_with_a_notice():
    day, notice = typed_date(changes_on(), "2030-02-03", 123)
    assert day == 365
    assert notice == "2030-02-03 is outside the data; showing 31 Dec 2016."


def test_text_that_is_not_a_date_keeps_the_day_and_says_how_to_write_one():
    assert typed_date(changes_on(), "next tuesday", 123) == (
        123,
        "'next tuesday' is not a date; type YYYY-MM-DD.",
    )


@pytest.mark.parametrize("text", ["", None])
def test_an_empty_date_box_keeps_the_day_silently(text):
    assert typed_date(changes_on(), text, 42) == (42, "")


def test_find_place_accepts_any_spelling(two_towns):
    assert find_place(two_towns, "Alpha") == ("alpha", "")
    assert find_place(two_towns, "al-alpha") == ("alpha", "")
    assert find_place(two_towns, "ALFA") == ("alpha", "")
    assert find_place(two_towns, "  Beta ") == ("beta", "")


def test_find_place_suggests_the_nearest_name_for_a_typo(two_towns):
    assert find_place(two_towns, "Alphx") == (None, "No place called 'Alphx'; did you mean Alpha?")


def test_find_place_says_nothing_for_a_name_with_no_near_match(two_towns):
    assert find_place(two_towns, "Qwxyz") == (None, "No place called 'Qwxyz'")


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_empty_search_finds_nothing_and_says_nothing(two_towns, text):
    assert find_place(two_towns, text) == (None, "")


def test_the_state_of_the_controls_names_the_slider_date_and_the_compare_date():
    state = state_from_controls(
        changes_on(), 60, ["on"], "2016-02-01", "alpha", ["zones", "events"], "ar"
    )
    assert state == {
        "date": "2016-03-01",
        "compare": "2016-02-01",
        "place": "alpha",
        "layers": ["zones", "events"],
        "lang": "ar",
    }


def test_the_state_of_unset_controls_is_the_last_day_with_no_compare_place_or_layers():
    state = state_from_controls(changes_on(), None, [], "2016-02-01", "", None, None)
    assert state == {
        "date": "2016-12-31",
        "compare": None,
        "place": None,
        "layers": [],
        "lang": "en",
    }


def test_the_slider_day_is_clamped_to_the_coverage():
    assert state_from_controls(changes_on(), -5, [], "", None, [], "en")["date"] == "2016-01-01"
    assert state_from_controls(changes_on(), 999, [], "", None, [], "en")["date"] == "2016-12-31"


def test_a_compare_date_counts_only_when_ticked_and_is_clamped():
    dates = changes_on()
    assert state_from_controls(dates, 0, ["on"], "2010-05-05", None, [], "en")["compare"] == (
        "2016-01-01"
    )
    assert state_from_controls(dates, 0, ["on"], "2099-01-01", None, [], "en")["compare"] == (
        "2016-12-31"
    )
    assert state_from_controls(dates, 0, [], "2016-05-05", None, [], "en")["compare"] is None
    assert state_from_controls(dates, 0, ["on"], "", None, [], "en")["compare"] is None
    assert state_from_controls(dates, 0, ["on"], "soon", None, [], "en")["compare"] is None


def test_a_step_frame_carries_the_url_and_no_summary_without_a_compare_date(two_towns):
    state = {
        "date": "2017-10-20",
        "compare": None,
        "place": "beta",
        "layers": list(DASHBOARD_LAYERS),
        "lang": "en",
    }
    frame = step_frame(two_towns, state, None, 30)
    assert frame["query"] == "?date=2017-10-20&place=beta"
    assert frame["summary"] == ""
    assert frame["date"] == "2017-10-20" and frame["window"] == 30


def test_a_step_frame_with_a_compare_date_sums_up_what_changed(two_towns):
    state = {
        "date": "2017-10-25",
        "compare": "2017-10-19",
        "place": None,
        "layers": list(DASHBOARD_LAYERS),
        "lang": "en",
    }
    summary = texts(step_frame(two_towns, state, None, 30)["summary"])
    line = compare_summary(two_towns, pd.Timestamp("2017-10-19"), pd.Timestamp("2017-10-25"), "en")
    assert line.startswith("19 Oct 2017 → 25 Oct 2017: \u2068SDF\u2069 +")
    assert line.endswith(", 1 locality changed hands")
    assert line in summary


def test_the_dates_asked_ahead_are_kept_while_each_is_later_and_at_most_four():
    day = pd.Timestamp("2017-01-01")
    held = {"ahead": ["2017-01-02", "2017-01-03", "2017-01-05", "2017-01-06", "2017-01-07"]}
    assert [f"{d:%d}" for d in frame_ahead(held, day)] == ["02", "03", "05", "06"]
    assert frame_ahead({"ahead": ["2017-01-03", "2017-01-02"]}, day) == [pd.Timestamp("2017-01-03")]
    assert frame_ahead({"ahead": ["2016-12-31"]}, day) == []
    assert frame_ahead({"ahead": ["soon", "2017-01-04"]}, day) == []
    assert frame_ahead({"ahead": "2017-01-04"}, day) == [] and frame_ahead(None, day) == []


def test_while_playing_an_answer_brings_the_next_dates_each_a_delta_from_the_one_before(
    two_towns,
):
    state = {
        "date": "2017-10-18",
        "compare": None,
        "place": None,
        "layers": list(DASHBOARD_LAYERS),
        "lang": "en",
    }
    held = {"date": "2017-10-17", "data": "|en", "ahead": ["2017-10-19", "2017-10-20"]}
    frame = step_frame(two_towns, state, None, 30, held)
    assert frame["base"] == "2017-10-17"
    assert [(f["base"], f["date"]) for f in frame["ahead"]] == [
        ("2017-10-18", "2017-10-19"),
        ("2017-10-19", "2017-10-20"),
    ]
    assert frame["ahead"][1]["dz"][0] != []  # the SDF takes Beta on the 20th
    full = step_frame(two_towns, state, None, 30, {**held, "data": "other|en"})
    assert full["base"] is None and full["ahead"] == []  # nothing held: one full frame
