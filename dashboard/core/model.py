"""The control model: who holds each locality and each atom of the map at any date.

Built once from an event table, an outline and the barriers (rivers and lakes no cell
crosses); every per-date question is then array work. An area event (a control_change with a
polygon) takes precedence over the held cells it covers when it is at least as recent as the
cell's own deciding event, and over inferred land it covers whatever its date: it is evidence
about that ground, where an inferred atom is only a guess from the nearest locality.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from dashboard.core.cells import (
    Tessellation,
    atom_index_of_points,
    tessellate,
    to_degrees,
    to_metres,
)
from dashboard.core.control import (
    NO_FACTION,
    ControlHistory,
    day_number,
    faction_index,
    locality_control,
)
from dashboard.core.table import EventTable

__all__ = ["DEFAULT_REACH_KM", "AtomControl", "ControlModel", "build_model"]

# Land within this distance of its locality is held; farther it is inferred from the locality.
DEFAULT_REACH_KM = 40.0
_ENCLAVE_NEIGHBOURS = 3  # a locality with at least this many neighbours, all of one other side


@dataclass(frozen=True)
class AtomControl:
    """Per atom at one date: faction index, the deciding event's row (-1 where none), and
    whether the colour is inferred from a distant locality rather than held."""

    factions: np.ndarray
    event_rows: np.ndarray
    inferred: np.ndarray
    localities: np.ndarray  # the locality whose control the atom shows (-1: area event, none)


_RECENT_DATES = 8  # atom_control results kept per model


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
    stand_ins: np.ndarray  # per locality, the nearest others on its bank, nearest first (-1 pad)
    neighbours: tuple[np.ndarray, np.ndarray]  # locality pairs whose cells touch, both ways

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
        """Faction and deciding event of every atom at `date` (read-only arrays; the last few
        dates are kept, as a slider step asks for the same date several times).

        A locality with no known controller yet lends its cells to the nearest locality on its
        bank that has one; those cells are inferred, like land beyond the reach.
        """
        recent = self.__dict__.setdefault("_recent", OrderedDict())
        day = day_number(date)
        if day not in recent:
            control = self._atom_control(date)
            for array in (
                control.factions,
                control.event_rows,
                control.inferred,
                control.localities,
            ):
                array.setflags(write=False)
            recent[day] = control
            while len(recent) > _RECENT_DATES:
                recent.popitem(last=False)
        recent.move_to_end(day)
        return recent[day]

    def _atom_control(self, date: object) -> AtomControl:
        loc_factions, loc_rows, loc_days = self.history.at(date)
        source = self._sources(loc_factions)
        owner = self.tessellation.atom_locality
        owned = owner >= 0
        shown = np.full(len(owner), -1, dtype=np.int64)
        shown[owned] = source[owner[owned]]
        beyond = owned & self.tessellation.atom_inferred
        shown[beyond] = self._surrounding(loc_factions, source)[owner[beyond]]
        factions = np.full(len(owner), NO_FACTION, dtype=np.int8)
        rows = np.full(len(owner), -1, dtype=np.int64)
        days = np.full(len(owner), -1, dtype=np.int64)
        factions[owned] = loc_factions[shown[owned]]
        rows[owned] = loc_rows[shown[owned]]
        days[owned] = loc_days[shown[owned]]
        borrowed = owned & (shown != owner)
        inferred = (self.tessellation.atom_inferred | borrowed) & (factions != NO_FACTION)
        if len(self.area_events):
            self._apply_areas(date, factions, rows, days, inferred, shown)
        return AtomControl(factions, rows, inferred, shown)

    def _sources(self, loc_factions: np.ndarray) -> np.ndarray:
        """Per locality, the locality whose control its cells show: itself, or when it has no
        controller yet the nearest one on its bank that has."""
        source = np.arange(len(loc_factions), dtype=np.int64)
        undecided = np.flatnonzero(loc_factions == NO_FACTION)
        if len(undecided) == 0 or self.stand_ins.shape[1] == 0:
            return source
        candidates = self.stand_ins[undecided]
        usable = (candidates >= 0) & (loc_factions[np.maximum(candidates, 0)] != NO_FACTION)
        found = usable.any(axis=1)
        first = candidates[np.arange(len(candidates)), usable.argmax(axis=1)]
        source[undecided[found]] = first[found]
        return source

    def _surrounding(self, loc_factions: np.ndarray, source: np.ndarray) -> np.ndarray:
        """Per locality, whose control its land beyond the reach shows: its source's, unless it
        is an enclave (three or more neighbours, all held by one other faction), whose land far
        from it then goes to its nearest neighbour of that faction."""
        factions = loc_factions[source]
        result = source.copy()
        a, b = self.neighbours
        if len(a) == 0:
            return result
        around = factions[b].astype(np.int64)
        count = np.bincount(a, minlength=len(factions))
        low = np.full(len(factions), np.iinfo(np.int64).max)
        high = np.full(len(factions), np.iinfo(np.int64).min)
        np.minimum.at(low, a, around)
        np.maximum.at(high, a, around)
        enclave = np.flatnonzero(
            (count >= _ENCLAVE_NEIGHBOURS)
            & (low == high)
            & (low >= 0)
            & (factions >= 0)
            & (low != factions)
        )
        for locality in enclave:
            for other in self.stand_ins[locality]:
                if other >= 0 and factions[other] == low[locality]:
                    result[locality] = source[other]
                    break
        return result

    def _apply_areas(self, date, factions, rows, days, inferred, shown) -> None:
        """Let the latest area event covering each atom decide it where it beats the cell."""
        past = self.area_events[self.area_events["day"] <= day_number(date)]
        if past.empty:
            return
        latest = past.groupby("area_id").tail(1)
        state = {
            int(a): (int(d), int(f), int(r))
            for a, d, f, r in latest[["area_id", "day", "faction", "event_row"]].itertuples(
                index=False
            )
        }
        for atom in self.tessellation.covered_atoms:
            live = [state[a] for a in self.tessellation.atom_areas[atom] if a in state]
            if not live:
                continue
            day, faction, row = max(live, key=lambda s: (s[0], s[2]))
            if inferred[atom] or days[atom] < 0 or day >= days[atom]:
                factions[atom], rows[atom], days[atom] = faction, row, day
                inferred[atom], shown[atom] = False, -1

    def distance_km(self, locality: int, lon: float, lat: float) -> float:
        """Km from a point (WGS84) to a locality (nan for -1)."""
        if locality < 0:
            return float("nan")
        place = self.localities.iloc[locality]
        ends = to_metres(shapely.points([lon, float(place["lon"])], [lat, float(place["lat"])]))
        return float(shapely.distance(ends[0], ends[1])) / 1000

    def atom_at(self, lon: float, lat: float) -> int:
        """The atom containing a point, or -1 outside the map."""
        return int(atom_index_of_points(self.tessellation, [lon], [lat])[0])


def build_model(
    table: EventTable,
    outline,
    places: pd.DataFrame | None = None,
    reach_km: float = DEFAULT_REACH_KM,
    barriers=None,
) -> ControlModel:
    """Index the events, tessellate the outline among the localities (no cell crossing the
    `barriers`, WGS84 lines or polygons), locate the places."""
    events = table.events
    history = ControlHistory.from_events(events)
    area_events, polygons = _area_events(events)
    tessellation = tessellate(
        history.localities["lon"].to_numpy(),
        history.localities["lat"].to_numpy(),
        outline,
        reach_km,
        polygons,
        barriers,
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
        stand_ins=_stand_ins(history.localities, tessellation.locality_bank),
        neighbours=_neighbours(tessellation),
    )


def _neighbours(tessellation: Tessellation) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of localities whose atoms share an edge on the same bank, in both directions."""
    owner, bank = tessellation.atom_locality, tessellation.atom_bank
    a, b = owner[tessellation.edge_a], owner[tessellation.edge_b]
    same_bank = bank[tessellation.edge_a] == bank[tessellation.edge_b]
    keep = (a >= 0) & (b >= 0) & (a != b) & same_bank
    pairs = np.unique(np.column_stack([a[keep], b[keep]]), axis=0)
    both = np.concatenate([pairs, pairs[:, ::-1]]) if len(pairs) else pairs.reshape(0, 2)
    both = np.unique(both, axis=0)
    return both[:, 0], both[:, 1]


def _stand_ins(localities: pd.DataFrame, bank: np.ndarray, count: int = 16) -> np.ndarray:
    """For each locality, the `count` nearest other localities on the same bank (-1 padded)."""
    n = len(localities)
    if n < 2:
        return np.full((n, 0), -1, dtype=np.int64)
    xy = shapely.get_coordinates(
        to_metres(shapely.points(localities["lon"].to_numpy(), localities["lat"].to_numpy()))
    )
    count = min(count, n - 1)
    result = np.full((n, count), -1, dtype=np.int64)
    for start in range(0, n, 512):  # in blocks: 5,000 localities stay a few MB at a time
        block = slice(start, min(start + 512, n))
        d2 = ((xy[block, None, :] - xy[None, :, :]) ** 2).sum(axis=2)
        d2[np.arange(d2.shape[0]), np.arange(block.start, block.stop)] = np.inf
        d2[bank[block, None] != bank[None, :]] = np.inf
        nearest = np.argsort(d2, axis=1)[:, :count]
        finite = np.isfinite(np.take_along_axis(d2, nearest, axis=1))
        result[block] = np.where(finite, nearest, -1)
    return result


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
