"""Plotly figures of the dashboard and the static export: the map, the trend and the histogram.

`map_figure(dataset, view)` is a pure function of the data and a MapView. Its traces are always
present in the fixed order of the TRACE_* constants (hidden layers are `visible=False`), so the
dashboard can update a date with `map_patch`, which sends only what a date changes: zone
colours, front lines, the compare highlight, events and foreign presence.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from dashboard.core.stats import held_series, series_dates
from dashboard.dataset import Dataset
from dashboard.factions import FACTIONS, NO_DATA_COLOUR
from dashboard.figure_base import _ByIdentity, line_coordinates, map_base
from dashboard.figure_labels import place_labels
from dashboard.io.geography import load_layer
from dashboard.map_frames import _date_text, date_frame, faction_name, frame_updates, map_key
from dashboard.map_traces import (
    EVENT_TYPES_SHOWN,
    TRACE_BORDERS,
    TRACE_CHANGED,
    TRACE_CHANGED_PLACES,
    TRACE_EVENTS,
    TRACE_FRONT,
    TRACE_GEO_LABELS,
    TRACE_GOLAN,
    TRACE_GOLAN_HATCH,
    TRACE_GOVERNORATES,
    TRACE_LAKES,
    TRACE_LEGEND,
    TRACE_NEIGHBOURS,
    TRACE_PLACES,
    TRACE_PRESENCE,
    TRACE_RIVERS,
    TRACE_ZONES,
)
from dashboard.paths import GEODATA_DIR
from dashboard.view import MapView

__all__ = [
    "EVENT_TYPES_SHOWN",
    "EXTRA_LAYERS",
    "SYRIA_EXTENT",
    "TRACE_BORDERS",
    "TRACE_CHANGED",
    "TRACE_CHANGED_PLACES",
    "TRACE_EVENTS",
    "TRACE_FRONT",
    "TRACE_GEO_LABELS",
    "TRACE_GOLAN",
    "TRACE_GOLAN_HATCH",
    "TRACE_GOVERNORATES",
    "TRACE_LAKES",
    "TRACE_LEGEND",
    "TRACE_NEIGHBOURS",
    "TRACE_PLACES",
    "TRACE_PRESENCE",
    "TRACE_RIVERS",
    "TRACE_ZONES",
    "credits_line",
    "date_updates",
    "event_histogram",
    "map_figure",
    "map_figure_dict",
    "map_patch",
    "trend_figure",
    "trend_patch",
    "trend_series",
    "view_extent",
]


_EVENT_SYMBOLS = {
    "control_change": "circle",
    "battle": "x",
    "airstrike": "triangle-down",
    "agreement": "square",
    "talks": "diamond",
    "announcement": "circle-open",
    "other": "cross",
}
# Layers of our own beside view.LAYER_NAMES: more kinds of places.
EXTRA_LAYERS = {"sites": "Bases, crossings, camps, oil fields", "villages": "Villages"}
_SITE_KINDS = ("airbase", "base", "camp", "crossing", "dam", "oil_field")
SYRIA_EXTENT = (35.3, 32.1, 42.6, 37.55)  # west, south, east, north
NOTE = "Zones are approximations derived from locality control."
_FRONT_COLOUR = "#000000"
_CHANGE_COLOUR = "#D6008F"
_PRESENCE_COLOUR = "#0B5394"
_SEA = "#D4E6F1"
_NEIGHBOUR = "#F4F1EA"
_WATER = "#6BAED6"
_HALO = "1px 1px 1px #fff, -1px -1px 1px #fff, 1px -1px 1px #fff, -1px 1px 1px #fff"


def zone_colourscale() -> list:
    """A stepped colourscale: z = faction index, z = len(FACTIONS) for no data."""
    colours = [f.colour for f in FACTIONS] + [NO_DATA_COLOUR]
    n = len(colours)
    scale = []
    for i, colour in enumerate(colours):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


def credits_line() -> str:
    """The credits line of geodata/SOURCES.md (a line starting 'Credits'), or a default."""
    path = GEODATA_DIR / "SOURCES.md"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip().lstrip("#*- ").strip()
            if text.lower().startswith("credits"):
                return text.split(":", 1)[-1].strip().strip("*").strip()
    return (
        "Borders, rivers, lakes: Natural Earth, GSHHG; places: GeoNames, Wikipedia; "
        "events: curated from the cited sources."
    )


def view_extent(dataset: Dataset, view: MapView) -> tuple[float, float, float, float]:
    """West, south, east, north of the view: its bbox, its focus place, or Syria."""
    if view.bbox is not None:
        return tuple(view.bbox)
    if view.focus_place and view.focus_place in dataset.gazetteer.places.index:
        place = dataset.gazetteer.place(view.focus_place)
        dlat = view.radius_km / 111.0
        dlon = dlat / np.cos(np.radians(float(place["lat"])))
        lon, lat = float(place["lon"]), float(place["lat"])
        return (lon - dlon * 1.3, lat - dlat, lon + dlon * 1.3, lat + dlat)
    return SYRIA_EXTENT


def _shown(view: MapView, layer: str) -> bool:
    return layer in view.layers


def date_updates(dataset: Dataset, view: MapView, window_days: int = 30) -> dict[int, dict]:
    """What a date changes, per trace index: the same values map_figure draws."""
    return frame_updates(date_frame(dataset, view, window_days), map_key(dataset))


_faction_name = faction_name


def map_patch(dataset: Dataset, view: MapView, window_days: int = 30) -> Patch:
    """A dash Patch taking a map_figure of the same view to another date."""
    patch = Patch()
    for index, props in date_updates(dataset, view, window_days).items():
        for key, value in props.items():
            target = patch["data"][index]
            for part in key.split(".")[:-1]:
                target = target[part]
            target[key.split(".")[-1]] = value
    patch["layout"]["annotations"][0]["text"] = _date_text(view)
    return patch


def map_figure(dataset: Dataset, view: MapView, window_days: int = 30) -> go.Figure:
    """The map of a view: base layers, zones, front lines, places, events, presence."""
    return go.Figure(map_figure_dict(dataset, view, window_days))


def map_figure_dict(dataset: Dataset, view: MapView, window_days: int = 30) -> dict:
    """map_figure as a plain dict (what the dashboard sends; skips plotly's validation)."""
    base = map_base(dataset.model, dataset.gazetteer)
    extent = view_extent(dataset, view)
    neighbours, golan, lakes, golan_hatch, governorates, rivers, borders = _static_traces(view)
    compare = view.compare_date is not None
    traces = [
        neighbours,  # TRACE_NEIGHBOURS
        _zones_trace(base, view),  # TRACE_ZONES
        golan,  # TRACE_GOLAN
        lakes,  # TRACE_LAKES
        golan_hatch,  # TRACE_GOLAN_HATCH
        governorates,  # TRACE_GOVERNORATES
        rivers,  # TRACE_RIVERS
        borders,  # TRACE_BORDERS
        _lines([], [], _CHANGE_COLOUR, 1.2, "Changed hands", visible=compare, hover=False),
        _lines([], [], _FRONT_COLOUR, 2.2, "Front lines", visible=_shown(view, "front_lines")),
        _geo_labels(view),  # TRACE_GEO_LABELS
        _places_trace(dataset, view, extent),  # TRACE_PLACES
        _changed_places_trace(compare),  # TRACE_CHANGED_PLACES
        _presence_trace(view),  # TRACE_PRESENCE
        *(_event_trace(kind, view) for kind in EVENT_TYPES_SHOWN),  # TRACE_EVENTS...
        *_legend_traces(view),  # TRACE_LEGEND...
    ]
    for index, props in date_updates(dataset, view, window_days).items():
        _merge(traces[index], _nested(props))
    return {"data": traces, "layout": _layout(dataset, view, extent)}


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


def _layout(dataset: Dataset, view: MapView, extent) -> dict:
    west, south, east, north = extent
    start, end = dataset.table.coverage
    note = (
        f"{NOTE} {map_base(dataset.model, dataset.gazetteer).localities} localities, "
        f"events {start:%-d %b %Y} – {end:%-d %b %Y}. {credits_line()}"
    )
    return {
        "geo": {
            "projection": {"type": "mercator"},
            "lonaxis": {"range": [west, east]},
            "lataxis": {"range": [south, north]},
            "showland": False,
            "showcountries": False,
            "showcoastlines": False,
            "showlakes": False,
            "showrivers": False,
            "showframe": False,
            "showocean": False,
            "bgcolor": _SEA,
            "resolution": 50,
            "domain": {"x": [0, 0.8], "y": [0, 1]},
        },
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "paper_bgcolor": "#FFFFFF",
        "font": {"family": "DejaVu Sans, Arial, sans-serif", "size": 12, "color": "#222222"},
        "title": {"text": view.title} if view.title else None,
        "showlegend": True,
        "legend": {
            "orientation": "v",
            "x": 1.0,
            "xanchor": "right",
            "y": 0.5,
            "yanchor": "middle",
            "bgcolor": "rgba(255,255,255,0.85)",
            "font": {"size": 11},
            "itemclick": False,
            "itemdoubleclick": False,
        },
        "annotations": [
            {
                "text": _date_text(view),
                "x": 0.01,
                "y": 0.99,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 16},
                "bgcolor": "rgba(255,255,255,0.85)",
            },
            {
                "text": note,
                "x": 0.99,
                "y": 0.99,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "right",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 9, "color": "#444444"},
                "bgcolor": "rgba(255,255,255,0.7)",
                "width": 330,
                "align": "right",
                "visible": view.title is not None,  # export only: the dashboard shows it as text
            },
        ],
        "uirevision": f"{view.focus_place}|{view.bbox}",
        "dragmode": "pan",
    }


