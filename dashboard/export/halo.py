"""A PDF's label halo drawn as shapes, not text.

The dashboard and the PNG and SVG exports give place labels a white text shadow; in a PDF each
shadow is more copies of the text, so copying the map's text would give every name five times.
The PDF's labels have no shadow, and a white band behind each one instead: lines, not text.
"""

from __future__ import annotations

import math
from functools import cache

from dashboard.figures.labels import CHAR_WIDTH

__all__ = ["halo_trace", "text_width"]

_HALO = "rgba(255,255,255,0.8)"
_FONT_FILES = {"Liberation Sans": "LiberationSans-Regular.ttf", "DejaVu Sans": "DejaVuSans.ttf"}


@cache
def _font(family: str):
    """The first font of a CSS family list that Pillow finds (at 100 px), or None."""
    from PIL import ImageFont

    for name in (f.strip() for f in family.split(",")):
        try:
            return ImageFont.truetype(_FONT_FILES.get(name, name), 100)
        except OSError:
            continue
    return None


def text_width(text: str, size: float, family: str) -> float:
    """A line's width in px, measured in its font when there is one, else estimated."""
    font = _font(family)
    return font.getlength(text) * size / 100 if font else len(text) * size * CHAR_WIDTH


def _offset(position: str, size: float, marker: float, width: float) -> tuple[float, float]:
    """The middle of a label's text from its marker, in px (x right, y down), as plotly
    places text beside a marker (Drawing.textPointPosition)."""
    vertical, horizontal = position.split()
    gap = marker / 2 / 0.8 + 1 if marker else 0.0
    x = {"right": gap + width / 2, "left": -gap - width / 2}.get(horizontal, 0.0)
    y = {"top": -gap - 0.6 * size, "bottom": gap + 0.4 * size}.get(vertical, -0.1 * size)
    return x, y


def halo_trace(places: dict, degrees_per_px: float, family: str) -> dict:
    """White bands (one line segment each, as thick as the type) behind the places trace's
    labels in `family`, for a map drawn `degrees_per_px` degrees of longitude a pixel."""
    lon: list[float | None] = []
    lat: list[float | None] = []
    sizes = places["textfont"]["size"]
    positions = places["textposition"]
    markers = places["marker"]["size"]
    thickest = 0.0
    for i, text in enumerate(places["text"]):
        if not text:
            continue
        size, marker = float(sizes[i]), float(markers[i])
        width = text_width(text, size, family)
        x, y = _offset(positions[i], size, marker, width)
        stretch = math.cos(math.radians(places["lat"][i]))
        middle_lat = places["lat"][i] - y * degrees_per_px * stretch
        half = (width / 2 + 2) * degrees_per_px
        middle_lon = places["lon"][i] + x * degrees_per_px
        lon += [middle_lon - half, middle_lon + half, None]
        lat += [middle_lat, middle_lat, None]
        thickest = max(thickest, size * 1.15 + 2)
    return {
        "type": "scattergeo",
        "lon": lon,
        "lat": lat,
        "mode": "lines",
        "line": {"width": thickest, "color": _HALO},
        "hoverinfo": "skip",
        "showlegend": False,
        "name": "Label halos",
    }
