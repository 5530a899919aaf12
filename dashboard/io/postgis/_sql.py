"""The few catalogue queries the reader and the writer share; each error is one line."""

from __future__ import annotations

from dashboard.errors import UsageProblem
from dashboard.io.postgis._source import DatabaseSource, psycopg_module

__all__ = ["columns", "exists", "identifier", "relation", "run"]


def identifier(source: DatabaseSource, name: str | None = None, schema: str | None = None):
    """The quoted (schema.)name of the source's table, or of `name` beside it."""
    sql = psycopg_module().sql
    schema = source.schema if schema is None else schema
    return sql.Identifier(*filter(None, (schema, name or source.table)))


def run(connection, source: DatabaseSource, query, params=None) -> list[tuple]:
    """The rows of one statement ([] if it returns none); a database error is one line."""
    psycopg = psycopg_module()
    try:
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall() if cursor.description else []
    except psycopg.Error as exc:
        connection.rollback()
        text = str(exc).strip()
        raise UsageProblem(f"{source.name}: {text.splitlines()[0] if text else exc!r}") from None


def exists(connection, source: DatabaseSource, name) -> bool:
    """Whether a quoted relation name (sql.Identifier) names a table or view."""
    query = "SELECT to_regclass(%s) IS NOT NULL"
    return bool(run(connection, source, query, [name.as_string(connection)])[0][0])


def relation(connection, source: DatabaseSource) -> tuple[str, int]:
    """The schema and oid of the source's table or view; a UsageProblem if there is none."""
    found = run(
        connection,
        source,
        "SELECT n.nspname, c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.oid = to_regclass(%s)",
        [identifier(source).as_string(connection)],
    )
    if not found:
        raise UsageProblem(f"{source.name}: no table or view {source.relation} in the database")
    return found[0][0], found[0][1]


def columns(connection, source: DatabaseSource) -> list[tuple[str, str]]:
    """(name, type name) of each column of the source's table or view, in table order."""
    _, oid = relation(connection, source)
    return run(
        connection,
        source,
        "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
        " WHERE a.attrelid = %s AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        [oid],
    )