def _geojson_of(frame, key: str) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": str(k), "geometry": g.__geo_interface__}
            for k, g in zip(frame[key], frame.geometry, strict=True)
        ],
    }


def _flat_choropleth(frame, key: str, colour: str, name: str, visible=True) -> dict:
    return dict(
        type="choropleth",
        geojson=_geojson_of(frame, key),
        locations=frame[key].astype(str).tolist(),
        z=[0] * len(frame),
        colorscale=[[0, colour], [1, colour]],
        showscale=False,
        marker={"line": {"width": 0}},
        hovertext=frame["name"].tolist(),
        hoverinfo="text",
        name=name,
        showlegend=False,
        visible=visible,
    )


def _static_traces(view: MapView) -> list:
    """Neighbours, Golan, lakes, Golan hatching, governorates, rivers, borders."""
    countries = load_layer("countries")
    neighbours = countries[~countries["is_syria"].astype(bool) & (countries["iso_a3"] != "GOLAN")]
    golan = countries[countries["iso_a3"] == "GOLAN"]
    lakes = load_layer("lakes")
    rivers_on = _shown(view, "rivers")
    hatch = _golan_hatch(golan)
    return [
        _flat_choropleth(neighbours, "iso_a3", _NEIGHBOUR, "Neighbours"),
        _flat_choropleth(golan, "iso_a3", "#C8C8C8", "Golan (Israeli-occupied)"),
        _flat_choropleth(lakes, "name", _WATER, "Lakes", visible=rivers_on),
        _lines(*hatch, "#8A8A8A", 0.8, "Golan hatching", hover=False),
        _lines(
            *line_coordinates(load_layer("governorates").geometry),
            "#666666",
            0.8,
            "Governorates",
            dash="dot",
            visible=_shown(view, "governorates"),
        ),
        _lines(
            *line_coordinates(load_layer("rivers").geometry),
            _WATER,
            1.6,
            "Rivers",
            visible=rivers_on,
        ),
        _lines(
            *line_coordinates(list(countries.geometry)),
            "#555555",
            1.0,
            "Borders",
        ),
    ]


