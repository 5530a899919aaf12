"""Turn command-line style options (place names, 'W,S,E,N', 'zones,front_lines') into a MapView."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.core.layers import DEFAULT_LAYERS, LAYER_KEYS
from dashboard.core.view import MapView
from dashboard.export.errors import ExportError

__all__ = ["PRESETS", "Job", "page_size", "parse_bbox", "parse_layers", "plan_export", "view_for"]

# name -> (width, height in CSS px, scale, the one format it is for or None). Print pages are
# their paper size at 96 CSS px to the inch, landscape: A4 297x210 mm, Letter 11x8.5 in.
PRESETS: dict[str, tuple[int, int, float, str | None]] = {
    "article": (700, 500, 2.0, None),
    "social": (1200, 630, 1.0, None),
    "square": (1080, 1080, 1.0, None),
    "print-a4": (1123, 794, 1.0, "pdf"),
    "print-letter": (1056, 816, 1.0, "pdf"),
}
DEFAULT_SIZE = (1600, 1000, 1.0)


def page_size(
    preset: str | None,
    width: int | None = None,
    height: int | None = None,
    scale: float | None = None,
    out: str | None = None,
) -> tuple[int, int, float]:
    """(width, height, scale): the preset's (or the default 1600x1000 at 1x), each overridden
    by an explicit value. A print preset writes a PDF."""
    if preset is None:
        base = DEFAULT_SIZE
    elif preset not in PRESETS:
        raise ExportError(f"unknown preset {preset!r} (one of: {', '.join(PRESETS)})")
    else:
        *base, only = PRESETS[preset]
        if only is not None and out is not None and not str(out).lower().endswith("." + only):
            raise ExportError(f"--preset {preset} writes a .{only}; give --out FILE.{only}")
    chosen = (width, height, scale)
    w, h, s = (base[i] if chosen[i] is None else chosen[i] for i in range(3))
    return int(w), int(h), float(s)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """'W,S,E,N' in degrees -> (west, south, east, north)."""
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise ExportError(f"--bbox {text!r}: write W,S,E,N in degrees, e.g. 36,35,39,37") from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ExportError(f"--bbox {text!r}: west must be below east and south below north")
    return west, south, east, north


def parse_layers(text: str | None) -> tuple[str, ...]:
    """'zones,front_lines' -> ('zones', 'front_lines'); None -> the default layers."""
    if text is None:
        return DEFAULT_LAYERS
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [n for n in names if n not in LAYER_KEYS]
    if unknown:
        raise ExportError(
            f"unknown layer(s) {', '.join(unknown)} (one of: {', '.join(LAYER_KEYS)})"
        )
    return names


def view_for(
    dataset: Any,
    date: object,
    compare: object = None,
    focus: str | None = None,
    radius_km: float = 50.0,
    bbox: str | None = None,
    layers: str | None = None,
    lang: str = "en",
    title: str | None = None,
    allow_stale: bool = False,
) -> MapView:
    """The MapView the options describe; a focus is a place name in any spelling."""

    if focus is not None and bbox is not None:
        raise ExportError("give either --focus or --bbox, not both")
    zoomed = focus is not None or bbox is not None
    shown = parse_layers(layers)
    if zoomed and layers is None:
        shown = (*shown, "villages")  # a close-up names the villages of its area
    return MapView(
        date=pd.Timestamp(date),
        compare_date=None if compare is None else pd.Timestamp(compare),
        focus_place=None if focus is None else dataset.gazetteer.resolve(focus),
        radius_km=float(radius_km),
        bbox=None if bbox is None else parse_bbox(bbox),
        layers=shown,
        lang=lang,
        title=title,
        allow_stale=allow_stale,
    )


@dataclass(frozen=True)
class Job:
    """An export ready to run: the data, the view and, for a series, its dates."""

    dataset: Any
    view: MapView
    dates: pd.DatetimeIndex | None


def plan_export(
    settings: Any,
    out: str,
    date: object = None,
    start: object = None,
    end: object = None,
    every: str = "month",
    **view_options: Any,
) -> Job:
    """Check the request, start Chromium (it boots while the data loads), load the data."""
    from dashboard.export.image import check_dates, image_format
    from dashboard.export.renderer import start as start_renderer
    from dashboard.export.series import frame_dates
    from dashboard.export.sinks import sink_kind
    from dashboard.io.dataset import load_dataset

    series = start is not None or end is not None
    if series == (date is not None):
        raise ExportError("give --date for one map, or --from and --to for a series")
    if series and (start is None or end is None):
        raise ExportError("a series needs both --from and --to")
    sink_kind(out) if series else image_format(out)
    start_renderer()
    dataset = load_dataset(settings)
    view = view_for(dataset, date if date is not None else start, **view_options)
    check_dates(dataset, view.date, view.compare_date, allow_stale=view.allow_stale)
    dates = frame_dates(dataset, start, end, every, view.allow_stale) if series else None
    return Job(dataset, view, dates)
