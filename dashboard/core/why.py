"""Why a place or point has its colour: the deciding event, its source and the timeline."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.core.factions import FACTION_CODES
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


def explain_atom(model: ControlModel, atom: int, date: object) -> Explanation:
    """Explain the map at an atom (a point's piece of the map) at a date."""
    control = model.atom_control(date)
    locality = int(model.tessellation.atom_locality[atom]) if atom >= 0 else -1
    row = int(control.event_rows[atom]) if atom >= 0 else -1
    if locality >= 0:
        base = explain_locality(model, locality, date)
        place, timeline = base.place, base.timeline
    else:
        place = "no data" if atom >= 0 else "outside the map"
        timeline = _events(model, [])
    faction = int(control.factions[atom]) if atom >= 0 else -1
    controller = FACTION_CODES[faction] if faction >= 0 else ""
    deciding = _events(model, [row]).iloc[0] if row >= 0 else None
    return Explanation(place, controller, deciding, timeline)
