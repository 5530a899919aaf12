"""What goes over the wire: gzip for text of 1 KB or more when accepted, year-long caching for
fingerprinted files, and conditional requests that still match a compressed response."""

from __future__ import annotations

import gzip
import re

import pytest

from dashboard.web.transfer import IMMUTABLE, is_text

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.fixture(scope="module")
def page_urls(app) -> list[str]:
    html = app.server.test_client().get("/").get_data(as_text=True)
    return re.findall(r'src="([^"]+)"', html) + re.findall(r'href="([^"]+)"', html)


def test_the_page_is_gzipped_when_the_browser_accepts_it(client):
    plain = client.get("/")
    packed = client.get("/", headers=GZIP)
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert _same_page(gzip.decompress(packed.data), plain.data)
    assert len(packed.data) < len(plain.data) / 3
    assert int(packed.headers["Content-Length"]) == len(packed.data)


def _same_page(a: bytes, b: bytes) -> bool:
    """The same page but for Dash's per-request `end_id`."""
    end_id = re.compile(rb'"end_id":"[^"]*"')
    return end_id.sub(b"", a) == end_id.sub(b"", b)


def test_a_client_that_does_not_accept_gzip_gets_the_plain_body(client):
    plain = client.get("/", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert "Accept-Encoding" in plain.headers["Vary"]
    assert plain.get_data(as_text=True).startswith("<!DOCTYPE html>")


def test_a_response_under_1_kb_is_sent_as_it_is(client):
    small = client.get("/api/v1/stats?date=2018-01-01", headers=GZIP)
    assert len(small.data) < 1024
    assert "Content-Encoding" not in small.headers


def test_only_text_is_compressed():
    assert is_text("text/html") and is_text("application/javascript")
    assert is_text("application/json") and is_text("application/geo+json")
    assert not is_text("image/png") and not is_text("application/octet-stream")


def test_fingerprinted_component_suites_are_cached_for_a_year_as_immutable(client, page_urls):
    suites = [u for u in page_urls if "_dash-component-suites" in u and re.search(r"\.v\d", u)]
    assert suites
    for url in suites:
        response = client.get(url, headers=GZIP)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == IMMUTABLE
        assert response.headers["Content-Encoding"] == "gzip"


def test_assets_stamped_by_dash_are_immutable_and_others_revalidate(client, page_urls):
    stamped = [u for u in page_urls if "/assets/" in u and "?m=" in u]
    assert any("dashboard.js" in u for u in stamped)
    for url in stamped:
        assert client.get(url, headers=GZIP).headers["Cache-Control"] == IMMUTABLE
    topojson = client.get("/assets/topojson/world_110m.json", headers=GZIP)
    assert topojson.status_code == 200 and topojson.headers["Content-Encoding"] == "gzip"
    assert "immutable" not in topojson.headers.get("Cache-Control", "")
    assert len(topojson.data) < 70_000  # 137 KB of TopoJSON


@pytest.mark.parametrize(
    "url",
    [
        "/assets/topojson/world_110m.json",
        "/_dash-component-suites/plotly/package_data/plotly.min.js",
    ],
)
def test_a_compressed_files_weak_etag_still_gets_a_304(client, url):
    first = client.get(url, headers=GZIP)
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    again = client.get(url, headers={**GZIP, "If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_a_missing_stamped_asset_is_not_cached_as_immutable(client):
    missing = client.get("/assets/nothing-here.js?m=1")
    assert missing.status_code == 404
    assert "immutable" not in missing.headers.get("Cache-Control", "")
