"""A failed or interrupted export never leaves a partial file in place of a good one."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.export import ExportError, export_map, export_series, frame_dates
from dashboard.export import image as image_module

pytestmark = pytest.mark.export


def test_a_render_interrupted_midway_keeps_the_previous_png(bundled, june_2017, tmp_path,
                                                            monkeypatch):  # fmt: skip
    out = export_map(bundled, june_2017, tmp_path / "map.png", width=400, height=250)
    good = out.read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(image_module, "render", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export_map(bundled, june_2017, out, width=400, height=250)
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_a_write_failing_halfway_keeps_the_previous_pdf(bundled, june_2017, tmp_path,
                                                        monkeypatch):  # fmt: skip
    out = export_map(bundled, june_2017, tmp_path / "map.pdf", width=400, height=250)
    good = out.read_bytes()
    real_write = type(out).write_bytes

    def half_then_fail(self, data):
        real_write(self, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(out), "write_bytes", half_then_fail)
    with pytest.raises(ExportError, match="No space left"):
        export_map(bundled, june_2017, out, width=400, height=250)
    monkeypatch.undo()
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["map.pdf"]


def test_a_gif_interrupted_after_two_frames_keeps_the_previous_gif(bundled, june_2017,
                                                                   tmp_path):  # fmt: skip
    dates = frame_dates(bundled, pd.Timestamp("2016-01-01"), pd.Timestamp("2016-05-01"), "month")
    small = {"width": 400, "height": 250}
    out = export_series(bundled, june_2017, dates[:2], tmp_path / "anim.gif", **small)
    good = out.read_bytes()
    frames = []

    def stop_after_two(date):
        frames.append(date)
        if len(frames) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_series(bundled, june_2017, dates, out, on_frame=stop_after_two, **small)
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["anim.gif"]
