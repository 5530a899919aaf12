"""The map's frame: what part of the world it shows, its date stamp, note and credits."""

from __future__ import annotations

import numpy as np

from dashboard.core.view import MapView
from dashboard.figures.frames import _date_text
from dashboard.figures.geometry import map_base
from dashboard.figures.wording import NOTE
from dashboard.io.credits import arabic_credits, data_credits
from dashboard.io.dataset import Dataset

__all__ = ["SEA", "SYRIA_EXTENT", "credits_line", "map_layout", "view_extent"]

SYRIA_EXTENT = (35.3, 32.1, 42.6, 37.55)  # west, south, east, north
SEA = "#D4E6F1"


def credits_line(lang: str = "en") -> str:
    """The data credits of geodata/SOURCES.md as one line (the same the exports print); in
    Arabic its Arabic credit line, when it has one."""
    if lang == "ar" and arabic_credits():
        return arabic_credits()
    return " ".join(c if c.endswith(".") else c + "." for c in data_credits())


def view_extent(dataset: Dataset, view: MapView) -> tuple[float, float, float, float]:
    """West, south, east, north of the view: its bbox, its focus place, or Syria."""
    if view.bbox is not None:
        return tuple(view.bbox)
    if view.focus_place and view.focus_place in dataset.gazetteer.places.index:
        place = dataset.gazetteer.place(view.focus_place)
        dlat = view.radius_km / 111.0
        dlon = dlat / np.cos(np.radians(float(place["lat"])))
        lon, lat = float(place["lon"]), float(place["lat"])
        return (lon - dlon * 1.3, lat - dlat, lon + dlon * 1.3, lat + dlat)
    return SYRIA_EXTENT


def _annotation(text: str, x: float, xanchor: str, font: dict, background: str, **more) -> dict:
    return {
        "text": text,
        "x": x,
        "y": 0.99,
        "xref": "paper",
        "yref": "paper",
        "xanchor": xanchor,
        "yanchor": "top",
        "showarrow": False,
        "font": font,
        "bgcolor": background,
        **more,
    }


def map_layout(dataset: Dataset, view: MapView, extent) -> dict:
    """The layout of map_figure: a mercator geo subplot with no network base layers."""
    west, south, east, north = extent
    start, end = dataset.table.coverage
    note = (
        f"{NOTE}. {map_base(dataset.model, dataset.gazetteer).localities} localities, "
        f"events {start:%-d %b %Y} – {end:%-d %b %Y}. {credits_line()}"
    )
    return {
        "geo": {
            "projection": {"type": "mercator"},
            "lonaxis": {"range": [west, east]},
            "lataxis": {"range": [south, north]},
            "showland": False,
            "showcountries": False,
            "showcoastlines": False,
            "showlakes": False,
            "showrivers": False,
            "showframe": False,
            "showocean": False,
            "bgcolor": SEA,
            "resolution": 110,  # no base layer is shown: the smaller world file (137 KB) does
            "domain": {"x": [0, 0.8], "y": [0, 1]},
        },
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "paper_bgcolor": "#FFFFFF",
        "font": {"family": "DejaVu Sans, Arial, sans-serif", "size": 12, "color": "#222222"},
        "title": {"text": view.title} if view.title else None,
        "showlegend": True,
        "legend": {
            "orientation": "v",
            "x": 1.0,
            "xanchor": "right",
            "y": 0.5,
            "yanchor": "middle",
            "bgcolor": "rgba(255,255,255,0.85)",
            "font": {"size": 11},
            "itemclick": False,
            "itemdoubleclick": False,
        },
        "annotations": [
            _annotation(_date_text(view), 0.01, "left", {"size": 16}, "rgba(255,255,255,0.85)"),
            _annotation(
                note,
                0.99,
                "right",
                {"size": 9, "color": "#444444"},
                "rgba(255,255,255,0.7)",
                width=330,
                align="right",
                visible=view.title is not None,  # export only: the dashboard shows it as text
            ),
        ],
        "uirevision": f"{view.focus_place}|{view.bbox}",
        "meta": {"bbox": view.bbox is not None},  # a shown extent the page keeps in its URL
        "dragmode": "pan",
    }
