"""Load one or more event tables (our schema, or anything the importers read) and validate them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.core.gazetteer import Gazetteer
from dashboard.core.table import EventTable, table_digest
from dashboard.errors import DataFileError, Problem
from dashboard.io.paths import BUNDLED_EVENTS
from dashboard.io.readers import read_table
from dashboard.io.validate import ValidationResult, validate_table

__all__ = ["add_layer", "check_file", "load_events"]


def check_file(
    path: str | Path, gazetteer: Gazetteer, fmt: str = "auto", layer: str = ""
) -> ValidationResult:
    """Read and validate one file (a GeoPackage's `layer`, or all its layers with a warning
    naming them); unreadable files come back as a single error."""
    try:
        raw = _read_any(Path(path), fmt, layer)
    except DataFileError as exc:
        return ValidationResult(
            [Problem(exc.path, exc.row, exc.column, "error", exc.message)], None
        )
    return validate_table(raw, gazetteer, source=str(path))


def _read_any(path: Path, fmt: str, layer: str = "") -> pd.DataFrame:
    """Our schema directly, or an ACLED / UCDP file converted by its importer."""
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
    paths = [Path(p) for p in (paths or [BUNDLED_EVENTS])]
    frames = []
    notes = []
    for path in paths:
        result = check_file(path, gazetteer, layer=layer)
        notes += [str(p) for p in result.warnings if "GeoPackage has" in p.message]
        if result.table is None:
            errors = tuple(result.errors)
            first = errors[0]
            more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
            raise DataFileError(first.file, first.message + more, first.row, first.column, errors)
        frames.append(result.table.assign(layer=path.stem))
    events = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if len(frames) > 1:
        events = events.sort_values(["date", "layer", "event_id"], kind="stable")
        events = events.reset_index(drop=True)
    return EventTable(events, tuple(p.stem for p in paths), table_digest(events), tuple(notes))


def add_layer(table: EventTable, events: pd.DataFrame, name: str) -> EventTable:
    """`table` plus a validated frame as layer `name`: what `load_events` gives for both files."""
    combined = pd.concat([table.events, events.assign(layer=name)], ignore_index=True)
    combined = combined.sort_values(["date", "layer", "event_id"], kind="stable")
    combined = combined.reset_index(drop=True)
    return EventTable(combined, (*table.layers, name), table_digest(combined))
