"""PostgreSQL/PostGIS as a data source and a shared store, read and written like files.

A source is `postgresql://[user@][host][:port]/db[?libpq params]#[schema.]table` (see
`_source`); psycopg 3 is imported only when one is used.
"""

from dashboard.io.postgis._blobs import STORE_TABLE, BlobStore, SharedCache
from dashboard.io.postgis._read import MARKER_TABLE, change_marker, check_source, read_database
from dashboard.io.postgis._source import DEFAULT_TABLE, DatabaseSource, is_database
from dashboard.io.postgis._write import write_table

__all__ = [
    "DEFAULT_TABLE",
    "MARKER_TABLE",
    "STORE_TABLE",
    "BlobStore",
    "DatabaseSource",
    "SharedCache",
    "change_marker",
    "check_source",
    "is_database",
    "read_database",
    "write_table",
]
