"""Read an event table from CSV, GeoJSON, GeoPackage or GeoParquet into one raw frame.

The raw frame has string columns ("" where empty) and, for geo formats, a `geometry` column of
shapely objects in EPSG:4326. Row numbers in errors are the line numbers a spreadsheet shows
(header = line 1) for CSV, and 1-based feature numbers for geo formats.

ACLED and UCDP files are converted by `dashboard.io.importers.convert_if_foreign(path, fmt)`,
which `dashboard.io.events` calls first: it returns a raw frame in our schema, or None when the
file is not a foreign format.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.io.messages import Said, data_error

__all__ = ["FORMATS", "from_wkt", "gpkg_layers", "read_table", "sniff_format"]

FORMATS = ("auto", "csv", "geojson", "gpkg", "parquet", "acled", "ucdp")
_BY_SUFFIX = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
}
_DELIMITERS = ",;\t|"


def sniff_format(path: Path) -> str:
    """The file format implied by the file name's extension."""
    fmt = _BY_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(_BY_SUFFIX))
        raise data_error(path, "unknown_extension", suffix=path.suffix, known=known)
    return fmt


def read_table(path: str | Path, fmt: str = "auto", layer: str = "") -> pd.DataFrame:
    """Read a table in our schema (or, by content, ACLED / UCDP) into a raw frame.

    A GeoPackage's `layer` is read; without one, every layer (a note names them)."""
    path = Path(path)
    _check_readable(path)
    base = sniff_format(path) if fmt in ("auto", "acled", "ucdp") else fmt
    if base == "csv":
        raw = _read_csv(path)
    elif base == "gpkg":
        raw = _read_layers(path, layer)
    elif base in ("geojson", "parquet"):
        raw = _read_geo(path, base)
    else:
        raise data_error(path, "unknown_format", fmt=fmt, known=", ".join(FORMATS))
    raw.attrs["source"] = str(path)
    return raw


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise data_error(path, "no_such_file")
    if path.is_dir():
        raise data_error(path, "is_folder")
    if path.stat().st_size == 0:
        raise data_error(path, "empty_file")


def _decode(path: Path) -> tuple[str, list[str]]:
    data = path.read_bytes()
    notes = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise data_error(path, "broken_utf16") from None
        notes.append(Said("note_utf16"))
        return text.replace("\r\n", "\n"), notes
    if b"\x00" in data[:65536]:
        raise data_error(path, "binary_file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        notes.append(Said("note_bom"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _arabic_windows_text(data)
        if text is None:
            line = data[: exc.start].count(b"\n") + 1
            raise data_error(path, "not_utf8", row=line, byte=f"{data[exc.start]:#04x}") from None
        notes.append(Said("note_cp1256"))
    if "\r\n" in text:
        notes.append(Said("note_crlf"))
    return text, notes


def _arabic_windows_text(data: bytes) -> str | None:
    """The text of a Windows-1256 file (as Arabic Excel saves CSV), or None if it is not one."""
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    foreign = [c for c in text if c > "\x7f"]
    arabic = sum("\u0600" <= c <= "\u06ff" for c in foreign)
    return text if foreign and arabic * 2 >= len(foreign) else None  # mostly Arabic letters


def _read_csv(path: Path) -> pd.DataFrame:
    text, notes = _decode(path)
    if not text.strip():
        raise data_error(path, "no_header")
    header = text.splitlines()[0]
    delimiter = max(_DELIMITERS, key=header.count)
    if header.count(delimiter) == 0:
        delimiter = ","
    elif delimiter != ",":
        notes.append(Said("note_delimiter", (("delimiter", delimiter),)))
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skipinitialspace=False,
            quoting=csv.QUOTE_MINIMAL,
        )
    except pd.errors.ParserError as exc:
        key, values = _parser_message(exc)
        raise data_error(path, key, row=_parser_line(exc), **values) from None
    except pd.errors.EmptyDataError:
        raise data_error(path, "no_header") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    if "geometry" in frame:
        frame["geometry"] = from_wkt(frame["geometry"])
    frame.attrs["read_notes"] = notes
    frame.attrs["row_offset"] = 2
    return frame


def from_wkt(column: pd.Series) -> list[object]:
    """WKT text as shapely geometries; unreadable text stays text for the validator to report."""
    import shapely

    texts = column.str.strip()
    given = [text or None for text in texts]
    shapes = shapely.from_wkt(np.array(given, dtype=object), on_invalid="ignore")
    return [
        shape if shape is not None else (text or None)
        for shape, text in zip(shapes, texts, strict=True)
    ]


def _parser_line(exc: Exception) -> int | None:
    import re

    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


def _parser_message(exc: Exception) -> tuple[str, dict]:
    import re

    match = re.search(r"Expected (\d+) fields in line \d+, saw (\d+)", str(exc))
    if match:
        return "field_count", {"got": int(match.group(2)), "want": int(match.group(1))}
    return "malformed_csv", {"detail": str(exc).strip().splitlines()[-1]}


def gpkg_layers(path: Path) -> list[str]:
    """The names of a GeoPackage's layers, in file order."""
    import pyogrio

    try:
        return [str(name) for name, _ in pyogrio.list_layers(path)]
    except Exception as exc:  # pyogrio raises its own types for a file that is not a GeoPackage
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise data_error(path, "cannot_read_as", fmt="gpkg", detail=message) from None


def _read_layers(path: Path, layer: str) -> pd.DataFrame:
    """The named layer of a GeoPackage, or all its layers one after another (with a note)."""
    names = gpkg_layers(path)
    if layer:
        if layer not in names:
            raise data_error(path, "no_layer", layer=layer, layers=", ".join(names))
        return _read_geo(path, "gpkg", layer)
    if len(names) <= 1:
        return _read_geo(path, "gpkg", names[0] if names else None)
    frames = [_read_geo(path, "gpkg", name) for name in names]
    table = pd.concat(frames, ignore_index=True)
    text = [c for c in table.columns if c != "geometry"]  # a column one layer lacks is empty
    table[text] = table[text].fillna("")
    table.attrs["row_offset"] = 1
    table.attrs["read_notes"] = [
        Said("note_layers", (("count", len(names)), ("layers", ", ".join(names))))
    ]
    return table


def _read_geo(path: Path, fmt: str, layer: str | None = None) -> pd.DataFrame:
    import geopandas as gpd

    try:
        if fmt == "parquet":
            frame = gpd.read_parquet(path)
        else:
            frame = gpd.read_file(path, layer=layer) if layer else gpd.read_file(path)
    except Exception as exc:  # pyogrio/pyarrow raise many types for a bad file
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise data_error(path, "cannot_read_as", fmt=fmt, detail=message) from None
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    geometry = frame.geometry.array
    table = pd.DataFrame({c: _as_text(frame[c]) for c in frame.columns if c != frame.geometry.name})
    table["geometry"] = list(geometry)
    table.attrs["read_notes"] = []
    table.attrs["row_offset"] = 1
    return table


def _as_text(column: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.dt.strftime("%Y-%m-%d").fillna("")
    return column.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else str(v))
