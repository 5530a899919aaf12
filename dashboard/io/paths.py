"""Where the shipped data lives. The core never reads paths; the readers in `dashboard.io` do."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ASSETS_DIR", "BUNDLED_EVENTS", "GEODATA_DIR", "PLACES_FILE"]

_ROOT = Path(__file__).resolve().parents[2]
GEODATA_DIR = Path(os.environ.get("SYRIA_MAP_GEODATA", _ROOT / "geodata"))
ASSETS_DIR = _ROOT / "assets"
BUNDLED_EVENTS = GEODATA_DIR / "events.csv"
PLACES_FILE = GEODATA_DIR / "places.csv"
