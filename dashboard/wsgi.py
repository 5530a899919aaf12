"""WSGI entry point for gunicorn: `server`, configured from the environment.

SYRIA_MAP_DATA holds the event tables separated by the OS path separator (empty: bundled).
"""

from __future__ import annotations

import os

from dashboard.app import create_app
from dashboard.settings import Settings

__all__ = ["server"]

_data = tuple(p for p in os.environ.get("SYRIA_MAP_DATA", "").split(os.pathsep) if p)
server = create_app(Settings(data=_data)).server
