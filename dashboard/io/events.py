"""Load one or more event tables (our schema, or anything the importers read) and validate them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.core.gazetteer import Gazetteer
from dashboard.core.table import EventTable, table_digest
from dashboard.errors import DataFileError
from dashboard.io.paths import BUNDLED_EVENTS
from dashboard.io.postgis import DatabaseSource, is_database, read_database, write_table
from dashboard.io.readers import read_table
from dashboard.io.validate import ValidationResult, validate_table

__all__ = [
    "add_layer",
    "check_file",
    "layer_labels",
    "layer_name",
    "load_events",
    "read_source",
    "store_events",
]


def check_file(
    path: str | Path, gazetteer: Gazetteer, fmt: str = "auto", layer: str = ""
) -> ValidationResult:
    """Read and validate one file (a GeoPackage's `layer`, or all its layers with a warning
    naming them) or database table; unreadable files come back as a single error."""
    try:
        raw = read_source(path, fmt, layer)
    except DataFileError as exc:
        return ValidationResult([exc.problem()], None)
    return validate_table(raw, gazetteer, source=_name(path, raw))


def _name(path: str | Path, raw: pd.DataFrame) -> str:
    """How messages name a source: the path as given, or a table's URL without a password."""
    return raw.attrs["source"] if is_database(path) else str(path)


def read_source(path: str | Path, fmt: str = "auto", layer: str = "") -> pd.DataFrame:
    """The raw frame of a file (our schema, or ACLED / UCDP converted by its importer) or of a
    postgresql:// table."""
    if is_database(path):
        return read_database(str(path))
    path = Path(path)
    if fmt in ("auto", "acled", "ucdp"):
        from dashboard.io.importers import convert_if_foreign

        converted = convert_if_foreign(path, fmt, layer)
        if converted is not None:
            return converted
    return read_table(path, fmt, layer)


def load_events(
    paths: list[str | Path] | tuple[str | Path, ...] | None,
    gazetteer: Gazetteer,
    layer: str = "",
) -> EventTable:
    """Read, validate and combine tables; raise DataFileError listing the errors if any.

    `layer` is the layer to read from GeoPackages (default: all); `table.notes` names the
    layers read when a GeoPackage had several."""
    paths = [p if is_database(p) else Path(p) for p in (paths or [BUNDLED_EVENTS])]
    names = [layer_name(p) for p in paths]
    frames = []
    notes = []
    for path, name in zip(paths, names, strict=True):
        result = check_file(path, gazetteer, layer=layer)
        notes += [str(p) for p in result.warnings if "GeoPackage has" in p.message]
        if result.table is None:
            errors = tuple(result.errors)
            first = errors[0]
            more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
            raise DataFileError(first.file, first.message + more, first.row, first.column, errors)
        frames.append(result.table.assign(layer=name))
    events = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if len(frames) > 1:
        events = events.sort_values(["date", "layer", "event_id"], kind="stable")
        events = events.reset_index(drop=True)
    return EventTable(events, tuple(names), table_digest(events), tuple(notes))


def layer_name(path: str | Path) -> str:
    """The layer a source's events form: a file's stem, or a database table's name."""
    return DatabaseSource.parse(str(path)).table if is_database(path) else Path(path).stem


def layer_labels(paths: list[str | Path] | tuple[str | Path, ...]) -> dict[str, str]:
    """Each source's layer name and the label shown for it (a file's name)."""
    return {
        layer_name(p): f"{layer_name(p)} (PostgreSQL)" if is_database(p) else Path(p).name
        for p in (paths or [BUNDLED_EVENTS])
    }


def store_events(
    path: str | Path, target: str, gazetteer: Gazetteer, layer: str = "", replace: bool = False
) -> int:
    """Validate a table and write it, as read, to a postgresql:// table; returns its rows.

    A table with errors is refused (DataFileError, as `load_events` raises)."""
    raw = read_source(path, layer=layer)
    result = validate_table(raw, gazetteer, source=_name(path, raw))
    if result.table is None:
        errors = tuple(result.errors)
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        first = errors[0]
        raise DataFileError(first.file, first.message + more, first.row, first.column, errors)
    return write_table(raw, target, replace)


def add_layer(table: EventTable, events: pd.DataFrame, name: str) -> EventTable:
    """`table` plus a validated frame as layer `name`: what `load_events` gives for both files."""
    combined = pd.concat([table.events, events.assign(layer=name)], ignore_index=True)
    combined = combined.sort_values(["date", "layer", "event_id"], kind="stable")
    combined = combined.reset_index(drop=True)
    return EventTable(combined, (*table.layers, name), table_digest(combined))
