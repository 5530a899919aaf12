"""A series of maps, one per date, streamed into a folder, an animated GIF or an MP4."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dashboard.export.errors import ExportError
from dashboard.export.image import HEIGHT, WIDTH, _fields, check_dates, render_frame
from dashboard.export.sinks import FolderSink, GifSink, Mp4Sink, sink_kind

__all__ = ["EVERY", "change_dates", "export_series", "frame_dates", "legend_order"]

EVERY = ("day", "week", "month", "change")


def change_dates(model: Any, start: object, end: object) -> pd.DatetimeIndex:
    """Dates from start to end on which some locality's (or area's) control changed."""
    events = model.events
    changes = events[events["event_type"] == "control_change"]
    days = pd.DatetimeIndex(changes["date"]).normalize()
    candidates = days[(days >= pd.Timestamp(start)) & (days <= pd.Timestamp(end))].unique()
    kept = []
    for day in candidates.sort_values():
        before = model.atom_control(day - pd.Timedelta(days=1)).factions
        after = model.atom_control(day).factions
        places_before = model.history.at(day - pd.Timedelta(days=1))[0]
        places_after = model.history.at(day)[0]
        if not (np.array_equal(before, after) and np.array_equal(places_before, places_after)):
            kept.append(day)
    return pd.DatetimeIndex(kept)


def frame_dates(
    dataset: Any, start: object, end: object, every: str, allow_stale: bool = False
) -> pd.DatetimeIndex:
    """The series' dates: every day, week or month from start to end, or each change."""
    from dashboard.core.stats import series_dates

    if every not in EVERY:
        raise ExportError(f"unknown step {every!r} (one of: {', '.join(EVERY)})")
    if pd.Timestamp(start) > pd.Timestamp(end):
        raise ExportError("the series starts after it ends (--from is after --to)")
    check_dates(dataset, start, end, allow_stale=allow_stale)
    if every == "change":
        dates = change_dates(dataset.model, start, end)
    else:
        dates = series_dates(start, end, every)
    if len(dates) == 0:
        raise ExportError(f"no control changed between {start:%Y-%m-%d} and {end:%Y-%m-%d}")
    return dates


def export_series(
    dataset: Any,
    view: Any,
    dates: pd.DatetimeIndex,
    out: str | Path,
    fps: float = 2,
    width: int = WIDTH,
    height: int = HEIGHT,
    scale: float = 1,
    on_frame: Callable[[pd.Timestamp], None] | None = None,
) -> Path:
    """Render `view` at each date into `out`: a folder (DIR/), an animated .gif or an .mp4."""
    from dashboard.export.image import terminate_raises

    with terminate_raises():
        return _export_series(dataset, view, dates, out, fps, width, height, scale, on_frame)


def _export_series(dataset, view, dates, out, fps, width, height, scale, on_frame) -> Path:
    from dashboard.export.image import writable
    from dashboard.export.verify import verify_written

    kind = sink_kind(out)
    if fps <= 0:
        raise ExportError("--fps must be positive")
    path = Path(out)
    if kind == "folder":
        sink = FolderSink(path, lambda frame_view: _fields(dataset, frame_view))
        _stream(dataset, view, dates, sink, width, height, scale, on_frame)
        return path
    writable(path)
    comment = "; ".join(f"{k}: {v}" for k, v in _fields(dataset, view).items() if k != "Date")
    comment += f"; Dates: {dates[0]:%Y-%m-%d} to {dates[-1]:%Y-%m-%d}"

    def write(tmp: Path) -> None:
        if kind == "gif":
            with tmp.open("wb") as fp:
                _stream(
                    dataset, view, dates, GifSink(fp, fps, comment), width, height, scale, on_frame
                )
        else:
            size = (round(width * scale), round(height * scale))
            sink = Mp4Sink(tmp, fps, size, comment)
            _stream(dataset, view, dates, sink, width, height, scale, on_frame)
        verify_written(tmp, kind, frames=len(dates))

    _write_streamed(path, write)
    return path


def _write_streamed(path: Path, write: Callable[[Path], None]) -> None:
    from dashboard.errors import DataFileError
    from dashboard.io.writers import atomic_write

    try:
        atomic_write(path, write)
    except ExportError as exc:
        raise ExportError(f"{path}: {exc}; the earlier file, if any, is untouched") from None
    except DataFileError as exc:
        raise ExportError(f"{path}: {exc.message}") from None
    except OSError as exc:  # a full disk, or ffmpeg refusing the stream
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None


def legend_order(dataset: Any, view: Any, dates: pd.DatetimeIndex) -> list[str]:
    """The legend rows of every frame of a series: the factions that hold land (in the frame,
    for a focus or bbox view) on any of its dates, in the faction vocabulary's order."""
    from dashboard.core.factions import FACTION_CODES
    from dashboard.core.stats import held_at
    from dashboard.export.image import factions_in_frame, zoomed

    present: set[str] = set()
    for date in dates:
        held = held_at(dataset.model, date)
        codes = set(held.loc[held["area_km2"] > 0, "faction"])
        if zoomed(view):
            codes &= factions_in_frame(dataset, view, date)
        present |= codes
    return [code for code in (*FACTION_CODES, "none") if code in present]


def _stream(dataset, view, dates, sink, width, height, scale, on_frame) -> None:
    """Render each date and hand the PNG to the sink; only one frame is alive at a time."""
    order = legend_order(dataset, view, dates)
    sink.open()
    try:
        for date in dates:
            frame_view = dataclasses.replace(view, date=pd.Timestamp(date))
            png = render_frame(dataset, frame_view, "png", width, height, scale, order)
            sink.add(frame_view, png)
            if on_frame is not None:
                on_frame(pd.Timestamp(date))
    finally:
        sink.close()
