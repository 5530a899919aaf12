"""A date's map as a small frame of indices, and the static key that turns frames into traces.

The dashboard sends the key to the browser once; each slider step then sends only a frame
(zone colours, and which front-line edges, hatched atoms, events and bases to show), which
`assets/dashboard.js` expands exactly as `frame_updates` does here.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from dashboard.core.control import day_number
from dashboard.core.factions import FACTIONS, NO_DATA, faction_name
from dashboard.core.presence import OTHER_PRESENCE, PRESENCE_GROUPS
from dashboard.core.stats import held_at
from dashboard.core.view import MapView
from dashboard.core.zones import front_line_mask
from dashboard.figures.geometry import _ByIdentity, map_base
from dashboard.figures.traces import (
    EVENT_TYPES_SHOWN,
    TRACE_CHANGED,
    TRACE_CHANGED_PLACES,
    TRACE_EVENTS,
    TRACE_FRONT,
    TRACE_LEGEND,
    TRACE_PRESENCE,
    TRACE_PRESENCE_LEGEND,
    TRACE_ZONES,
)
from dashboard.figures.wording import format_date, plain
from dashboard.io.dataset import Dataset

__all__ = ["date_frame", "frame_updates", "map_key", "zone_z"]

CHANGE_COLOUR = "#D6008F"
_SOURCE_COLUMNS = (
    "source_title", "source_publisher", "source_url", "actor", "description", "layer"
)  # fmt: skip


def map_key(dataset: Dataset) -> dict:
    """Everything a frame refers to by index, JSON-able (cached per model)."""
    return _map_key(_ByIdentity(dataset.model), _ByIdentity(dataset.gazetteer))


def _clean(values) -> list:
    return [None if isinstance(v, float) and np.isnan(v) else v for v in values]


@lru_cache(maxsize=4)
def _map_key(key: _ByIdentity, gazetteer: _ByIdentity) -> dict:
    model = key.model
    base = map_base(model, gazetteer.model)
    events = model.events
    text = {c: events[c].fillna("").astype(str).tolist() for c in _SOURCE_COLUMNS if c in events}
    return {
        "traces": {
            "zones": TRACE_ZONES,
            "front": TRACE_FRONT,
            "changed": TRACE_CHANGED,
            "changed_places": TRACE_CHANGED_PLACES,
            "presence": TRACE_PRESENCE,
            "events": TRACE_EVENTS,
            "legend": TRACE_LEGEND,
            "presence_legend": TRACE_PRESENCE_LEGEND,
        },
        "presence_colours": [g.colour for g in (*PRESENCE_GROUPS, OTHER_PRESENCE)],
        "event_types": list(EVENT_TYPES_SHOWN),
        "factions": [
            {"code": f.code, "name": f.name, "name_ar": f.name_ar, "colour": f.colour}
            for f in FACTIONS
        ]
        + [
            {
                "code": NO_DATA.code,
                "name": NO_DATA.name,
                "name_ar": NO_DATA.name_ar,
                "colour": NO_DATA.colour,
            }
        ],
        "edges": {"lon": list(base.edge_lon), "lat": list(base.edge_lat)},
        "events": {
            "lon": _clean(base.event_lon.round(4).tolist()),
            "lat": _clean(base.event_lat.round(4).tolist()),
            "hover": base.event_hover.tolist(),
            "title": base.event_title.tolist(),
            "where": base.event_where.tolist(),
            "who": base.event_who.tolist(),
            "group": base.event_group.tolist(),
            "kind": base.event_kind.tolist(),
            "colour": base.event_colour.tolist(),
            "id": base.event_id.tolist(),
            "date": [f"{d:%Y-%m-%d}" for d in events["date"]],
            "place": events["place"].fillna("").astype(str).tolist(),
            **text,
        },
    }


def zone_z(factions: np.ndarray, inferred: np.ndarray) -> np.ndarray:
    """Colour index of each atom: faction i is i, no data len(FACTIONS), and land inferred
    from a distant locality of faction i is len(FACTIONS) + 1 + i (markers.zone_colourscale)."""
    z = np.where(factions < 0, len(FACTIONS), factions)
    return np.where(inferred & (factions >= 0), len(FACTIONS) + 1 + factions, z)


def _date_text(view: MapView) -> str:
    text = f"<b>{format_date(view.date, view.lang)}</b>"
    if view.compare_date is not None:
        since = f"{view.compare_date:%-d %b %Y}"
        text += f"  <span style='color:{CHANGE_COLOUR}'>changed hands since {since}</span>"
    return text


def date_frame(dataset: Dataset, view: MapView, window_days: int = 30) -> dict:
    """What a date changes, as indices into map_key, plus the date's title and totals.

    Only in compare mode does a frame carry coordinates: the hatching of what changed hands.
    """
    model = dataset.model
    base = map_base(model, dataset.gazetteer)
    control = model.atom_control(view.date)
    factions = control.factions
    today = day_number(view.date)
    events = ~base.event_starting
    # The map never shows what happened after its date: the window reaches back only.
    near = np.flatnonzero(
        events & (base.event_day <= today) & (base.event_day >= today - window_days)
    )
    near = near[np.argsort(-base.event_day[near], kind="stable")]
    later = np.flatnonzero(
        events & (base.event_day > today) & (base.event_day <= today + window_days)
    )
    presence = (base.event_kind == "presence") & (base.event_day <= today)
    held = held_at(model, view.date).set_index("faction")
    frame = {
        "date": f"{view.date:%Y-%m-%d}",
        "window": window_days,
        "label": format_date(view.date, view.lang),
        "title": _date_text(view),
        "z": zone_z(factions, control.inferred).tolist(),
        "front": np.flatnonzero(front_line_mask(model, factions)).tolist(),
        "events": near.tolist(),  # drawn on the map and listed, newest first
        "later": later.tolist(),  # listed only, under "after this date", oldest first
        "presence": np.flatnonzero(presence & ~np.isnan(base.event_lon)).tolist(),
        # the presence legend's rows: the countries with a star on the map
        "presence_groups": sorted(
            set(base.event_group[presence & ~np.isnan(base.event_lon)].tolist())
        )
        if "presence" in view.layers
        else [],
        "held": [
            [
                round(float(held["area_km2"].get(code, 0.0))),
                int(held["localities"].get(code, 0)),
                round(float(held["inferred_km2"].get(code, 0.0))),
            ]
            for code in [*(f.code for f in FACTIONS), NO_DATA.code]
        ],
        # The legend's rows: the factions that exist on the date, and any that hold ground.
        "shown": [
            i
            for i, f in enumerate([*FACTIONS, NO_DATA])
            if (f.valid_on(view.date) and f is not NO_DATA) or held["area_km2"].get(f.code, 0) > 0
        ],
        "changed": {"lon": [], "lat": []},
        "moved": {"lon": [], "lat": [], "hovertext": []},
    }
    if view.compare_date is not None:
        atoms, frame["moved"] = _changes(dataset, view, factions)
        frame["changed"] = _join(base.hatch_lon, base.hatch_lat, atoms)
    return frame


def _changes(dataset: Dataset, view: MapView, factions: np.ndarray) -> tuple[list, dict]:
    """Atoms and localities whose controller differs from the compare date's."""
    model = dataset.model
    before = model.atom_control(view.compare_date).factions
    was = model.history.at(view.compare_date)[0]
    now = model.history.at(view.date)[0]
    moved = np.flatnonzero(was != now)
    places = model.localities.iloc[moved]
    text = [
        f"{plain(n)}: {faction_name(a, view.lang)} → {faction_name(b, view.lang)}"
        for n, a, b in zip(places["name"], was[moved], now[moved], strict=True)
    ]
    rings = {
        "lon": places["lon"].round(4).tolist(),
        "lat": places["lat"].round(4).tolist(),
        "hovertext": text,
    }
    return np.flatnonzero(before != factions).tolist(), rings


