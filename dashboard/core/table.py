"""The validated event table, with the provenance every output carries."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

__all__ = ["EventTable", "table_digest"]


@dataclass(frozen=True)
class EventTable:
    """Validated events sorted by date, the files they came from and a content hash; `notes`
    are what reading them found worth saying (e.g. which GeoPackage layers were read)."""

    events: pd.DataFrame
    layers: tuple[str, ...]
    digest: str
    notes: tuple[str, ...] = ()

    @property
    def coverage(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """First and last event date."""
        return self.events["date"].min(), self.events["date"].max()

    @property
    def control_changes(self) -> pd.DataFrame:
        return self.events[self.events["event_type"] == "control_change"]


def table_digest(events: pd.DataFrame) -> str:
    """A short, stable hash of a table's content (the data's version in exports)."""
    text = events.drop(columns=["geometry"], errors="ignore").to_csv(index=False)
    shapes = "".join(
        g.wkt for g in events.get("geometry", pd.Series(dtype=object)) if g is not None
    )
    return hashlib.sha256((text + shapes).encode()).hexdigest()[:12]
