"""Issue 12 on a laptop screen (1440×900): the compare summary and the side legend in full view,
and the labels of Damascus and its two camps apart, on the page and in an exported SVG."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from browser.helpers import MAP_PLOT, open_map
from dashboard.core.view import MapView
from dashboard.export import export_bytes
from dashboard.figures import traces
from dashboard.web import ids

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1440, "height": 900}
DAMASCUS = {
    "en": ("Damascus", "Yarmouk Camp", "Al-Hajar al-Aswad"),
    "ar": ("دمشق", "مخيم اليرموك", "الحجر الأسود"),
}


@pytest.fixture
def laptop(chromium_browser, page_log):
    """A fresh 1440×900 tab that records console errors."""
    context = chromium_browser.new_context(viewport=LAPTOP)
    tab = context.new_page()
    page_log.watch(tab)
    yield tab
    context.close()
    assert page_log.errors == [], page_log.errors


def box(tab, selector: str) -> dict:
    return tab.evaluate(
        """(s) => { const r = document.querySelector(s).getBoundingClientRect();
                   return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; }""",
        selector,
    )


def overlap(a: dict, b: dict) -> bool:
    return min(a["right"], b["right"]) > max(a["left"], b["left"]) and min(
        a["bottom"], b["bottom"]
    ) > max(a["top"], b["top"])


def test_at_1440_by_900_the_compare_summary_is_in_view_without_scrolling(laptop, app_url):
    open_map(laptop, app_url + "/?date=2017-06-01&compare=2016-06-01")
    laptop.wait_for_selector(f"#{ids.COMPARE_SUMMARY} .changed-place")
    summary = box(laptop, f"#{ids.COMPARE_SUMMARY}")
    footer = box(laptop, f"#{ids.FOOTER}")  # fixed at the bottom, over the page
    assert laptop.evaluate("() => window.scrollY") == 0
    assert summary["top"] >= 0 and summary["left"] >= 0 and summary["right"] <= LAPTOP["width"]
    assert summary["bottom"] <= footer["top"], (summary, footer)
    assert box(laptop, f"#{ids.COMPARE_ON}")["bottom"] <= footer["top"]  # and its checkbox


def test_at_1440_the_side_legend_shows_every_column(laptop, app_url):
    open_map(laptop, app_url + "/?date=2017-06-01")
    laptop.wait_for_selector(f"#{ids.LEGEND} th")
    panel = box(laptop, f"#{ids.LEGEND}")
    cells = laptop.evaluate(
        f"""() => Array.from(document.querySelectorAll('#{ids.LEGEND} th, #{ids.LEGEND} td'))
            .map(c => {{ const r = c.getBoundingClientRect(); return [r.left, r.right]; }})"""
    )
    assert cells and all(panel["left"] <= a and b <= panel["right"] for a, b in cells), panel
    assert laptop.inner_text(f"#{ids.LEGEND} th:last-child") == "Loc."


def label_boxes(tab, names) -> dict[str, dict]:
    """The drawn extent of each named label of the map."""
    return tab.evaluate(
        """(names) => {
            const out = {};
            for (const t of document.querySelectorAll('#map text, svg text')) {
                if (names.includes(t.textContent)) {
                    const r = t.getBoundingClientRect();
                    const edges = {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
                    out[t.textContent] = edges;
                }
            }
            return out;
        }""",
        list(names),
    )


def place_markers(tab) -> list[dict]:
    """The extent of each place's drawn marker, through the map's own projection."""
    return tab.evaluate(
        f"""() => {{
            const gd = document.querySelector('{MAP_PLOT}');
            const t = gd.data[{traces.TRACE_PLACES}], geo = gd._fullLayout.geo._subplot;
            const page = gd.getBoundingClientRect(), sizes = t.marker.size;
            return t.lon.map((lon, i) => {{
                const [x, y] = geo.projection([lon, t.lat[i]]), r = sizes[i] / 2;
                return {{left: page.left + x - r, right: page.left + x + r,
                         top: page.top + y - r, bottom: page.top + y + r, text: t.text[i]}};
            }}).filter(m => m.right > m.left);
        }}"""
    )


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 768}, LAPTOP])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_damascus_and_its_camps_are_labelled_apart_and_clear_of_markers(
    chromium_browser, app_url, viewport, lang
):
    context = chromium_browser.new_context(viewport=viewport)
    tab = context.new_page()
    open_map(tab, app_url + f"/?date=2017-06-01&lang={lang}")
    names = DAMASCUS[lang]
    drawn = label_boxes(tab, names)
    markers = place_markers(tab)
    context.close()
    assert sorted(drawn) == sorted(names)
    assert [
        (a, b) for a, b in itertools.combinations(names, 2) if overlap(drawn[a], drawn[b])
    ] == []
    under = [
        (n, m["text"]) for n in names for m in markers if m["text"] != n and overlap(drawn[n], m)
    ]
    assert under == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_in_an_exported_svg_damascus_and_its_camps_are_labelled_apart(
    chromium_browser, dataset, lang
):
    svg = export_bytes(dataset, MapView(date=pd.Timestamp("2017-06-01"), lang=lang), "svg")
    context = chromium_browser.new_context(viewport={"width": 1600, "height": 1000})
    tab = context.new_page()
    tab.set_content(svg.decode("utf-8"))
    names = DAMASCUS[lang]
    drawn = label_boxes(tab, names)
    context.close()
    assert sorted(drawn) == sorted(names)
    assert [
        (a, b) for a, b in itertools.combinations(names, 2) if overlap(drawn[a], drawn[b])
    ] == []
