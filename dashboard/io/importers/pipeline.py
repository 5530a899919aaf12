"""Run an import: read the file, pick the importer, link places, split off the rejects."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from dashboard.errors import DataFileError, UsageProblem
from dashboard.io.importers.acled import ACLED_REQUIRED, from_acled
from dashboard.io.importers.actors import ActorMap, load_actor_map
from dashboard.io.importers.custom import Mapping, from_custom, load_mapping
from dashboard.io.importers.detect import detect_format
from dashboard.io.importers.places import PlaceLinker
from dashboard.io.importers.result import Converted, ImportResult, finish
from dashboard.io.importers.ucdp import UCDP_REQUIRED, from_ucdp
from dashboard.io.messages import Said, data_error

__all__ = [
    "IMPORT_FORMATS",
    "convert_if_foreign",
    "default_places",
    "import_file",
    "import_frame",
]

IMPORT_FORMATS = ("auto", "acled", "ucdp", "csv", "geojson", "gpkg", "parquet")
_REQUIRED = {"acled": ACLED_REQUIRED, "ucdp": UCDP_REQUIRED}


def import_file(
    path: str | Path,
    fmt: str = "auto",
    mapping: Mapping | dict | str | Path | None = None,
    *,
    actors: ActorMap | None = None,
    places: PlaceLinker | bool | None = True,
    layer: str = "",
) -> ImportResult:
    """Import one file. `fmt` "auto" tells ACLED and UCDP by their columns; a `mapping`
    makes it a custom table. `places=True` links to the default gazetteer, None not at all.
    `layer` names a GeoPackage's layer (default: all of them, and the report says so).
    """
    from dashboard.io.readers import read_table, sniff_format

    path = Path(path)
    if fmt not in IMPORT_FORMATS:
        raise data_error(path, "unknown_format", fmt=fmt, known=", ".join(IMPORT_FORMATS))
    if mapping is not None and fmt in ("acled", "ucdp"):
        raise UsageProblem(f"a column mapping is for custom tables, not {fmt.upper()} files")
    base = sniff_format(path) if fmt in ("auto", "acled", "ucdp") else fmt
    raw = read_table(path, base, layer)
    read_notes = tuple(str(note) for note in raw.attrs.get("read_notes", ()))
    raw = raw.reset_index(drop=True)
    kind = fmt
    if fmt not in ("acled", "ucdp"):
        kind = "custom" if mapping is not None else (detect_format(raw.columns) or "custom")
    result = import_frame(raw, kind, mapping, actors=actors, places=places, source=str(path))
    return dataclasses.replace(result, notes=(*read_notes, *result.notes)) if read_notes else result


def convert_if_foreign(path: str | Path, fmt: str = "auto", layer: str = "") -> pd.DataFrame | None:
    """For `read_table`'s callers: an ACLED / UCDP file as a raw frame in our schema, or None.

    None when `fmt` is "auto" and the file is not ACLED or UCDP. Rejected rows are not in the
    frame; the validator reports how many there were (and the first reasons) as warnings, and
    `syria-map import` writes them all out.
    """
    if fmt == "auto":
        fmt = detect_format(path) or ""
    if fmt not in ("acled", "ucdp"):
        return None
    result = import_file(path, fmt, layer=layer)
    table = result.table.copy()
    table.attrs = {"source": str(path), "row_offset": 2, "read_notes": _reject_notes(result)}
    return table


def _reject_notes(result: ImportResult, limit: int = 3) -> list[Said]:
    notes = []
    if result.rejected:
        rejects = result.rejects[["row", "reason"]].head(limit).itertuples(index=False)
        first = tuple(Said("note_row", (("row", row), ("text", text))) for row, text in rejects)
        values = {"kind": result.fmt.upper(), "rejected": result.rejected}
        values |= {"rows": result.rows_read, "first": first}
        notes.append(Said("note_rejected", tuple(values.items())))
    flagged = result.unmapped_territory
    if len(flagged):
        rows = flagged[["row", "actor", "date"]].head(limit).itertuples(index=False)
        first = tuple(
            Said("note_actor", (("row", row), ("actor", actor), ("date", str(date))))
            for row, actor, date in rows
        )
        notes.append(Said("note_unmapped", (("count", len(flagged)), ("first", first))))
    return notes


def import_frame(
    raw: pd.DataFrame,
    kind: str,
    mapping: Mapping | dict | str | Path | None = None,
    *,
    actors: ActorMap | None = None,
    places: PlaceLinker | bool | None = True,
    source: str = "<table>",
) -> ImportResult:
    """Import a raw frame of strings (as `read_table` gives) of kind acled, ucdp or custom."""
    actors = actors if actors is not None else load_actor_map()
    notes: tuple[str, ...] = ()
    if places is True:
        places, notes = default_places()
    if kind in _REQUIRED:
        raw = raw.rename(columns=lambda c: str(c).strip().lower())
        missing = [c for c in _REQUIRED[kind] if c not in raw]
        if missing:
            columns = ", ".join(map(repr, missing))
            raise data_error(
                source, "not_layout", column=missing[0], kind=kind.upper(), columns=columns
            )
        convert = from_acled if kind == "acled" else from_ucdp
        converted = convert(raw, actors, places or None)
    else:
        converted = _validated(raw, from_custom(raw, load_mapping(mapping), actors, source), source)
    converted = Converted(
        converted.table,
        converted.reasons,
        converted.unmapped_actors,
        converted.notes + notes,
        converted.unmapped_territory,
    )
    return finish(raw, converted, kind, source)


def default_places() -> tuple[PlaceLinker | None, tuple[str, ...]]:
    """The linker over the bundled gazetteer, or None and a note saying why not."""
    gazetteer = _default_gazetteer()
    if gazetteer is None:
        return None, ("no gazetteer (geodata/places.csv): events were not linked to places",)
    return PlaceLinker.from_places(gazetteer.places, gazetteer.lookup), ()


def _default_gazetteer():
    from dashboard.io.geography import load_gazetteer

    try:
        return load_gazetteer()
    except (DataFileError, FileNotFoundError):
        return None


def _validated(raw: pd.DataFrame, converted: Converted, source: str) -> Converted:
    """Run the schema validator; rows with errors get its messages as reject reasons."""
    from dashboard.io.validate import validate_table

    gazetteer = _default_gazetteer()
    if gazetteer is None:
        from dashboard.core.gazetteer import Gazetteer

        empty = pd.DataFrame(columns=["place_id", "name", "aliases", "population", "country"])
        gazetteer = Gazetteer.from_frame(empty)
    table = converted.table.copy()
    table.attrs["row_offset"] = int(raw.attrs.get("row_offset", 2))
    result = validate_table(table, gazetteer, source)
    reasons = converted.reasons.copy()
    offset = table.attrs["row_offset"]
    for problem in result.problems:
        if problem.severity != "error":
            continue
        if problem.row is None:
            raise DataFileError(
                source,
                problem.message,
                column=problem.column,
                key=problem.key,
                values=problem.values,
            )
        index = problem.row - offset
        if reasons[index] and problem.column == "date":
            continue  # the date reason from the conversion says it better
        message = f"{problem.column}: {problem.message}" if problem.column else problem.message
        reasons[index] = f"{reasons[index]}; {message}" if reasons[index] else message
    return Converted(
        converted.table,
        reasons,
        converted.unmapped_actors,
        converted.notes,
        converted.unmapped_territory,
    )
