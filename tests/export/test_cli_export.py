"""`syria-map export`: the command line, its defaults and its one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PIL import Image
from support import run_cli

pytestmark = pytest.mark.export


def test_defaults_give_a_1600_by_1000_png_of_the_whole_country(capsys, tmp_path):
    out = tmp_path / "syria.png"
    result = run_cli(capsys, "export", "--date", "2017-06-01", "--out", str(out))
    assert result.code == 0, result.err
    with Image.open(out) as image:
        assert image.size == (1600, 1000)
        assert image.text["Date"] == "2017-06-01"


def test_a_series_to_gif_from_the_command_line(capsys, tmp_path):
    out = tmp_path / "anim.gif"
    result = run_cli(
        capsys, "export", "--from", "2016-01-01", "--to", "2016-03-01", "--every", "month",
        "--out", str(out), "--width", "400", "--height", "250", "--fps", "5",
    )  # fmt: skip
    assert result.code == 0, result.err
    with Image.open(out) as gif:
        assert gif.n_frames == 3


def one_line_error(result) -> str:
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert result.code == 1, result.err
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    return lines[0]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--date", "2017-06-01", "--out", "{tmp}/map.jpg"], "unknown extension '.jpg'"),
        (["--date", "2031-01-01", "--out", "{tmp}/map.png"], "outside the data's coverage"),
        (["--date", "2017-06-01", "--out", "{tmp}/missing/map.png"], "does not exist"),
        (["--date", "2017-06-01", "--out", "{tmp}"], "is a folder"),
        (["--date", "2017-06-01", "--out", "/proc/map.png"], "cannot write"),
        (["--from", "2016-01-01", "--to", "2016-02-01", "--out", "{tmp}/a.webm"], "a series"),
        (["--date", "2017-06-01", "--compare", "2009-01-01", "--out", "{tmp}/m.png"], "2009"),
        (["--date", "2017-06-01", "--bbox", "1,2,3", "--out", "{tmp}/m.png"], "W,S,E,N"),
        (["--date", "2017-06-01", "--layers", "zones,roads", "--out", "{tmp}/m.png"], "roads"),
        (["--from", "2017-06-01", "--out", "{tmp}/a.gif"], "--from and --to"),
        (["--from", "2015-01-01", "--to", "2016-02-01", "--out", "{tmp}/a.gif"], "2015-01-01"),
        (["--from", "2017-02-01", "--to", "2017-01-01", "--out", "{tmp}/a.gif"], "after"),
    ],
)
def test_bad_requests_exit_1_with_one_clear_line(capsys, tmp_path, args, expected):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    line = one_line_error(run_cli(capsys, "export", *args))
    assert line.startswith("syria-map: error: ")
    assert expected in line
    assert [p.name for p in tmp_path.iterdir()] == []


def test_without_chromium_it_says_how_to_install_it(tmp_path):
    env = {**os.environ, "BROWSER_PATH": str(tmp_path / "no-chromium")}
    proc = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "--date", "2017-06-01",
         "--out", str(tmp_path / "map.png")],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Chromium" in lines[0] and "apt-get install chromium" in lines[0]
    assert not (tmp_path / "map.png").exists()
