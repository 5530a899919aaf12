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


def check_file(path: str | Path, gazetteer: Gazetteer, fmt: str = "auto") -> ValidationResult:
    """Read and validate one file; unreadable files come back as a single error."""
    try:
        raw = _read_any(Path(path), fmt)
    except DataFileError as exc:
        return ValidationResult(
            [Problem(exc.path, exc.row, exc.column, "error", exc.message)], None
        )
    return validate_table(raw, gazetteer, source=str(path))


def _read_any(path: Path, fmt: str) -> pd.DataFrame:
    """Our schema directly, or an ACLED / UCDP file converted by its importer."""
    if fmt in ("auto", "acled", "ucdp"):
        from dashboard.io.importers import convert_if_foreign

        converted = convert_if_foreign(path, fmt)
        if converted is not None:
            return converted
    return read_table(path, fmt)


def load_events(
    paths: list[str | Path] | tuple[str | Path, ...] | None, gazetteer: Gazetteer
) -> EventTable:
    """Read, validate and combine tables; raise DataFileError listing the errors if any."""
    paths = [Path(p) for p in (paths or [BUNDLED_EVENTS])]
    frames = []
    for path in paths:
        result = check_file(path, gazetteer)
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
    return EventTable(events, tuple(p.stem for p in paths), table_digest(events))


def add_layer(table: EventTable, events: pd.DataFrame, name: str) -> EventTable:
    """`table` plus a validated frame as layer `name`: what `load_events` gives for both files."""
    combined = pd.concat([table.events, events.assign(layer=name)], ignore_index=True)
    combined = combined.sort_values(["date", "layer", "event_id"], kind="stable")
    combined = combined.reset_index(drop=True)
    return EventTable(combined, (*table.layers, name), table_digest(combined))
