"""What one map shows: the state shared by the URL, the dashboard, the figures and the export."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.core.layers import DEFAULT_LAYERS

__all__ = ["MapView"]


@dataclass(frozen=True)
class MapView:
    """A date, an optional comparison date, an optional focus, the layers and the language."""

    date: pd.Timestamp
    compare_date: pd.Timestamp | None = None
    focus_place: str | None = None  # a gazetteer place_id
    radius_km: float = 50.0
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    layers: tuple[str, ...] = field(default=DEFAULT_LAYERS)
    lang: str = "en"  # "en" or "ar"
    title: str | None = None
    allow_stale: bool = False  # may show a date after the data's last (the map says so)