def _golan_hatch(golan) -> tuple[list, list]:
    import shapely

    shape = golan.geometry.union_all()
    west, south, east, north = shape.bounds
    span = (east - west) + (north - south)
    lines = shapely.multilinestrings(
        [[(x, south), (x + span, south + span)] for x in np.arange(west - span, east, 0.04)]
    )
    return line_coordinates([shape.intersection(lines), shape])


def _lines(lon, lat, colour, width, name, dash="solid", visible=True, hover=True):
    return dict(
        type="scattergeo",
        lon=lon,
        lat=lat,
        mode="lines",
        line={"color": colour, "width": width, "dash": dash},
        name=name,
        hoverinfo="skip" if not hover else "name",
        showlegend=False,
        visible=visible,
    )


def _zones_trace(base, view: MapView) -> dict:
    features = base.atoms_geojson["features"]
    return dict(
        type="choropleth",
        geojson=base.atoms_geojson,
        locations=[f["id"] for f in features],
        z=[len(FACTIONS)] * len(features),
        zmin=0,
        zmax=len(FACTIONS),
        colorscale=zone_colourscale(),
        showscale=False,
        marker={"line": {"width": 0}},
        text=base.atom_names,
        hovertemplate="%{text}<extra></extra>",
        name="Control zones",
        showlegend=False,
        visible=_shown(view, "zones"),
    )


