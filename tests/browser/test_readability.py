"""What a reader sees: hovers that say what a marker is, labelled controls, legends that say
what they count, a view that survives and is shared, and a compare mode that lists its places."""

from __future__ import annotations

import pandas as pd
import pytest

from browser.helpers import MAP_PLOT, date_label, open_map, trace
from dashboard.core.calendar import calendar
from dashboard.core.presence import OTHER_PRESENCE, PRESENCE_GROUPS
from dashboard.figures import traces
from dashboard.web import ids

pytestmark = pytest.mark.browser

GROUPS = [*PRESENCE_GROUPS, OTHER_PRESENCE]


def point_on_page(tab, index: int, point: int) -> list[float] | None:
    """Where a trace's point is drawn on the page, or None outside the map."""
    return tab.evaluate(
        f"""() => {{
            const gd = document.querySelector('{MAP_PLOT}');
            const t = gd.data[{index}];
            const geo = gd._fullLayout.geo._subplot;
            const xy = geo.projection([t.lon[{point}], t.lat[{point}]]);
            const box = gd.getBoundingClientRect();
            const x = box.left + xy[0], y = box.top + xy[1];
            const inside = x > box.left + 5 && x < box.left + box.width * 0.78
                && y > box.top + 40 && y < box.bottom - 5;
            return inside ? [x, y] : null;
        }}"""
    )


def hover_label(tab, index: int, point: int) -> str | None:
    """The hover label shown with the mouse on a trace's point ("" for none)."""
    xy = point_on_page(tab, index, point)
    if xy is None:
        return None
    tab.mouse.move(xy[0] + 40, xy[1] + 40)
    tab.wait_for_timeout(150)
    tab.mouse.move(*xy)
    tab.wait_for_timeout(300)
    return " | ".join(tab.locator("#map .hoverlayer text").all_text_contents())


def legend_texts(tab, selector: str = "#map") -> list[str]:
    return tab.locator(f"{selector} .legendtext").all_text_contents()


def shown_geo(tab) -> dict:
    return tab.evaluate(
        f"""() => {{
            const g = document.querySelector('{MAP_PLOT}')._fullLayout.geo;
            return {{lon: g.center.lon, lat: g.center.lat, scale: g.projection.scale,
                     lonRange: g.lonaxis.range}};
        }}"""
    )


def zoom_and_pan(tab) -> None:
    box = tab.locator("#map").bounding_box()
    x, y = box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.5
    tab.mouse.move(x, y)
    tab.mouse.wheel(0, -300)
    tab.wait_for_timeout(600)
    tab.mouse.move(x, y)
    tab.mouse.down()
    tab.mouse.move(x + 90, y + 40, steps=6)
    tab.mouse.up()
    tab.wait_for_function("() => location.search.includes('view=')", timeout=10_000)


def test_hovering_an_event_marker_shows_its_date_type_place_actors_and_description(
    june_map, dataset
):
    tab = june_map
    events = dataset.model.events.set_index("event_id")
    checked = []
    for kind in traces.EVENT_TYPES_SHOWN:
        index = traces.TRACE_EVENTS + traces.EVENT_TYPES_SHOWN.index(kind)
        data = trace(tab, index)
        for point in range(min(6, len(data["customdata"]))):
            label = hover_label(tab, index, point)
            if not label:
                continue  # outside the map
            # markers may overlap: the label is of this event or of one drawn next to it
            shown = [c[0] for c in data["customdata"] if c[1].replace("&amp;", "&") in label]
            assert shown, label
            event = events.loc[shown[0]]
            assert f"{event['date']:%-d %b %Y} · {kind.replace('_', ' ')}" in label
            assert str(event["place"] if pd.notna(event["place"]) else "") in label
            assert str(event["actor"])[:20] in label
            assert str(event["description"])[:30] in label
            checked.append(kind)
            break
    assert {"control_change", "airstrike", "announcement"} <= set(checked)


def test_hovering_a_foreign_presence_star_shows_who_where_and_since_when(june_map, dataset):
    tab = june_map
    rows = dataset.model.events
    presence = rows[rows["event_type"] == "presence"]
    stars = trace(tab, traces.TRACE_PRESENCE)
    seen = 0
    for point in range(len(stars["lon"])):
        label = hover_label(tab, traces.TRACE_PRESENCE, point)
        if not label or "since" not in label:
            continue  # outside the map, or under an event's marker
        matches = [
            row
            for row in presence.itertuples()
            if str(row.actor) in label and f"since {row.date:%-d %b %Y}" in label
        ]
        assert matches, label
        assert str(matches[0].place) in label
        seen += 1
        if seen == 3:
            break
    assert seen >= 2


