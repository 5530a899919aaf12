"""The map's traces, in their fixed order: the dashboard updates traces by these indices."""

from __future__ import annotations

from dashboard.core.factions import FACTIONS
from dashboard.core.schema import EVENT_TYPES

TRACE_NEIGHBOURS = 0  # choropleth: neighbouring countries (static)
TRACE_ZONES = 1  # choropleth: the atoms, z = faction index (per date)
TRACE_GOLAN = 2  # choropleth: the Israeli-occupied Golan, grey (static)
TRACE_LAKES = 3  # choropleth: lakes (static)
TRACE_GOLAN_HATCH = 4  # lines: hatching over the Golan (static)
TRACE_GOVERNORATES = 5  # lines: governorate boundaries (static)
TRACE_RIVERS = 6  # lines: rivers (static)
TRACE_BORDERS = 7  # lines: Syria's and its neighbours' borders (static)
TRACE_CHANGED = 8  # lines: hatching of areas that changed hands since compare_date (per date)
TRACE_FRONT = 9  # lines: front lines (per date)
TRACE_GEO_LABELS = 10  # text: countries, rivers, lakes (static)
TRACE_PLACES = 11  # markers + text: places (static for a view)
TRACE_CHANGED_PLACES = 12  # markers: places that changed hands since compare_date (per date)
TRACE_PRESENCE = 13  # markers: foreign bases and deployments (per date)
TRACE_EVENTS = 14  # markers: one trace per EVENT_TYPES_SHOWN, then the faction legend
EVENT_TYPES_SHOWN = tuple(t for t in EVENT_TYPES if t != "presence")  # presence: own layer
TRACE_LEGEND = TRACE_EVENTS + len(EVENT_TYPES_SHOWN)  # legend-only squares, one per faction
# legend-only stars, one per core.presence group (after the factions, no data and inferred)
TRACE_PRESENCE_LEGEND = TRACE_LEGEND + len(FACTIONS) + 2
