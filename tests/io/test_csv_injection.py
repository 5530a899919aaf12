"""Every CSV the project writes neutralises spreadsheet formulas (OWASP): a text cell starting
with = + - @, a tab or a carriage return gets a leading single quote; numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from support import HEADER, run_cli, source

from dashboard.io.writers import neutralise_formulas, write_table

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


def hostile_table_csv(tmp_path) -> str:
    """Our schema, with a formula in each description and a tab-led one that strips."""
    rows = [
        f'f{i},2017-01-0{i + 1},Raqqa,,,battle,x,,"{text.replace(chr(34), chr(34) * 2)}",{source()}'
        for i, text in enumerate([*FORMULAS, "\t=1+1"])
    ]
    path = tmp_path / "hostile.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def test_neutralise_quotes_formulas_in_text_and_keeps_numbers():
    frame = pd.DataFrame(
        {
            "description": [*FORMULAS, "\tx", "\rx", "plain", "-33.5", "+1e3"],
            "lat": [-33.5, 35.0, -1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
        }
    )
    out = neutralise_formulas(frame)
    assert out["description"].tolist() == [
        *("'" + f for f in FORMULAS),
        "'\tx",
        "'\rx",
        "plain",
        "-33.5",
        "+1e3",
    ]
    assert out["lat"].tolist() == frame["lat"].tolist()
    assert frame["description"][0] == FORMULAS[0]  # the input is not changed


def test_write_table_csv_neutralises_formulas_but_not_coordinates(tmp_path):
    frame = pd.DataFrame({"event_id": ["a"], "description": ["=1+1"], "lon": [-3.5]})
    write_table(frame, tmp_path / "out.csv")
    row = next(csv.DictReader((tmp_path / "out.csv").open()))
    assert row["description"] == "'=1+1" and row["lon"] == "-3.5"


def test_events_as_csv_neutralise_formulas(capsys, tmp_path):
    result = run_cli(capsys, "events", "--data", hostile_table_csv(tmp_path), "--format", "csv")
    assert result.code == 0, result.err
    descriptions = [r["description"] for r in csv.DictReader(io.StringIO(result.out))]
    assert descriptions == ["'" + f for f in FORMULAS] + ["'=1+1"]  # the tab was stripped


def test_import_output_and_rejects_neutralise_formulas(capsys, tmp_path):
    path = tmp_path / "custom.csv"
    lines = [
        "event_id,date,place,event_type,actor,description,source_title,source_publisher,"
        "source_date",
        'c1,2017-01-01,Raqqa,battle,SDF,"=HYPERLINK(""http://x"")",T,P,2017-01-02',
        'c2,not a date,Raqqa,battle,SDF,"@SUM(1)",T,P,2017-01-02',
    ]
    path.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out.csv"
    result = run_cli(capsys, "import", str(path), "--out", str(out))
    assert result.code == 0, result.err
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert written["description"].tolist() == ['\'=HYPERLINK("http://x")']
    rejects = pd.read_csv(tmp_path / "out.rejects.csv", dtype=str, keep_default_na=False)
    assert rejects["description"].tolist() == ["'@SUM(1)"]


@pytest.mark.parametrize("command", ["stats", "diff"])
def test_numeric_csv_output_keeps_negative_numbers(capsys, command):
    args = ["--date", "2017-06-01"] if command == "stats" else ["--from", "2017-01-01"]
    if command == "diff":
        args += ["--to", "2017-12-31", "--summary"]
    result = run_cli(capsys, command, *args, "--format", "csv")
    assert result.code == 0, result.err
    assert "'" not in result.out
