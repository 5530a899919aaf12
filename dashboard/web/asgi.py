"""ASGI entry point for uvicorn: `app`, the Dash (Flask) app configured from the environment.

SYRIA_MAP_DATA holds the event tables separated by the OS path separator, or as a JSON list
(as postgresql:// URLs need; empty: bundled); SYRIA_MAP_<SETTING> variables set the registry's
values. Requests are read whole by uvicorn's event loop before a thread runs the Flask app, so
slow clients hold no worker.
"""

from __future__ import annotations

import os

from a2wsgi import WSGIMiddleware

from dashboard.settings import worker_settings
from dashboard.web.app import create_app

__all__ = ["app"]

_THREADS = 16  # Flask requests run at once in one process

app = WSGIMiddleware(create_app(worker_settings(os.environ)).server, workers=_THREADS)
