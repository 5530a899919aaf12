"""Exports an editor can use as they are (issue 12): presets, close-ups, series legends, GIF
size, PDF text and the caption sidecar. Each test opens the file that was written."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader
from support import run_cli

from dashboard.core.factions import FACTION_CODES, faction_name
from dashboard.core.stats import held_at
from dashboard.core.view import MapView
from dashboard.export import export_series, frame_dates, page_size, view_for
from dashboard.export import image as image_module
from dashboard.export.decorate import MIN_LABEL_PX
from dashboard.export.errors import ExportError
from dashboard.export.image import factions_in_frame

pytestmark = pytest.mark.export

SVG = "{http://www.w3.org/2000/svg}"
HALO = "text-shadow"  # only the place labels carry a halo


def svg_texts(path) -> tuple[ET.Element, list[tuple[str, float, str]]]:
    """The SVG root and (style, font-size px, text) of each <text>."""
    root = ET.parse(path).getroot()
    texts = []
    for el in root.iter(f"{SVG}text"):
        style = el.get("style") or ""
        size = re.search(r"font-size:\s*([\d.]+)px", style)
        texts.append((style, float(size.group(1)) if size else 0.0, "".join(el.itertext())))
    return root, texts


def css_px_per_unit(root: ET.Element) -> float:
    """CSS px on the written page (at 1x) per SVG user unit, from width and viewBox."""
    view_box = root.get("viewBox")
    if not view_box:
        return 1.0
    return float(root.get("width")) / float(view_box.split()[2])


def legend_faction_names(texts) -> list[str]:
    names = {faction_name(code): code for code in (*FACTION_CODES, "none")}
    return [names[t] for _, _, t in texts if t in names]


def export_preset(capsys, preset: str, out):
    return run_cli(capsys, "export", "--date", "2017-06-01", "--preset", preset, "--out", str(out))


def test_presets_set_the_page_and_explicit_values_override_them():
    assert page_size("article") == (700, 500, 2.0)
    assert page_size("social") == (1200, 630, 1.0)
    assert page_size("square") == (1080, 1080, 1.0)
    assert page_size("print-a4", out="m.pdf") == (1123, 794, 1.0)
    assert page_size("print-letter", out="m.pdf") == (1056, 816, 1.0)
    assert page_size(None) == (1600, 1000, 1.0)
    assert page_size("article", width=900, scale=1) == (900, 500, 1.0)
    with pytest.raises(ExportError, match=r"writes a \.pdf"):
        page_size("print-a4", out="m.png")


@pytest.mark.parametrize(("preset", "size"), [("article", (1400, 1000)), ("social", (1200, 630)),
                                              ("square", (1080, 1080))])  # fmt: skip
def test_a_preset_png_has_its_size(capsys, tmp_path, preset, size):
    out = tmp_path / "map.png"
    result = export_preset(capsys, preset, out)
    assert result.code == 0, result.err
    with Image.open(out) as image:
        assert image.size == size


@pytest.mark.parametrize(("preset", "points"), [("print-a4", (842, 595)),
                                                ("print-letter", (792, 612))])  # fmt: skip
def test_a_print_preset_is_a_pdf_page_of_that_paper_with_fonts_embedded(
    capsys, tmp_path, preset, points
):
    out = tmp_path / "map.pdf"
    result = export_preset(capsys, preset, out)
    assert result.code == 0, result.err
    page = PdfReader(out).pages[0]
    box = page.mediabox
    assert float(box.width) == pytest.approx(points[0], abs=1.5)
    assert float(box.height) == pytest.approx(points[1], abs=1.5)
    fonts = page["/Resources"]["/Font"]
    assert fonts
    for font in fonts.values():
        font = font.get_object()
        descendants = font.get("/DescendantFonts")
        descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
        assert any(k.startswith("/FontFile") for k in descriptor.get_object()), font["/BaseFont"]


@pytest.mark.parametrize("preset", ["article", "social", "square"])
def test_place_labels_are_at_least_11_px_at_the_presets_size(capsys, tmp_path, preset):
    out = tmp_path / "map.svg"
    result = export_preset(capsys, preset, out)
    assert result.code == 0, result.err
    root, texts = svg_texts(out)
    labels = [(size, t) for style, size, t in texts if HALO in style and t.strip()]
    assert any(t == "Damascus" for _, t in labels)
    scale = float(root.get("width")) / page_size(preset)[0]  # the preset's --scale
    per_css_px = css_px_per_unit(root) / scale
    assert min(size for size, _ in labels) * per_css_px >= MIN_LABEL_PX - 0.01


def test_a_close_up_names_villages_and_lists_only_the_factions_in_frame(bundled, capsys, tmp_path):
    out = tmp_path / "raqqa.svg"
    result = run_cli(
        capsys, "export", "--date", "2017-10-20", "--focus", "Raqqa", "--radius", "40",
        "--out", str(out),
    )  # fmt: skip
    assert result.code == 0, result.err
    _, texts = svg_texts(out)
    labels = {t for style, _, t in texts if HALO in style and t.strip()}
    places = bundled.gazetteer.places
    villages = set(places.loc[places["kind"] == "village", "name"])
    assert "Raqqa" in labels
    assert labels & villages, labels  # villages near Raqqa are named
    national = tmp_path / "syria.svg"
    run_cli(capsys, "export", "--date", "2017-10-20", "--out", str(national))
    _, whole = svg_texts(national)
    national_labels = {t for style, _, t in whole if HALO in style and t.strip()}
    assert len(labels & villages) > len(national_labels & villages & labels)
    view = view_for(bundled, "2017-10-20", focus="Raqqa", radius_km=40)
    in_frame = factions_in_frame(bundled, view, view.date)
    listed = legend_faction_names(texts)
    held = held_at(bundled.model, view.date)
    everywhere = set(held.loc[held["area_km2"] > 0, "faction"])
    assert listed and set(listed) <= in_frame
    assert set(listed) == in_frame & everywhere
    assert len(listed) < len(everywhere)  # fewer than the national legend


def test_a_series_keeps_one_legend_order_and_height(bundled, june_2017, tmp_path, monkeypatch):
    seen = []
    real = image_module.publication_figure

    def recording(*args, **kwargs):
        figure = real(*args, **kwargs)
        seen.append(figure["layout"]["meta"]["legend"])
        return figure

    monkeypatch.setattr(image_module, "publication_figure", recording)
    # 2016 to 2018: the Islamic State's share shrinks from largest to small
    dates = pd.DatetimeIndex(["2016-01-01", "2017-06-01", "2018-06-01"])
    export_series(bundled, june_2017, dates, f"{tmp_path}/frames/", width=400, height=250)
    assert len(seen) == 3
    assert seen[0] == seen[1] == seen[2]
    assert seen[0] == [c for c in (*FACTION_CODES, "none") if c in seen[0]]  # vocabulary order
    written = sorted(p.name for p in (tmp_path / "frames").iterdir())
    assert written == ["2016-01-01.png", "2017-06-01.png", "2018-06-01.png"]


def test_a_12_frame_article_gif_fits_a_quarter_of_3_mb(bundled, june_2017, tmp_path):
    width, height, scale = page_size("article")
    dates = frame_dates(bundled, pd.Timestamp("2016-01-01"), pd.Timestamp("2016-12-01"), "month")
    assert len(dates) == 12
    out = export_series(
        bundled, june_2017, dates, tmp_path / "war.gif", width=width, height=height, scale=scale
    )
    assert out.stat().st_size <= 12 / 48 * 3 * 1024 * 1024
    with Image.open(out) as gif:
        assert gif.n_frames == 12
        assert gif.size == (1400, 1000)
        gif.seek(11)
        last = gif.convert("RGB")
    # the differenced last frame still shows the whole map, not just what changed
    colours = {c for _, c in last.getcolors(maxcolors=1 << 20)}
    assert (255, 255, 255) in colours and len(colours) > 20


def test_pdf_text_gives_each_name_once(bundled, june_2017):
    from dashboard.export import export_bytes

    text = PdfReader(io.BytesIO(export_bytes(bundled, june_2017, "pdf"))).pages[0].extract_text()
    assert "RaqqaRaqqa" not in text and "DamascusDamascus" not in text
    lines = text.splitlines()
    assert sum(line.count("Damascus") for line in lines) == 1
    assert sum(line.count("Raqqa") for line in lines) >= 1
    assert all(line.count("Raqqa") <= 1 for line in lines)


def test_the_caption_sidecar_says_what_the_data_says(bundled, capsys, tmp_path):
    out = tmp_path / "syria.png"
    result = run_cli(
        capsys, "export", "--date", "2017-12-31", "--compare", "2017-06-01", "--caption",
        "--out", str(out), "--width", "400", "--height", "250",
    )  # fmt: skip
    assert result.code == 0, result.err
    side = tmp_path / "syria.caption.txt"
    assert side.is_file()
    body = side.read_text(encoding="utf-8")
    held = held_at(bundled.model, pd.Timestamp("2017-12-31"))
    total = held["area_km2"].sum()
    government = held.set_index("faction").loc["government", "area_km2"]
    assert body.startswith("Caption: Shares of Syria held on 31 December 2017: ")
    assert f"Syrian government {round(100 * government / total)}%" in body
    for code, area in zip(held["faction"], held["area_km2"], strict=True):
        share = round(100 * area / total)
        if code != "none" and share > 0:
            assert f"{faction_name(code)} {share}%" in body, code
    assert " 0%" not in body
    events = int((bundled.table.events["date"] <= pd.Timestamp("2017-12-31")).sum())
    assert f"zones derived from {events} dated events; approximate" in body
    assert "Between 1 June 2017 and 31 December 2017 " in body
    before = held_at(bundled.model, pd.Timestamp("2017-06-01")).set_index("faction")["area_km2"]
    gain = government - before["government"]
    verb = "gained" if gain > 0 else "lost"
    assert f"Syrian government {verb} {round(abs(gain), -2):,.0f} km²" in body
    assert "Alt text: Map of Syria on 31 December 2017" in body
    assert "Natural Earth" in body and "GeoNames" in body


def test_an_arabic_caption_is_in_arabic(bundled, tmp_path):
    from dashboard.export import caption_lines

    view = view_for(bundled, "2017-06-01", lang="ar")
    lines = caption_lines(bundled, view)
    assert "سوريا" in lines["caption"] and "الحكومة السورية" in lines["caption"]
    assert lines["credits"].startswith("المصادر")
    assert "Boundaries" not in lines["credits"] and "Natural Earth" in lines["credits"]


def test_an_arabic_caption_and_legend_give_areas_in_arabic_units(bundled):
    from dashboard.export import caption_lines
    from dashboard.export.decorate import legend_rows

    view = MapView(date=pd.Timestamp("2017-12-31"), compare_date=pd.Timestamp("2017-06-01"))
    caption = caption_lines(bundled, replace(view, lang="ar"))["caption"]
    assert "كسب" in caption and "كم²" in caption and "km²" not in caption
    held = held_at(bundled.model, view.date)
    assert all(area.endswith("%)") and "كم²" in area for *_, area in legend_rows(held, lang="ar"))
    assert all("km²" in area for *_, area in legend_rows(held))


def test_a_big_gif_gets_a_note_pointing_to_mp4(tmp_path):
    from dashboard.export import size_note
    from dashboard.export.caption import GIF_NOTE_BYTES

    small, big = tmp_path / "small.gif", tmp_path / "big.gif"
    small.write_bytes(b"GIF89a")
    big.write_bytes(b"\0" * (GIF_NOTE_BYTES + 1))
    assert size_note(small) is None
    note = size_note(big)
    assert note is not None and "big.mp4" in note and "MB" in note
