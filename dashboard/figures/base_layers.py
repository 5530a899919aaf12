"""The map's date-independent layers: neighbours, the Golan, water, boundaries, their names.

Their geometry is read and turned into coordinates once per process (`_geometry`); each figure
then only wraps the cached lists in fresh trace dicts, which callers replace but never change.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import shapely

from dashboard.figures.geometry import line_coordinates
from dashboard.io.geography import load_layer

__all__ = ["WATER", "base_traces", "geo_labels", "lines"]

NEIGHBOUR = "#F4F1EA"
WATER = "#6BAED6"
_HATCH_STEP = 0.04  # degrees between the Golan's hatch lines
_LABEL_SPOTS = {  # where the neighbours' names go
    "TUR": (37.6, 37.35),
    "IRQ": (41.9, 34.0),
    "JOR": (36.9, 32.25),
    "LBN": (35.75, 33.9),
}
_LABEL_EXTENT = (35.3, 42.6)  # west and east: rivers and lakes named only over Syria


def lines(lon, lat, colour, width, name, dash="solid", visible=True, hover=True) -> dict:
    """A scattergeo trace of lines (parts separated by None)."""
    return dict(
        type="scattergeo",
        lon=lon,
        lat=lat,
        mode="lines",
        line={"color": colour, "width": width, "dash": dash},
        name=name,
        hoverinfo="skip" if not hover else "name",
        showlegend=False,
        visible=visible,
    )


def _flat_choropleth(areas: dict, colour: str, name: str, visible=True) -> dict:
    return dict(
        type="choropleth",
        geojson=areas["geojson"],
        locations=areas["locations"],
        z=[0] * len(areas["locations"]),
        colorscale=[[0, colour], [1, colour]],
        showscale=False,
        marker={"line": {"width": 0}},
        hovertext=areas["names"],
        hoverinfo="text",
        name=name,
        showlegend=False,
        visible=visible,
    )


def _areas(frame, key: str) -> dict:
    """Polygons as a GeoJSON collection with ids and names, coordinates rounded once."""
    rounded = shapely.set_precision(np.asarray(frame.geometry, dtype=object), 1e-4)
    ids = frame[key].astype(str).tolist()
    features = [
        {"type": "Feature", "id": i, "geometry": g.__geo_interface__}
        for i, g in zip(ids, rounded, strict=True)
    ]
    return {
        "geojson": {"type": "FeatureCollection", "features": features},
        "locations": ids,
        "names": frame["name"].tolist(),
    }


def _golan_hatch(golan) -> tuple[list, list]:
    shape = golan.geometry.union_all()
    west, south, east, north = shape.bounds
    span = (east - west) + (north - south)
    diagonals = shapely.multilinestrings(
        [[(x, south), (x + span, south + span)] for x in np.arange(west - span, east, _HATCH_STEP)]
    )
    return line_coordinates([shape.intersection(diagonals), shape])


@cache
def _geometry() -> dict:
    """Every base layer's drawing data, read once."""
    countries = load_layer("countries")
    golan = countries[countries["iso_a3"] == "GOLAN"]
    neighbours = countries[~countries["is_syria"].astype(bool) & (countries["iso_a3"] != "GOLAN")]
    return {
        "neighbours": _areas(neighbours, "iso_a3"),
        "golan": _areas(golan, "iso_a3"),
        "lakes": _areas(load_layer("lakes"), "name"),
        "hatch": _golan_hatch(golan),
        "governorates": line_coordinates(load_layer("governorates").geometry),
        "rivers": line_coordinates(load_layer("rivers").geometry),
        "borders": line_coordinates(list(countries.geometry)),
    }


def base_traces(layers) -> list[dict]:
    """Neighbours, Golan, lakes, Golan hatching, governorates, rivers, borders (trace order)."""
    shapes = _geometry()
    rivers_on = "rivers" in layers
    return [
        _flat_choropleth(shapes["neighbours"], NEIGHBOUR, "Neighbours"),
        _flat_choropleth(shapes["golan"], "#C8C8C8", "Golan (Israeli-occupied)"),
        _flat_choropleth(shapes["lakes"], WATER, "Lakes", visible=rivers_on),
        lines(*shapes["hatch"], "#8A8A8A", 0.8, "Golan hatching", hover=False),
        lines(
            *shapes["governorates"],
            "#666666",
            0.8,
            "Governorates",
            dash="dot",
            visible="governorates" in layers,
            hover=False,  # lines only say their layer's name: leave the hover to the markers
        ),
        lines(*shapes["rivers"], WATER, 1.6, "Rivers", visible=rivers_on, hover=False),
        lines(*shapes["borders"], "#555555", 1.0, "Borders", hover=False),
    ]


@cache
def _label_spots(lang: str, rivers: bool) -> tuple[tuple, tuple, tuple]:
    names, lon, lat = [], [], []
    column = "name_ar" if lang == "ar" else "name"
    for row in load_layer("countries").itertuples():
        if row.iso_a3 in _LABEL_SPOTS:
            names.append(str(getattr(row, column)))
            lon.append(_LABEL_SPOTS[row.iso_a3][0])
            lat.append(_LABEL_SPOTS[row.iso_a3][1])
    for layer in ("rivers", "lakes") if rivers else ():
        for row in load_layer(layer).itertuples():
            point = (
                row.geometry.interpolate(0.55, normalized=True)
                if layer == "rivers"
                else row.geometry.representative_point()
            )
            if _LABEL_EXTENT[0] <= point.x <= _LABEL_EXTENT[1]:
                names.append(str(getattr(row, column)))
                lon.append(round(point.x, 3))
                lat.append(round(point.y, 3))
    return tuple(names), tuple(lon), tuple(lat)


def geo_labels(lang: str, layers) -> dict:
    """Names of neighbouring countries, rivers and lakes (rivers and lakes with their layer)."""
    names, lon, lat = _label_spots(lang, "rivers" in layers)
    return dict(
        type="scattergeo",
        lon=list(lon),
        lat=list(lat),
        mode="text",
        text=list(names),
        textfont={"size": 10, "color": "#4A6F8A"},
        hoverinfo="skip",
        name="Geography labels",
        showlegend=False,
    )
