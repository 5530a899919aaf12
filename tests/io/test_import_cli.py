"""`syria-map import`: files written, reports printed, and nothing damaged on failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from importer_fixtures import write_acled
from support import ROOT, TEST_DATA, run_cli

DATA = TEST_DATA


@pytest.fixture
def acled_file(tmp_path):
    return write_acled(tmp_path / "acled_export.csv")


def test_import_writes_the_table_and_the_rejects_and_prints_the_counts(
    tmp_path, capsys, acled_file
):
    out = tmp_path / "events.csv"
    result = run_cli(capsys, "import", str(acled_file), "--out", str(out))
    assert result.code == 0, result.err
    assert "13 rows read, 9 imported, 4 rejected" in result.out
    assert "Liwa Made-Up Brigade" in result.out  # unmapped actors, with counts
    assert len(pd.read_csv(out, dtype=str)) == 9
    rejects = pd.read_csv(tmp_path / "events.rejects.csv", dtype=str, keep_default_na=False)
    assert rejects["row"].tolist() == ["11", "12", "13", "14"]
    assert list(rejects.columns[:3]) == ["row", "reason", "event_id_cnty"]


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet", ".geojson"])
def test_import_writes_the_format_of_the_out_extension(tmp_path, capsys, suffix):
    out = tmp_path / f"ucdp{suffix}"
    result = run_cli(capsys, "import", str(DATA / "ucdp_ged_subset.csv"), "--out", str(out))
    assert result.code == 0, result.err
    from dashboard.io.readers import read_table

    assert len(read_table(out)) == 434


def test_import_with_a_mapping_file_reads_a_custom_table(tmp_path, capsys):
    out = tmp_path / "custom.csv"
    result = run_cli(
        capsys, "import", str(DATA / "custom_events.csv"), "--mapping",
        str(DATA / "custom_mapping.toml"), "--format", "csv", "--out", str(out),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "6 rows read, 3 imported, 3 rejected" in result.out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x00\x01binary\x00", "binary"),
        (b'event_id_cnty,event_date\n"unclosed,2020\n', "acled_export.csv"),
        (b"id,date_start,side_a,side_b,where_prec\n1,2016-01-01,A,B,1\n", "latitude"),
    ],
)
def test_a_broken_file_fails_with_one_clear_line_and_leaves_out_intact(
    tmp_path, capsys, content, words
):
    broken = tmp_path / "acled_export.csv"
    broken.write_bytes(content)
    out = tmp_path / "events.csv"
    out.write_text("precious\n")
    result = run_cli(capsys, "import", str(broken), "--out", str(out))
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    assert words in result.err and len(result.err.strip().splitlines()) == 1
    assert out.read_text() == "precious\n"
    assert not (tmp_path / "events.rejects.csv").exists()


def test_a_failed_write_leaves_an_existing_out_as_it_was(tmp_path, capsys, acled_file, monkeypatch):
    out = tmp_path / "events.csv"
    out.write_text("precious\n")

    def half_then_fail(self, path, *args, **kwargs):
        Path(path).write_text("half a table")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", half_then_fail)
    result = run_cli(capsys, "import", str(acled_file), "--out", str(out))
    assert result.code == 1 and "No space left on device" in result.err
    assert out.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acled_export.csv", "events.csv"]


def test_an_unknown_out_extension_fails_before_anything_is_read(tmp_path, capsys, acled_file):
    result = run_cli(capsys, "import", str(acled_file), "--out", str(tmp_path / "x.xlsx"))
    assert result.code == 1 and "unknown file extension '.xlsx'" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acled_export.csv"]


def test_the_installed_command_prints_no_traceback_for_a_missing_file(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "import", str(tmp_path / "nope.csv"),
         "--out", str(tmp_path / "out.csv")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "nope.csv" in done.stderr and "no such file" in done.stderr
