"""Statistics analysts quote: area and population held by each faction, and what changed.

Area is split into `held_km2` (within reach of a locality with a known controller, or decided
by an area event) and `inferred_km2` (farther, coloured by the nearest locality);
`area_km2` is their sum. Faction `none` is the land nobody can be said to hold: no data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.core.control import NO_FACTION
from dashboard.core.factions import FACTION_CODES
from dashboard.core.model import ControlModel
from dashboard.errors import UsageProblem

__all__ = [
    "EVERY",
    "MAX_SERIES_DATES",
    "change_between",
    "held_at",
    "held_series",
    "series_dates",
]

EVERY = ("day", "week", "month")
MAX_SERIES_DATES = 10_000  # a daily series of 27 years; more is a mistake, not a question
_NONE = "none"  # label for areas and people in no faction's zone
_LABELS = np.array([*FACTION_CODES, _NONE], dtype=object)


def _labels(factions: np.ndarray) -> np.ndarray:
    return _LABELS[np.where(factions == NO_FACTION, len(FACTION_CODES), factions)]


def held_at(model: ControlModel, date: object) -> pd.DataFrame:
    """Area (km², equal-area: total, held and inferred), population and localities held by
    each faction at `date`; the `none` row (no data) is always there."""
    control = model.atom_control(date)
    factions = control.factions
    bins = len(_LABELS)
    index = np.where(factions == NO_FACTION, len(FACTION_CODES), factions)
    km2 = model.tessellation.area_km2
    inferred = np.bincount(index, weights=np.where(control.inferred, km2, 0.0), minlength=bins)
    area = np.bincount(index, weights=km2, minlength=bins)
    population = _population(model, index, bins)
    loc_factions, _, _ = model.history.at(date)
    loc_index = np.where(loc_factions == NO_FACTION, len(FACTION_CODES), loc_factions)
    localities = np.bincount(loc_index, minlength=bins)
    frame = pd.DataFrame(
        {
            "faction": _LABELS,
            "area_km2": area.round(1),
            "held_km2": (area - inferred).round(1),
            "inferred_km2": inferred.round(1),
            "population": population.astype(np.int64),
            "localities": localities,
        }
    )
    keep = (frame["area_km2"] > 0) | (frame["localities"] > 0) | (frame["faction"] == _NONE)
    return frame[keep].reset_index(drop=True)


def _population(model: ControlModel, atom_index: np.ndarray, bins: int) -> np.ndarray:
    places = model.places
    atoms = places["atom"].to_numpy(np.int64)
    inside = atoms >= 0
    labels = np.full(len(places), bins - 1)
    labels[inside] = atom_index[atoms[inside]]
    return np.bincount(labels, weights=places["population"].to_numpy(float), minlength=bins)


def series_dates(start: object, end: object, every: str) -> pd.DatetimeIndex:
    """Dates from start to end (inclusive) every day, week or month; at most
    MAX_SERIES_DATES of them (a longer series is a UsageProblem, before any is made)."""
    freq = {"day": "D", "week": "7D", "month": "MS"}[every]
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days
    count = days // {"day": 1, "week": 7, "month": 28}[every] + 1
    if count > MAX_SERIES_DATES:
        raise UsageProblem(
            f"a series of about {count:,} dates ({every} by {every}) is longer than the "
            f"{MAX_SERIES_DATES:,} allowed; take a longer step or a shorter range"
        )
    dates = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq=freq)
    if every == "month" and (len(dates) == 0 or dates[0] != pd.Timestamp(start)):
        dates = dates.insert(0, pd.Timestamp(start))
    return dates


def held_series(model: ControlModel, dates: pd.DatetimeIndex) -> pd.DataFrame:
    """`held_at` for many dates, in long form with a `date` column."""
    frames = [held_at(model, d).assign(date=d) for d in dates]
    frame = pd.concat(frames, ignore_index=True)
    columns = ["area_km2", "held_km2", "inferred_km2", "population", "localities"]
    return frame[["date", "faction", *columns]]


def change_between(
    model: ControlModel, start: object, end: object
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Localities that changed hands between two dates, and area/population moved per pair."""
    before = model.locality_control(start)
    after = model.locality_control(end)
    changed = before["controller"].to_numpy() != after["controller"].to_numpy()
    localities = (
        pd.DataFrame(
            {
                "place": after["name"][changed],
                "place_id": after["place_id"][changed],
                "from": before["controller"][changed].replace("", _NONE),
                "to": after["controller"][changed].replace("", _NONE),
                "event_date": after["event_date"][changed],
                "event_id": after["event_id"][changed],
            }
        )
        .sort_values(["event_date", "place"])
        .reset_index(drop=True)
    )
    atoms_before = model.atom_control(start).factions
    atoms_after = model.atom_control(end).factions
    moved = atoms_before != atoms_after
    area = pd.DataFrame(
        {
            "from": _labels(atoms_before[moved]),
            "to": _labels(atoms_after[moved]),
            "area_km2": model.tessellation.area_km2[moved],
        }
    )
    people = _moved_population(model, atoms_before, atoms_after)
    summary = area.groupby(["from", "to"], as_index=False)["area_km2"].sum().round(1)
    summary = summary.merge(people, on=["from", "to"], how="left").fillna({"population": 0})
    summary["population"] = summary["population"].astype(np.int64)
    return localities, summary.sort_values("area_km2", ascending=False).reset_index(drop=True)


def _moved_population(model: ControlModel, before: np.ndarray, after: np.ndarray) -> pd.DataFrame:
    places = model.places[model.places["atom"] >= 0]
    atoms = places["atom"].to_numpy(np.int64)
    moved = before[atoms] != after[atoms]
    frame = pd.DataFrame(
        {
            "from": _labels(before[atoms][moved]),
            "to": _labels(after[atoms][moved]),
            "population": places["population"].to_numpy(float)[moved],
        }
    )
    return frame.groupby(["from", "to"], as_index=False)["population"].sum()


def net_change(summary: pd.DataFrame) -> pd.Series:
    """Net area gained (+) or lost (-) by each faction, from a change summary."""
    gained = summary.groupby("to")["area_km2"].sum()
    lost = summary.groupby("from")["area_km2"].sum()
    return gained.sub(lost, fill_value=0).round(1).sort_values(ascending=False)
