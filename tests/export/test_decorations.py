"""The decorations' arithmetic and wording, without rendering."""

from __future__ import annotations

import math

import pandas as pd
import pytest
import shapely

from dashboard.export.decorate import legend_rows
from dashboard.export.image import design_size
from dashboard.export.provenance import embed
from dashboard.export.scalebar import bar_box, km_per_degree_lon, nice_length, quiet_corner
from dashboard.figures.wording import format_area, format_date
from dashboard.io.credits import DEFAULT_CREDITS, credits_from_markdown, data_credits


def test_a_degree_of_longitude_shrinks_with_latitude_as_on_the_ellipsoid():
    assert km_per_degree_lon(0) == pytest.approx(111.32, abs=0.01)
    assert km_per_degree_lon(35) == pytest.approx(91.29, abs=0.02)
    assert km_per_degree_lon(60) == pytest.approx(55.80, abs=0.02)


@pytest.mark.parametrize(("limit", "nice"), [(1.3, 1), (3, 2), (7.9, 5), (149, 100), (260, 200)])
def test_the_scale_bar_takes_the_longest_round_length_that_fits(limit, nice):
    assert nice_length(limit) == nice


def test_the_scale_bar_spans_its_length_in_degrees_at_its_latitude():
    extent = (35.3, 32.1, 42.6, 37.55)
    lon0, lon1, lat, _, _ = bar_box(extent, "left")
    km = (lon1 - lon0) * km_per_degree_lon(lat)
    assert km == pytest.approx(nice_length(km * 1.0001), rel=1e-9)
    assert extent[0] < lon0 < lon1 < extent[2]


def test_the_scale_bar_goes_to_the_corner_with_less_land_under_it():
    extent = (0.0, 0.0, 10.0, 10.0)
    land_on_the_left = shapely.box(0, 0, 5, 10)
    assert quiet_corner(extent, land_on_the_left) == "right"
    assert quiet_corner(extent, shapely.box(5, 0, 10, 10)) == "left"


def test_credits_come_from_the_credit_paragraph_and_the_credit_column():
    markdown = (
        "# Sources\n\n**Credit line to show on the map:** Borders: Natural Earth. Places:\n"
        "GeoNames (CC BY 4.0).\n\n"
        "| file | licence | credit |\n|---|---|---|\n"
        "| a | PD | Natural Earth |\n| b | CC | GeoNames (geonames.org) |\n"
        '| c | MIT | "Events: curators, from the cited sources" |\n| d | - | — |\n'
    )
    assert credits_from_markdown(markdown) == (
        "Borders: Natural Earth. Places: GeoNames (CC BY 4.0).",
        "Events: curators, from the cited sources",
    )


def test_missing_sources_fall_back_to_the_default_credits(tmp_path):
    assert data_credits(tmp_path / "missing.md") == DEFAULT_CREDITS


def test_the_legend_lists_factions_largest_first_and_no_data_last():
    held = pd.DataFrame(
        {"faction": ["isis", "none", "government"], "area_km2": [1000.0, 5000.0, 3000.0]}
    )
    rows = legend_rows(held)
    assert [r[0] for r in rows] == ["government", "isis", "none"]
    assert rows[0][2] == "3,000 km² (33%)"


def test_dates_and_areas_read_naturally_in_both_languages():
    assert format_date("2017-06-01") == "1 June 2017"
    assert format_date("2017-06-01", "ar") == "1 حزيران 2017"
    assert format_area(62_345.6, 0.336) == "62,300 km² (34%)"
    assert format_area(120.0, 0.001) == "120 km² (<1%)"


@pytest.mark.parametrize(("size", "layout"), [((1600, 1000), (1600, 1000, 1.0)),
                                              ((800, 500), (1600, 1000, 0.5)),
                                              ((3200, 2000), (1600, 1000, 2.0))])  # fmt: skip
def test_every_page_is_laid_out_at_the_design_size_then_zoomed(size, layout):
    width, height, zoom = design_size(*size)
    assert (width, height) == layout[:2]
    assert math.isclose(zoom, layout[2])


def test_png_provenance_survives_non_latin_text():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    fields = {"Title": "سوريا", "Date": "2017-06-01"}
    with Image.open(io.BytesIO(embed(buffer.getvalue(), "png", fields))) as image:
        assert image.text == fields
