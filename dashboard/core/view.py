"""What one map shows: the state shared by the URL, the dashboard, the figures and the export."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = ["DEFAULT_LAYERS", "LAYER_NAMES", "MapView"]

# Toggleable layers, in drawing order.
LAYER_NAMES: dict[str, str] = {
    "zones": "Control zones",
    "front_lines": "Front lines",
    "governorates": "Governorates",
    "rivers": "Rivers and lakes",
    "places": "Places",
    "events": "Events",
    "presence": "Foreign presence",
}
DEFAULT_LAYERS = ("zones", "front_lines", "governorates", "rivers", "places", "events", "presence")


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
