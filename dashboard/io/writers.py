"""Write tables in our schema, atomically: a failed write never replaces a good file."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from dashboard.errors import DataFileError
from dashboard.io.readers import sniff_format

__all__ = ["atomic_write", "neutralise_formulas", "write_table"]

# A cell a spreadsheet would run as a formula starts with one of these (OWASP, CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> None:
    """Call `write(tmp)` on a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    if not path.parent.exists():
        raise DataFileError(path, f"folder {path.parent} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent
        )
    except OSError as exc:
        raise DataFileError(path, f"cannot write here: {exc.strerror}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which every text cell a spreadsheet would run as a formula (starting with
    = + - @, a tab or a carriage return) starts with a single quote instead, as OWASP advises.

    Numbers stay numbers: numeric columns are untouched, and so is text that is a plain
    number ("-33.5"), but "-2+3" is quoted."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
            continue
        risky = values.map(_is_formula)
        if risky.any():
            out[column] = values.where(~risky, "'" + values[risky].astype(str))
    return out


def _is_formula(value: object) -> bool:
    return (
        isinstance(value, str)
        and value.startswith(_FORMULA_STARTS)
        and not _PLAIN_NUMBER.match(value)
    )


def write_table(table: pd.DataFrame, path: str | Path) -> None:
    """Write an event table in our schema; the format follows the file extension."""
    path = Path(path)
    fmt = sniff_format(path)
    frame = table.copy()
    for column in ("date", "source_date"):
        if column in frame and pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    if fmt == "csv":
        frame = neutralise_formulas(frame.drop(columns=["geometry"], errors="ignore"))
        atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False, lineterminator="\n"))
        return
    import geopandas as gpd
    from shapely.geometry import Point

    if "geometry" not in frame:
        frame["geometry"] = None
    missing = pd.Series(float("nan"), index=frame.index)
    lon = pd.to_numeric(frame.get("lon", missing), errors="coerce")
    lat = pd.to_numeric(frame.get("lat", missing), errors="coerce")
    frame["geometry"] = [
        g if g is not None else (Point(x, y) if pd.notna(x) and pd.notna(y) else None)
        for g, x, y in zip(frame["geometry"], lon, lat, strict=True)
    ]
    geo = gpd.GeoDataFrame(frame, geometry="geometry", crs=4326)
    if fmt == "parquet":
        atomic_write(path, lambda tmp: geo.to_parquet(tmp))
    else:
        options = (
            {"driver": "GeoJSON"} if fmt == "geojson" else {"driver": "GPKG", "layer": "events"}
        )
        atomic_write(path, lambda tmp: geo.to_file(tmp, **options))