def _changed_places_trace(compare: bool) -> dict:
    return dict(
        type="scattergeo",
        lon=[],
        lat=[],
        mode="markers",
        marker={
            "symbol": "circle-open",
            "size": 14,
            "color": _CHANGE_COLOUR,
            "line": {"width": 2.5},
        },
        hoverinfo="text",
        name="Changed hands",
        showlegend=compare,
        visible=compare,
    )


def _presence_trace(view: MapView) -> dict:
    return dict(
        type="scattergeo",
        lon=[],
        lat=[],
        mode="markers",
        marker={
            "symbol": "star",
            "size": 13,
            "color": _PRESENCE_COLOUR,
            "line": {"width": 1, "color": "#FFFFFF"},
        },
        textposition="bottom center",
        textfont={"size": 10, "color": _PRESENCE_COLOUR},
        hoverinfo="text",
        name="Foreign presence",
        visible=_shown(view, "presence"),
    )


def _event_trace(kind: str, view: MapView) -> dict:
    return dict(
        type="scattergeo",
        lon=[],
        lat=[],
        mode="markers",
        marker={
            "symbol": _EVENT_SYMBOLS[kind],
            "size": 9,
            "color": "#333333",
            "line": {"width": 1, "color": "#FFFFFF"},
        },
        hoverinfo="text",
        name=f"Event: {kind.replace('_', ' ')}",
        legendgroup="events",
        visible=_shown(view, "events"),
    )


def _geo_labels(view: MapView) -> dict:
    """Names of neighbouring countries, rivers and lakes."""
    names, lon, lat = [], [], []
    column = "name_ar" if view.lang == "ar" else "name"
    countries = load_layer("countries")
    spots = {"TUR": (37.6, 37.35), "IRQ": (41.9, 34.0), "JOR": (36.9, 32.25), "LBN": (35.75, 33.9)}
    for row in countries.itertuples():
        if row.iso_a3 in spots:
            names.append(str(getattr(row, column)))
            lon.append(spots[row.iso_a3][0])
            lat.append(spots[row.iso_a3][1])
    if _shown(view, "rivers"):
        for layer in ("rivers", "lakes"):
            frame = load_layer(layer)
            for row in frame.itertuples():
                point = (
                    row.geometry.interpolate(0.55, normalized=True)
                    if layer == "rivers"
                    else (row.geometry.representative_point())
                )
                if SYRIA_EXTENT[0] <= point.x <= SYRIA_EXTENT[2]:
                    names.append(str(getattr(row, column)))
                    lon.append(round(point.x, 3))
                    lat.append(round(point.y, 3))
    return dict(
        type="scattergeo",
        lon=lon,
        lat=lat,
        mode="text",
        text=names,
        textfont={"size": 10, "color": "#4A6F8A"},
        hoverinfo="skip",
        name="Geography labels",
        showlegend=False,
    )


def _places_trace(dataset: Dataset, view: MapView, extent) -> dict:
    candidates = map_base(dataset.model, dataset.gazetteer).places
    kinds = candidates["kind"]
    show = pd.Series(False, index=candidates.index)
    if _shown(view, "places"):
        show |= kinds.isin(["city", "town"]) | candidates["article"]
    if "sites" in view.layers:
        show |= kinds.isin(_SITE_KINDS)
    if "villages" in view.layers:
        show |= kinds == "village"
    if view.focus_place:
        show |= candidates["place_id"] == view.focus_place
    labels = place_labels(candidates, extent, view.lang, show)
    return dict(
        type="scattergeo",
        lon=labels.lon,
        lat=labels.lat,
        mode="markers+text",
        text=labels.text,
        textposition=labels.position,
        textfont={"size": labels.font_size, "color": "#111111", "shadow": _HALO},
        marker={
            "size": labels.marker_size,
            "color": "#FFFFFF",
            "line": {"width": 1.2, "color": "#111111"},
        },
        customdata=labels.place_id,
        hovertext=[t or p for t, p in zip(labels.text, labels.place_id, strict=True)],
        hoverinfo="text",
        name="Places",
        showlegend=False,
        visible=True,
    )


