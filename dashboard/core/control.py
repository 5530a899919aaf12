"""Locality control at a date: each locality's last control_change on or before it.

Localities are the distinct points (gazetteer places, or coordinates) that have at least one
point `control_change`. Lookups are one `searchsorted` over (locality, day) keys, so a date
costs O(localities * log events).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.core.factions import FACTION_CODES, NO_FACTION

__all__ = [
    "NO_FACTION",
    "ControlHistory",
    "day_number",
    "faction_codes",
    "faction_index",
    "locality_control",
    "starting_states",
]

_DAY_OFFSET = 100_000  # keeps days before 1970 positive inside a key
_KEY_STRIDE = 1_000_000


def day_number(date: object) -> int:
    """Days since 1970-01-01 for a date, timestamp or ISO string."""
    return int(pd.Timestamp(date).to_datetime64().astype("datetime64[D]").astype(np.int64))


def faction_index(codes: pd.Series) -> np.ndarray:
    """Faction codes as small ints (index into FACTION_CODES), NO_FACTION where empty."""
    lookup = {code: i for i, code in enumerate(FACTION_CODES)}
    return codes.map(lambda c: lookup.get(c, NO_FACTION)).to_numpy(np.int8)


def _is_point_event(events: pd.DataFrame) -> pd.Series:
    has_area = events["geometry"].map(lambda g: g is not None) if "geometry" in events else False
    return (events["event_type"] == "control_change") & ~has_area & events["lat"].notna()


def starting_states(events: pd.DataFrame) -> np.ndarray:
    """Which rows only state who held a place or area when its history starts (not events).

    A control_change is a starting state when it is dated on the table's first day or says so
    ("Starting state: ...", "State on 1 January 2020 ...").
    """
    changes = events["event_type"] == "control_change"
    said = events["description"].fillna("").str.match(r"(Starting state|State on \d+ \w+ \d{4})")
    on_first_day = events["date"] == events["date"].min()
    return (changes & (said | on_first_day)).to_numpy()


def locality_keys(events: pd.DataFrame) -> pd.Series:
    """The locality each event belongs to: its place id, else its rounded coordinates."""
    coords = events["lat"].round(4).astype(str) + "," + events["lon"].round(4).astype(str)
    place = events["place_id"].fillna("") if "place_id" in events else ""
    return pd.Series(np.where(place != "", place, coords), index=events.index)


@dataclass(frozen=True)
class ControlHistory:
    """Who held each locality, as sorted (locality, day) keys over control_change events."""

    localities: pd.DataFrame  # locality_id, place_id, name, lon, lat; row i = locality i
    keys: np.ndarray  # int64, sorted
    event_rows: np.ndarray  # positional row in the event table, aligned with keys
    factions: np.ndarray  # int8 faction index, aligned with keys
    days: np.ndarray  # int64 day number, aligned with keys

    @classmethod
    def from_events(cls, events: pd.DataFrame) -> ControlHistory:
        """Index the point control_change rows of a validated, date-sorted event table."""
        changes = events[_is_point_event(events)]
        ids = locality_keys(changes)
        first = changes.assign(locality_id=ids).drop_duplicates("locality_id", keep="last")
        localities = pd.DataFrame(
            {
                "locality_id": first["locality_id"].to_numpy(),
                "place_id": first["place_id"].to_numpy() if "place_id" in first else "",
                "name": np.where(first["place"] != "", first["place"], first["locality_id"])
                if "place" in first
                else first["locality_id"].to_numpy(),
                "lon": first["lon"].to_numpy(float),
                "lat": first["lat"].to_numpy(float),
            }
        )
        localities = localities.sort_values("locality_id").reset_index(drop=True)
        position = pd.Series(np.arange(len(localities)), index=localities["locality_id"])
        locality = position.loc[ids.to_numpy()].to_numpy(np.int64)
        days = changes["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
        keys = locality * _KEY_STRIDE + days + _DAY_OFFSET
        order = np.argsort(keys, kind="stable")  # events arrive date-sorted; stable keeps ties
        rows = np.flatnonzero(_is_point_event(events).to_numpy())
        return cls(
            localities=localities,
            keys=keys[order],
            event_rows=rows[order],
            factions=faction_index(changes["controller_after"])[order],
            days=days[order],
        )

    def at(self, date: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per locality: faction index, deciding event row and its day (-1 where none)."""
        count = len(self.localities)
        query = np.arange(count, dtype=np.int64) * _KEY_STRIDE + day_number(date) + _DAY_OFFSET
        found = np.searchsorted(self.keys, query, side="right") - 1
        valid = found >= 0
        valid[valid] = self.keys[found[valid]] // _KEY_STRIDE == np.flatnonzero(valid)
        factions = np.full(count, NO_FACTION, dtype=np.int8)
        rows = np.full(count, -1, dtype=np.int64)
        days = np.full(count, -1, dtype=np.int64)
        factions[valid] = self.factions[found[valid]]
        rows[valid] = self.event_rows[found[valid]]
        days[valid] = self.days[found[valid]]
        return factions, rows, days

    def timeline(self, locality: int) -> np.ndarray:
        """Event rows of one locality's control changes, oldest first."""
        start, stop = np.searchsorted(
            self.keys, [locality * _KEY_STRIDE, (locality + 1) * _KEY_STRIDE]
        )
        return self.event_rows[start:stop]


def faction_codes(factions: np.ndarray) -> np.ndarray:
    """Small ints back to faction codes ("" for NO_FACTION)."""
    codes = np.array([*FACTION_CODES, ""], dtype=object)
    return codes[np.where(factions < 0, len(FACTION_CODES), factions)]


def locality_control(history: ControlHistory, events: pd.DataFrame, date: object) -> pd.DataFrame:
    """Each locality's controller at `date` and the event that decided it."""
    factions, rows, _ = history.at(date)
    frame = history.localities[["locality_id", "place_id", "name", "lon", "lat"]].copy()
    frame["controller"] = faction_codes(factions)
    decided = rows >= 0
    ids = np.full(len(rows), "", dtype=object)
    dates = np.full(len(rows), np.datetime64("NaT"), dtype="datetime64[ns]")
    ids[decided] = events["event_id"].to_numpy()[rows[decided]]
    dates[decided] = events["date"].to_numpy()[rows[decided]]
    frame["event_id"] = ids
    frame["event_date"] = dates
    frame["event_row"] = rows
    return frame