def test_foreign_presence_is_coloured_by_country_with_a_legend_entry_per_country(june_map, dataset):
    from dashboard.core.presence import presence_group

    tab = june_map
    rows = dataset.model.events
    reported = rows[
        (rows["event_type"] == "presence")
        & (rows["date"] <= pd.Timestamp("2017-06-01"))
        & rows["lon"].notna()
    ]
    expected = {presence_group(a) for a in reported["actor"]}
    colours = set(trace(tab, traces.TRACE_PRESENCE)["marker"]["color"])
    assert colours == {GROUPS[g].colour for g in expected}
    legend = legend_texts(tab)
    for g in expected:
        assert f"Foreign presence: {GROUPS[g].name}" in legend
    absent = set(range(len(GROUPS))) - expected
    assert not any(f"Foreign presence: {GROUPS[g].name}" in legend for g in absent)
    assert {"russia", "coalition", "turkey"} <= {GROUPS[g].code for g in expected}


def test_the_trend_chart_has_a_legend_and_says_what_population_counts(tab, app_url):
    open_map(tab, app_url + "/?date=2017-06-01")
    tab.wait_for_selector(f"#{ids.TREND} .legendtext")
    assert "Islamic State" in legend_texts(tab, f"#{ids.TREND}")
    assert "Area held (km²)" in tab.inner_text(f"#{ids.TREND}")
    tab.check(f"#{ids.METRIC} input[value=population]")
    tab.wait_for_function(
        f"() => document.querySelector('#{ids.TREND}').innerText.includes('People in the zones')"
    )
    text = tab.inner_text(f"#{ids.TREND}")
    assert "population of the gazetteer's places inside each faction's zones" in text


def test_the_play_step_and_speed_dropdowns_are_labelled(june_map):
    tab = june_map
    assert tab.get_by_text("Step", exact=True).is_visible()
    assert tab.get_by_text("Speed", exact=True).is_visible()
    tab.wait_for_function(
        f"() => document.getElementById('{ids.RATE}').getAttribute('aria-labelledby')"
        f".includes('{ids.RATE_LABEL}')"
    )
    assert tab.get_by_label("Step").first.get_attribute("id") == ids.SPEED
    assert tab.get_by_label("Speed").first.get_attribute("id") == ids.RATE


def test_play_at_the_end_shows_play_again_and_restarts_from_the_start(tab, app_url, dataset):
    start, end = dataset.table.coverage
    open_map(tab, f"{app_url}/?date={end - pd.Timedelta(days=3):%Y-%m-%d}")
    tab.click(f"#{ids.PLAY}")
    tab.wait_for_function(
        f"() => document.querySelector('#{ids.DATE_LABEL}').innerText === '{end:%-d %B %Y}'",
        timeout=15_000,
    )
    tab.wait_for_function(
        f"() => document.querySelector('#{ids.PLAY}').innerText.includes('Play')", timeout=5_000
    )
    assert tab.get_attribute(f"#{ids.PLAY}", "aria-pressed") == "false"
    tab.click(f"#{ids.PLAY}")  # at the end: from the start again
    tab.wait_for_function(
        f"() => new Date(document.querySelector('#{ids.DATE_LABEL}').innerText + ' UTC')"
        f" < new Date('{start + pd.Timedelta(days=60):%Y-%m-%d}')",
        timeout=15_000,
    )
    tab.click(f"#{ids.PLAY}")
    tab.wait_for_function(
        f"() => document.querySelector('#{ids.PLAY}').innerText.endsWith('Play')", timeout=5_000
    )


def test_next_change_after_typing_a_date_goes_to_the_change_after_the_typed_date(
    tab, app_url, dataset
):
    dates = calendar(dataset.table.coverage, dataset.model.events)
    typed = pd.Timestamp("2017-03-03")
    expected = dates.date(dates.next_change(dates.day(typed), 1))
    open_map(tab, app_url + "/?date=2019-01-01")
    tab.fill(f"#{ids.DATE_INPUT}", f"{typed:%Y-%m-%d}")
    tab.click(f"#{ids.NEXT_CHANGE}")  # the first click after typing, no Enter pressed
    tab.wait_for_function(
        f"() => document.querySelector('#{ids.DATE_LABEL}').innerText === '{expected:%-d %B %Y}'",
        timeout=10_000,
    )
    tab.wait_for_timeout(800)  # no late answer takes it back to the typed date
    assert date_label(tab) == f"{expected:%-d %B %Y}"


