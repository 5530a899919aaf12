"""WSGI entry point (`server`) for any WSGI server, configured from the environment.

SYRIA_MAP_DATA holds the event tables separated by the OS path separator (empty: bundled);
SYRIA_MAP_<SETTING> variables (e.g. SYRIA_MAP_MAX_UPLOAD_MB) set the registry's values.
`syria-map serve` uses `dashboard.web.asgi` instead; this one is for deployments that run
their own WSGI server.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from dashboard.settings import Settings, from_environ

__all__ = ["DATA_VARIABLE", "server", "settings_from_environ"]

DATA_VARIABLE = "SYRIA_MAP_DATA"


def settings_from_environ(environ: Mapping[str, str]) -> Settings:
    """The settings that `syria-map serve` passed to its worker processes."""
    data = tuple(p for p in environ.get(DATA_VARIABLE, "").split(os.pathsep) if p)
    return from_environ(Settings(data=data), environ)


def __getattr__(name: str):
    if name == "server":  # built on first use, so importing settings_from_environ is cheap
        from dashboard.web.app import create_app

        return create_app(settings_from_environ(os.environ)).server
    raise AttributeError(name)
