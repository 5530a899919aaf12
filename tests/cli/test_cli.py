"""The query commands: clean output to pipe, one clear line and the right status on bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from support import run_cli

from dashboard.io.events import load_events
from dashboard.io.geography import load_gazetteer
from dashboard.io.paths import BUNDLED_EVENTS


def test_control_for_all_localities_prints_one_row_each_as_csv(capsys):
    result = run_cli(capsys, "control", "--date", "2018-01-01", "--format", "csv")
    assert result.code == 0
    rows = list(csv.DictReader(io.StringIO(result.out)))
    events = load_events([BUNDLED_EVENTS], load_gazetteer()).events
    changes = events[(events["event_type"] == "control_change") & events["geometry"].isna()]
    assert len(rows) == changes["place_id"].nunique()  # one row per locality, none twice
    assert [r["place"] for r in rows] == sorted({r["place"] for r in rows})
    assert set(rows[0]) == {"place", "controller", "event_date", "event_id"}
    assert result.err == ""


def test_control_accepts_any_spelling_of_a_place(capsys):
    result = run_cli(
        capsys, "control", "--date", "2018-01-01", "--format", "json",
        "--place", "Ar Raqqah", "--place", "dayr az zawr", "--place", "AL-BUKAMAL",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert [r["place"] for r in json.loads(result.out)] == ["Raqqa", "Deir ez-Zor", "Abu Kamal"]


def test_control_at_a_point_names_the_zone_and_its_deciding_event(capsys):
    result = run_cli(
        capsys, "control", "--date", "2018-01-01", "--at", "35.95,39.01", "--format", "json"
    )
    assert result.code == 0, result.err
    row = json.loads(result.out)[0]
    raqqa = run_cli(
        capsys, "control", "--date", "2018-01-01", "--place", "Raqqa", "--format", "json"
    )
    own = json.loads(raqqa.out)[0]  # Raqqa's own last change of control
    assert row["controller"] == own["controller"] == "sdf"
    assert row["basis"] == "zone of Raqqa"
    assert (row["event_id"], row["event_date"]) == (own["event_id"], own["event_date"])


def test_a_place_without_history_is_answered_from_its_zone(capsys):
    # The Bab al-Salameh crossing has no control history; Azaz, 6 km off, is its nearest
    # locality (the next is 13 km away), so the crossing shows Azaz's control and event.
    result = run_cli(
        capsys, "control", "--date", "2018-01-01", "--place", "Azaz",
        "--place", "Bab al-Salameh Border Crossing", "--format", "json",
    )  # fmt: skip
    assert result.code == 0, result.err
    azaz, crossing = json.loads(result.out)
    assert azaz["basis"] == "locality"
    assert crossing == {**azaz, "place": "Bab al-Salameh Border Crossing", "basis": "zone of Azaz"}


def test_a_place_abroad_is_outside_the_map(capsys):
    result = run_cli(
        capsys, "control", "--date", "2018-01-01", "--place", "Sochi", "--format", "json"
    )
    assert result.code == 0
    assert json.loads(result.out) == [
        {"place": "Sochi", "controller": "", "event_date": "", "event_id": "",
         "basis": "outside the map"}
    ]  # fmt: skip


def test_an_unknown_place_exits_2_with_suggestions_on_one_line(capsys):
    result = run_cli(capsys, "control", "--date", "2018-01-01", "--place", "Raqqqa")
    assert result.code == 2
    assert result.out == ""
    assert result.err.strip().count("\n") == 0
    assert "unknown place 'Raqqqa'; did you mean Raqqa" in result.err


def test_a_bad_date_exits_2_with_one_line(capsys):
    for bad in ("2018-02-30", "yesterday", "2018-02"):
        result = run_cli(capsys, "control", "--date", bad)
        assert result.code == 2, bad
        assert result.err.startswith("syria-map: error:")
        assert result.err.strip().count("\n") == 0


def test_an_unreadable_data_file_exits_1_with_one_line(capsys, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01garbage")
    result = run_cli(capsys, "control", "--date", "2018-01-01", "--data", str(bad))
    assert result.code == 1
    assert "binary file" in result.err
    assert "Traceback" not in result.err


def test_events_filters_by_place_type_and_dates(capsys):
    result = run_cli(
        capsys, "events", "--from", "2018-05-01", "--to", "2018-05-31", "--place", "Yarmouk",
        "--type", "control_change", "--format", "json",
    )  # fmt: skip
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert rows and all(r["place"] == "Yarmouk Camp" for r in rows)
    assert {"date", "event_type", "actor", "controller_after", "source_title", "source_url"} <= set(
        rows[0]
    )


def test_an_unknown_event_type_exits_2(capsys):
    result = run_cli(capsys, "events", "--type", "massacre")
    assert result.code == 2
    assert "unknown --type 'massacre'" in result.err


def test_stats_at_a_date_adds_up_to_the_outline_area(capsys):
    result = run_cli(capsys, "stats", "--date", "2017-06-01", "--format", "json")
    rows = {r["faction"]: r for r in json.loads(result.out)}
    assert 184_000 < sum(r["area_km2"] for r in rows.values()) < 188_000
    assert rows["isis"]["area_km2"] > 10_000


def test_stats_series_has_one_block_per_month(capsys):
    result = run_cli(
        capsys, "stats", "--from", "2017-01-01", "--to", "2017-12-01", "--every", "month",
        "--format", "csv",
    )  # fmt: skip
    assert result.code == 0
    dates = {row["date"] for row in csv.DictReader(io.StringIO(result.out))}
    assert len(dates) == 12


def test_stats_needs_a_date_or_a_range(capsys):
    assert run_cli(capsys, "stats").code == 2


def test_diff_lists_raqqa_changing_from_isis_to_sdf_in_2017(capsys):
    result = run_cli(
        capsys, "diff", "--from", "2017-06-01", "--to", "2017-12-31", "--format", "json"
    )
    changes = {r["place"]: (r["from"], r["to"]) for r in json.loads(result.out)}
    assert changes["Raqqa"] == ("isis", "sdf")
    assert changes["Mayadin"] == ("isis", "government")


def test_diff_summary_gives_area_moved_per_faction_pair(capsys):
    result = run_cli(
        capsys,
        "diff",
        "--from",
        "2017-06-01",
        "--to",
        "2017-12-31",
        "--summary",
        "--format",
        "json",
    )
    pairs = {(r["from"], r["to"]): r["area_km2"] for r in json.loads(result.out)}
    assert pairs[("isis", "sdf")] > 1000 and pairs[("isis", "government")] > 1000


def test_python_dash_m_runs_the_same_cli_with_nothing_else_on_stdout():
    command = [sys.executable, "-m", "dashboard", "control", "--date", "2017-10-21", "--place",
               "Raqqa", "--format", "csv"]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "place,controller,event_date,event_id,basis"
    assert result.stdout.splitlines()[1].startswith("Raqqa,sdf,")
