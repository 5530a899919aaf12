"""Run the dashboard: Dash's own server for one worker, gunicorn for more."""

from __future__ import annotations

import os
import sys

import click

from dashboard.settings import Settings, to_environ

__all__ = ["run"]


def run(settings: Settings, host: str, port: int, debug: bool, workers: int) -> None:
    """Serve the dashboard until interrupted."""
    click.echo(f"syria-map: dashboard at http://{host}:{port}/", err=True)
    if workers > 1:
        env = {
            **os.environ,
            **to_environ(settings),
            "SYRIA_MAP_DATA": os.pathsep.join(settings.data),
        }
        command = [
            sys.executable, "-m", "gunicorn", "--workers", str(workers),
            "--bind", f"{host}:{port}", "--preload", "dashboard.web.wsgi:server",
        ]  # fmt: skip
        os.execvpe(command[0], command, env)
    from dashboard.web.app import create_app

    create_app(settings).run(host=host, port=port, debug=debug)
