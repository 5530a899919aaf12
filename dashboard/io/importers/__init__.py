"""Importers: ACLED, UCDP GED and custom tables to our event schema.

`import_file` reads a file, maps it row by row, and returns an `ImportResult`: the table in our
schema (string columns, as `read_table` gives them, plus the columns in `EXTRA_COLUMNS`), the
rejected rows with their line numbers and reasons, the counts, and the actors that
geodata/actor_factions.csv does not know. `convert_if_foreign` is the hook the event loader
calls; `save_import` writes a result for `syria-map import`.
"""

from __future__ import annotations

from dashboard.io.importers.actors import ActorMap, load_actor_map
from dashboard.io.importers.custom import Mapping, load_mapping
from dashboard.io.importers.detect import detect_format
from dashboard.io.importers.pipeline import (
    IMPORT_FORMATS,
    convert_if_foreign,
    default_places,
    import_file,
    import_frame,
)
from dashboard.io.importers.result import EXTRA_COLUMNS, ImportResult
from dashboard.io.importers.save import output_paths, save_import

__all__ = [
    "EXTRA_COLUMNS",
    "IMPORT_FORMATS",
    "ActorMap",
    "ImportResult",
    "Mapping",
    "convert_if_foreign",
    "default_places",
    "detect_format",
    "import_file",
    "import_frame",
    "load_actor_map",
    "load_mapping",
    "output_paths",
    "save_import",
]
