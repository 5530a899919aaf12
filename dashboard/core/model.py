"""The control model: who holds each locality and each atom of the map at any date.

Built once from an event table and an outline; every per-date question is then array work.
An area event (a control_change with a polygon) takes precedence over the cells it covers
when it is at least as recent as the cell's own deciding event.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from dashboard.core.cells import Tessellation, atom_index_of_points, tessellate, to_degrees
from dashboard.core.control import (
    NO_FACTION,
    ControlHistory,
    day_number,
    faction_index,
    locality_control,
)
from dashboard.core.table import EventTable

__all__ = ["DEFAULT_REACH_KM", "AtomControl", "ControlModel", "build_model"]

# Cells reach at most this far from their locality; beyond it the map says "no data".
DEFAULT_REACH_KM = 40.0


@dataclass(frozen=True)
class AtomControl:
    """Per atom at one date: faction index and the deciding event's row (-1 where none)."""

    factions: np.ndarray
    event_rows: np.ndarray


@dataclass(frozen=True)
class ControlModel:
    """Events, localities, the tessellation and the place each gazetteer entry falls in."""

    table: EventTable
    history: ControlHistory
    tessellation: Tessellation
    atoms_wgs84: np.ndarray
    area_events: pd.DataFrame  # area_id, day, faction, event_row; sorted by area_id, day
    places: pd.DataFrame  # gazetteer places inside the map, with their atom index
    reach_km: float

    @property
    def events(self) -> pd.DataFrame:
        return self.table.events

    @property
    def localities(self) -> pd.DataFrame:
        return self.history.localities

    def locality_control(self, date: object) -> pd.DataFrame:
        """Each locality's controller at `date` and the event that decided it."""
        return locality_control(self.history, self.events, date)

    def atom_control(self, date: object) -> AtomControl:
        """Faction and deciding event of every atom at `date`."""
        loc_factions, loc_rows, loc_days = self.history.at(date)
        owner = self.tessellation.atom_locality
        owned = owner >= 0
        factions = np.full(len(owner), NO_FACTION, dtype=np.int8)
        rows = np.full(len(owner), -1, dtype=np.int64)
        days = np.full(len(owner), -1, dtype=np.int64)
        factions[owned] = loc_factions[owner[owned]]
        rows[owned] = loc_rows[owner[owned]]
        days[owned] = loc_days[owner[owned]]
        if len(self.area_events):
            self._apply_areas(date, factions, rows, days)
        return AtomControl(factions, rows)

    def _apply_areas(self, date, factions, rows, days) -> None:
        past = self.area_events[self.area_events["day"] <= day_number(date)]
        latest = past.groupby("area_id").tail(1).set_index("area_id")
        for atom, covering in enumerate(self.tessellation.atom_areas):
            live = [a for a in covering if a in latest.index]
            if not live:
                continue
            best = latest.loc[live].sort_values(["day", "event_row"]).iloc[-1]
            if best["day"] >= days[atom]:
                factions[atom], rows[atom], days[atom] = (
                    best["faction"],
                    best["event_row"],
                    best["day"],
                )

    def atom_at(self, lon: float, lat: float) -> int:
        """The atom containing a point, or -1 outside the map."""
        return int(atom_index_of_points(self.tessellation, [lon], [lat])[0])


def build_model(
    table: EventTable,
    outline,
    places: pd.DataFrame | None = None,
    reach_km: float = DEFAULT_REACH_KM,
) -> ControlModel:
    """Index the events, tessellate the outline among the localities, locate the places."""
    events = table.events
    history = ControlHistory.from_events(events)
    area_events, polygons = _area_events(events)
    tessellation = tessellate(
        history.localities["lon"].to_numpy(),
        history.localities["lat"].to_numpy(),
        outline,
        reach_km,
        polygons,
    )
    located = _locate_places(places, tessellation)
    return ControlModel(
        table=table,
        history=history,
        tessellation=tessellation,
        atoms_wgs84=to_degrees(tessellation.atoms),
        area_events=area_events,
        places=located,
        reach_km=reach_km,
    )


def _area_events(events: pd.DataFrame) -> tuple[pd.DataFrame, list]:
    """Control changes with a polygon: one area id per distinct polygon."""
    if "geometry" not in events:
        return pd.DataFrame(columns=["area_id", "day", "faction", "event_row"]), []
    is_area = (events["event_type"] == "control_change") & events["geometry"].map(
        lambda g: g is not None and g.geom_type in ("Polygon", "MultiPolygon")
    )
    rows = np.flatnonzero(is_area.to_numpy())
    shapes = events["geometry"].to_numpy()[rows]
    wkb = [shapely.to_wkb(g) for g in shapes]
    ids = {key: i for i, key in enumerate(dict.fromkeys(wkb))}
    polygons = [shapes[wkb.index(key)] for key in ids]
    frame = pd.DataFrame(
        {
            "area_id": [ids[k] for k in wkb],
            "day": events["date"].to_numpy()[rows].astype("datetime64[D]").astype(np.int64),
            "faction": faction_index(events["controller_after"].iloc[rows]),
            "event_row": rows,
        }
    )
    return frame.sort_values(["area_id", "day", "event_row"], kind="stable"), polygons


def _locate_places(places: pd.DataFrame | None, tessellation: Tessellation) -> pd.DataFrame:
    if places is None or places.empty:
        return pd.DataFrame(columns=["place_id", "name", "lon", "lat", "population", "atom"])
    located = places.copy()
    located["atom"] = atom_index_of_points(tessellation, located["lon"], located["lat"])
    located["population"] = pd.to_numeric(located["population"], errors="coerce").fillna(0)
    return located