def test_zoom_and_pan_survive_a_layer_toggle_and_go_into_the_link(tab, app_url):
    open_map(tab, app_url + "/?date=2017-06-01")
    zoom_and_pan(tab)
    tab.wait_for_timeout(500)
    before = shown_geo(tab)
    link = tab.evaluate("() => location.search")
    tab.click("#layers input[value=governorates]")
    tab.wait_for_function("() => !location.search.includes('governorates')")
    tab.wait_for_timeout(2000)
    after = shown_geo(tab)
    assert after["lon"] == pytest.approx(before["lon"], abs=0.05)
    assert after["lat"] == pytest.approx(before["lat"], abs=0.05)
    span = lambda g: (g["lonRange"][1] - g["lonRange"][0]) / g["scale"]  # noqa: E731
    assert span(after) == pytest.approx(span(before), rel=0.02)
    assert span(before) < 7.0  # zoomed in from Syria's 7.3 degrees
    assert "view=" in link and "view=" in tab.evaluate("() => location.search")


def test_a_link_with_a_view_restores_it_and_the_download_uses_it(tab, app_url):
    open_map(tab, app_url + "/?date=2017-06-01&view=35.8,32.9,37.2,34.0")
    tab.wait_for_function(
        f"() => document.querySelector('{MAP_PLOT}')._fullLayout.geo.lonaxis.range[0] === 35.8",
        timeout=10_000,
    )
    assert "view=35.8,32.9,37.2,34" in tab.url
    tab.check("#download-format input[value=svg]")
    with tab.expect_download(timeout=90_000) as info:
        tab.click("#download-button")
    with open(info.value.path(), encoding="utf-8") as file:
        svg = file.read()
    assert "Damascus" in svg
    assert "Qamishli" not in svg and "Raqqa" not in svg  # far outside the shown extent


def test_a_bad_compare_date_gets_a_notice(tab, app_url):
    open_map(tab, app_url + "/?date=2017-06-01&compare=2017-01-01")
    tab.fill(f"#{ids.COMPARE_DATE}", "2017-13-45")
    tab.press(f"#{ids.COMPARE_DATE}", "Enter")
    tab.wait_for_function(
        f"() => document.querySelector('#{ids.NOTICE}').innerText.includes('2017-13-45')"
    )
    assert "is not a date" in tab.inner_text(f"#{ids.NOTICE}")
    tab.fill(f"#{ids.COMPARE_DATE}", "2017-01-01")
    tab.press(f"#{ids.COMPARE_DATE}", "Enter")
    tab.wait_for_function(f"() => document.querySelector('#{ids.NOTICE}').innerText === ''")


def test_the_compare_summary_lists_the_localities_that_changed_hands_each_moving_the_map(
    tab, app_url
):
    open_map(tab, app_url + "/?date=2017-06-01&compare=2017-01-01")
    places = tab.locator(f"#{ids.COMPARE_SUMMARY} .changed-place")
    places.first.wait_for()
    rings = trace(tab, traces.TRACE_CHANGED_PLACES)
    assert places.count() == len(rings["lon"]) > 3
    assert "→" in places.first.inner_text()
    lon, lat = (float(places.nth(2).get_attribute(a)) for a in ("data-lon", "data-lat"))
    places.nth(2).click()
    tab.wait_for_function(
        f"() => document.querySelector('{MAP_PLOT}')._fullLayout.geo.projection.scale > 3"
    )
    geo = shown_geo(tab)
    assert (geo["lon"], geo["lat"]) == (pytest.approx(lon, abs=0.01), pytest.approx(lat, abs=0.01))


def test_the_hatching_of_what_changed_hands_has_a_legend_entry(tab, app_url):
    open_map(tab, app_url + "/?date=2017-06-01&compare=2017-01-01")
    assert "Changed hands since 1 January 2017 (hatched)" in legend_texts(tab)
    open_map(tab, app_url + "/?date=2017-06-01")
    assert not any("Changed hands" in t for t in legend_texts(tab))


def test_the_date_label_follows_the_slider_while_it_is_dragged(tab, app_url):
    open_map(tab, app_url + "/?date=2017-06-01")
    handle = tab.locator(f"#{ids.SLIDER} [role='slider']").first
    box = handle.bounding_box()
    rail = tab.locator(f"#{ids.SLIDER}").bounding_box()
    before = tab.inner_text(f"#{ids.DATE_LABEL}")
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.mouse.down()
    tab.mouse.move(rail["x"] + rail["width"] * 0.1, box["y"] + box["height"] / 2, steps=8)
    tab.wait_for_function(
        f"() => document.querySelector('#{ids.DATE_LABEL}').textContent !== {before!r}",
        timeout=5000,
    )
    dragging = tab.inner_text(f"#{ids.DATE_LABEL}")
    tab.mouse.up()
    assert dragging != before and dragging.endswith(("2016", "2017"))
