"""`syria-map validate` on broken files: every mistake named with file, row and column."""

from __future__ import annotations

import hashlib

import pytest
from cli_runner import run_cli

HEADER = (
    "event_id,date,date_precision,place,lat,lon,event_type,actor,controller_after,description,"
    "source_title,source_publisher,source_date,source_url,confidence"
)
GOOD = (
    "r1,2017-10-20,day,Raqqa,,,control_change,SDF,sdf,Raqqa taken,"
    "Battle of Raqqa,Wikipedia,2017-10-20,https://en.wikipedia.org/wiki/Battle_of_Raqqa_(2017),high"
)
SRC = "T,P,2017-01-01,,high"


def write(tmp_path, text: str, name: str = "events.csv", binary: bytes | None = None):
    path = tmp_path / name
    if binary is not None:
        path.write_bytes(binary)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def validate(capsys, path):
    before = path.read_bytes()
    result = run_cli(capsys, "validate", str(path))
    assert path.read_bytes() == before, "validate must never modify the file"
    assert "Traceback" not in result.out + result.err
    return result


def test_a_good_file_validates_with_exit_zero(tmp_path, capsys):
    result = validate(capsys, write(tmp_path, f"{HEADER}\n{GOOD}\n"))
    assert result.code == 0
    assert "0 errors, 0 warnings, 1 rows" in result.err


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        (f"r2,2017-13-01,day,Raqqa,,,control_change,x,sdf,d,{SRC}", "date", "not a real date"),
        (f"r2,2017-02-30,day,Raqqa,,,control_change,x,sdf,d,{SRC}", "date", "not a real date"),
        (f"r2,20/10/2017,day,Raqqa,,,control_change,x,sdf,d,{SRC}", "date", "YYYY-MM-DD"),
        (f"r2,2017-10-20,day,Raqqa,,,control_change,x,kurds,d,{SRC}", "controller_after", "kurds"),
        (f"r2,2017-10-20,day,Raqqa,,,control_change,x,,d,{SRC}", "controller_after", "needs"),
        (f"r2,2017-10-20,day,Raqqa,,,capture,x,sdf,d,{SRC}", "event_type", "capture"),
        (f"r2,2017-10-20,day,Raqqqa,,,battle,x,,d,{SRC}", "place", "did you mean 'Raqqa'"),
        (f"r2,2017-10-20,day,,38.9,35.9,battle,x,,d,{SRC}", "lat", "swapped"),
        (f"r2,2017-10-20,day,,95.0,35.9,battle,x,,d,{SRC}", "lat", "not a position"),
        (f"r2,2017-10-20,day,,35.9,abc,battle,x,,d,{SRC}", "lon", "cannot read 'abc'"),
        (f"r2,2017-10-20,day,,,,battle,x,,d,{SRC}", "place", "no location"),
        (f"r1,2017-10-21,day,Raqqa,,,battle,x,,d,{SRC}", "event_id", "duplicate event_id 'r1'"),
        ("r2,2017-10-20,day,Raqqa,,,battle,x,,d,,,,,high", "source_title", "no source"),
        (f"r2,2017-10-20,hour,Raqqa,,,battle,x,,d,{SRC}", "date_precision", "hour"),
    ],
)
def test_each_mistake_is_an_error_naming_row_and_column(tmp_path, capsys, row, column, words):
    result = validate(capsys, write(tmp_path, f"{HEADER}\n{GOOD}\n{row}\n"))
    assert result.code == 1
    line = next(line for line in result.err.splitlines() if f"[{column}]" in line)
    assert line.startswith(f"{tmp_path / 'events.csv'}:3: error [{column}]"), line
    assert words in line


def test_coordinates_outside_the_map_are_a_warning_and_exit_zero(tmp_path, capsys):
    row = f"r2,2017-10-20,day,,48.85,2.35,talks,x,,d,{SRC}"
    result = validate(capsys, write(tmp_path, f"{HEADER}\n{GOOD}\n{row}\n"))
    assert result.code == 0
    assert ":3: warning [lat]: lat 48.85, lon 2.35 is outside the map" in result.out


