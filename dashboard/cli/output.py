"""Print frames as an aligned table, CSV or JSON: clean enough to pipe into other tools."""

from __future__ import annotations

import json
import sys

import pandas as pd

from dashboard.io.writers import neutralise_formulas

__all__ = ["OUTPUT_FORMATS", "emit", "emit_json"]

OUTPUT_FORMATS = ("table", "csv", "json")


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d").fillna("")
    return out


def emit(frame: pd.DataFrame, fmt: str, stream=None) -> None:
    """Write `frame` to `stream` (stdout) in the asked format."""
    stream = stream or sys.stdout
    frame = _plain(frame)
    if fmt == "csv":
        neutralise_formulas(frame).to_csv(stream, index=False, lineterminator="\n")
    elif fmt == "json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        json.dump(records, stream, ensure_ascii=False, indent=1)
        stream.write("\n")
    elif frame.empty:
        stream.write("(no rows)\n")
    else:
        stream.write(frame.to_string(index=False, max_colwidth=60) + "\n")


def emit_json(value: object, stream=None) -> None:
    """Write a JSON document (e.g. a GeoJSON FeatureCollection) to `stream` (stdout)."""
    stream = stream or sys.stdout
    json.dump(value, stream, ensure_ascii=False)
    stream.write("\n")
