"""A scale bar drawn in geographic coordinates, so the projection and zoom keep it true.

The bar runs along a parallel; plotly projects it like the map itself, so its length on the
page is right for its latitude whatever the figure's projection, domain or zoom.
"""

from __future__ import annotations

import math

from dashboard.figures.wording import text

__all__ = ["bar_box", "km_per_degree_lon", "nice_length", "quiet_corner", "scale_bar_traces"]

_A = 6378.137  # WGS84 semi-major axis, km
_E2 = 0.00669437999014  # WGS84 first eccentricity squared


def km_per_degree_lon(lat: float) -> float:
    """Length in km of one degree of longitude along the parallel at `lat` (WGS84)."""
    phi = math.radians(lat)
    radius = _A * math.cos(phi) / math.sqrt(1 - _E2 * math.sin(phi) ** 2)
    return radius * math.pi / 180


def nice_length(limit_km: float) -> float:
    """The longest 1, 2 or 5 x 10^n km not above `limit_km`."""
    if limit_km <= 0:
        raise ValueError("limit_km must be positive")
    power = 10 ** math.floor(math.log10(limit_km))
    return max(step * power for step in (1, 2, 5) if step * power <= limit_km)


def _trace(**props) -> dict:
    return {"type": "scattergeo", **props}


def _km(value: float) -> str:
    return f"{value:g}"


def bar_box(
    extent: tuple[float, float, float, float], corner: str, fraction: float = 0.22
) -> tuple[float, float, float, float, float]:
    """(lon0, lon1, lat, plate west, plate east) of the bar in the 'left' or 'right' corner."""
    west, south, east, north = extent
    width, height = east - west, north - south
    lat = south + 0.06 * height
    per_degree = km_per_degree_lon(lat)
    span = nice_length(width * per_degree * fraction) / per_degree
    pad = 0.012 * width
    if corner == "right":
        lon1 = east - 0.035 * width - 3.2 * pad
        lon0 = lon1 - span
    else:
        lon0 = west + 0.035 * width
        lon1 = lon0 + span
    return lon0, lon1, lat, lon0 - pad, lon1 + 4.2 * pad


def quiet_corner(extent: tuple[float, float, float, float], land) -> str:
    """'left' or 'right': the lower corner where the bar covers less of `land` (a geometry)."""
    import shapely

    def covered(corner: str) -> float:
        _, _, lat, x0, x1 = bar_box(extent, corner)
        height = extent[3] - extent[1]
        box = shapely.box(x0, lat - 0.022 * height, x1, lat + 0.063 * height)
        return float(shapely.area(shapely.intersection(box, land)))

    return "right" if covered("right") < covered("left") else "left"


def scale_bar_traces(
    extent: tuple[float, float, float, float], font: dict, corner: str = "left", lang: str = "en"
) -> list[dict]:
    """Scattergeo traces (dicts): a white plate, a two-tone bar and its labels, lower corner.

    `extent` is the visible (west, south, east, north); the bar is about a fifth of its width.
    """
    height = extent[3] - extent[1]
    lon0, lon1, lat, x0, x1 = bar_box(extent, corner)
    length = round((lon1 - lon0) * km_per_degree_lon(lat), 6)
    lon_half = (lon0 + lon1) / 2
    tick = 0.012 * height
    pad_x, label_y = 0.012 * (extent[2] - extent[0]), lat + 0.045 * height
    y0, y1 = lat - 0.022 * height, label_y + 0.018 * height
    plate = _trace(
        # clockwise, or d3-geo fills the rest of the globe instead
        lon=[x0, x0, x1, x1, x0],
        lat=[y0, y1, y1, y0, y0],
        mode="lines",
        fill="toself",
        fillcolor="rgba(255,255,255,0.85)",
        line={"width": 0, "color": "rgba(255,255,255,0)"},
        hoverinfo="skip",
        showlegend=False,
        name="scale plate",
    )
    halves = [
        _trace(
            lon=[a, b],
            lat=[lat, lat],
            mode="lines",
            line={"width": 5, "color": colour},
            hoverinfo="skip",
            showlegend=False,
            name="scale bar",
        )
        for a, b, colour in ((lon0, lon_half, "#222222"), (lon_half, lon1, "#9a9a9a"))
    ]
    ticks_lon, ticks_lat = [], []
    for x in (lon0, lon_half, lon1):
        ticks_lon += [x, x, None]
        ticks_lat += [lat - tick, lat + tick, None]
    ticks = _trace(
        lon=ticks_lon,
        lat=ticks_lat,
        mode="lines",
        line={"width": 1.5, "color": "#222222"},
        hoverinfo="skip",
        showlegend=False,
        name="scale ticks",
    )
    labels = _trace(
        lon=[lon0, lon_half, lon1, lon1 + 1.5 * pad_x],
        lat=[label_y - 0.012 * height] * 4,
        mode="text",
        text=["0", _km(length / 2), _km(length), text("km", lang)],
        textposition=["middle center", "middle center", "middle center", "middle right"],
        textfont=font,
        hoverinfo="skip",
        showlegend=False,
        name="scale labels",
    )
    return [plate, *halves, ticks, labels]
