"""Link an event's coordinates to the nearest gazetteer locality, where precise enough."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["MAX_LINK_KM", "PlaceLinker", "link_places"]

MAX_LINK_KM = 5.0
_EARTH_KM = 6371.0088
# Gazetteer kinds that name an area, not a locality one can stand in.
_AREA_KINDS = {"country", "governorate", "district", "subdistrict", "nahiya", "region", "area"}


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Points on the unit sphere, so straight-line distance ranks like great-circle distance."""
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))


@dataclass(frozen=True)
class PlaceLinker:
    """A KD-tree over the gazetteer's localities; `names[i]` is how row i is written in `place`."""

    tree: object
    names: np.ndarray

    @classmethod
    def from_places(cls, places: pd.DataFrame, lookup=None) -> PlaceLinker:
        """Index a places frame (place_id, name, lat, lon, kind).

        `lookup(name) -> place_id` (the gazetteer's) decides how each place is written: by its
        name where that name leads back to it, else by its id, so validation resolves the same
        place.
        """
        from scipy.spatial import cKDTree

        lat = pd.to_numeric(places.get("lat"), errors="coerce")
        lon = pd.to_numeric(places.get("lon"), errors="coerce")
        kind = places.get("kind", pd.Series("", index=places.index)).fillna("").str.lower()
        keep = lat.notna() & lon.notna() & ~kind.isin(_AREA_KINDS)
        chosen = places[keep]
        names = [
            name if lookup is None or lookup(name) == pid else pid
            for pid, name in zip(chosen["place_id"], chosen["name"], strict=True)
        ]
        points = _unit_vectors(lat[keep].to_numpy(float), lon[keep].to_numpy(float))
        return cls(cKDTree(points) if len(points) else None, np.asarray(names, dtype=object))

    def nearest(
        self, lat: pd.Series, lon: pd.Series, eligible: pd.Series, max_km: float = MAX_LINK_KM
    ) -> pd.Series:
        """The nearest place within `max_km` for eligible rows with coordinates; "" otherwise."""
        out = pd.Series("", index=lat.index, dtype=object)
        lat_n = pd.to_numeric(lat, errors="coerce")
        lon_n = pd.to_numeric(lon, errors="coerce")
        rows = eligible & lat_n.notna() & lon_n.notna()
        if self.tree is None or not rows.any():
            return out
        chord = 2 * np.sin(max_km / _EARTH_KM / 2)
        points = _unit_vectors(lat_n[rows].to_numpy(float), lon_n[rows].to_numpy(float))
        distance, index = self.tree.query(points, distance_upper_bound=chord)
        found = np.isfinite(distance)
        values = np.full(len(points), "", dtype=object)
        values[found] = self.names[index[found]]
        out[rows] = values
        return out


def link_places(
    linker: PlaceLinker | None, lat: pd.Series, lon: pd.Series, eligible: pd.Series
) -> pd.Series:
    """Nearest places for the eligible rows, or all "" when there is no gazetteer."""
    if linker is None:
        return pd.Series("", index=eligible.index, dtype=object)
    return linker.nearest(lat, lon, eligible)
