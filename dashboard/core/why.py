"""Why a place or point has its colour: the deciding event, its source and the timeline.

`basis` says in words what the colour rests on: the locality's own zone, an area event, or an
inference from the nearest locality ("inferred from Raqqa, 62 km away").
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

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
    control = model.atom_control(date)
    locality = int(model.tessellation.atom_locality[atom]) if atom >= 0 else -1
    row = int(control.event_rows[atom]) if atom >= 0 else -1
    faction = int(control.factions[atom]) if atom >= 0 else -1
    controller = FACTION_CODES[faction] if faction >= 0 else ""
    deciding = _events(model, [row]).iloc[0] if row >= 0 else None
    if locality < 0:
        place = NO_DATA.name if atom >= 0 else "outside the map"
        basis = "area event" if deciding is not None else place
        return Explanation(place, controller, deciding, _events(model, []), basis)
    base = explain_locality(model, locality, date)
    distance = float(model.tessellation.atom_distance_km[atom])
    if point is not None:
        distance = model.distance_km(atom, *point)
    return Explanation(
        base.place,
        controller,
        deciding,
        base.timeline,
        _basis(model, control, atom, date, base.place, distance),
        bool(control.inferred[atom]),
        round(distance, 1),
    )


def _basis(model: ControlModel, control, atom: int, date, place: str, distance: float) -> str:
    """What an atom's colour rests on, in words."""
    row = int(control.event_rows[atom])
    locality = int(model.tessellation.atom_locality[atom])
    if bool(control.inferred[atom]):
        return f"inferred from {place}, {distance:,.0f} km away"
    if row >= 0 and row != int(model.history.at(date)[1][locality]):
        return "area event"
    if control.factions[atom] < 0:
        return f"{NO_DATA.name.lower()}: no control of {place} known yet"
    return f"zone of {place}"
