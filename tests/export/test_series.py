"""Series: one frame per date into a folder, an animated GIF or an MP4."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from dashboard.core.factions import faction
from dashboard.export import export_series, frame_dates

pytestmark = pytest.mark.export

SMALL = {"width": 400, "height": 250}


def test_a_monthly_gif_has_one_frame_per_month(bundled, june_2017, tmp_path):
    dates = frame_dates(bundled, pd.Timestamp("2016-01-01"), pd.Timestamp("2016-04-01"), "month")
    seen = []
    out = export_series(
        bundled, june_2017, dates, tmp_path / "anim.gif", fps=4, on_frame=seen.append, **SMALL
    )
    with Image.open(out) as gif:
        assert gif.n_frames == 4
        assert gif.size == (400, 250)
        assert gif.info["duration"] == 250
        assert b"DataVersion: " + bundled.table.digest.encode() in gif.info["comment"]
        gif.seek(3)
        colours = {c for _, c in gif.convert("RGB").getcolors(maxcolors=1 << 16)}
    red = faction("government").colour
    assert tuple(int(red[i : i + 2], 16) for i in (1, 3, 5)) in colours  # exactly
    assert seen == list(dates)


def test_a_folder_series_names_each_frame_by_its_date(bundled, june_2017, tmp_path):
    dates = frame_dates(bundled, pd.Timestamp("2017-01-01"), pd.Timestamp("2017-01-15"), "week")
    export_series(bundled, june_2017, dates, f"{tmp_path}/frames/", **SMALL)
    names = sorted(p.name for p in (tmp_path / "frames").iterdir())
    assert names == ["2017-01-01.png", "2017-01-08.png", "2017-01-15.png"]
    with Image.open(tmp_path / "frames" / "2017-01-08.png") as frame:
        assert frame.text["Date"] == "2017-01-08"


def test_an_mp4_has_the_asked_frames_and_rate(bundled, june_2017, tmp_path):
    import imageio_ffmpeg

    dates = frame_dates(bundled, pd.Timestamp("2016-01-01"), pd.Timestamp("2016-03-01"), "month")
    out = export_series(bundled, june_2017, dates, tmp_path / "anim.mp4", fps=3, **SMALL)
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(out))
    assert frames == 3
    assert seconds == pytest.approx(1.0, abs=0.05)


def test_change_frames_only_where_some_locality_changed_hands(bundled):
    start, end = pd.Timestamp("2017-01-01"), pd.Timestamp("2017-12-31")
    dates = frame_dates(bundled, start, end, "change")
    assert 0 < len(dates) < 365
    history = bundled.model.history
    for day in dates:
        before = history.at(day - pd.Timedelta(days=1))[0]
        after = history.at(day)[0]
        atoms_before = bundled.model.atom_control(day - pd.Timedelta(days=1)).factions
        atoms_after = bundled.model.atom_control(day).factions
        assert not (np.array_equal(before, after) and np.array_equal(atoms_before, atoms_after))
    monthly = frame_dates(bundled, start, end, "month")
    assert len(monthly) == 12
