"""Zones and front lines at a date, as geometry (WGS84) for maps and files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from dashboard.core.cells import to_degrees
from dashboard.core.control import NO_FACTION
from dashboard.core.factions import FACTION_CODES
from dashboard.core.model import ControlModel

__all__ = ["ZONE_KINDS", "front_line_mask", "front_lines", "zone_parts", "zones"]

ZONE_KINDS = ("held", "inferred")


def zones(model: ControlModel, date: object) -> pd.DataFrame:
    """One merged (multi)polygon per faction held at `date`, with its area in km² (total,
    and of that how much is inferred) and the inferred part's own geometry."""
    control = model.atom_control(date)
    factions, inferred = control.factions, control.inferred
    atoms, km2 = model.tessellation.atoms, model.tessellation.area_km2
    rows = []
    for index, code in enumerate(FACTION_CODES):
        held = factions == index
        if held.any():
            shape = shapely.union_all(atoms[held], grid_size=1.0)
            guessed = held & inferred
            guess = shapely.union_all(atoms[guessed], grid_size=1.0)
            area = float(km2[held].sum())
            rows.append(
                (code, area, float(km2[guessed].sum()), to_degrees(shape), to_degrees(guess))
            )
    columns = ["faction", "area_km2", "inferred_km2", "geometry", "inferred_geometry"]
    return pd.DataFrame(rows, columns=columns)


def zone_parts(model: ControlModel, date: object) -> pd.DataFrame:
    """The zones at `date` split by kind: per faction, the land it holds (`held`) and the land
    only inferred for it (`inferred`), each merged, with its area in km² (equal-area); the two
    parts of a faction add up to its `area_km2` in `stats.held_at`."""
    control = model.atom_control(date)
    atoms, km2 = model.tessellation.atoms, model.tessellation.area_km2
    rows = []
    for index, code in enumerate(FACTION_CODES):
        held = control.factions == index
        parts = (held & ~control.inferred, held & control.inferred)
        for kind, chosen in zip(ZONE_KINDS, parts, strict=True):
            if chosen.any():
                shape = shapely.union_all(atoms[chosen], grid_size=1.0)
                rows.append((code, kind, float(km2[chosen].sum()), to_degrees(shape)))
    return pd.DataFrame(rows, columns=["faction", "kind", "area_km2", "geometry"])


def front_line_mask(model: ControlModel, factions: np.ndarray) -> np.ndarray:
    """Which edges separate two different factions (both held by someone)."""
    a = factions[model.tessellation.edge_a]
    b = factions[model.tessellation.edge_b]
    return (a != b) & (a != NO_FACTION) & (b != NO_FACTION)


def front_lines(model: ControlModel, date: object) -> pd.DataFrame:
    """Front lines at `date`: one merged line per pair of factions that meet."""
    factions = model.atom_control(date).factions
    mask = front_line_mask(model, factions)
    a = factions[model.tessellation.edge_a][mask]
    b = factions[model.tessellation.edge_b][mask]
    lines = model.tessellation.edge_lines[mask]
    low, high = np.minimum(a, b), np.maximum(a, b)
    rows = []
    for pair in sorted(set(zip(low.tolist(), high.tolist(), strict=True))):
        chosen = (low == pair[0]) & (high == pair[1])
        merged = shapely.line_merge(shapely.union_all(lines[chosen]))
        length = float(shapely.length(merged)) / 1000
        rows.append((FACTION_CODES[pair[0]], FACTION_CODES[pair[1]], length, to_degrees(merged)))
    return pd.DataFrame(rows, columns=["faction_a", "faction_b", "length_km", "geometry"])
