"""Dates far outside 1900-2100 are a usage error (exit 2, one line); a series is bounded; and a
table with no control changes (UCDP alone) answers every command with "no data" zones."""

from __future__ import annotations

import pytest
from support import UCDP_SUBSET, run_cli


@pytest.mark.parametrize(
    "args",
    [
        ["control", "--date", "4754-01-01"],
        ["stats", "--date", "0001-01-01"],
        ["stats", "--from", "0001-01-01", "--to", "9999-12-31", "--every", "day"],
        ["diff", "--from", "2017-01-01", "--to", "4754-01-01"],
        ["events", "--from", "9999-12-31"],
    ],
)
def test_a_date_outside_1900_to_2100_exits_2_with_one_line(capsys, args):
    result = run_cli(capsys, *args)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert "outside the supported years 1900-2100" in result.err


def test_a_daily_series_over_two_centuries_is_refused_before_it_is_made(capsys):
    args = ["--from", "1900-01-01", "--to", "2100-12-31", "--every", "day"]
    result = run_cli(capsys, "stats", *args)
    assert result.code == 2
    assert result.out == ""
    assert "73,414 dates" in result.err and "10,000" in result.err


def test_a_series_within_the_bound_still_answers(capsys):
    result = run_cli(capsys, "stats", "--from", "2017-01-01", "--to", "2017-03-01", "--every",
                     "month", "--format", "csv")  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.startswith("date,faction")


@pytest.mark.parametrize(
    "args",
    [
        ["stats", "--date", "2018-01-01"],
        ["stats", "--from", "2017-01-01", "--to", "2017-03-01"],
        ["control", "--date", "2018-01-01"],
        ["control", "--date", "2018-01-01", "--place", "Raqqa", "--at", "35.9,39.0"],
        ["diff", "--from", "2017-01-01", "--to", "2018-01-01"],
        ["diff", "--from", "2017-01-01", "--to", "2018-01-01", "--summary"],
        ["events", "--from", "2018-01-01", "--to", "2018-01-05"],
    ],
)
def test_a_table_without_control_changes_answers_every_command(capsys, args):
    result = run_cli(capsys, *args, "--data", str(UCDP_SUBSET))
    assert result.code == 0, result.err
    assert "Traceback" not in result.err


def test_with_no_control_changes_all_is_no_data(capsys):
    result = run_cli(capsys, "stats", "--date", "2018-01-01", "--format", "csv",
                     "--data", str(UCDP_SUBSET))  # fmt: skip
    assert result.code == 0, result.err
    rows = result.out.strip().splitlines()[1:]
    assert [r.split(",")[0] for r in rows] == ["none"]