def _legend_traces(view: MapView) -> list:
    """Legend-only squares, one per faction and one for no data."""
    traces = []
    for index in [*range(len(FACTIONS)), -1]:
        colour = FACTIONS[index].colour if index >= 0 else NO_DATA_COLOUR
        traces.append(
            dict(
                type="scattergeo",
                lon=[None],
                lat=[None],
                mode="markers",
                marker={
                    "symbol": "square",
                    "size": 12,
                    "color": colour,
                    "line": {"width": 1, "color": "#777777"},
                },
                name=_faction_name(index, view.lang),
                legendgroup="factions",
                hoverinfo="skip",
            )
        )
    return traces


METRICS = {"area_km2": "Area (km²)", "population": "Population"}


@lru_cache(maxsize=4)
def _series(key: _ByIdentity) -> pd.DataFrame:
    """Weekly area and population held by each faction over the coverage (computed once)."""
    model = key.model
    start, end = model.table.coverage
    dates = series_dates(start, end, "week")
    if dates[-1] != end:
        dates = dates.append(pd.DatetimeIndex([end]))
    return held_series(model, dates)


def trend_series(dataset: Dataset) -> pd.DataFrame:
    """Long table date, faction, area_km2, population, localities (cached per model)."""
    return _series(_ByIdentity(dataset.model))


def trend_figure(
    dataset: Dataset, date: pd.Timestamp, metric: str = "area_km2", lang: str = "en"
) -> go.Figure:
    """Stacked area held by each faction through time, with the chosen date marked."""
    series = trend_series(dataset)
    figure = go.Figure()
    for index, faction in enumerate(FACTIONS):
        rows = series[series["faction"] == faction.code]
        if rows.empty or not rows[metric].any():
            continue
        figure.add_trace(
            go.Scatter(
                x=rows["date"],
                y=rows[metric],
                mode="lines",
                stackgroup="held",
                line={"width": 0.5, "color": faction.colour},
                fillcolor=faction.colour,
                name=_faction_name(index, lang),
                hovertemplate="%{y:,.0f}<extra>%{fullData.name}</extra>",
            )
        )
    figure.update_layout(
        margin={"l": 56, "r": 8, "t": 8, "b": 28},
        height=220,
        showlegend=False,
        hovermode="x unified",
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        font={"family": "DejaVu Sans, Arial, sans-serif", "size": 11},
        yaxis={"title": {"text": METRICS[metric]}, "gridcolor": "#E5E5E5", "fixedrange": True},
        xaxis={"fixedrange": True},
        shapes=[_date_line(date)],
    )
    return figure


def _date_line(date: pd.Timestamp) -> dict:
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": f"{date:%Y-%m-%d}",
        "x1": f"{date:%Y-%m-%d}",
        "y0": 0,
        "y1": 1,
        "line": {"color": "#D6008F", "width": 2},
    }


def trend_patch(date: pd.Timestamp) -> Patch:
    """Move the date marker of a trend_figure."""
    patch = Patch()
    patch["layout"]["shapes"][0]["x0"] = f"{date:%Y-%m-%d}"
    patch["layout"]["shapes"][0]["x1"] = f"{date:%Y-%m-%d}"
    return patch


def event_histogram(dataset: Dataset) -> go.Figure:
    """Events a week over the coverage: a strip drawn above the date slider."""
    events = dataset.model.events
    start, end = dataset.table.coverage
    weeks = events.groupby(pd.Grouper(key="date", freq="7D", origin=start)).size()
    figure = go.Figure(
        go.Bar(
            x=weeks.index + pd.Timedelta(days=3.5),
            y=np.log1p(weeks.to_numpy()),  # a log scale keeps quiet weeks visible
            customdata=weeks.to_numpy(),
            marker={"color": "#7A7A7A"},
            width=6 * 86_400_000,
            hovertemplate="week of %{x|%-d %b %Y}: %{customdata} events<extra></extra>",
        )
    )
    figure.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=36,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        xaxis={"visible": False, "range": [start, end], "fixedrange": True},
        yaxis={"visible": False, "fixedrange": True},
        bargap=0,
        showlegend=False,
    )
    return figure
