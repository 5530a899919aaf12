"""`syria-map validate` on broken files: every mistake named with file, row and column."""

from __future__ import annotations

import hashlib

import pytest
from support import run_cli

HEADER = (
    "event_id,date,date_precision,place,lat,lon,event_type,actor,controller_after,description,"
    "source_title,source_publisher,source_date,source_url,confidence"
)
GOOD = (
    "r1,2017-10-20,day,Raqqa,,,control_change,SDF,sdf,Raqqa taken,"
    "Battle of Raqqa,Wikipedia,2017-10-20,https://en.wikipedia.org/wiki/Battle_of_Raqqa_(2017),high"
)
SRC = "T,P,2020-01-01,,high"


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
    row = "r2,2017-10-20,day,Raqqa,,,battle,x,,d,T,P,2099-01-01,,high"
    result = validate(capsys, write(tmp_path, f"{HEADER}\n{GOOD}\n{row}\n"))
    assert result.code == 0
    assert ":3: warning [source_date]: 2099-01-01 is in the future" in result.out


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


def test_assads_government_after_its_fall_is_an_error(tmp_path, capsys):
    row = "r2,2025-01-10,day,Raqqa,,,control_change,SAA,government,d,T,P,2025-02-01,,high"
    result = validate(capsys, write(tmp_path, f"{HEADER}\n{row}\n"))
    assert result.code == 1
    assert ":2: error [controller_after]: 'government'" in result.out + result.err
    assert "only until 2024-12-08" in result.out + result.err


def test_the_transitional_government_before_8_december_2024_is_an_error(tmp_path, capsys):
    row = "r2,2024-12-07,day,Raqqa,,,control_change,MoD,transitional,d,T,P,2025-02-01,,high"
    result = validate(capsys, write(tmp_path, f"{HEADER}\n{row}\n"))
    assert result.code == 1
    assert "only from 2024-12-08, not on 2024-12-07" in result.out + result.err


def test_a_source_dated_before_its_event_is_an_error_unless_it_announced_it(tmp_path, capsys):
    battle = "r2,2018-03-10,day,Raqqa,,,battle,x,,d,T,P,2018-03-09,,high"
    talks = "r3,2018-03-10,day,Raqqa,,,announcement,x,,d,T,P,2018-03-01,,high"
    result = validate(capsys, write(tmp_path, f"{HEADER}\n{battle}\n{talks}\n"))
    assert result.code == 1
    assert (
        ":2: error [source_date]: the source (2018-03-09) is dated before the event"
        in result.out + result.err
    )
    assert ":3: error" not in result.out + result.err


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_a_date_outside_the_supported_years_is_an_error_with_row_and_column(tmp_path, capsys, date):
    row = f"r2,{date},day,Raqqa,,,battle,x,,d,{SRC}"
    result = validate(capsys, write(tmp_path, f"{HEADER}\n{row}\n"))
    assert result.code == 1
    assert (
        f":2: error [date]: '{date}' is outside the supported years 1900-2100"
        in result.out + result.err
    )


def test_an_unknown_source_date_kind_is_an_error(tmp_path, capsys):
    header = HEADER + ",source_date_kind"
    row = f"r2,2018-03-10,day,Raqqa,,,battle,x,,d,{SRC},visited"
    result = validate(capsys, write(tmp_path, f"{header}\n{row}\n"))
    assert result.code == 1
    assert "error [source_date_kind]: unknown value 'visited'" in result.out + result.err


def test_a_utf16_csv_as_excel_saves_it_is_read(tmp_path, capsys):
    text = f"{HEADER}\r\n{GOOD}\r\n"
    path = write(tmp_path, "", binary=b"\xff\xfe" + text.encode("utf-16-le"))
    result = validate(capsys, path)
    assert result.code == 0, result.out + result.err
    assert "UTF-16" in result.out + result.err


def test_a_wkt_polygon_in_a_csv_is_an_area_and_bad_wkt_is_an_error(tmp_path, capsys):
    header = HEADER + ",geometry"
    polygon = '"POLYGON ((38 35, 39 35, 39 36, 38 35))"'
    area = f"r2,2018-03-10,day,,,,control_change,x,sdf,d,{SRC},{polygon}"
    bad = f"r3,2018-03-10,day,,,,control_change,x,sdf,d,{SRC},POLYGON ((38 35"
    assert validate(capsys, write(tmp_path, f"{header}\n{area}\n")).code == 0
    result = validate(capsys, write(tmp_path, f"{header}\n{bad}\n", "bad.csv"))
    assert result.code == 1
    assert ":2: error [geometry]: cannot read" in result.out + result.err


@pytest.mark.parametrize("coordinate", ["NaN", "Infinity"])
def test_nan_or_infinite_coordinates_in_geojson_are_errors(tmp_path, capsys, coordinate):
    feature = (
        '{"type":"Feature","geometry":{"type":"Point","coordinates":[' + coordinate + ",35.0]},"
        '"properties":{"event_id":"g1","date":"2018-03-10","event_type":"battle",'
        '"source_title":"T","source_publisher":"P","source_date":"2020-01-01"}}'
    )
    path = write(tmp_path, '{"type":"FeatureCollection","features":[' + feature + "]}", "e.geojson")
    result = validate(capsys, path)
    assert result.code == 1, result.out
    assert "Traceback" not in result.out + result.err


def test_a_windows_1256_csv_with_arabic_text_is_read_with_a_note(tmp_path, capsys):
    row = "r2,2017-10-20,day,Raqqa,,,battle,x,,معركة في الرقة,T,P,2020-01-01,,high"
    path = write(tmp_path, "", binary=f"{HEADER}\r\n{row}\r\n".encode("cp1256"))
    result = validate(capsys, path)
    assert result.code == 0, result.out + result.err
    assert "Windows-1256" in result.out


def test_bytes_that_are_neither_utf8_nor_arabic_windows_text_get_a_clear_error(tmp_path, capsys):
    path = write(tmp_path, "", binary=f"{HEADER}\n".encode() + b"r2,\xe9t\xe9 \xe0 Paris\n")
    result = validate(capsys, path)
    assert result.code == 1
    assert "not UTF-8 text" in result.err and "save the file as UTF-8" in result.err
