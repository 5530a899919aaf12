"""Why a place or point has its colour: the deciding event, its source and the timeline.

`basis` says in words what the colour rests on: the locality's own zone, an area event, or an
inference from the nearest locality ("inferred from Raqqa, 62 km away").
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import shapely

from dashboard.core.cells import to_degrees
from dashboard.core.factions import FACTION_CODES, NO_DATA
from dashboard.core.model import ControlModel
from dashboard.core.schema import EVENT_COLUMNS_SHOWN

__all__ = ["Explanation", "explain_atom", "explain_locality", "locality_index"]

_EVENT_COLUMNS = [*EVENT_COLUMNS_SHOWN, "date_precision", "confidence"]


@dataclass(frozen=True)
class Explanation:
    """The controller at a date, the event that decided it, and the locality's history."""

    place: str
    controller: str
    deciding_event: pd.Series | None
    timeline: pd.DataFrame
    basis: str = "locality"
    inferred: bool = False
    distance_km: float | None = None  # from the locality whose zone it is


def locality_index(model: ControlModel, place_id: str) -> int | None:
    """The locality index of a gazetteer place, None if it has no control history."""
    matches = (model.localities["place_id"] == place_id).to_numpy().nonzero()[0]
    return int(matches[0]) if len(matches) else None


def _events(model: ControlModel, rows) -> pd.DataFrame:
    columns = [c for c in _EVENT_COLUMNS if c in model.events]
    return model.events.iloc[list(rows)][columns].reset_index(drop=True)


def explain_locality(model: ControlModel, locality: int, date: object) -> Explanation:
    """Explain one locality at a date."""
    control = model.locality_control(date).iloc[locality]
    row = int(control["event_row"])
    controller = control["controller"]
    return Explanation(
        place=str(model.localities["name"].iloc[locality]),
        controller=controller,
        deciding_event=_events(model, [row]).iloc[0] if row >= 0 else None,
        timeline=_events(model, model.history.timeline(locality)),
    )


def explain_atom(
    model: ControlModel, atom: int, date: object, point: tuple[float, float] | None = None
) -> Explanation:
    """Explain the map at an atom (a point's piece of the map) at a date; with the clicked
    `point` (lon, lat) the distance to the locality is the point's own."""
    if atom < 0:
        return Explanation("outside the map", "", None, _events(model, []), "outside the map")
    control = model.atom_control(date)
    row = int(control.event_rows[atom])
    faction = int(control.factions[atom])
    controller = FACTION_CODES[faction] if faction >= 0 else ""
    deciding = _events(model, [row]).iloc[0] if row >= 0 else None
    shown = int(control.localities[atom])  # -1 when an area event decides it
    locality = shown if shown >= 0 else int(model.tessellation.atom_locality[atom])
    if locality < 0:
        basis = "area event" if deciding is not None else NO_DATA.name
        return Explanation(NO_DATA.name, controller, deciding, _events(model, []), basis)
    base = explain_locality(model, locality, date)
    lon, lat = point if point is not None else _centre(model, atom)
    distance = model.distance_km(locality, lon, lat)
    if bool(control.inferred[atom]):
        basis = f"inferred from {base.place}, {distance:,.0f} km away"
    elif shown < 0 and deciding is not None:
        basis = "area event"
    elif faction < 0:
        basis = f"{NO_DATA.name.lower()}: no control of {base.place} known yet"
    else:
        basis = f"zone of {base.place}"
    inferred = bool(control.inferred[atom])
    return Explanation(
        base.place, controller, deciding, base.timeline, basis, inferred, round(distance, 1)
    )


def _centre(model: ControlModel, atom: int) -> tuple[float, float]:
    """The atom's centroid in WGS84: where its distance is measured from."""
    centre = to_degrees(shapely.centroid(model.tessellation.atoms[atom]))
    return centre.x, centre.y