def test_a_source_dated_in_the_future_is_a_warning(tmp_path, capsys):
    row = "r2,2017-10-20,day,Raqqa,,,battle,x,,d,T,P,2999-01-01,,high"
    result = validate(capsys, write(tmp_path, f"{HEADER}\n{GOOD}\n{row}\n"))
    assert result.code == 0
    assert ":3: warning [source_date]: 2999-01-01 is in the future" in result.out


def test_a_missing_required_column_is_named(tmp_path, capsys):
    header = HEADER.replace("event_type", "evnt_type")
    result = validate(capsys, write(tmp_path, f"{header}\n{GOOD}\n"))
    assert result.code == 1
    assert "required column 'event_type' is missing (is 'evnt_type' meant" in result.err


def test_an_empty_file_is_an_error(tmp_path, capsys):
    result = validate(capsys, write(tmp_path, ""))
    assert result.code == 1
    assert "the file is empty" in result.err


def test_a_header_without_rows_is_an_error(tmp_path, capsys):
    result = validate(capsys, write(tmp_path, HEADER + "\n"))
    assert result.code == 1
    assert "no rows" in result.err


def test_binary_garbage_is_an_error_not_a_traceback(tmp_path, capsys):
    garbage = hashlib.sha512(b"x").digest() * 64 + b"\x00\x01\x02"
    result = validate(capsys, write(tmp_path, "", binary=garbage))
    assert result.code == 1
    assert "binary file" in result.err or "not UTF-8" in result.err


def test_a_wrong_delimiter_is_read_and_reported(tmp_path, capsys):
    text = f"{HEADER}\n{GOOD}\n".replace(",", ";")
    result = validate(capsys, write(tmp_path, text))
    assert result.code == 0
    assert "separated by ';'" in result.out


def test_a_utf8_bom_and_windows_line_endings_are_accepted_with_a_note(tmp_path, capsys):
    text = f"{HEADER}\r\n{GOOD}\r\n"
    path = write(tmp_path, "", binary=b"\xef\xbb\xbf" + text.encode())
    result = validate(capsys, path)
    assert result.code == 0
    assert "byte-order mark" in result.out
    assert "CRLF" in result.out


def test_a_row_with_too_many_fields_names_its_line(tmp_path, capsys):
    result = validate(capsys, write(tmp_path, f"{HEADER}\n{GOOD}\n{GOOD},extra\n"))
    assert result.code == 1
    assert ":3: error: row has 16 fields but the header has 15" in result.err


def test_a_missing_file_is_one_clear_line(tmp_path, capsys):
    result = run_cli(capsys, "validate", str(tmp_path / "nope.csv"))
    assert result.code == 1
    assert "no such file" in result.err


def test_a_geojson_table_reads_into_the_same_table(tmp_path, capsys):
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import Point, box

    rows = pd.DataFrame(
        {
            "event_id": ["g1", "g2"],
            "date": ["2017-10-20", "2018-01-01"],
            "event_type": ["control_change", "control_change"],
            "controller_after": ["sdf", "turkey"],
            "source_title": ["A", "B"],
            "source_publisher": ["P", "P"],
            "source_date": ["2017-10-20", "2018-01-01"],
        }
    )
    frame = gpd.GeoDataFrame(
        rows, geometry=[Point(39.0, 35.95), box(36.6, 36.4, 37.0, 36.7)], crs=4326
    )
    for name, driver in (("t.geojson", "GeoJSON"), ("t.gpkg", "GPKG")):
        frame.to_file(tmp_path / name, driver=driver)
    frame.to_parquet(tmp_path / "t.parquet")
    for name in ("t.geojson", "t.gpkg", "t.parquet"):
        result = validate(capsys, tmp_path / name)
        assert result.code == 0, result.err
        assert "2 rows" in result.err
