"""Read a table or view into the raw frame the file readers give, and its change marker.

Columns come back as text ("" for NULL); the first PostGIS geometry column becomes `geometry`
(shapely, EPSG:4326), or a text `geometry` column is read as WKT. Rows are ordered by `row_id`
when the table has one (tables `syria-map db load` made do), else by `event_id`, and messages
number rows by `row_id` (else by position in that order).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.io.postgis._source import DatabaseSource, connect, psycopg_module
from dashboard.io.postgis._sql import columns, exists, identifier, relation, run
from dashboard.io.readers import from_wkt

__all__ = ["MARKER_TABLE", "ROW_ID", "change_marker", "check_source", "read_database"]

MARKER_TABLE = "syria_map_changes"  # one row a table: a version its trigger bumps
ROW_ID = "row_id"
_GEOMETRY_TYPES = ("geometry", "geography")


def read_database(text: str) -> pd.DataFrame:
    """The table or view `text` names, as a raw frame in our schema (attrs: source, rows)."""
    source = DatabaseSource.parse(text)
    with connect(source) as connection:
        found = columns(connection, source)
        rows = run(connection, source, _select(source, found))
    frame = pd.DataFrame(rows, columns=[name for name, _ in found], dtype=object)
    geometry = next((name for name, kind in found if kind in _GEOMETRY_TYPES), None)
    if geometry is not None:
        import shapely

        blobs = np.array([None if b is None else bytes(b) for b in frame.pop(geometry)])
        frame["geometry"] = list(shapely.from_wkb(blobs, on_invalid="ignore"))
    elif "geometry" in frame:
        frame["geometry"] = from_wkt(frame["geometry"].astype(str))
    numbers = frame.pop(ROW_ID) if ROW_ID in frame else range(1, len(frame) + 1)
    frame.attrs.update(
        source=source.name, read_notes=[], row_offset=1, row_numbers=[int(n) for n in numbers]
    )
    return frame


def check_source(text: str) -> None:
    """Fail with one line unless the database answers and has the table or view."""
    source = DatabaseSource.parse(text)
    with connect(source) as connection:
        relation(connection, source)


def change_marker(text: str) -> str:
    """A value that changes whenever the table's rows do: the version its trigger keeps, or
    (for a view, or a table without the trigger) a hash of every row."""
    source = DatabaseSource.parse(text)
    sql = psycopg_module().sql
    with connect(source) as connection:
        schema, _ = relation(connection, source)
        markers = identifier(source, MARKER_TABLE, schema)
        if exists(connection, source, markers):
            query = sql.SQL("SELECT version FROM {} WHERE table_name = %s").format(markers)
            found = run(connection, source, query, [f"{schema}.{source.table}"])
            if found:
                return f"version {found[0][0]}"
        query = sql.SQL(
            "SELECT count(*) || ' rows ' || md5(coalesce(string_agg(md5(t::text), '' "
            "ORDER BY md5(t::text)), '')) FROM {} AS t"
        ).format(identifier(source))
        return str(run(connection, source, query)[0][0])


def _select(source: DatabaseSource, found: list[tuple[str, str]]):
    """Every column as text and the geometry as WKB in EPSG:4326, in row order."""
    sql = psycopg_module().sql
    items = []
    for name, kind in found:
        column = sql.Identifier(name)
        if kind in _GEOMETRY_TYPES:
            template = (
                "ST_AsBinary(CASE WHEN ST_SRID({c}::geometry) IN (0, 4326) THEN {c}::geometry "
                "ELSE ST_Transform({c}::geometry, 4326) END)"
            )
        else:
            template = "{c}" if name == ROW_ID else "coalesce({c}::text, '')"
        items.append(sql.SQL(template).format(c=column))
    query = sql.SQL("SELECT {} FROM {}").format(sql.SQL(", ").join(items), identifier(source))
    names = [name for name, _ in found]
    order = next((n for n in (ROW_ID, "event_id") if n in names), None)
    return query + sql.SQL(" ORDER BY {}").format(sql.Identifier(order)) if order else query
