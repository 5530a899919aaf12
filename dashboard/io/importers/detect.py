"""Tell ACLED and UCDP GED files from other tables by their column names."""

from __future__ import annotations

import csv
import warnings
from collections.abc import Iterable
from pathlib import Path

__all__ = ["ACLED_SIGNATURE", "UCDP_SIGNATURE", "detect_format", "read_columns"]

ACLED_SIGNATURE = frozenset({"event_id_cnty", "event_date", "sub_event_type", "actor1"})
UCDP_SIGNATURE = frozenset({"id", "date_start", "side_a", "side_b", "where_prec"})


def detect_format(path_or_columns: str | Path | Iterable[str]) -> str | None:
    """'acled' or 'ucdp' when the columns (or a file's header) look like one; else None."""
    if isinstance(path_or_columns, str | Path):
        columns = read_columns(Path(path_or_columns))
    else:
        columns = list(path_or_columns)
    names = {str(c).strip().lower() for c in columns}
    if names >= ACLED_SIGNATURE:
        return "acled"
    if names >= UCDP_SIGNATURE:
        return "ucdp"
    return None


def read_columns(path: Path) -> list[str]:
    """A file's column names without reading its rows; [] when it cannot be read."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".parquet", ".geoparquet"):
            import pyarrow.parquet as pq

            return list(pq.read_schema(path).names)
        if suffix in (".gpkg", ".geojson", ".json"):
            import pyogrio

            with warnings.catch_warnings():  # several layers: the first one's columns will do
                warnings.simplefilter("ignore", UserWarning)
                return list(pyogrio.read_info(path)["fields"])
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = handle.readline()
    except Exception:  # unreadable here means "not ACLED or UCDP"; read_table says why
        return []
    delimiter = max(",;\t|", key=header.count)
    return next(csv.reader([header], delimiter=delimiter), [])
