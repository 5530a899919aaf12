"""Label placement: which places get a label, on which side of the marker, at what size.

The plan (figures/labels.py) is made here for a 640 px wide map: a label is len(text) x 0.55 x
the font size wide and 1.2 x the font size high, 5 px from its marker (across, up or down),
whose own 8 px dot is an obstacle too. On the 4-degree-wide test map one pixel is 4 / 640
degrees.
"""

from __future__ import annotations

import itertools
import math

import pandas as pd
import pytest

from dashboard.core.view import MapView
from dashboard.figures.labels import place_labels
from dashboard.figures.layout import SYRIA_EXTENT
from dashboard.figures.markers import places_trace

EXTENT = (36.0, 34.0, 40.0, 36.0)
PX = (EXTENT[2] - EXTENT[0]) / 640  # degrees of longitude per pixel
STRETCH = math.cos(math.radians(35.0))  # a pixel's height in degrees of latitude, over PX


def candidates(*places: tuple) -> pd.DataFrame:
    """Rows of (place_id, lon, lat, rank[, article]); names are the ids capitalised."""
    rows = [(*p, False) if len(p) == 4 else p for p in places]
    frame = pd.DataFrame(rows, columns=["place_id", "lon", "lat", "rank", "article"])
    frame["name"] = frame["place_id"].str.capitalize()
    frame["name_ar"] = "ع" + frame["place_id"]
    frame["kind"] = "town"
    return frame


def label(frame: pd.DataFrame, extent=EXTENT, lang: str = "en"):
    return place_labels(frame, extent, lang, pd.Series(True, index=frame.index), 640)


def test_a_lone_place_is_labelled_to_the_right_of_its_marker():
    labels = label(candidates(("alpha", 38.0, 35.0, 5.0)))
    assert labels.place_id == ["alpha"]
    assert (labels.lon, labels.lat) == ([38.0], [35.0])
    assert labels.text == ["Alpha"]
    assert labels.position == ["middle right"]
    assert labels.font_size == [12] and labels.marker_size == [7.0]


def test_a_label_that_would_cover_a_neighbour_goes_to_the_other_side():
    # Alpha's label to the right would span 38.031-38.238 E, over Beta's marker at 38.1 E.
    labels = label(candidates(("alpha", 38.0, 35.0, 5.0), ("beta", 38.1, 35.0, 4.0)))
    assert labels.text == ["Alpha", "Beta"]
    assert labels.position == ["middle left", "middle right"]
    assert labels.font_size == [12, 11]


def test_a_label_that_would_leave_the_map_goes_inside_it():
    labels = label(candidates(("east", 39.95, 35.0, 5.0), ("north", 37.0, 35.99, 5.0)))
    assert labels.position == ["middle left", "bottom center"]
    assert labels.text == ["East", "North"]
    corner = label(candidates(("corner", 39.95, 35.95, 5.0)))
    assert corner.position == ["middle left"]


def test_a_place_hemmed_in_on_all_four_sides_keeps_only_its_marker():
    # Each of the centre's four label positions covers one neighbour's marker.
    labels = label(
        candidates(
            ("east", 38.1, 35.0, 5.0),
            ("west", 37.9, 35.0, 5.0),
            ("north", 38.0, 35.06, 5.0),
            ("south", 38.0, 34.94, 5.0),
            ("centre", 38.0, 35.0, 3.0),
        )
    )
    assert labels.place_id[-1] == "centre"
    assert (labels.text[-1], labels.font_size[-1], labels.marker_size[-1]) == ("", 10, 4.0)
    alone = label(candidates(("centre", 38.0, 35.0, 3.0)))
    assert (alone.text, alone.position, alone.marker_size) == (["Centre"], ["middle right"], [5.0])


def test_small_places_get_a_label_only_on_a_zoomed_in_map():
    small = candidates(("hamlet", 38.0, 35.0, 2.0))
    assert label(small).text == [""]  # 4 degrees wide: too far out for rank 2
    zoomed = (37.0, 34.5, 39.0, 35.5)
    assert label(small, zoomed).text == ["Hamlet"]
    assert label(small, zoomed).marker_size == [5.0]


