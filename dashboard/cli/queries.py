"""The answers the CLI prints, as frames: a thin layer between the core and the output."""

from __future__ import annotations

import click
import pandas as pd

from dashboard.errors import UsageProblem
from dashboard.io.queries import coverage_warnings
from dashboard.settings import Settings

__all__ = ["change_tables", "control_table", "event_list", "stats_table", "zone_table"]


def parse_point(text: str) -> tuple[float, float]:
    """'LAT,LON' -> (lat, lon)."""
    try:
        lat, lon = (float(part) for part in text.split(","))
    except ValueError:
        raise UsageProblem(f"--at {text!r}: write LAT,LON, e.g. 35.95,39.01") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise UsageProblem(f"--at {text!r} is not a position on Earth")
    return lat, lon


def warn_outside_coverage(coverage: tuple, *dates) -> None:
    """One line on stderr for each date past the data's last date (or before its first)."""
    for warning in coverage_warnings(coverage, *dates):
        click.echo(f"syria-map: warning: {warning}", err=True)


def say_notes(table) -> None:
    """One line on stderr for each note reading the tables made (e.g. the GeoPackage layers)."""
    for note in table.notes:
        click.echo(f"syria-map: note: {note}", err=True)


def control_table(settings: Settings, date, places=(), points=(), positions=False) -> pd.DataFrame:
    """Controller of every locality, or of the asked places and points, at `date` (with
    their `lon` and `lat` too when `positions`)."""
    from dashboard.core.control import ControlHistory
    from dashboard.io.events import load_events
    from dashboard.io.geography import load_gazetteer
    from dashboard.io.queries import locality_rows

    gazetteer = load_gazetteer()
    asked = [gazetteer.resolve(name) for name in places]
    coordinates = [parse_point(p) for p in points]
    table = load_events(list(settings.data), gazetteer, str(settings.layer))
    say_notes(table)
    warn_outside_coverage(table.coverage, date)
    history = ControlHistory.from_events(table.events)
    control = locality_rows(history, table.events, date)
    columns = [
        "place",
        "controller",
        "event_date",
        "event_id",
        *(["lon", "lat"] if positions else []),
    ]
    if not asked and not coordinates:
        return control[columns]
    by_place = control.set_index("place_id")
    rows = []
    pending = []
    for place_id in asked:
        if place_id in by_place.index:
            rows.append(by_place.loc[[place_id], columns].assign(basis="locality"))
        else:
            place = gazetteer.place(place_id)
            pending.append((place["name"], float(place["lat"]), float(place["lon"])))
    pending += [(f"{lat},{lon}", lat, lon) for lat, lon in coordinates]
    if pending:
        rows.append(_zone_rows(settings, table, gazetteer, date, pending))
    return pd.concat(rows, ignore_index=True)[[*columns, "basis"]]


def _zone_rows(settings, table, gazetteer, date, pending) -> pd.DataFrame:
    """Controller of points from the zones (for places with no control history of their own)."""
    from dashboard.core.why import explain_atom
    from dashboard.io.dataset import model_for

    model = model_for(table, gazetteer, float(settings.reach_km))
    rows = []
    for label, lat, lon in pending:
        atom = model.atom_at(lon, lat)
        explanation = explain_atom(model, atom, date, (lon, lat))
        event = explanation.deciding_event
        rows.append(
            {
                "place": label,
                "controller": explanation.controller,
                "event_date": event["date"] if event is not None else pd.NaT,
                "event_id": event["event_id"] if event is not None else "",
                "basis": explanation.basis if atom >= 0 else "outside the map",
                "lon": lon,
                "lat": lat,
            }
        )
    return pd.DataFrame(rows)


def event_list(settings: Settings, start=None, end=None, place=None, event_type=None):
    """Events filtered by date range, place and type, oldest first."""
    from dashboard.core.schema import EVENT_TYPES
    from dashboard.io.events import load_events
    from dashboard.io.geography import load_gazetteer
    from dashboard.io.queries import event_rows

    gazetteer = load_gazetteer()
    if event_type is not None and event_type not in EVENT_TYPES:
        raise UsageProblem(f"unknown --type {event_type!r} (one of: {', '.join(EVENT_TYPES)})")
    place_id = gazetteer.resolve(place) if place else None
    table = load_events(list(settings.data), gazetteer, str(settings.layer))
    say_notes(table)
    warn_outside_coverage(table.coverage, start, end)
    return event_rows(table.events, start, end, place_id, event_type)


def stats_table(settings: Settings, date=None, start=None, end=None, every="month"):
    """Area and population by faction at a date, or as a series."""
    from dashboard.io.dataset import load_dataset
    from dashboard.io.queries import stats_rows

    if start is not None and end is not None and start > end:
        raise UsageProblem("--from is after --to")
    dataset = load_dataset(settings)
    say_notes(dataset.table)
    warn_outside_coverage(dataset.table.coverage, date, start, end)
    return stats_rows(dataset.model, date, start, end, every)


def zone_table(settings: Settings, date):
    """The zones at `date` as features: one per faction and kind (held, inferred)."""
    from dashboard.io.dataset import load_dataset
    from dashboard.io.zone_files import zone_features

    dataset = load_dataset(settings)
    say_notes(dataset.table)
    warn_outside_coverage(dataset.table.coverage, date)
    return zone_features(dataset.model, date, dataset.table.digest)


def change_tables(settings: Settings, start, end) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Localities that changed hands, and area/population moved per faction pair."""
    from dashboard.core.stats import change_between
    from dashboard.io.dataset import load_dataset

    if start > end:
        raise UsageProblem("--from is after --to")
    dataset = load_dataset(settings)
    say_notes(dataset.table)
    warn_outside_coverage(dataset.table.coverage, start, end)
    return change_between(dataset.model, start, end)
