"""A date's map as a small frame of indices, and the static key that turns frames into traces.

The dashboard sends the key to the browser once; each slider step then sends a frame that
`assets/dashboard.js` expands exactly as `frame_updates` does here. A frame is a delta: given
the date the browser holds (`base`), it carries only the zones and front-line edges that
changed since then, and the event rows (`rows`) the browser does not have yet, with those it
may forget (`drop`). Row lists travel as runs, `[[first, count], ...]`: the events of a window
are consecutive rows of the date-sorted table.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict

import numpy as np

from dashboard.core.control import day_number
from dashboard.core.factions import FACTIONS, NO_DATA, faction_name
from dashboard.core.presence import OTHER_PRESENCE, PRESENCE_GROUPS
from dashboard.core.stats import held_at
from dashboard.core.table import by_value
from dashboard.core.view import MapView
from dashboard.core.zones import front_line_mask
from dashboard.figures.geometry import event_title, map_base, presence_since
from dashboard.figures.markers import CHANGE_COLOUR, zone_colours
from dashboard.figures.memo import PerModel
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
from dashboard.figures.wording import embed_rtl, format_date, plain
from dashboard.figures.wording import text as phrase
from dashboard.io.dataset import Dataset

__all__ = [
    "LIST_PAGE",
    "date_frame",
    "expand",
    "frame_rows",
    "frame_updates",
    "map_key",
    "prepare_frames",
    "zone_z",
]

LIST_PAGE = 40  # events the list shows at a time ("40 of 211"; Show more pages on)
_ROW_NUMBERS = ("lon", "lat", "group")
# What the browser keeps of each event row, as text (the map's hover, the list's item).
_ROW_TEXT = (
    "hover", "title", "where", "who", "kind", "colour", "id", "date", "place",
    "source_title", "source_publisher", "source_url", "actor", "description", "layer",
)  # fmt: skip


def map_key(dataset: Dataset) -> dict:
    """Everything a frame refers to by index, JSON-able (cached per model). It holds no
    event rows: each frame brings those it needs, so the key stays small for big tables."""
    return _map_key(dataset.model, dataset.gazetteer)


def _build_key(model, gazetteer) -> dict:
    base = map_base(model, gazetteer)
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
        "zone_colours": zone_colours(),
        "event_types": list(EVENT_TYPES_SHOWN),
        "layers": list(model.events["layer"].unique()) if "layer" in model.events else [],
        "list_page": LIST_PAGE,
        "row_numbers": list(_ROW_NUMBERS),
        "factions": [
            {"code": f.code, "name": f.name, "name_ar": f.name_ar, "colour": f.colour}
            for f in (*FACTIONS, NO_DATA)
        ],
        "edges": {"lon": list(base.edge_lon), "lat": list(base.edge_lat)},
    }


def _build_row_columns(model, gazetteer) -> dict[str, np.ndarray]:
    """Every event row's values as arrays, so a frame's rows are array indexing."""
    base = map_base(model, gazetteer)
    events = model.events

    def text(column: str) -> np.ndarray:  # one object per distinct value
        if column not in events:
            return np.full(len(events), "", dtype=object)
        return by_value(events[column].fillna("").astype(str).to_numpy(object), str)

    columns = {
        "lon": np.round(base.event_lon, 4),
        "lat": np.round(base.event_lat, 4),
        "group": base.event_group,
        "hover": base.event_hover,
        "title": base.event_title,
        "where": base.event_where,
        "who": base.event_who,
        "kind": base.event_kind,
        "colour": base.event_colour,
        "id": base.event_id,
        "date": by_value(events["date"].dt.strftime("%Y-%m-%d").to_numpy(object), str),
    }
    columns |= {c: text(c) for c in _ROW_TEXT if c not in columns}
    # The Arabic page's hover: the date and type in Arabic, and presence's "since".
    iso = columns["date"]
    columns["title_ar"] = by_value(
        np.array([f"{d}\t{k}" for d, k in zip(iso, columns["kind"], strict=True)], dtype=object),
        lambda t: event_title(*t.split("\t"), "ar"),
    )
    presence = columns["kind"] == "presence"
    columns["hover_ar"] = columns["hover"].copy()
    named = by_value(columns["place"][presence], lambda p: gazetteer.name(p, "ar") if p else "")
    places = [f"{p}\t{d}" for p, d in zip(named, iso[presence], strict=True)]
    columns["hover_ar"][presence] = by_value(
        np.array(places, dtype=object), lambda t: presence_since(*t.split("\t"), "ar")
    )
    return columns


_map_key = PerModel("map_key", _build_key)
_row_columns = PerModel("row_columns", _build_row_columns)


def prepare_frames(dataset: Dataset) -> None:
    """Build what every frame reads (the key, the rows' values, the days), before a request."""
    for memo in (_map_key, _row_columns, _event_days):
        memo(dataset.model, dataset.gazetteer)


def runs(rows) -> list[list[int]]:
    """Row indices as runs of consecutive ones: [[first, count], ...], order kept."""
    rows = np.asarray(rows, dtype=np.int64)
    if not len(rows):
        return []
    starts = np.flatnonzero(np.diff(rows, prepend=rows[0] - 2) != 1)
    counts = np.diff(starts, append=len(rows))
    return np.column_stack([rows[starts], counts]).tolist()


def expand(row_runs) -> list[int]:
    """The row indices of `runs` (its inverse)."""
    return [first + i for first, count in row_runs for i in range(count)]


def _encoded_rows(dataset: Dataset, rows: np.ndarray, lang: str = "en") -> dict:
    """Event rows, column by column; text as indices into one list of the frame's distinct
    strings, and a column whose rows all agree as that one value. An Arabic frame's hover
    gives the date and type in Arabic."""
    columns = _row_columns(dataset.model, dataset.gazetteer)
    if lang == "ar":
        columns = {**columns, "title": columns["title_ar"], "hover": columns["hover_ar"]}
    strings: dict[str, int] = {}
    out: dict = {"i": runs(rows)}

    def shrink(values: list):
        return values[0] if values and all(v == values[0] for v in values) else values

    for name in _ROW_NUMBERS[:2]:
        out[name] = [None if np.isnan(v) else float(v) for v in columns[name][rows]]
    out["group"] = shrink(columns["group"][rows].tolist())
    for name in _ROW_TEXT:
        out[name] = shrink([strings.setdefault(v, len(strings)) for v in columns[name][rows]])
    out["text"] = list(strings)
    return out


def frame_rows(frame: dict) -> dict[int, dict]:
    """The event rows a frame brings, by row index (the twin of dashboard.js `decodeRows`)."""
    encoded = frame["rows"]
    rows = expand(encoded["i"])
    out: dict[int, dict] = {r: {} for r in rows}
    for name, values in encoded.items():
        if name in ("i", "text"):
            continue
        values = values if isinstance(values, list) else [values] * len(rows)
        is_text = name in _ROW_TEXT
        for r, value in zip(rows, values, strict=True):
            out[r][name] = encoded["text"][value] if is_text else value
    return out


def zone_z(factions: np.ndarray, inferred: np.ndarray) -> np.ndarray:
    """Colour index of each atom: faction i is i, no data len(FACTIONS), and land inferred
    from a distant locality of faction i is len(FACTIONS) + 1 + i (markers.zone_colourscale)."""
    z = np.where(factions < 0, len(FACTIONS), factions)
    return np.where(inferred & (factions >= 0), len(FACTIONS) + 1 + factions, z)


def _date_text(view: MapView) -> str:
    text = f"<b>{format_date(view.date, view.lang)}</b>"
    if view.compare_date is not None:
        since = phrase("changed_since", view.lang, date=format_date(view.compare_date, view.lang))
        text += f"  <span style='color:{CHANGE_COLOUR}'>{since}</span>"
    return embed_rtl(text) if view.lang == "ar" else text  # right to left in plotly's text


_DRAWN: dict[int, OrderedDict] = {}  # per model (by id, forgotten with the model)
_DRAWN_KEPT = 8  # dates kept per model: a step from the previous date reuses it


def _drawn(model, day: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
    """Zone colour indices and front-line edges of a date (the last few dates kept)."""
    kept = _DRAWN.get(id(model))
    if kept is None:
        kept = _DRAWN[id(model)] = OrderedDict()
        weakref.finalize(model, _DRAWN.pop, id(model), None)
    if day not in kept:
        control = model.atom_control(day)
        z = zone_z(control.factions, control.inferred)
        kept[day] = (z, np.flatnonzero(front_line_mask(model, control.factions)))
        while len(kept) > _DRAWN_KEPT:
            kept.popitem(last=False)
    kept.move_to_end(day)
    return kept[day]


def _selection(dataset: Dataset, day: np.datetime64, window_days: int) -> dict[str, np.ndarray]:
    """Row indices of a date: events on the map (newest first), later ones for the list
    (oldest first, a page of them) and foreign presence."""
    base = map_base(dataset.model, dataset.gazetteer)
    days, shown, presence = _event_days(dataset.model, dataset.gazetteer)
    today = day_number(day)
    # The map never shows what happened after its date: the window reaches back only.
    lo, hi, end = np.searchsorted(days, [today - window_days, today + 1, today + window_days + 1])
    near = np.arange(lo, hi)[shown[lo:hi]]
    near = near[np.argsort(-base.event_day[near], kind="stable")]
    later = np.arange(hi, end)[shown[hi:end]][:LIST_PAGE]
    return {"events": near, "later": later, "presence": presence[presence < hi]}


def _build_event_days(model, gazetteer) -> tuple[np.ndarray, ...]:
    """Each row's day (the table is sorted by date), whether it is an event to show, and the
    rows of foreign presence that have a position."""
    base = map_base(model, gazetteer)
    if np.any(np.diff(base.event_day) < 0):
        raise ValueError("the event table must be sorted by date")
    presence = (base.event_kind == "presence") & ~np.isnan(base.event_lon)
    return base.event_day, ~base.event_starting, np.flatnonzero(presence)


_event_days = PerModel("event_days", _build_event_days)


def _needed(selection: dict[str, np.ndarray]) -> np.ndarray:
    rows = np.sort(np.concatenate(list(selection.values())))
    return rows[np.diff(rows, prepend=-1) != 0]


def _minus(rows: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Sorted unique `rows` not in sorted unique `other`."""
    return rows[~np.isin(rows, other, assume_unique=True, kind="sort")]


def date_frame(dataset: Dataset, view: MapView, window_days: int = 30, base: object = None) -> dict:
    """What a date changes, as indices into map_key, plus the date's title and totals.

    With `base` (the date the browser shows), zones and front lines come as what changed
    since it, and rows as those the browser lacks; without, in full. Only in compare mode
    does a frame carry coordinates: the hatching of what changed hands.
    """
    model = dataset.model
    day = np.datetime64(view.date, "D")
    z, front = _drawn(model, day)
    selection = _selection(dataset, day, window_days)
    needed = _needed(selection)
    base_day = None if base is None else np.datetime64(base, "D")
    if base_day is None:
        drawn = {"z": z.tolist(), "front": front.tolist()}
        rows, drop = needed, []
    else:
        was_z, was_front = _drawn(model, base_day)
        moved = np.flatnonzero(was_z != z)
        had = _needed(_selection(dataset, base_day, window_days))
        drawn = {
            "dz": [moved.tolist(), z[moved].tolist()],
            "front_add": _minus(front, was_front).tolist(),
            "front_drop": _minus(was_front, front).tolist(),
        }
        rows, drop = _minus(needed, had), runs(_minus(had, needed))
    held = held_at(model, view.date).set_index("faction")
    area, places, inferred = (held[c].to_dict() for c in ("area_km2", "localities", "inferred_km2"))
    base_map = map_base(model, dataset.gazetteer)
    frame = {
        "date": f"{view.date:%Y-%m-%d}",
        "base": None if base_day is None else str(base_day),
        "window": window_days,
        "label": format_date(view.date, view.lang),
        "title": _date_text(view),
        **drawn,
        "events": runs(selection["events"]),  # drawn on the map and listed, newest first
        "later": runs(selection["later"]),  # listed only, under "after this date"
        "presence": runs(selection["presence"]),
        "rows": _encoded_rows(dataset, rows, view.lang),
        "drop": drop,
        # the presence legend's rows: the countries with a star on the map
        "presence_groups": sorted(set(base_map.event_group[selection["presence"]].tolist()))
        if "presence" in view.layers
        else [],
        "held": [
            [
                round(float(area.get(code, 0.0))),
                int(places.get(code, 0)),
                round(float(inferred.get(code, 0.0))),
            ]
            for code in [*(f.code for f in FACTIONS), NO_DATA.code]
        ],
        # The legend's rows: the factions that exist on the date, and any that hold ground.
        "shown": [
            i
            for i, f in enumerate([*FACTIONS, NO_DATA])
            if (f.valid_on(view.date) and f is not NO_DATA) or area.get(f.code, 0) > 0
        ],
        "changed": {"lon": [], "lat": []},
        "moved": {"lon": [], "lat": [], "hovertext": []},
    }
    if view.compare_date is not None:
        before = model.atom_control(view.compare_date).factions
        atoms = np.flatnonzero(before != model.atom_control(view.date).factions)
        frame["moved"] = _moved_places(dataset, view)
        frame["changed"] = _join(base_map.hatch_lon, base_map.hatch_lat, atoms.tolist())
    return frame


def _moved_places(dataset: Dataset, view: MapView) -> dict:
    """The localities whose controller differs from the compare date's, with a hover each."""
    model = dataset.model
    was = model.history.at(view.compare_date)[0]
    now = model.history.at(view.date)[0]
    moved = np.flatnonzero(was != now)
    places = model.localities.iloc[moved]
    text = [
        f"{plain(n)}: {faction_name(a, view.lang)} → {faction_name(b, view.lang)}"
        for n, a, b in zip(places["name"], was[moved], now[moved], strict=True)
    ]
    return {
        "lon": places["lon"].round(4).tolist(),
        "lat": places["lat"].round(4).tolist(),
        "hovertext": text,
    }


def _join(lons, lats, indices) -> dict:
    lon: list = []
    lat: list = []
    for i in indices:
        lon += lons[i]
        lat += lats[i]
    return {"lon": lon, "lat": lat}


def frame_updates(frame: dict, key: dict) -> dict[int, dict]:
    """Trace properties of a full frame (the Python twin of frameUpdates in dashboard.js)."""
    ev = frame_rows(frame)
    events, presence = expand(frame["events"]), expand(frame["presence"])
    updates: dict[int, dict] = {
        TRACE_ZONES: {"z": frame["z"]},
        TRACE_FRONT: _join(key["edges"]["lon"], key["edges"]["lat"], frame["front"]),
        TRACE_CHANGED: frame["changed"],
        TRACE_CHANGED_PLACES: frame["moved"],
        TRACE_PRESENCE: {
            "lon": [ev[r]["lon"] for r in presence],
            "lat": [ev[r]["lat"] for r in presence],
            "hovertext": [f"{plain(ev[r]['actor'])}: {ev[r]['hover']}" for r in presence],
            "marker.color": [key["presence_colours"][ev[r]["group"]] for r in presence],
        },
    }
    for offset, kind in enumerate(key["event_types"]):
        rows = [r for r in events if ev[r]["kind"] == kind and ev[r]["lon"] is not None]
        update = {
            "lon": [ev[r]["lon"] for r in rows],
            "lat": [ev[r]["lat"] for r in rows],
            "hovertext": [ev[r]["hover"] for r in rows],
            "customdata": [[ev[r][c] for c in ("id", "title", "where", "who")] for r in rows],
        }
        if kind == "control_change":
            update["marker.color"] = [ev[r]["colour"] for r in rows]
        updates[TRACE_EVENTS + offset] = update
    for index in range(len(key["factions"])):  # the legend: only the factions of the date
        updates[TRACE_LEGEND + index] = {"showlegend": index in frame["shown"]}
    for index in range(len(key["presence_colours"])):  # the countries present on the date
        updates[TRACE_PRESENCE_LEGEND + index] = {"showlegend": index in frame["presence_groups"]}
    return updates
