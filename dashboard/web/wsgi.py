"""WSGI entry point for gunicorn: `server`, configured from the environment.

SYRIA_MAP_DATA holds the event tables separated by the OS path separator (empty: bundled);
SYRIA_MAP_<SETTING> variables (e.g. SYRIA_MAP_MAX_UPLOAD_MB) set the registry's values.
"""

from __future__ import annotations

import os

from dashboard.settings import Settings, from_environ
from dashboard.web.app import create_app

__all__ = ["server"]

_data = tuple(p for p in os.environ.get("SYRIA_MAP_DATA", "").split(os.pathsep) if p)
server = create_app(from_environ(Settings(data=_data), os.environ)).server
