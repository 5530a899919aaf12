"""Zones and localities as GIS features: GeoJSON, GeoPackage or CSV (WKT), written atomically.

A zones file has one feature per faction and kind (`held`, or `inferred`: land beyond its
localities' reach, coloured by the nearest one), with its equal-area km² and the data version
(the event table's digest), so every file says which table it was derived from.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard.core.factions import faction_name
from dashboard.core.model import ControlModel
from dashboard.core.zones import zone_parts
from dashboard.errors import UsageProblem
from dashboard.io.writers import atomic_write

__all__ = [
    "ZONE_SUFFIXES",
    "check_zones_path",
    "points_geojson",
    "write_zones",
    "zone_features",
    "zones_geojson",
]

ZONE_SUFFIXES = {".geojson": "geojson", ".gpkg": "gpkg", ".csv": "csv"}
_DIGITS = 6  # decimal degrees kept: about 0.1 m


def check_zones_path(path: str | Path) -> str:
    """The format a zones file's name asks for; a UsageProblem for any other extension."""
    fmt = ZONE_SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise UsageProblem(f"--out {str(path)!r}: write FILE.geojson, FILE.gpkg or FILE.csv")
    return fmt


def zone_features(model: ControlModel, date: object, digest: str) -> gpd.GeoDataFrame:
    """The zones at `date`, one row per faction and kind, in WGS84."""
    parts = zone_parts(model, date)
    geometry = shapely.transform(parts["geometry"].to_numpy(), lambda xy: np.round(xy, _DIGITS))
    frame = pd.DataFrame(
        {
            "date": f"{pd.Timestamp(date):%Y-%m-%d}",
            "faction": parts["faction"],
            "name": [faction_name(code) for code in parts["faction"]],
            "kind": parts["kind"],
            "area_km2": parts["area_km2"].round(1),
            "data_version": digest,
        }
    )
    return gpd.GeoDataFrame(frame, geometry=list(geometry), crs=4326)


def write_zones(features: gpd.GeoDataFrame, path: str | Path) -> None:
    """Write zone features to `path` (its extension picks the format); an earlier file is
    replaced only once the new one is whole."""
    fmt = check_zones_path(path)
    if fmt == "csv":
        frame = pd.DataFrame(features.drop(columns="geometry"))
        frame["geometry"] = features.geometry.to_wkt()
        atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False, lineterminator="\n"))
    elif fmt == "gpkg":
        atomic_write(path, lambda tmp: features.to_file(tmp, driver="GPKG", layer="zones"))
    else:
        text = json.dumps(zones_geojson(features), ensure_ascii=False)
        atomic_write(path, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))


def zones_geojson(features: gpd.GeoDataFrame) -> dict:
    """Zone features as a GeoJSON FeatureCollection (a dict, ready for json.dumps)."""
    return json.loads(features.to_json(drop_id=True, ensure_ascii=False))


def points_geojson(frame: pd.DataFrame, properties: list[str]) -> dict:
    """Rows with `lon`/`lat` as a FeatureCollection of points; dates become YYYY-MM-DD."""
    plain = frame[properties].copy()
    for column in plain.columns:
        if pd.api.types.is_datetime64_any_dtype(plain[column]):
            plain[column] = plain[column].dt.strftime("%Y-%m-%d")
    plain = plain.astype(object).where(plain.notna(), None)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(x, _DIGITS), round(y, _DIGITS)]},
            "properties": props,
        }
        for x, y, props in zip(
            frame["lon"].astype(float), frame["lat"].astype(float),
            plain.to_dict(orient="records"), strict=True,
        )
    ]  # fmt: skip
    return {"type": "FeatureCollection", "features": features}
