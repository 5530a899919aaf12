"""WSGI entry point (`server`) for deployments that run their own WSGI server.

Configured from the environment as `syria-map serve` configures its workers: SYRIA_MAP_DATA
holds the event tables separated by the OS path separator, or as a JSON list (as
postgresql:// URLs need; empty: bundled), and SYRIA_MAP_<SETTING> variables set the registry's
values.
"""

from __future__ import annotations

import os

from dashboard.settings import worker_settings
from dashboard.web.app import create_app

__all__ = ["server"]

server = create_app(worker_settings(os.environ)).server