def _join(lons, lats, indices) -> dict:
    lon: list = []
    lat: list = []
    for i in indices:
        lon += lons[i]
        lat += lats[i]
    return {"lon": lon, "lat": lat}


def frame_updates(frame: dict, key: dict) -> dict[int, dict]:
    """Trace properties of a frame (the Python twin of renderFrame in assets/dashboard.js)."""
    events = key["events"]
    updates: dict[int, dict] = {
        TRACE_ZONES: {"z": frame["z"]},
        TRACE_FRONT: _join(key["edges"]["lon"], key["edges"]["lat"], frame["front"]),
        TRACE_CHANGED: frame["changed"],
        TRACE_CHANGED_PLACES: frame["moved"],
        TRACE_PRESENCE: {
            "lon": [events["lon"][r] for r in frame["presence"]],
            "lat": [events["lat"][r] for r in frame["presence"]],
            "hovertext": [
                f"{plain(events['actor'][r])}: {events['hover'][r]}" for r in frame["presence"]
            ],
            "marker.color": [
                key["presence_colours"][events["group"][r]] for r in frame["presence"]
            ],
        },
    }
    for offset, kind in enumerate(key["event_types"]):
        rows = [
            r for r in frame["events"] if events["kind"][r] == kind and events["lon"][r] is not None
        ]
        update = {
            "lon": [events["lon"][r] for r in rows],
            "lat": [events["lat"][r] for r in rows],
            "hovertext": [events["hover"][r] for r in rows],
            "customdata": [
                [events["id"][r], events["title"][r], events["where"][r], events["who"][r]]
                for r in rows
            ],
        }
        if kind == "control_change":
            update["marker.color"] = [events["colour"][r] for r in rows]
        updates[TRACE_EVENTS + offset] = update
    for index in range(len(key["factions"])):  # the legend: only the factions of the date
        updates[TRACE_LEGEND + index] = {"showlegend": index in frame["shown"]}
    for index in range(len(key["presence_colours"])):  # the countries present on the date
        updates[TRACE_PRESENCE_LEGEND + index] = {"showlegend": index in frame["presence_groups"]}
    return updates
