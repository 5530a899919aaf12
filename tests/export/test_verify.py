"""Every export reads back what it wrote before the rename: a cut-short file (a full disk, a
dying encoder) fails with exit 1 and leaves the earlier file; SIGTERM leaves no temp file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from support import ROOT, run_cli

from dashboard.export import ExportError, export_map, export_series, frame_dates
from dashboard.export import image as image_module

pytestmark = pytest.mark.export

SMALL = {"width": 400, "height": 250}


def _months(bundled, count: int) -> pd.DatetimeIndex:
    dates = frame_dates(bundled, pd.Timestamp("2016-01-01"), pd.Timestamp("2016-12-01"), "month")
    return dates[:count]


def _silently_truncating_write_bytes(monkeypatch):
    """Path.write_bytes that writes half and reports success (a disk that filled up)."""
    real = Path.write_bytes

    def half(self, data):
        return real(self, data[: len(data) // 2])

    monkeypatch.setattr(Path, "write_bytes", half)


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_an_image_cut_short_on_disk_fails_and_keeps_the_earlier_file(bundled, june_2017,
                                                                     tmp_path, monkeypatch,
                                                                     suffix):  # fmt: skip
    out = export_map(bundled, june_2017, tmp_path / f"map.{suffix}", **SMALL)
    good = out.read_bytes()
    _silently_truncating_write_bytes(monkeypatch)
    with pytest.raises(ExportError, match=r"unreadable|no page"):
        export_map(bundled, june_2017, out, **SMALL)
    monkeypatch.undo()
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == [f"map.{suffix}"]


def test_an_mp4_the_encoder_cut_short_fails_and_keeps_the_earlier_mp4(bundled, june_2017,
                                                                      tmp_path,
                                                                      monkeypatch):  # fmt: skip
    import imageio_ffmpeg

    dates = _months(bundled, 2)
    out = export_series(bundled, june_2017, dates, tmp_path / "war.mp4", **SMALL)
    good = out.read_bytes()
    real = imageio_ffmpeg.write_frames

    def full_disk(path, *args, **kwargs):
        """ffmpeg writes the file, then the disk is full: the end (moov atom) is lost."""
        writer = real(path, *args, **kwargs)
        writer.send(None)
        try:
            while True:
                writer.send((yield))
        finally:
            writer.close()
            data = Path(path).read_bytes()
            Path(path).write_bytes(data[: len(data) // 3])

    monkeypatch.setattr(imageio_ffmpeg, "write_frames", full_disk)
    with pytest.raises(ExportError, match=r"war\.mp4: the MP4 written is unreadable"):
        export_series(bundled, june_2017, dates, out, **SMALL)
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["war.mp4"]


def test_an_mp4_missing_frames_fails(bundled, june_2017, tmp_path, monkeypatch):
    from dashboard.export import sinks

    real_add = sinks.Mp4Sink.add
    calls = []

    def drop_the_third(self, view, png):
        calls.append(view.date)
        if len(calls) != 3:
            real_add(self, view, png)

    monkeypatch.setattr(sinks.Mp4Sink, "add", drop_the_third)
    with pytest.raises(ExportError, match="holds 2 of 3 frames"):
        export_series(bundled, june_2017, _months(bundled, 3), tmp_path / "war.mp4", **SMALL)
    assert list(tmp_path.iterdir()) == []


def test_a_gif_cut_short_fails_and_keeps_the_earlier_gif(bundled, june_2017, tmp_path,
                                                         monkeypatch):  # fmt: skip
    from dashboard.export import sinks

    dates = _months(bundled, 2)
    out = export_series(bundled, june_2017, dates, tmp_path / "war.gif", **SMALL)
    good = out.read_bytes()

    def cut_short(self):
        self.fp.truncate(self.fp.tell() // 2)

    monkeypatch.setattr(sinks.GifSink, "close", cut_short)
    with pytest.raises(ExportError, match=r"unreadable|frames"):
        export_series(bundled, june_2017, dates, out, **SMALL)
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["war.gif"]


def test_a_frame_folder_keeps_an_earlier_frame_when_its_new_one_is_cut_short(
    bundled, june_2017, tmp_path, monkeypatch
):
    dates = _months(bundled, 1)
    export_series(bundled, june_2017, dates, f"{tmp_path}/frames/", **SMALL)
    frame = tmp_path / "frames" / "2016-01-01.png"
    good = frame.read_bytes()
    _silently_truncating_write_bytes(monkeypatch)
    with pytest.raises(ExportError, match="unreadable"):
        export_series(bundled, june_2017, dates, f"{tmp_path}/frames/", **SMALL)
    monkeypatch.undo()
    assert frame.read_bytes() == good
    assert [p.name for p in (tmp_path / "frames").iterdir()] == ["2016-01-01.png"]


def test_an_unwritable_folder_fails_before_rendering(bundled, june_2017, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("rendered before checking the folder")

    monkeypatch.setattr(image_module, "render", never)
    with pytest.raises(ExportError, match="cannot write in folder"):
        export_map(bundled, june_2017, Path("/proc/map.png"), **SMALL)
    with pytest.raises(ExportError, match="cannot write in folder"):
        export_series(bundled, june_2017, _months(bundled, 2), "/proc/war.gif", **SMALL)


def test_a_broken_mp4_exits_1_without_saying_wrote(capsys, tmp_path, monkeypatch):
    from dashboard.export import verify

    def broken(path):
        raise RuntimeError("moov atom not found")

    monkeypatch.setattr(verify, "_mp4", broken)
    out = tmp_path / "war.mp4"
    out.write_bytes(b"earlier")
    args = ["--from", "2016-01-01", "--to", "2016-02-01", "--width", "400", "--height", "250"]
    result = run_cli(capsys, "export", *args, "--out", str(out))
    assert result.code == 1
    assert "moov atom not found" in result.err
    assert "wrote" not in result.err
    assert out.read_bytes() == b"earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["war.mp4"]


def test_sigterm_mid_export_leaves_no_temp_file_and_the_earlier_file(tmp_path):
    out = tmp_path / "war.gif"
    out.write_bytes(b"earlier")
    command = [sys.executable, "-m", "dashboard", "export", "--from", "2016-01-01"]
    command += ["--to", "2016-12-01", "--every", "month", "--width", "400", "--height", "250"]
    process = subprocess.Popen(
        [*command, "--out", str(out)], cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    try:
        while not any(p.name.startswith(".war.gif.") for p in tmp_path.iterdir()):
            assert process.poll() is None, process.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the export never started writing"
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode != 0
    assert out.read_bytes() == b"earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["war.gif"]
