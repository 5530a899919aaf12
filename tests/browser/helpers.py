"""Reading the dashboard's state from the page."""

from __future__ import annotations

from dashboard.figures import traces

MAP_PLOT = "#map .js-plotly-plot"


def open_map(page, url: str) -> None:
    """Go to a URL and wait for the map's zones and labels to be drawn."""
    page.goto(url)
    page.wait_for_function(
        f"""() => {{
            const gd = document.querySelector('{MAP_PLOT}');
            return gd && gd.data && gd.data.length > {traces.TRACE_LEGEND}
                && document.querySelectorAll('#map .choroplethlocation').length > 20
                && document.querySelectorAll('#map text').length > 3;
        }}""",
        timeout=30_000,
    )


def trace(page, index: int) -> dict:
    return page.evaluate(f"() => document.querySelector('{MAP_PLOT}').data[{index}]")


def zone_fills(page) -> list[str]:
    """The fill of every drawn zone (the second choropleth's paths)."""
    return page.evaluate(
        """() => {
            const traces = document.querySelectorAll('#map .choroplethlayer > g.trace');
            const paths = traces[1].querySelectorAll('path');
            return Array.from(paths).map(p => getComputedStyle(p).fill);
        }"""
    )


def map_texts(page) -> list[str]:
    return page.locator("#map svg text").all_text_contents()


def date_label(page) -> str:
    return page.locator("#date-label").inner_text()


def click_place(page, name: str) -> None:
    """Click the marker of a labelled place, found through the map's own projection."""
    point = page.evaluate(
        f"""() => {{
            const gd = document.querySelector('{MAP_PLOT}');
            const t = gd.data[{traces.TRACE_PLACES}];
            const i = t.text.findIndex(s => s && s.startsWith({name!r}));
            const geo = gd._fullLayout.geo._subplot;
            const xy = geo.projection([t.lon[i], t.lat[i]]);
            const box = gd.getBoundingClientRect();
            return [box.left + xy[0], box.top + xy[1]];
        }}"""
    )
    page.mouse.move(point[0], point[1])
    page.mouse.click(point[0], point[1])
