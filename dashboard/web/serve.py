"""Run the dashboard: uvicorn (an asyncio server) in front of the Flask app, or Dash's debug server.

The port is bound before anything else, so a busy port fails at once with one line, and the
URL is announced only once the socket listens. Every setting reaches each worker process
unchanged, through the SYRIA_MAP_* environment that `dashboard.web.asgi` reads.
"""

from __future__ import annotations

import errno
import os
import socket

import click

from dashboard.errors import UsageProblem
from dashboard.io.postgis import check_source, is_database
from dashboard.settings import Settings, worker_environ
from dashboard.web.uploads import upload_store

__all__ = ["listen", "run"]

_KEEP_ALIVE_S = 5  # an idle keep-alive connection is closed after this
_MAX_CONNECTIONS = 2048  # beyond this many at once, uvicorn answers 503


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port; a UsageProblem when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise UsageProblem(
                f"port {port} on {host} is in use; choose another with --port"
            ) from None
        raise UsageProblem(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(_MAX_CONNECTIONS)
    sock.set_inheritable(True)
    return sock


def run(settings: Settings, host: str, port: int, debug: bool, workers: int) -> None:
    """Serve the dashboard until interrupted."""
    for source in filter(is_database, settings.data):
        check_source(source)  # one line now, not a traceback in every worker
    store = upload_store(settings)
    if store is not None:
        store.check()
    os.environ.update(worker_environ(settings))
    if debug:
        from dashboard.web.app import create_app

        app = create_app(settings)
        listen(host, port).close()  # fail with one line if the port is taken
        click.echo(f"syria-map: dashboard (debug) at http://{host}:{port}/", err=True)
        app.run(host=host, port=port, debug=True)
        return
    import uvicorn

    sock = listen(host, port)
    config = uvicorn.Config(
        "dashboard.web.asgi:app",
        workers=workers,
        interface="asgi3",
        lifespan="off",
        timeout_keep_alive=_KEEP_ALIVE_S,
        limit_concurrency=_MAX_CONNECTIONS,
        log_level="warning",
        access_log=False,
    )
    if workers == 1:
        config.load()  # the data is loaded before the URL is announced
        click.echo(f"syria-map: dashboard at http://{host}:{port}/", err=True)
        uvicorn.Server(config).run(sockets=[sock])
        return
    click.echo(f"syria-map: dashboard at http://{host}:{port}/ ({workers} workers)", err=True)
    from uvicorn.supervisors import Multiprocess

    Multiprocess(config, sockets=[sock]).run()
