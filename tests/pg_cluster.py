"""A throw-away PostgreSQL cluster with PostGIS, on a unix socket in its own temp folder.

`start_cluster()` runs initdb and pg_ctl from Debian's /usr/lib/postgresql/N/bin (or PG_BINDIR,
or initdb on PATH); as root (CI) it runs them as the `postgres` user, since PostgreSQL refuses
to run as root. No TCP port is opened. Missing binaries or PostGIS fail the tests that need
them, with the command that installs them: a skip would pass CI without testing anything.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

INSTALL = "as root: make setup-postgis (apt-get install postgresql postgresql-15-postgis-3)"


def _bindir() -> Path:
    """The folder holding initdb and pg_ctl, newest PostgreSQL first."""
    given = os.environ.get("PG_BINDIR")
    candidates = [Path(given)] if given else []
    debian = Path("/usr/lib/postgresql").glob("*/bin")
    candidates += sorted(
        debian, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0
    )[::-1]
    if shutil.which("initdb"):
        candidates.append(Path(shutil.which("initdb")).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    pytest.fail(f"PostgreSQL's initdb and pg_ctl are not installed; {INSTALL}", pytrace=False)


@dataclass
class Cluster:
    """A running cluster: its folder, its binaries and the prefix that runs them as its owner."""

    root: Path
    bindir: Path
    prefix: list[str]

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def url(self, database: str, table: str = "events") -> str:
        """A --data URL for `table` in `database`."""
        return f"postgresql:///{database}?host={self.socket_dir}&user=postgres#{table}"

    def sql(self, database: str, statement: str) -> list[tuple]:
        """Run one statement (autocommit) and return its rows."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), user="postgres", dbname=database, autocommit=True
        ) as connection:
            cursor = connection.execute(statement)
            return cursor.fetchall() if cursor.description else []

    def new_database(self, name: str) -> str:
        """An empty database `name` (dropped first if it exists); returns its URL."""
        self.sql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.sql("postgres", f'CREATE DATABASE "{name}"')
        return self.url(name)

    def _pg_ctl(self, *args: str) -> subprocess.CompletedProcess:
        command = [*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=60)

    def stop(self) -> None:
        """Stop the server (fast: sessions are cut) and remove its folder."""
        self._pg_ctl("-m", "fast", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def start_cluster() -> Cluster:
    """initdb + pg_ctl start in a new temp folder; fails the test session with the reason."""
    bindir = _bindir()
    root = Path(tempfile.mkdtemp(prefix="syria-map-pg-"))
    prefix: list[str] = []
    (root / "socket").mkdir()
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail(f"running as root, but there is no postgres user; {INSTALL}", pytrace=False)
        for folder in (root, root / "socket"):
            os.chown(folder, owner.pw_uid, owner.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    cluster = Cluster(root, bindir, prefix)
    initdb = [
        str(bindir / "initdb"),
        "-D",
        str(root / "data"),
        "-U",
        "postgres",
        "--auth=trust",
        "--encoding=UTF8",
        "--locale=C",
        "--no-sync",
    ]
    _check(cluster, subprocess.run([*prefix, *initdb], capture_output=True, text=True, timeout=120))
    options = (
        f"-k {cluster.socket_dir} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        " -c synchronous_commit=off"
    )
    started = cluster._pg_ctl(
        "-w", "-t", "60", "-l", str(root / "server.log"), "-o", options, "start"
    )
    _check(cluster, started)
    found = cluster.sql("postgres", "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")
    if not found:
        cluster.stop()
        pytest.fail(f"PostgreSQL runs but PostGIS is not installed; {INSTALL}", pytrace=False)
    return cluster


def _check(cluster: Cluster, done: subprocess.CompletedProcess) -> None:
    if done.returncode == 0:
        return
    log = cluster.root / "server.log"
    tail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
    cluster.stop()
    pytest.fail(f"PostgreSQL did not start: {done.stderr.strip()[-1500:]}\n{tail}", pytrace=False)
