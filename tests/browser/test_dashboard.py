"""The dashboard in headless Chromium: offline, labelled, steppable, playable, shareable."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import click_place, date_label, map_texts, open_map, trace, zone_fills

from dashboard import figures

pytestmark = pytest.mark.browser

ARTICLE_PLACES = ("Raqqa", "Mayadin", "Idlib", "Manbij", "Nasib", "Yarmouk")


def day_before_a_visible_change(dataset) -> str:
    """A date whose next day changes the colour of some zone."""
    model = dataset.model
    start = dataset.table.coverage[0] + np.timedelta64(30, "D")
    changes = model.events.loc[model.events["event_type"] == "control_change", "date"]
    for date in sorted(set(changes[changes > start])):
        before = model.atom_control(date - np.timedelta64(1, "D")).factions
        if (before != model.atom_control(date).factions).any():
            return f"{date - np.timedelta64(1, 'D'):%Y-%m-%d}"
    raise AssertionError("no change of control in the data")


def test_the_page_loads_offline_with_no_console_errors(page, page_log, app_url):
    open_map(page, app_url + "/")
    assert page_log.requests > 5
    assert "Zones are approximations derived from locality control" in page.inner_text("footer")
    assert "localities behind the zones" in page.inner_text("footer")
    # the fixture asserts: no console errors, no request leaving localhost


def test_the_six_places_of_the_articles_are_labelled(page, app_url):
    open_map(page, app_url + "/?date=2017-06-01")
    texts = map_texts(page)
    missing = [name for name in ARTICLE_PLACES if not any(name in t for t in texts)]
    assert missing == []


def test_a_keyboard_step_on_the_slider_changes_the_zone_colours(page, app_url, dataset):
    open_map(page, f"{app_url}/?date={day_before_a_visible_change(dataset)}")
    label, fills = date_label(page), zone_fills(page)
    page.focus("#date-slider [role=slider]")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => document.querySelector('#date-label').innerText !== {label!r}")
    page.wait_for_timeout(300)
    page.wait_for_function(
        "(before) => { const t = document.querySelectorAll('#map .choroplethlayer > g.trace');"
        " return Array.from(t[1].querySelectorAll('path')).some((p, i) => p.style.fill !== before[i]); }",
        arg=fills,
    )
    assert zone_fills(page) != fills


def test_play_advances_the_date_and_pause_stops_it(page, app_url):
    open_map(page, app_url + "/?date=2017-01-01")
    page.click("#play")
    page.wait_for_function(
        "() => document.querySelector('#date-label').innerText !== '1 January 2017'",
        timeout=5_000,
    )
    page.click("#play")
    page.wait_for_timeout(600)
    stopped = date_label(page)
    page.wait_for_timeout(800)
    assert date_label(page) == stopped != "1 January 2017"


def test_a_shared_url_restores_date_compare_place_layers_and_language(page, app_url):
    open_map(
        page,
        app_url + "/?date=2017-03-15&compare=2016-06-01&place=Raqqa&lang=ar"
        "&layers=zones,front_lines,places",
    )
    assert date_label(page) == "15 March 2017"
    assert page.input_value("#compare-date") == "2016-06-01"
    assert page.is_checked("#compare-on input")
    assert page.is_checked("#lang input[value=ar]")
    assert not page.is_checked("#layers input[value=events]")
    assert "الرقة" in map_texts(page)
    geo = page.evaluate("() => document.querySelector('#map .js-plotly-plot').layout.geo")
    assert geo["lonaxis"]["range"][1] - geo["lonaxis"]["range"][0] < 3  # zoomed to Raqqa
    assert "date=2017-03-15" in page.url and "compare=2016-06-01" in page.url


def test_an_invalid_date_is_clamped_and_an_unknown_place_ignored_with_notices(
    page, app_url, dataset
):
    open_map(page, app_url + "/?date=2031-05-01&place=Atlantis")
    end = dataset.table.coverage[1]
    assert date_label(page) == f"{end:%-d %B %Y}"
    notice = page.inner_text("#notice")
    assert "outside the data" in notice
    assert "Atlantis" in notice


def test_clicking_a_place_shows_its_deciding_event_and_source(page, app_url):
    open_map(page, app_url + "/?date=2018-06-01")
    click_place(page, "Raqqa")
    page.wait_for_selector("#why .deciding", timeout=10_000)
    why = page.inner_text("#why")
    assert "Raqqa" in why
    assert "Source:" in why
    assert "Control timeline" in why


def test_compare_mode_highlights_what_changed_hands(page, app_url, dataset):
    start, end = dataset.table.coverage
    open_map(page, f"{app_url}/?date={end:%Y-%m-%d}&compare={start:%Y-%m-%d}")
    page.wait_for_function(
        f"() => document.querySelector('#map .js-plotly-plot').data[{figures.TRACE_CHANGED}]"
        ".lon.length > 0"
    )
    assert trace(page, figures.TRACE_CHANGED)["visible"] is True
    assert len(trace(page, figures.TRACE_CHANGED_PLACES)["lon"]) > 0
    assert "localities changed hands" in page.inner_text("#compare-summary")
    assert "km²" in page.inner_text("#compare-summary")
