"""The dashboard in headless Chromium: offline, labelled, steppable, playable, shareable."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from browser.helpers import click_place, date_label, map_texts, open_map, trace, zone_fills
from dashboard.figures import traces
from dashboard.web import ids

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


def test_the_page_loads_offline_with_no_console_errors(tab, page_log, app_url):
    open_map(tab, app_url + "/")
    assert page_log.requests > 5
    assert "Zones are approximations derived from locality control" in tab.inner_text("footer")
    assert "localities behind the zones" in tab.inner_text("footer")
    # the fixture asserts: no console errors, no request leaving localhost


def test_the_six_places_of_the_articles_are_labelled(june_map):
    texts = map_texts(june_map)
    missing = [name for name in ARTICLE_PLACES if not any(name in t for t in texts)]
    assert missing == []


def test_a_keyboard_step_on_the_slider_changes_the_zone_colours(tab, app_url, dataset):
    open_map(tab, f"{app_url}/?date={day_before_a_visible_change(dataset)}")
    label, fills = date_label(tab), zone_fills(tab)
    tab.focus("#date-slider [role=slider]")
    tab.keyboard.press("ArrowRight")
    tab.wait_for_function(f"() => document.querySelector('#date-label').innerText !== {label!r}")
    for _ in range(50):  # the patch lands a moment after the label
        if zone_fills(tab) != fills:
            break
        tab.wait_for_timeout(100)
    assert zone_fills(tab) != fills


def test_play_advances_the_date_and_pause_stops_it(tab, app_url):
    open_map(tab, app_url + "/?date=2017-01-01")
    tab.click("#play")
    tab.wait_for_function(
        "() => document.querySelector('#date-label').innerText !== '1 January 2017'",
        timeout=5_000,
    )
    tab.click("#play")
    tab.wait_for_timeout(600)
    stopped = date_label(tab)
    tab.wait_for_timeout(800)
    assert date_label(tab) == stopped != "1 January 2017"


def test_a_shared_url_restores_date_compare_place_layers_and_language(tab, app_url):
    open_map(
        tab,
        app_url + "/?date=2017-03-15&compare=2016-06-01&place=Raqqa&lang=ar"
        "&layers=zones,front_lines,places",
    )
    assert date_label(tab) == "15 آذار 2017"  # the Arabic page's dates are Arabic
    assert tab.input_value("#compare-date") == "2016-06-01"
    assert tab.is_checked("#compare-on input")
    assert tab.is_checked("#lang input[value=ar]")
    assert not tab.is_checked("#layers input[value=events]")
    assert "الرقة" in map_texts(tab)
    geo = tab.evaluate("() => document.querySelector('#map .js-plotly-plot').layout.geo")
    assert geo["lonaxis"]["range"][1] - geo["lonaxis"]["range"][0] < 3  # zoomed to Raqqa
    assert "date=2017-03-15" in tab.url and "compare=2016-06-01" in tab.url


def test_an_invalid_date_is_clamped_and_an_unknown_place_ignored_with_notices(
    tab, app_url, dataset
):
    open_map(tab, app_url + "/?date=2031-05-01&place=Atlantis")
    end = dataset.table.coverage[1]
    assert date_label(tab) == f"{end:%-d %B %Y}"
    notice = tab.inner_text("#notice")
    assert "outside the data" in notice
    assert "Atlantis" in notice


def test_clicking_a_place_shows_its_deciding_event_and_source(tab, app_url):
    open_map(tab, app_url + "/?date=2018-06-01")
    click_place(tab, "Raqqa")
    tab.wait_for_selector("#why .deciding", timeout=10_000)
    why = tab.inner_text("#why")
    assert "Raqqa" in why
    assert "Source:" in why
    assert "Control timeline" in why


def test_compare_mode_highlights_what_changed_hands(tab, app_url, dataset):
    start, end = dataset.table.coverage
    open_map(tab, f"{app_url}/?date={end:%Y-%m-%d}&compare={start:%Y-%m-%d}")
    tab.wait_for_function(
        f"() => document.querySelector('#map .js-plotly-plot').data[{traces.TRACE_CHANGED}]"
        ".lon.length > 0"
    )
    assert trace(tab, traces.TRACE_CHANGED)["visible"] is True
    assert len(trace(tab, traces.TRACE_CHANGED_PLACES)["lon"]) > 0
    assert "changed hands" in tab.inner_text("#compare-summary")
    assert "km²" in tab.inner_text("#compare-summary")


def drawn_while_playing(tab) -> tuple[str, list[str], int]:
    """The map's date title, zone fills and event markers, read at one instant."""
    return tab.evaluate(
        """() => {
            const title = document.querySelector('#map .annotation-text').textContent;
            const zones = document.querySelectorAll('#map .choroplethlayer > g.trace')[1];
            const fill = (p) => getComputedStyle(p).fill;
            const fills = Array.from(zones.querySelectorAll('path')).map(fill);
            const points = document.querySelectorAll('#map .scatterlayer path.point');
            return [title, fills, points.length];
        }"""
    )


def test_a_date_drawn_while_playing_is_the_map_of_that_date(tab, app_url, chromium_browser):
    """Play draws straight into the SVG; what it draws must be what the date's map shows."""
    open_map(tab, app_url + "/?date=2017-05-20")
    tab.evaluate(f"() => window.dash_clientside.set_props('{ids.RATE}', {{value: 0}})")
    tab.click("#play")
    tab.wait_for_function(
        "() => !document.querySelector('#map .annotation-text').textContent.startsWith('20 May')"
    )
    tab.wait_for_timeout(700)
    title, fills, markers = drawn_while_playing(tab)
    tab.click("#play")
    shown = datetime.strptime(title.strip().split("  ")[0], "%d %B %Y")
    assert shown > datetime(2017, 5, 21)
    fresh = chromium_browser.new_page(viewport={"width": 1366, "height": 768})
    open_map(fresh, f"{app_url}/?date={shown:%Y-%m-%d}")
    assert drawn_while_playing(fresh)[1:] == [fills, markers]
    fresh.close()


def test_pausing_draws_the_date_through_plotly_again(tab, app_url, chromium_browser):
    open_map(tab, app_url + "/?date=2017-05-20")
    tab.evaluate(f"() => window.dash_clientside.set_props('{ids.RATE}', {{value: 0}})")
    tab.click("#play")
    tab.wait_for_timeout(1500)
    tab.click("#play")
    tab.wait_for_timeout(1500)
    day = tab.input_value(f"#{ids.DATE_INPUT}")  # the date box follows once paused
    title, fills, markers = drawn_while_playing(tab)
    assert title.startswith(f"{datetime.strptime(day, '%Y-%m-%d'):%-d %B %Y}")
    fresh = chromium_browser.new_page(viewport={"width": 1366, "height": 768})
    open_map(fresh, f"{app_url}/?date={day}")
    assert drawn_while_playing(fresh)[1:] == [fills, markers]
    fresh.close()
