"""Single maps: open what was written and check its size, colours, text and provenance."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from dashboard.core.factions import FACTIONS
from dashboard.core.stats import held_at
from dashboard.core.view import MapView
from dashboard.export import export_bytes, export_map
from dashboard.export.image import publication_figure
from dashboard.export.provenance import NAMESPACE
from dashboard.figures.wording import NOTE

pytestmark = pytest.mark.export

MAP_COLUMNS = slice(0, 1200)  # the map's side of a 1600-wide page; the legend is to the right


def colour_shares(png: Image.Image) -> dict[str, float]:
    """Share of the map's faction-coloured pixels that is each faction's exact colour."""
    pixels = np.asarray(png.convert("RGB"), dtype=int)[:, MAP_COLUMNS]
    counts = {}
    for faction in FACTIONS:
        rgb = [int(faction.colour[i : i + 2], 16) for i in (1, 3, 5)]
        counts[faction.code] = int((np.abs(pixels - rgb).sum(axis=2) <= 6).sum())
    total = sum(counts.values())
    return {code: count / total for code, count in counts.items()}


def test_a_default_png_is_1600_by_1000(bundled, june_2017, tmp_path):
    out = export_map(bundled, june_2017, tmp_path / "map.png")
    with Image.open(out) as image:
        assert image.format == "PNG"
        assert image.size == (1600, 1000)


def test_scale_2_doubles_the_pixels_for_print(bundled, june_2017, tmp_path):
    out = export_map(bundled, june_2017, tmp_path / "print.png", scale=2)
    with Image.open(out) as image:
        assert image.size == (3200, 2000)


def test_each_faction_colour_covers_about_its_share_of_the_area(bundled, june_2017, tmp_path):
    out = export_map(bundled, june_2017, tmp_path / "map.png")
    with Image.open(out) as image:
        shares = colour_shares(image)
    held = held_at(bundled.model, june_2017.date).set_index("faction")["area_km2"]
    areas = held.drop("none", errors="ignore")
    for code in ("government", "sdf", "isis", "opposition", "hts", "turkey"):
        expected = areas.get(code, 0) / areas.sum()
        assert expected > 0.01, f"{code} should hold ground on the known date"
        assert shares[code] > 0.4 * expected, (code, shares[code], expected)
        assert abs(shares[code] - expected) < 0.06, (code, shares[code], expected)


def test_the_png_carries_its_provenance_in_text_chunks(bundled, tmp_path):
    view = MapView(date=pd.Timestamp("2018-03-01"), compare_date=pd.Timestamp("2017-06-01"))
    out = export_map(bundled, view, tmp_path / "map.png")
    with Image.open(out) as image:
        text = image.text
    assert text["Date"] == "2018-03-01"
    assert text["CompareDate"] == "2017-06-01"
    assert text["DataVersion"] == bundled.table.digest
    assert "Natural Earth" in text["Sources"]
    assert text["Coverage"].startswith(f"{bundled.table.coverage[0]:%Y-%m-%d} to ")


def svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return " ".join(" ".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text"))


def test_the_svg_is_vector_with_labels_legend_and_footer_as_text(bundled, june_2017):
    data = export_bytes(bundled, june_2017, "svg")
    text = svg_text(data)
    for label in ("Damascus", "Aleppo", "Raqqa", "Deir ez-Zor"):
        assert label in text, label
    for faction in ("Syrian government", "SDF", "Islamic State", "Opposition", "HTS"):
        assert faction in text, faction
    assert "Area held in Syria, 1 June 2017" in text
    assert re.search(r"\d[\d,]* km² \(\d+%\)", text)
    assert NOTE in text
    assert bundled.table.digest in text
    assert "Natural Earth" in text
    assert "Territorial control in Syria" in text
    assert b"<image" not in data  # no raster inside


def test_the_svg_metadata_names_date_version_and_sources(bundled, june_2017):
    root = ET.fromstring(export_bytes(bundled, june_2017, "svg"))
    metadata = root.find("{http://www.w3.org/2000/svg}metadata")
    assert metadata is not None
    fields = {f.get("name"): f.text for f in metadata.iter(f"{{{NAMESPACE}}}field")}
    assert fields["Date"] == "2017-06-01"
    assert fields["DataVersion"] == bundled.table.digest
    assert "GeoNames" in fields["Sources"]


def test_the_pdf_is_one_page_of_selectable_text_with_document_info(bundled, june_2017):
    reader = PdfReader(io.BytesIO(export_bytes(bundled, june_2017, "pdf")))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for expected in ("Territorial control in Syria", "Islamic State", "Damascus", "Zones are"):
        assert expected in text, expected
    info = reader.metadata
    assert info["/Date"] == "2017-06-01"
    assert info["/DataVersion"] == bundled.table.digest
    assert "Natural Earth" in info["/Sources"]
    assert info["/Title"] == "Territorial control in Syria"


def test_the_pdf_labels_keep_a_halo_drawn_as_lines_and_each_name_copies_out_once(
    bundled, june_2017
):
    figure = publication_figure(bundled, june_2017, halo=False)  # as the PDF draws it
    names = [t.get("name") for t in figure["data"]]
    places, halo = figure["data"][names.index("Places")], figure["data"][names.index("Label halos")]
    assert names.index("Label halos") == names.index("Places") - 1  # just under the labels
    assert halo["mode"] == "lines" and "text" not in halo  # shapes, not text
    assert len(halo["lon"]) == 3 * sum(1 for t in places["text"] if t)  # a band a label
    assert places["textfont"]["shadow"] == "none"
    text = PdfReader(io.BytesIO(export_bytes(bundled, june_2017, "pdf"))).pages[0].extract_text()
    for name in ("Damascus", "Aleppo", "Homs", "Yarmouk Camp", "Palmyra"):
        assert text.count(name) == 1, name


def test_an_arabic_map_prints_arabic_names_and_title(bundled):
    view = MapView(date=pd.Timestamp("2017-06-01"), lang="ar", title="سوريا")
    text = svg_text(export_bytes(bundled, view, "svg"))
    assert "سوريا" in text
    assert "الحكومة السورية" in text
    assert "تنظيم الدولة الإسلامية" in text


def test_a_focus_map_shows_the_place_and_a_shorter_scale_bar(bundled):
    raqqa = bundled.gazetteer.lookup("Raqqa")
    view = MapView(date=pd.Timestamp("2017-10-01"), focus_place=raqqa, radius_km=40)
    text = svg_text(export_bytes(bundled, view, "svg"))
    assert "Raqqa" in text
    whole = svg_text(export_bytes(bundled, MapView(date=pd.Timestamp("2017-10-01")), "svg"))
    bar = re.compile(r"\b0 (\d+) (\d+) km")
    assert int(bar.search(text).group(2)) < int(bar.search(whole).group(2))
