"""The validated event table, with the provenance every output carries."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["EventTable", "by_value", "table_digest"]


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
    """A short, stable hash of a table's content (the data's version in exports): the column
    names, a hash of every row's values and the shapes' WKT."""
    columns = events.drop(columns=["geometry"], errors="ignore")
    digest = hashlib.sha256(",".join(map(str, columns.columns)).encode())
    digest.update(pd.util.hash_pandas_object(columns, index=False).to_numpy().tobytes())
    for shape in events.get("geometry", pd.Series(dtype=object)):
        if shape is not None:
            digest.update(shape.wkt.encode())
    return digest.hexdigest()[:12]


def by_value(values, function) -> np.ndarray:
    """`function` of each value, computed once per distinct value; equal results are one
    object (a 200,000-row table repeats most of its text)."""
    values = np.asarray(values, dtype=object)
    distinct, codes = np.unique(values.astype(str), return_inverse=True)
    results = np.empty(len(distinct), dtype=object)
    results[:] = [function(v) for v in distinct]
    return results[codes.reshape(-1)]
