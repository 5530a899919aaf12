"""The questions both the command line and the HTTP API answer, over data already loaded.

Each returns a frame; the warnings about dates outside the data come back as text, which the
CLI prints on stderr and the API puts in a `warning` field.
"""

from __future__ import annotations

import json

import pandas as pd

from dashboard.core.control import ControlHistory, locality_control
from dashboard.core.factions import NO_DATA, factions_on
from dashboard.core.model import ControlModel
from dashboard.core.schema import EVENT_COLUMNS_SHOWN
from dashboard.core.stats import held_at, held_series, series_dates

__all__ = [
    "CONTROL_COLUMNS",
    "coverage_warnings",
    "event_rows",
    "locality_rows",
    "records",
    "stats_rows",
]

CONTROL_COLUMNS = ["place", "place_id", "controller", "event_date", "event_id"]


def coverage_warnings(coverage: tuple, *dates) -> list[str]:
    """One sentence for each date past the data's last date (or before its first)."""
    first, last = (pd.Timestamp(d) for d in coverage)
    said = []
    for date in dates:
        if date is None:
            continue
        if pd.Timestamp(date) > last:
            said.append(
                f"{date:%Y-%m-%d} is after the data's last date ({last:%Y-%m-%d}); "
                f"this is the state on {last:%Y-%m-%d}, nothing later is known"
            )
        elif pd.Timestamp(date) < first:
            said.append(
                f"{date:%Y-%m-%d} is before the data's first date ({first:%Y-%m-%d}); "
                "nothing is known of it"
            )
    return said


def locality_rows(history: ControlHistory, events: pd.DataFrame, date) -> pd.DataFrame:
    """Every locality's controller at `date`, the event that decided it and its position,
    sorted by name."""
    control = locality_control(history, events, date).rename(columns={"name": "place"})
    rows = control[[*CONTROL_COLUMNS, "lon", "lat"]]
    return rows.sort_values("place").reset_index(drop=True)


def event_rows(
    events: pd.DataFrame, start=None, end=None, place_id=None, event_type=None
) -> pd.DataFrame:
    """Events (the columns a reader sees, with their sources) filtered by date range, place
    and type, oldest first."""
    keep = pd.Series(True, index=events.index)
    if start is not None:
        keep &= events["date"] >= start
    if end is not None:
        keep &= events["date"] <= end
    if place_id is not None:
        keep &= events["place_id"] == place_id
    if event_type is not None:
        keep &= events["event_type"] == event_type
    return events.loc[keep, list(EVENT_COLUMNS_SHOWN)].reset_index(drop=True)


def stats_rows(model: ControlModel, date=None, start=None, end=None, every="month"):
    """Area and population by faction at a date (the factions of that date, and any holding
    land), or in long form for a series from `start` to `end` (at most MAX_SERIES_DATES)."""
    if date is not None:
        held = held_at(model, date)
        shown = {f.code for f in factions_on(date)} | {NO_DATA.code}
        return held[held["faction"].isin(shown) | (held["area_km2"] > 0)].reset_index(drop=True)
    return held_series(model, series_dates(start, end, every))


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts: dates as YYYY-MM-DD, missing values as None."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return json.loads(out.to_json(orient="records", force_ascii=False))