def test_article_places_are_labelled_even_where_nothing_fits():
    labels = label(
        candidates(
            ("alpha", 38.0, 35.0, 12.0, True),
            ("beta", 38.0, 35.0, 11.0, True),  # on the very same spot
        )
    )
    assert labels.text == ["Alpha", "Beta"]
    assert labels.font_size == [12, 12]


def test_places_not_shown_or_outside_the_map_get_no_marker():
    frame = candidates(
        ("alpha", 38.0, 35.0, 5.0), ("beta", 38.5, 35.0, 5.0), ("far", 45.0, 35.0, 5)
    )
    shown = place_labels(frame, EXTENT, "en", pd.Series([True, False, True]))
    assert shown.place_id == ["alpha"]


def test_arabic_labels_use_the_arabic_names():
    assert label(candidates(("alpha", 38.0, 35.0, 5.0)), lang="ar").text == ["عalpha"]


def box(lon: float, lat: float, position: str, text: str, size: int) -> tuple:
    """A label's extent in degrees, from the plan in this module's docstring."""
    width = len(text) * size * 0.55 * PX
    height = size * 1.2 * PX * STRETCH
    gap, rise = 5 * PX, 5 * PX * STRETCH  # 5 px across, 5 px up or down
    vertical, horizontal = position.split()
    west = {"right": lon + gap, "left": lon - gap - width}.get(horizontal, lon - width / 2)
    # plotly's text: a quarter of its size low beside a marker, nearer below it than above
    south = {"top": lat + rise, "bottom": lat - rise - 0.85 * height}.get(
        vertical, lat - 0.4 * height
    )
    return west, south, west + width, south + height


def overlap(a: tuple, b: tuple) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def test_in_a_crowd_no_two_labels_overlap_and_the_article_place_is_labelled():
    grid = [
        (f"town{i}", 37.0 + 0.12 * (i % 8), 34.6 + 0.06 * (i // 8), 4.0 - i / 100)
        for i in range(48)
    ]
    crowd = candidates(*grid, ("raqqa", 37.4, 34.75, 12.0, True))
    crowd = crowd.sort_values("rank", ascending=False).reset_index(drop=True)
    labels = label(crowd)
    drawn = [
        box(x, y, p, t, s)
        for x, y, p, t, s in zip(
            labels.lon, labels.lat, labels.position, labels.text, labels.font_size, strict=True
        )
        if t
    ]
    assert "Raqqa" in labels.text
    assert 5 < len(drawn) < 48  # some fit, the crowd does not
    clashes = [(a, b) for a, b in itertools.combinations(drawn, 2) if overlap(a, b)]
    assert clashes == []
    named = [t for t in labels.text if t]
    others = [(b, t) for b, t in zip(drawn, named, strict=True) if t != "Raqqa"]
    markers = [
        ((x - 4 * PX, y - 4 * PX * STRETCH, x + 4 * PX, y + 4 * PX * STRETCH), t)
        for x, y, t in zip(labels.lon, labels.lat, labels.text, strict=True)
    ]  # a label may touch its own marker, never another's
    assert [(b, m) for b, t in others for m, own in markers if own != t and overlap(b, m)] == []


@pytest.fixture(scope="module")
def bundled():
    from dashboard.io.dataset import load_dataset
    from dashboard.settings import Settings

    return load_dataset(Settings())


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_six_places_of_the_articles_are_labelled_on_the_whole_map(bundled, lang):
    view = MapView(date=pd.Timestamp("2017-06-01"), lang=lang)
    trace = places_trace(bundled, view, SYRIA_EXTENT)
    labelled = {p for p, t in zip(trace["customdata"], trace["text"], strict=True) if t}
    gazetteer = bundled.gazetteer
    six = ["Raqqa", "Mayadin", "Idlib", "Manbij", "Nasib", "Yarmouk"]
    assert [n for n in six if gazetteer.lookup(n) not in labelled] == []
    names = {
        gazetteer.place(gazetteer.lookup(n))["name" if lang == "en" else "name_ar"] for n in six
    }
    assert names <= set(trace["text"])
