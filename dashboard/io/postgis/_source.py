"""A table in PostgreSQL named like a file: `postgresql://[user@][host][:port]/db[?params]#table`.

Everything before `#` is a libpq connection URI, as `psql` takes it (a socket folder is
`?host=/run/postgresql`; a password is best kept in ~/.pgpass or PGPASSWORD, not the URL);
after `#` comes the table or view, optionally with its schema (`#public.events`; default
`events`). Every failure to reach it is one UsageProblem line naming the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from dashboard.errors import UsageProblem

__all__ = ["DEFAULT_TABLE", "DatabaseSource", "connect", "is_database", "psycopg_module"]

SCHEMES = ("postgresql://", "postgres://")
DEFAULT_TABLE = "events"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CONNECT_TIMEOUT_S = 5


def is_database(text: object) -> bool:
    """Whether a --data (or store) value names a database rather than a file."""
    return isinstance(text, str) and text.lower().startswith(SCHEMES)


@dataclass(frozen=True)
class DatabaseSource:
    """A parsed database source: the libpq URI, and the relation's schema ("" = search path)."""

    uri: str
    schema: str
    table: str

    @classmethod
    def parse(cls, text: str, default: str = DEFAULT_TABLE) -> DatabaseSource:
        """Split `URI#[schema.]table` (no #: the `default` table); a bad name is a UsageProblem."""
        uri, _, relation = text.partition("#")
        parts = (relation or default).split(".")
        if len(parts) > 2 or not all(_NAME.match(p) for p in parts):
            raise UsageProblem(
                f"{redacted(uri)}: {relation!r} is not a table name; end the URL with "
                "#TABLE or #SCHEMA.TABLE (letters, digits, _)"
            )
        schema, table = parts if len(parts) == 2 else ("", parts[0])
        return cls(uri, schema, table)

    @property
    def relation(self) -> str:
        return f"{self.schema}.{self.table}" if self.schema else self.table

    @property
    def name(self) -> str:
        """How messages name the source: the URI without its password, then #table."""
        return f"{redacted(self.uri)}#{self.relation}"


def redacted(uri: str) -> str:
    """The URI with any password replaced by ***."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def psycopg_module():
    """The psycopg package, or an actionable UsageProblem when it is not installed."""
    try:
        import psycopg
    except ImportError:
        raise UsageProblem(
            "postgresql:// sources need psycopg 3: pip install 'psycopg[binary]' "
            "(or pip install 'syria-control-map[postgresql]')"
        ) from None
    return psycopg


@contextmanager
def connect(source: DatabaseSource, autocommit: bool = False) -> Iterator[object]:
    """A connection to the source's database; any failure to connect is one line."""
    psycopg = psycopg_module()
    try:
        options = psycopg.conninfo.conninfo_to_dict(source.uri)
    except psycopg.ProgrammingError as exc:
        raise UsageProblem(f"{source.name}: bad database URL: {_first_line(exc)}") from None
    options.setdefault("connect_timeout", _CONNECT_TIMEOUT_S)
    options.setdefault("application_name", "syria-map")
    try:
        connection = psycopg.connect(**options, autocommit=autocommit)
    except psycopg.Error as exc:
        raise UsageProblem(f"{source.name}: cannot connect: {_first_line(exc)}") from None
    try:
        yield connection
    finally:
        connection.close()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
