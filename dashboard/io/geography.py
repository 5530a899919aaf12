"""Read the shipped base geography and gazetteer from geodata/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import shapely

from dashboard.core.gazetteer import Gazetteer
from dashboard.io.paths import GEODATA_DIR

__all__ = [
    "BARRIER_LAKES",
    "BARRIER_RIVERS",
    "LAYERS",
    "load_barriers",
    "load_gazetteer",
    "load_layer",
    "load_outline",
]

LAYERS = ("countries", "governorates", "rivers", "lakes", "syria_outline")
BARRIER_RIVERS = ("Euphrates",)  # names in geodata/rivers.geojson
BARRIER_LAKES = ("Lake Assad",)  # names in geodata/lakes.geojson


@cache
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer of places (geodata/places.csv)."""
    places = pd.read_csv(
        path or GEODATA_DIR / "places.csv", dtype=str, keep_default_na=False, encoding="utf-8"
    )
    places["lat"] = places["lat"].astype(float)
    places["lon"] = places["lon"].astype(float)
    return Gazetteer.from_frame(places)


@cache
def load_layer(name: str):
    """One base layer as a GeoDataFrame in EPSG:4326."""
    import geopandas as gpd

    frame = gpd.read_file(GEODATA_DIR / f"{name}.geojson", encoding="utf-8")
    return frame.set_crs(4326, allow_override=True)


def load_outline():
    """Syria's outline (without the Israeli-occupied Golan), one shapely geometry."""
    return load_layer("syria_outline").geometry.union_all()


def load_barriers():
    """What no zone crosses: the Euphrates and Lake Assad (WGS84), one shapely geometry.

    Applied on every date: before late 2017 both banks were mostly held by one side, and then
    a cell that stays on its bank takes the same colour from the nearest locality there.
    """
    rivers = load_layer("rivers")
    lakes = load_layer("lakes")
    parts = [
        *rivers.geometry[rivers["name"].isin(BARRIER_RIVERS)],
        *lakes.geometry[lakes["name"].isin(BARRIER_LAKES)],
    ]
    return shapely.GeometryCollection(parts)  # not a union: keep the river across the lake
