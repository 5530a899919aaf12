"""Everything one run needs, loaded once: gazetteer, events and the control model."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.core.gazetteer import Gazetteer
from dashboard.core.model import ControlModel, build_model
from dashboard.core.table import EventTable
from dashboard.io.events import load_events
from dashboard.io.geography import load_barriers, load_gazetteer, load_outline
from dashboard.settings import Settings

__all__ = ["Dataset", "load_dataset", "model_for"]


@dataclass(frozen=True)
class Dataset:
    """Read-only data shared by every request."""

    gazetteer: Gazetteer
    table: EventTable
    model: ControlModel


def model_for(table: EventTable, gazetteer: Gazetteer, reach_km: float) -> ControlModel:
    """The control model of a table over Syria's outline, cells kept on their bank of the
    Euphrates, with Syria's places located."""
    places = gazetteer.places[gazetteer.places["country"] == "SY"].reset_index(drop=True)
    return build_model(table, load_outline(), places, reach_km=reach_km, barriers=load_barriers())


def load_dataset(settings: Settings) -> Dataset:
    """Load the gazetteer and the event tables named in `settings`, and build the model."""
    gazetteer = load_gazetteer()
    table = load_events(list(settings.data), gazetteer, str(settings.layer or ""))
    return Dataset(gazetteer, table, model_for(table, gazetteer, float(settings.reach_km)))
