"""The read-only HTTP API: the CLI's answers as JSON, the same bad-input rules, and caching."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import pandas as pd
import pytest
from support import run_cli

from dashboard.core.schema import EVENT_COLUMNS_SHOWN
from dashboard.settings import Settings

DATE = "2018-01-01"


@pytest.fixture(scope="module")
def digest(app):
    from dashboard.io.dataset import load_dataset

    return load_dataset(Settings()).table.digest


def cli_frame(capsys, *args: str) -> pd.DataFrame:
    result = run_cli(capsys, *args, "--format", "csv")
    assert result.code == 0, result.err
    return pd.read_csv(io.StringIO(result.out), keep_default_na=False)


def test_control_lists_every_locality_as_the_cli_does(client, capsys, digest):
    response = client.get("/api/v1/control", query_string={"date": DATE})
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["data_version"] == digest and body["date"] == DATE and "warning" not in body
    rows = pd.DataFrame(body["localities"])
    assert list(rows.columns) == ["place", "place_id", "controller", "event_date", "event_id"]
    expected = cli_frame(capsys, "control", "--date", DATE)
    assert rows["place"].tolist() == expected["place"].tolist()
    assert rows["controller"].tolist() == expected["controller"].tolist()
    assert rows["event_id"].tolist() == expected["event_id"].tolist()
    raqqa = rows.set_index("place_id").loc["raqqa"]
    assert (raqqa["controller"], raqqa["event_date"]) == ("sdf", "2017-10-17")


def test_zones_is_the_feature_collection_of_the_zones_command(client, capsys, tmp_path):
    response = client.get("/api/v1/zones", query_string={"date": DATE, "format": "geojson"})
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    served = gpd.read_file(io.BytesIO(response.data))
    assert run_cli(capsys, "zones", "--date", DATE, "--out", str(tmp_path / "z.geojson")).code == 0
    written = gpd.read_file(tmp_path / "z.geojson")
    columns = ["faction", "kind", "area_km2", "data_version"]
    assert served[columns].values.tolist() == written[columns].values.tolist()
    totals = served.groupby("faction")["area_km2"].sum()
    stats = cli_frame(capsys, "stats", "--date", DATE).set_index("faction")["area_km2"]
    assert ((totals / stats[totals.index] - 1).abs() < 0.005).all()


def test_events_come_with_their_sources_as_the_cli_lists_them(client, capsys):
    window = {"from": "2018-05-01", "to": "2018-05-31"}
    body = client.get("/api/v1/events", query_string=window).get_json()
    rows = pd.DataFrame(body["events"])
    assert list(rows.columns) == list(EVENT_COLUMNS_SHOWN)
    expected = cli_frame(capsys, "events", "--from", window["from"], "--to", window["to"])
    assert rows["event_id"].tolist() == expected["event_id"].tolist()
    assert rows["source_title"].str.len().gt(0).all()
    assert rows["date"].between(window["from"], window["to"]).all()


def test_events_by_place_and_type_narrow_the_list(client):
    query = {"place": "Ar Raqqah", "type": "control_change"}
    rows = pd.DataFrame(client.get("/api/v1/events", query_string=query).get_json()["events"])
    assert len(rows) > 0
    assert set(rows["place"]) == {"Raqqa"} and set(rows["event_type"]) == {"control_change"}


def test_stats_at_a_date_and_as_a_series_match_the_cli(client, capsys):
    one = pd.DataFrame(client.get(f"/api/v1/stats?date={DATE}").get_json()["stats"])
    expected = cli_frame(capsys, "stats", "--date", DATE)
    assert one["faction"].tolist() == expected["faction"].tolist()
    assert one["area_km2"].tolist() == expected["area_km2"].tolist()
    query = {"from": "2017-01-01", "to": "2017-03-01", "every": "week"}
    series = pd.DataFrame(client.get("/api/v1/stats", query_string=query).get_json()["stats"])
    args = ["--from", query["from"], "--to", query["to"], "--every", "week"]
    expected = cli_frame(capsys, "stats", *args)
    assert series[["date", "faction"]].values.tolist() == (
        expected[["date", "faction"]].values.tolist()
    )
    assert series["population"].tolist() == expected["population"].tolist()


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("/api/v1/control?date=2018-02-30", "'2018-02-30' is not a real date"),
        ("/api/v1/control?date=yesterday", "cannot read 'yesterday' as a date"),
        ("/api/v1/control?date=2018-01", "not a full date"),
        ("/api/v1/control?date=4754-01-01", "outside the supported years 1900-2100"),
        ("/api/v1/control", "give date"),
        ("/api/v1/control?date=2018-01-01&when=now", "unknown parameter 'when'"),
        ("/api/v1/control?date=2018-01-01&date=2018-02-01", "give date once"),
        ("/api/v1/zones?date=2018-01-01&format=kml", "unknown format 'kml'"),
        ("/api/v1/events?from=2018-06-01&to=2018-05-01", "from is after to"),
        ("/api/v1/events?type=riot", "unknown type 'riot'"),
        ("/api/v1/events?place=Atlantis", "unknown place"),
        ("/api/v1/stats?from=2018-06-01&to=2018-05-01", "from is after to"),
        ("/api/v1/stats?date=2018-01-01&every=year", "unknown every 'year'"),
        ("/api/v1/stats?date=2018-01-01&from=2017-01-01", "either date or from/to"),
        ("/api/v1/stats?from=2017-01-01", "give date, or from and to"),
        ("/api/v1/stats?from=1900-01-01&to=2100-12-31&every=day", "73,414 dates"),
    ],
)
def test_bad_input_is_a_400_with_a_one_line_reason(client, url, reason):
    response = client.get(url)
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    assert "\n" not in response.get_data(as_text=True)
    assert reason in response.get_json()["error"]


def test_a_date_after_the_data_answers_with_a_warning(client):
    body = client.get("/api/v1/stats?date=2030-01-01").get_json()
    assert "after the data's last date (2026-03-10)" in body["warning"]
    assert len(body["stats"]) > 0
    zones = json.loads(client.get("/api/v1/zones?date=2030-01-01").data)
    assert zones["type"] == "FeatureCollection" and "2030-01-01 is after" in zones["warning"]
    events = client.get("/api/v1/events?from=2026-03-01&to=2027-01-01").get_json()
    assert "2027-01-01 is after" in events["warning"]


def test_answers_carry_an_etag_and_may_be_cached_for_an_hour(client):
    first = client.get(f"/api/v1/control?date={DATE}")
    assert first.headers["Cache-Control"] == "public, max-age=3600"
    etag = first.headers["ETag"]
    again = client.get(f"/api/v1/control?date={DATE}")
    assert again.headers["ETag"] == etag
    other = client.get("/api/v1/control?date=2018-01-02")
    assert other.headers["ETag"] != etag


def test_a_matching_if_none_match_gets_a_304_without_a_body(client):
    etag = client.get(f"/api/v1/stats?date={DATE}").headers["ETag"]
    cached = client.get(f"/api/v1/stats?date={DATE}", headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.data == b""
    assert cached.headers["ETag"] == etag
    assert cached.headers["Cache-Control"] == "public, max-age=3600"
    weak = client.get(f"/api/v1/stats?date={DATE}", headers={"If-None-Match": f"W/{etag}"})
    assert weak.status_code == 304
    stale = client.get(f"/api/v1/stats?date={DATE}", headers={"If-None-Match": '"old"'})
    assert stale.status_code == 200


def test_the_etag_follows_the_data_version():
    from werkzeug.datastructures import MultiDict

    from dashboard.web.api import request_etag

    args = MultiDict({"date": DATE})
    assert request_etag("aaa", "/api/v1/control", args) != request_etag(
        "bbb", "/api/v1/control", args
    )
