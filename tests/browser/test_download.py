"""The dashboard's "Download map" control saves the current view as a publishable file."""

from __future__ import annotations

import pytest
from PIL import Image
from pypdf import PdfReader

from browser.helpers import open_map

pytestmark = pytest.mark.browser


def download(tab, fmt: str):
    tab.check(f"#download-format input[value={fmt}]")
    with tab.expect_download(timeout=90_000) as info:
        tab.click("#download-button")
    return info.value


def test_the_download_button_saves_the_current_view_as_a_png(tab, app_url):
    open_map(tab, app_url + "/?date=2017-06-01")
    saved = download(tab, "png")
    assert saved.suggested_filename == "syria-control-2017-06-01.png"
    with Image.open(saved.path()) as image:
        assert image.format == "PNG"
        assert image.size == (1600, 1000)
        assert image.text["Date"] == "2017-06-01"
        assert image.text["DataVersion"]


def test_a_pdf_download_keeps_the_compare_date_and_is_one_page_of_text(tab, app_url):
    open_map(tab, app_url + "/?date=2018-03-01&compare=2017-06-01")
    saved = download(tab, "pdf")
    assert saved.suggested_filename == "syria-control-2018-03-01-since-2017-06-01.pdf"
    reader = PdfReader(saved.path())
    assert len(reader.pages) == 1
    assert "Zones are approximations" in reader.pages[0].extract_text()
    assert reader.metadata["/CompareDate"] == "2017-06-01"
