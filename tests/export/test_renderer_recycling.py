"""Recycling the renderer (issue 14): a fresh Chromium every few frames, the same frames out,
and no old browser left running."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd
import pytest

from dashboard.export import export_series, frame_dates, renderer

pytestmark = pytest.mark.export

SMALL = {"width": 400, "height": 250}


def descendants(*roots: int) -> set[tuple[int, str]]:
    """The live descendants of `roots` (default: this process) as (PID, start time), walking
    /proc children."""
    found, todo = set(), list(roots or [os.getpid()])
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            try:
                kids = [int(kid) for kid in (task / "children").read_text().split()]
            except OSError:  # it ended meanwhile
                continue
            todo += kids
            found |= {(kid, started) for kid in kids if (started := start_time(kid))}
    return found


def start_time(pid: int) -> str:
    """The process's start time ("" once it has gone or is a zombie), so a reused PID differs."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return ""
    return "" if fields[0] == "Z" else fields[19]


def running(processes: set[tuple[int, str]]) -> set[tuple[int, str]]:
    """Those of the processes still running."""
    return {(pid, started) for pid, started in processes if start_time(pid) == started}


def still_running(processes: set[tuple[int, str]], within_s: float = 30.0) -> set:
    """The command lines of those of the processes still running after up to `within_s` (a
    closed browser's helpers take a moment to exit, longer on a busy machine)."""
    deadline = time.monotonic() + within_s
    while running(processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    return {command_line(pid) for pid, _ in running(processes)}


def command_line(pid: int) -> str:
    try:
        return f"{pid}: " + Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return f"{pid}: (gone)"


def frames(folder: Path) -> dict[str, bytes]:
    """Each frame's file name and bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_recycled_renderer_renders_the_same_frames_and_leaves_no_browser_behind(
    bundled, june_2017, tmp_path, monkeypatch
):
    dates = frame_dates(bundled, pd.Timestamp("2016-01-01"), pd.Timestamp("2016-03-01"), "month")
    starts, trees = [], []

    class CountedServer(renderer._Server):
        def __init__(self) -> None:
            starts.append(self)
            super().__init__()

    renderer.stop()
    already = descendants()  # what other tests of this process started (browser tests' Chromium)
    monkeypatch.setattr(renderer, "_Server", CountedServer)
    monkeypatch.setattr(renderer, "RECYCLE_EVERY", 2)

    def renderers() -> set[tuple[int, str]]:
        """The renderers' Chromiums and everything they started."""
        pids = [server.kaleido.subprocess.pid for server in starts if server.kaleido]
        return descendants(*pids) | {(pid, start_time(pid)) for pid in pids if start_time(pid)}

    def look(_) -> None:
        trees.append(renderers())

    export_series(bundled, june_2017, dates, f"{tmp_path}/recycled/", on_frame=look, **SMALL)
    assert len(dates) == 3
    assert [server.renders for server in starts] == [2, 1]  # frames 1-2, then 3
    assert len({server.kaleido.subprocess.pid for server in starts}) == 2  # two Chromiums
    seen = set().union(*trees)
    assert trees[0] and trees[-1] and not seen & already
    assert still_running(seen - trees[-1]) == set()  # the first browser has exited
    monkeypatch.setattr(renderer, "RECYCLE_EVERY", None)  # the last browser renders them all
    export_series(bundled, june_2017, dates, f"{tmp_path}/kept/", **SMALL)
    assert len(starts) == 2
    assert frames(tmp_path / "recycled") == frames(tmp_path / "kept")
    seen |= renderers()
    renderer.stop()
    assert still_running(seen) == set()  # and no browser of the renderer is left
