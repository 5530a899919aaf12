"""Bytes by key in one database table, so every host behind a load balancer sees the same files.

    syria_map_store (kind text, key text, data bytea, size bigint, stored_at, used_at)
    primary key (kind, key); kind is "upload" or "cache"

The table is made on the first `put`. A quota keeps the most recently used entries of a kind
within a number of bytes and of entries, as the upload folder's quota does.
"""

from __future__ import annotations

import logging

from dashboard.errors import UsageProblem
from dashboard.io.postgis._source import DatabaseSource, connect, psycopg_module
from dashboard.io.postgis._sql import exists, identifier, run

__all__ = ["STORE_TABLE", "BlobStore", "SharedCache"]

STORE_TABLE = "syria_map_store"
_log = logging.getLogger(__name__)


class BlobStore:
    """`get(key) -> bytes | None` and `put(key, bytes)` over one kind of entry of the table."""

    def __init__(self, url: str, kind: str) -> None:
        self.source = DatabaseSource.parse(url, default=STORE_TABLE)
        self.kind = kind

    def check(self) -> None:
        """Fail with one line unless the database answers."""
        with connect(self.source):
            pass

    def get(self, key: str) -> bytes | None:
        """The bytes stored under `key` (now the most recently used), or None."""
        sql = psycopg_module().sql
        with connect(self.source) as connection:
            table = identifier(self.source)
            if not exists(connection, self.source, table):
                return None
            query = sql.SQL(
                "UPDATE {} SET used_at = clock_timestamp() WHERE kind = %s AND key = %s "
                "RETURNING data"
            ).format(table)
            found = run(connection, self.source, query, [self.kind, key])
            connection.commit()
        return bytes(found[0][0]) if found else None

    def put(self, key: str, data: bytes, most_bytes: float = 0, most_entries: int = 0) -> None:
        """Store `data` under `key` (kept if already there), then evict the least recently
        used entries of this kind beyond `most_bytes` or `most_entries` (0: no limit)."""
        sql = psycopg_module().sql
        with connect(self.source) as connection:
            table = identifier(self.source)
            self._create(connection)
            insert = sql.SQL(
                "INSERT INTO {} (kind, key, data, size) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (kind, key) DO UPDATE SET used_at = clock_timestamp()"
            ).format(table)
            run(connection, self.source, insert, [self.kind, key, data, len(data)])
            if most_bytes or most_entries:
                evict = sql.SQL(
                    "DELETE FROM {t} WHERE kind = %(kind)s AND key IN (SELECT key FROM ("
                    "SELECT key, sum(size) OVER w AS total, row_number() OVER w AS n FROM {t} "
                    "WHERE kind = %(kind)s WINDOW w AS (ORDER BY used_at DESC, key)) AS kept "
                    "WHERE (%(bytes)s > 0 AND total > %(bytes)s) OR (%(n)s > 0 AND n > %(n)s))"
                ).format(t=table)
                limits = {"kind": self.kind, "bytes": most_bytes, "n": most_entries}
                run(connection, self.source, evict, limits)
            connection.commit()

    def _create(self, connection) -> None:
        sql = psycopg_module().sql
        create = sql.SQL(
            "CREATE TABLE IF NOT EXISTS {} (kind text NOT NULL, key text NOT NULL, "
            "data bytea NOT NULL, size bigint NOT NULL, "
            "stored_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
            "used_at timestamptz NOT NULL DEFAULT clock_timestamp(), PRIMARY KEY (kind, key))"
        ).format(identifier(self.source))
        try:
            run(connection, self.source, create)
        except UsageProblem:  # another host made it at the same moment
            if not exists(connection, self.source, identifier(self.source)):
                raise


class SharedCache:
    """The model cache's `get`/`put` over the store's "cache" entries, keeping the `entries`
    most recently used; a database that does not answer is a miss, with a warning.

    Entries are pickles: only the servers' own database role may write the table."""

    def __init__(self, url: str, entries: int) -> None:
        self.blobs = BlobStore(url, "cache")
        self.entries = entries

    def get(self, key: str) -> bytes | None:
        try:
            return self.blobs.get(key)
        except UsageProblem as exc:
            _log.warning("syria-map: the shared model cache was not read: %s", exc)
            return None

    def put(self, key: str, data: bytes) -> None:
        try:
            self.blobs.put(key, data, most_entries=self.entries)
        except UsageProblem as exc:
            _log.warning("syria-map: the shared model cache was not written: %s", exc)
