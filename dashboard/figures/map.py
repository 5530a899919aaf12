"""The map figure shared by the dashboard and the static export, and what a date changes in it.

`map_figure(dataset, view)` is a pure function of the data and a MapView: plain plotly, no Dash.
Its traces are always present in the fixed order of `figures.traces` (hidden layers are
`visible=False`), so the dashboard can take it to another date by sending only what a date
changes (`date_updates`): zone colours, front lines, the compare highlight, events, presence.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.core.view import MapView
from dashboard.figures.base_layers import base_traces, geo_labels, lines
from dashboard.figures.frames import date_frame, frame_updates, map_key
from dashboard.figures.geometry import map_base
from dashboard.figures.layout import map_layout, view_extent
from dashboard.figures.markers import (
    CHANGE_COLOUR,
    changed_places_trace,
    event_trace,
    legend_traces,
    places_trace,
    presence_legend_traces,
    presence_trace,
    zones_trace,
)
from dashboard.figures.traces import EVENT_TYPES_SHOWN
from dashboard.figures.wording import format_date, text
from dashboard.io.dataset import Dataset

__all__ = ["date_updates", "map_figure", "map_figure_dict"]

_FRONT_COLOUR = "#000000"


def date_updates(dataset: Dataset, view: MapView, window_days: int = 30) -> dict[int, dict]:
    """What a date changes, per trace index: the same values map_figure draws."""
    return frame_updates(date_frame(dataset, view, window_days), map_key(dataset))


def map_figure(dataset: Dataset, view: MapView, window_days: int = 30) -> go.Figure:
    """The map of a view: base layers, zones, front lines, places, events, presence."""
    return go.Figure(map_figure_dict(dataset, view, window_days))


def map_figure_dict(dataset: Dataset, view: MapView, window_days: int = 30) -> dict:
    """map_figure as a plain dict (what the dashboard sends; skips plotly's validation)."""
    base = map_base(dataset.model, dataset.gazetteer)
    extent = view_extent(dataset, view)
    neighbours, golan, lakes, golan_hatch, governorates, rivers, borders = base_traces(view.layers)
    compare = view.compare_date is not None
    traces = [
        neighbours,  # TRACE_NEIGHBOURS
        zones_trace(base, view),  # TRACE_ZONES
        golan,  # TRACE_GOLAN
        lakes,  # TRACE_LAKES
        golan_hatch,  # TRACE_GOLAN_HATCH
        governorates,  # TRACE_GOVERNORATES
        rivers,  # TRACE_RIVERS
        borders,  # TRACE_BORDERS
        _hatch_trace(view),  # TRACE_CHANGED
        lines(
            [],
            [],
            _FRONT_COLOUR,
            2.2,
            "Front lines",
            visible="front_lines" in view.layers,
            hover=False,  # the events and bases near a front line keep their hover
        ),
        geo_labels(view.lang, view.layers),  # TRACE_GEO_LABELS
        places_trace(dataset, view, extent),  # TRACE_PLACES
        changed_places_trace(compare, view.lang),  # TRACE_CHANGED_PLACES
        presence_trace(view),  # TRACE_PRESENCE
        *(event_trace(kind, view) for kind in EVENT_TYPES_SHOWN),  # TRACE_EVENTS...
        *legend_traces(view),  # TRACE_LEGEND...
        *presence_legend_traces(view),  # TRACE_PRESENCE_LEGEND...
    ]
    for index, props in date_updates(dataset, view, window_days).items():
        _merge(traces[index], _nested(props))
    return {"data": traces, "layout": map_layout(dataset, view, extent)}


def _hatch_trace(view: MapView) -> dict:
    """The hatching of what changed hands since the compare date, with its legend entry."""
    compare = view.compare_date is not None
    since = format_date(view.compare_date, view.lang) if compare else ""
    name = text("changed_area", view.lang, date=since)
    hatch = lines([], [], CHANGE_COLOUR, 1.2, name, visible=compare, hover=False)
    return {**hatch, "hoverinfo": "skip", "showlegend": compare, "legendrank": 1100}


def _merge(target: dict, changes: dict) -> None:
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def _nested(props: dict) -> dict:
    out: dict = {}
    for key, value in props.items():
        *parents, last = key.split(".")
        target = out
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    return out
