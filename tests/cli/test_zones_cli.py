"""`syria-map zones` writes the zones as GIS features (held and inferred land per faction, with
area and data version), and `control --format geojson` the localities as points; both read
back with geopandas and agree with `stats` and `control`."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from support import run_cli

from dashboard.io.dataset import load_dataset
from dashboard.settings import Settings

DATE = "2018-01-01"
WORLD_EQUAL_AREA = 6933  # EASE-Grid 2.0: an equal-area CRS other than the model's own


@pytest.fixture(scope="module")
def digest():
    return load_dataset(Settings()).table.digest


def stats_areas(capsys, date: str = DATE) -> pd.Series:
    result = run_cli(capsys, "stats", "--date", date, "--format", "csv")
    assert result.code == 0, result.err
    stats = pd.read_csv(io.StringIO(result.out)).set_index("faction")
    return stats.loc[stats["area_km2"] > 0, "area_km2"]


def write_zones(capsys, out, date: str = DATE) -> gpd.GeoDataFrame:
    result = run_cli(capsys, "zones", "--date", date, "--out", str(out))
    assert result.code == 0, result.err
    return gpd.read_file(out)


@pytest.mark.parametrize("date", ["2016-06-01", DATE, "2025-06-01"])
def test_the_zones_geojson_areas_add_up_to_stats_per_faction(capsys, tmp_path, date):
    zones = write_zones(capsys, tmp_path / "zones.geojson", date)
    totals = zones.groupby("faction")["area_km2"].sum()
    expected = stats_areas(capsys, date)
    assert sorted(totals.index) == sorted(expected.drop("none", errors="ignore").index)
    ratio = totals / expected[totals.index]
    assert ((ratio - 1).abs() < 0.005).all(), ratio


def test_each_feature_area_matches_its_geometry_in_an_equal_area_crs(capsys, tmp_path):
    zones = write_zones(capsys, tmp_path / "zones.geojson")
    assert zones.crs.to_epsg() == 4326
    measured = zones.to_crs(WORLD_EQUAL_AREA).area / 1e6
    ratio = measured / zones["area_km2"]
    assert ((ratio - 1).abs() < 0.005).all(), ratio


def test_the_zones_file_has_held_and_inferred_features_and_the_data_version(
    capsys, tmp_path, digest
):
    zones = write_zones(capsys, tmp_path / "zones.geojson")
    assert set(zones["kind"]) == {"held", "inferred"}
    assert not zones.duplicated(["faction", "kind"]).any()
    assert set(zones["data_version"]) == {digest}
    assert set(zones["date"].astype(str).str[:10]) == {DATE}
    held = zones[zones["kind"] == "held"].set_index("faction")["area_km2"]
    result = run_cli(capsys, "stats", "--date", DATE, "--format", "csv")
    stats = pd.read_csv(io.StringIO(result.out)).set_index("faction")
    assert ((held / stats.loc[held.index, "held_km2"] - 1).abs() < 0.005).all()
    raqqa = zones[zones.contains(shapely.Point(39.01, 35.95))]
    assert list(raqqa["faction"]) == ["sdf"] and list(raqqa["kind"]) == ["held"]


def test_the_geopackage_and_the_csv_hold_the_same_features(capsys, tmp_path):
    geojson = write_zones(capsys, tmp_path / "zones.geojson")
    gpkg = write_zones(capsys, tmp_path / "zones.gpkg")
    assert gpd.list_layers(tmp_path / "zones.gpkg")["name"].tolist() == ["zones"]
    result = run_cli(capsys, "zones", "--date", DATE, "--out", str(tmp_path / "zones.csv"))
    assert result.code == 0, result.err
    csv = pd.read_csv(tmp_path / "zones.csv")
    assert list(csv.columns) == ["date", "faction", "name", "kind", "area_km2", "data_version",
                                 "geometry"]  # fmt: skip
    wkt = gpd.GeoSeries.from_wkt(csv["geometry"], crs=4326)
    for other in (gpkg, gpd.GeoDataFrame(csv, geometry=wkt)):
        assert other[["faction", "kind"]].values.tolist() == (
            geojson[["faction", "kind"]].values.tolist()
        )
        assert other["area_km2"].tolist() == geojson["area_km2"].tolist()
        apart = other.geometry.symmetric_difference(geojson.geometry)
        assert (apart.to_crs(WORLD_EQUAL_AREA).area < 1000).all()  # m²


def test_a_zones_file_with_another_extension_is_refused_and_nothing_is_written(capsys, tmp_path):
    out = tmp_path / "zones.kml"
    result = run_cli(capsys, "zones", "--date", DATE, "--out", str(out))
    assert result.code == 2
    assert "FILE.geojson, FILE.gpkg or FILE.csv" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not out.exists()


def test_a_zones_file_replaces_an_earlier_one_whole_and_leaves_no_temporary(capsys, tmp_path):
    out = tmp_path / "zones.geojson"
    out.write_text("old")
    write_zones(capsys, out)
    assert json.loads(out.read_text())["type"] == "FeatureCollection"
    assert [p.name for p in tmp_path.iterdir()] == ["zones.geojson"]


def test_a_zones_file_in_a_missing_folder_exits_1_with_one_line(capsys, tmp_path):
    result = run_cli(capsys, "zones", "--date", DATE, "--out", str(tmp_path / "no" / "z.csv"))
    assert result.code == 1
    assert "does not exist" in result.err


def test_control_as_geojson_gives_every_locality_as_a_point(capsys):
    result = run_cli(capsys, "control", "--date", DATE, "--format", "geojson")
    assert result.code == 0, result.err
    points = gpd.read_file(io.StringIO(result.out))
    assert set(points.geom_type) == {"Point"}
    assert list(points.columns) == ["place", "controller", "event_date", "event_id", "geometry"]
    table = run_cli(capsys, "control", "--date", DATE, "--format", "csv")
    rows = pd.read_csv(io.StringIO(table.out), keep_default_na=False)
    assert points["place"].tolist() == rows["place"].tolist()
    assert points["controller"].tolist() == rows["controller"].tolist()
    raqqa = points[points["place"] == "Raqqa"].iloc[0]
    assert raqqa["controller"] == "sdf" and str(raqqa["event_date"])[:10] == "2017-10-17"
    assert raqqa.geometry.distance(shapely.Point(39.01, 35.95)) < 0.05


def test_control_as_geojson_of_an_asked_point_is_that_point(capsys):
    result = run_cli(capsys, "control", "--date", DATE, "--at", "35.9,39.0", "--format", "geojson")
    assert result.code == 0, result.err
    feature = json.loads(result.out)["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [39.0, 35.9]}
    assert feature["properties"]["controller"] == "sdf"
