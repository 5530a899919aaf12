"""Bad input gets a clear message, not a traceback: dates outside 1900-2100, NaN or infinite
coordinates, and a GeoPackage with more than one layer (read the one named, or all, and say)."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point
from support import HEADER, run_cli, source

from dashboard.io.events import check_file, load_events
from dashboard.io.geography import load_gazetteer
from dashboard.io.importers import import_file

ROW = "{id},{date},Raqqa,,,battle,x,,fighting,{source}\n"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture
def far_dates_csv(tmp_path):
    path = tmp_path / "far.csv"
    rows = [ROW.format(id=i, date=d, source=source()) for i, d in
            [("a", "0001-01-01"), ("b", "9999-12-31"), ("c", "2017-01-01")]]  # fmt: skip
    path.write_text(HEADER + "".join(rows))
    return path


def test_dates_in_year_1_or_9999_are_errors_in_validate(capsys, far_dates_csv):
    result = run_cli(capsys, "validate", str(far_dates_csv))
    assert result.code == 1
    assert "far.csv:2: error [date]: '0001-01-01' is outside the supported years" in result.err
    assert "far.csv:3: error [date]: '9999-12-31' is outside the supported years" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("command", [["stats", "--date", "2017-01-01"], ["events"]])
def test_dates_in_year_1_or_9999_in_data_exit_1_with_one_line(capsys, far_dates_csv, command):
    result = run_cli(capsys, *command, "--data", str(far_dates_csv))
    assert result.code == 1
    assert result.err.startswith("syria-map: ") and "outside the supported years" in result.err
    assert "Traceback" not in result.err


def test_a_ucdp_file_with_year_1_is_rejected_by_the_importer(tmp_path):
    from support import UCDP_SUBSET

    frame = pd.read_csv(UCDP_SUBSET, dtype=str, keep_default_na=False)
    frame.loc[0, ["date_start", "date_end"]] = "0001-01-01 00:00:00.000"
    frame.loc[1, ["date_start", "date_end"]] = "9999-12-31"
    path = tmp_path / "ucdp.csv"
    frame.to_csv(path, index=False)
    result = import_file(path)
    assert result.rejects["row"].tolist()[:2] == [2, 3]
    assert "1900-2100" in result.rejects["reason"].iloc[0]


@pytest.fixture
def nan_geojson(tmp_path):
    """Two features, one at lon NaN and one at lon Infinity (as json.dumps writes them)."""
    props = {"date": "2017-01-01", "event_type": "battle", "source_title": "T",
             "source_publisher": "P", "source_date": "2017-01-02"}  # fmt: skip
    features = [
        {"type": "Feature", "properties": {**props, "event_id": event_id},
         "geometry": {"type": "Point", "coordinates": [lon, 35.0]}}
        for event_id, lon in (("a", float("nan")), ("b", float("inf")))
    ]  # fmt: skip
    path = tmp_path / "nan.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_nan_or_infinite_coordinates_in_geojson_are_one_clear_error(capsys, nan_geojson):
    result = run_cli(capsys, "stats", "--date", "2017-01-01", "--data", str(nan_geojson))
    assert result.code == 1
    assert "NaN or infinite coordinates" in result.err.splitlines()[0]
    assert "Traceback" not in result.err


@pytest.fixture
def two_layer_gpkg(tmp_path):
    """A GeoPackage of two layers: 'first' (a battle) and 'second' (a battle and a change)."""
    base = {"date": "2017-01-01", "event_type": "battle", "place": "Raqqa", "actor": "SDF",
            "source_title": "T", "source_publisher": "P", "source_date": "2017-01-02"}  # fmt: skip
    first = [{**base, "event_id": "a1"}]
    second = [{**base, "event_id": "b1"},
              {**base, "event_id": "b2", "event_type": "control_change",
               "controller_after": "sdf"}]  # fmt: skip
    path = tmp_path / "two.gpkg"
    for name, rows in (("first", first), ("second", second)):
        frame = gpd.GeoDataFrame(rows, geometry=[Point(39.0, 35.95)] * len(rows), crs=4326)
        frame.to_file(path, layer=name, driver="GPKG")
    return path


def test_every_layer_of_a_geopackage_is_read_and_named(gazetteer, two_layer_gpkg):
    result = check_file(two_layer_gpkg, gazetteer)
    assert sorted(result.table["event_id"]) == ["a1", "b1", "b2"]
    assert any("2 layers (first, second)" in w.message for w in result.warnings)


def test_the_named_layer_alone_is_read(gazetteer, two_layer_gpkg):
    table = load_events([two_layer_gpkg], gazetteer, layer="second")
    assert sorted(table.events["event_id"]) == ["b1", "b2"]
    assert table.notes == ()


def test_an_unknown_layer_is_one_line_naming_the_layers(capsys, two_layer_gpkg):
    result = run_cli(capsys, "events", "--data", str(two_layer_gpkg), "--layer", "third")
    assert result.code == 1
    assert "no layer 'third'" in result.err and "first, second" in result.err


def test_commands_say_which_layers_they_read(capsys, two_layer_gpkg):
    result = run_cli(capsys, "events", "--data", str(two_layer_gpkg), "--format", "csv")
    assert result.code == 0, result.err
    assert result.out.count("\n") == 4  # header and three events
    assert "note:" in result.err and "2 layers (first, second)" in result.err
    assert "UserWarning" not in result.err
    one = run_cli(capsys, "events", "--data", str(two_layer_gpkg), "--layer", "first")
    assert one.code == 0 and "a1" in one.out and "b1" not in one.out and "note" not in one.err


def test_import_reads_the_named_layer_or_reports_all(capsys, tmp_path, two_layer_gpkg):
    out = tmp_path / "out.csv"
    one = run_cli(capsys, "import", str(two_layer_gpkg), "--out", str(out), "--layer", "first")
    assert one.code == 0, one.err
    assert pd.read_csv(out)["event_id"].tolist() == ["a1"]
    both = run_cli(capsys, "import", str(two_layer_gpkg), "--out", str(out))
    assert both.code == 0, both.err
    assert "note: the GeoPackage has 2 layers (first, second)" in both.out
    assert sorted(pd.read_csv(out)["event_id"]) == ["a1", "b1", "b2"]
