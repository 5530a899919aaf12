"""The event table's schema: columns, vocabularies and which columns are required.

Every reader (our CSV/GeoJSON/GeoPackage/GeoParquet, and the ACLED/UCDP importers) produces a
table with these columns; `dashboard.validate` checks one against them.
"""

from __future__ import annotations

from dashboard.core.factions import FACTION_CODES

__all__ = [
    "ANNOUNCED_TYPES",
    "COLUMNS",
    "CONFIDENCE_LEVELS",
    "COVERAGE_END",
    "COVERAGE_START",
    "DATE_PRECISIONS",
    "EVENT_COLUMNS_SHOWN",
    "EVENT_TYPES",
    "EXTENSION_START",
    "FACTION_CODES",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "SOURCE_COLUMNS",
    "SOURCE_DATE_KINDS",
    "YEAR_RANGE",
]

EVENT_TYPES = (
    "control_change",
    "battle",
    "airstrike",
    "agreement",
    "talks",
    "announcement",
    "presence",
    "other",
)
DATE_PRECISIONS = ("day", "month", "year")
CONFIDENCE_LEVELS = ("high", "medium", "low")

# Column name -> one-line description; the README's schema table is written from this.
COLUMNS: dict[str, str] = {
    "event_id": "Unique id of the row (text).",
    "date": "ISO date YYYY-MM-DD (YYYY-MM or YYYY allowed with a coarser date_precision).",
    "date_precision": "day, month or year: how much of the date is known. Default: day.",
    "place": "A gazetteer name or alias (any spelling it knows). Or give lat/lon or a geometry.",
    "lat": "Latitude in degrees (WGS84), when there is no place or to refine it.",
    "lon": "Longitude in degrees (WGS84).",
    "geometry": "GeoJSON/GeoPackage/GeoParquet geometry; a polygon is an area changing hands.",
    "event_type": "One of: " + ", ".join(EVENT_TYPES) + ".",
    "actor": "Who acted (free text), e.g. 'SDF', 'Syrian Arab Army'.",
    "controller_after": "Faction code holding the place after the event: "
    + ", ".join(FACTION_CODES)
    + ". Required for control_change.",
    "description": "What happened, in a sentence or two.",
    "source_title": "Title of the source (article, report, dataset).",
    "source_publisher": "Who published the source.",
    "source_date": "When the source was published (ISO), or read, for a living page.",
    "source_date_kind": "published (default) or accessed: what source_date is. Use accessed "
    "for a living page such as a Wikipedia article.",
    "source_url": "Where the source can be read, where one exists.",
    "confidence": "high, medium or low. Default: medium.",
}
REQUIRED_COLUMNS = ("event_id", "date", "event_type")
# What a reader needs to see of an event, in the order the CLI and the panels show it.
EVENT_COLUMNS_SHOWN = (
    "date",
    "place",
    "event_type",
    "actor",
    "controller_after",
    "description",
    "source_title",
    "source_publisher",
    "source_date",
    "source_url",
    "event_id",
)
SOURCE_COLUMNS = ("source_title", "source_publisher", "source_date", "source_url")
SOURCE_DATE_KINDS = ("published", "accessed")
# Event types whose source may be dated before the event: it announced or agreed it in advance.
ANNOUNCED_TYPES = ("agreement", "announcement")
# Dates outside these years are errors: no table about this war has them.
YEAR_RANGE = (1900, 2100)
OPTIONAL_COLUMNS = tuple(c for c in COLUMNS if c not in REQUIRED_COLUMNS)

# The bundled table covers this period in full: its last change of control is al-Tanf on
# 12 February 2026, its last sourced event the SDF appointment of 10 March 2026.
COVERAGE_START = "2016-01-01"
COVERAGE_END = "2026-03-10"
# Localities first recorded by the 2020-2026 extension start on this date instead.
EXTENSION_START = "2020-01-01"
