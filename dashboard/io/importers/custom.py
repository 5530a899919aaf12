"""Any CSV / GeoJSON / GeoPackage / GeoParquet table, renamed to our schema by a mapping.

A mapping is a dict or a small TOML / JSON file::

    {"columns": {"date": "Date of event", "place": "Town"},   # our column: their column
     "defaults": {"confidence": "medium", "source_publisher": "Our field team"},
     "date_format": "%d/%m/%Y"}

Columns already named as ours need no entry; defaults fill absent or empty cells; without
`date_format` dates must already be ISO. A missing event_id column is filled with
"custom-<row>". A control_change with no controller_after gets its actor's faction, and a
controller_after written as an actor name ("SDF", "Islamic State") becomes its faction code.
Rows the validator finds errors in are rejected with its message; the rest are imported.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.core.schema import COLUMNS, FACTION_CODES
from dashboard.errors import DataFileError
from dashboard.io.importers.actors import ActorMap
from dashboard.io.importers.checks import text, when
from dashboard.io.importers.dates import parse_dates
from dashboard.io.importers.result import Converted

__all__ = ["Mapping", "from_custom", "load_mapping"]


@dataclass(frozen=True)
class Mapping:
    """Which of their columns holds each of ours, defaults, and how dates are written."""

    columns: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    date_format: str | None = None

    @classmethod
    def from_dict(cls, spec: dict, source: str = "<mapping>") -> Mapping:
        """Check a mapping given as a dict (as parsed from TOML or JSON)."""
        unknown = set(spec) - {"columns", "defaults", "date_format"}
        if unknown:
            raise DataFileError(source, f"unknown mapping key(s): {', '.join(sorted(unknown))}")
        columns = {str(k): str(v) for k, v in dict(spec.get("columns", {})).items()}
        defaults = {str(k): str(v) for k, v in dict(spec.get("defaults", {})).items()}
        for ours in (*columns, *defaults):
            if ours not in COLUMNS:
                raise DataFileError(
                    source,
                    f"{ours!r} is not one of our columns ({', '.join(COLUMNS)})",
                    column=ours,
                )
        return cls(columns, defaults, spec.get("date_format") or None)


def load_mapping(mapping: Mapping | dict | str | Path | None) -> Mapping:
    """A Mapping from a Mapping, a dict, or a .toml / .json file; None means no renaming."""
    if mapping is None:
        return Mapping()
    if isinstance(mapping, Mapping):
        return mapping
    if isinstance(mapping, dict):
        return Mapping.from_dict(mapping)
    path = Path(mapping)
    try:
        raw = path.read_bytes()
        spec = tomllib.loads(raw.decode()) if path.suffix.lower() == ".toml" else json.loads(raw)
    except FileNotFoundError:
        raise DataFileError(path, "no such mapping file") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError(path, f"cannot read the mapping: {exc}") from None
    if not isinstance(spec, dict):
        raise DataFileError(path, "a mapping file holds an object with 'columns', 'defaults'")
    return Mapping.from_dict(spec, str(path))


def from_custom(raw: pd.DataFrame, mapping: Mapping, actors: ActorMap, source: str) -> Converted:
    """Rename and fill a table per `mapping`; date and controller fixes as the module says."""
    missing = [theirs for theirs in mapping.columns.values() if theirs not in raw]
    if missing:
        message = f"the mapping names column {missing[0]!r}, which the file lacks"
        raise DataFileError(source, message, column=missing[0])
    renamed = {theirs: ours for ours, theirs in mapping.columns.items()}
    keep = [c for c in raw if c not in renamed and c not in mapping.columns]
    table = pd.concat([raw[list(renamed)].rename(columns=renamed), raw[keep]], axis=1)
    for ours, value in mapping.defaults.items():
        table[ours] = text(table, ours).where(lambda s: s != "", value)
    if "event_id" not in table:
        table["event_id"] = [f"custom-{i + int(raw.attrs.get('row_offset', 2))}" for i in raw.index]
    reasons = pd.Series("", index=raw.index, dtype=object)
    if mapping.date_format:
        given = text(table, "date")
        table["date"] = parse_dates(given, (mapping.date_format,))
        unread = (table["date"] == "") & (given != "")
        reasons = when(unread, f"cannot read date {{}} as {mapping.date_format}", given)
    if "controller_after" in table or "actor" in table:
        table["controller_after"] = _controllers(table, actors)
    table["origin"] = text(table, "origin").where(lambda s: s != "", "custom")
    changes = text(table, "event_type") == "control_change"
    unmapped = actors.unmapped(text(table, "actor")[changes]) if "actor" in table else {}
    return Converted(table, reasons, dict(unmapped))


def _controllers(table: pd.DataFrame, actors: ActorMap) -> pd.Series:
    """Faction codes: names turned into codes, and the actor's faction for bare changes."""
    dates = text(table, "date")
    given = text(table, "controller_after")
    named = (given != "") & ~given.isin(FACTION_CODES)
    out = given.mask(named, actors.factions(given, dates).where(lambda s: s != "", given))
    bare = (out == "") & (text(table, "event_type") == "control_change")
    return out.mask(bare, actors.factions(text(table, "actor"), dates))
