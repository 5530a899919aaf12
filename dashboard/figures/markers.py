"""The map's date-dependent layers: zones, places, events, foreign presence and the legend.

Each trace is built empty (or uncoloured) here; `figures.map_figure_dict` then fills in what
a date shows with the very values the dashboard's per-date frames carry.
"""

from __future__ import annotations

import pandas as pd

from dashboard.core.factions import FACTIONS, NO_DATA_COLOUR, faction_name
from dashboard.core.presence import OTHER_PRESENCE, PRESENCE_GROUPS
from dashboard.core.view import MapView
from dashboard.figures.geometry import MapBase, map_base
from dashboard.figures.labels import place_labels
from dashboard.figures.wording import event_name, text
from dashboard.io.dataset import Dataset

__all__ = [
    "CHANGE_COLOUR",
    "EVENT_HOVER",
    "EVENT_SYMBOLS",
    "changed_places_trace",
    "event_trace",
    "inferred_colour",
    "legend_traces",
    "places_trace",
    "presence_legend_traces",
    "presence_trace",
    "zone_colours",
    "zone_colourscale",
    "zones_trace",
]

CHANGE_COLOUR = "#D6008F"  # what changed hands since the compare date

EVENT_SYMBOLS = {
    "control_change": "circle",
    "battle": "x",
    "airstrike": "triangle-down",
    "agreement": "square",
    "talks": "diamond",
    "announcement": "circle-open",
    "other": "cross",
}
# Layers of our own beside view.LAYER_NAMES: more kinds of places.
_SITE_KINDS = ("airbase", "base", "camp", "crossing", "dam", "oil_field")
_PRESENCE_COLOUR = OTHER_PRESENCE.colour  # per star: its country's (frames.frame_updates)
# customdata per event: id, "date · type", place, actors (escaped); hovertext: the description
EVENT_HOVER = (
    "<b>%{customdata[1]}</b><br>%{customdata[2]}<br><i>%{customdata[3]}</i><br>%{hovertext}"
    "<extra></extra>"
)
_HALO = "1px 1px 1px #fff, -1px -1px 1px #fff, 1px -1px 1px #fff, -1px 1px 1px #fff"


_INFERRED_TOWARD_WHITE = 0.55  # inferred land: the faction colour mixed this far toward white


def inferred_colour(colour: str) -> str:
    """A faction colour mixed toward white: how land inferred from a distant locality looks."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * _INFERRED_TOWARD_WHITE) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


INFERRED_SWATCH = inferred_colour("#6E6E6E")  # the legend's sample of inferred land


def zone_colours() -> list[str]:
    """The colour of each frames.zone_z: z = faction index, len(FACTIONS) for no data,
    len(FACTIONS) + 1 + faction index for inferred land."""
    colours = [f.colour for f in FACTIONS] + [NO_DATA_COLOUR]
    return colours + [inferred_colour(f.colour) for f in FACTIONS]


def zone_colourscale() -> list:
    """zone_colours as a stepped colourscale over z from 0 to 2 * len(FACTIONS)."""
    colours = zone_colours()
    n = len(colours)
    scale = []
    for i, colour in enumerate(colours):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


def zones_trace(base: MapBase, view: MapView) -> dict:
    """The atoms as one choropleth, all 'no data' until a date colours them."""
    names = base.atom_names["ar" if view.lang == "ar" else "en"]
    atoms = len(names)  # every atom has a z; empty ones have no feature to draw
    return dict(
        type="choropleth",
        geojson=base.atoms_geojson,
        locations=[str(i) for i in range(atoms)],
        z=[len(FACTIONS)] * atoms,
        zmin=0,
        zmax=2 * len(FACTIONS),
        colorscale=zone_colourscale(),
        showscale=False,
        marker={"line": {"width": 0}},
        text=names,
        hovertemplate="%{text}<extra></extra>",
        name="Control zones",
        showlegend=False,
        visible="zones" in view.layers,
    )


def _markers(name: str, marker: dict, visible, **more) -> dict:
    return dict(
        type="scattergeo",
        lon=[],
        lat=[],
        mode="markers",
        marker=marker,
        hoverinfo="text",
        name=name,
        visible=visible,
        **more,
    )


def changed_places_trace(compare: bool, lang: str = "en") -> dict:
    """Rings around the places that changed hands since the compare date."""
    ring = {"symbol": "circle-open", "size": 14, "color": CHANGE_COLOUR, "line": {"width": 2.5}}
    return _markers(text("changed_places", lang), ring, compare, showlegend=compare)


def presence_trace(view: MapView) -> dict:
    """Foreign bases and deployments reported by the date."""
    star = {
        "symbol": "star",
        "size": 13,
        "color": _PRESENCE_COLOUR,
        "line": {"width": 1, "color": "#FFFFFF"},
    }
    return _markers(
        "Foreign presence",
        star,
        "presence" in view.layers,
        textposition="bottom center",
        textfont={"size": 10, "color": _PRESENCE_COLOUR},
        showlegend=False,  # a legend entry per country instead (presence_legend_traces)
    )


def event_trace(kind: str, view: MapView) -> dict:
    """Events of one type within the window around the date."""
    marker = {
        "symbol": EVENT_SYMBOLS[kind],
        "size": 9,
        "color": "#333333",
        "line": {"width": 1, "color": "#FFFFFF"},
    }
    name = text("event", view.lang, kind=event_name(kind, view.lang))
    return _markers(
        name,
        marker,
        "events" in view.layers,
        legendgroup="events",
        hovertemplate=EVENT_HOVER,
    )


def places_trace(
    dataset: Dataset, view: MapView, extent, map_width_px: float | None = None, min_font: int = 0
) -> dict:
    """Named places of the shown kinds, labelled where the labels fit (figure_labels); an
    export plans them for its own map width and smallest legible type."""
    candidates = map_base(dataset.model, dataset.gazetteer).places
    kinds = candidates["kind"]
    show = pd.Series(False, index=candidates.index)
    if "places" in view.layers:
        show |= kinds.isin(["city", "town"]) | candidates["article"]
    if "sites" in view.layers:
        show |= kinds.isin(_SITE_KINDS)
    if "villages" in view.layers:
        show |= kinds == "village"
    if view.focus_place:
        show |= candidates["place_id"] == view.focus_place
    plan = {} if map_width_px is None else {"map_width_px": map_width_px, "min_font": min_font}
    labels = place_labels(candidates, extent, view.lang, show, **plan)
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
        # no hover of their own: an event or a base at a place is what its hover shows (plotly
        # gives the hover to the smaller marker), and the zone under a place names it
        hoverinfo="skip",
        name="Places",
        showlegend=False,
        visible=True,
    )


def legend_traces(view: MapView) -> list:
    """Legend-only squares, one per faction, one for no data and one for inferred land."""
    traces = []
    for index in [*range(len(FACTIONS)), -1]:
        colour = FACTIONS[index].colour if index >= 0 else NO_DATA_COLOUR
        square = {
            "symbol": "square",
            "size": 12,
            "color": colour,
            "line": {"width": 1, "color": "#777777"},
        }
        traces.append(
            dict(
                type="scattergeo",
                lon=[None],
                lat=[None],
                mode="markers",
                marker=square,
                name=faction_name(index, view.lang),
                legendgroup="factions",
                hoverinfo="skip",
            )
        )
    traces.append(_inferred_legend(view))
    return traces


def _inferred_legend(view: MapView) -> dict:
    """The legend entry for land coloured by its nearest locality, lighter than held land."""
    square = {
        "symbol": "square",
        "size": 12,
        "color": INFERRED_SWATCH,
        "line": {"width": 1, "color": "#777777"},
    }
    name = text("inferred", view.lang)
    return dict(
        type="scattergeo",
        lon=[None],
        lat=[None],
        mode="markers",
        marker=square,
        name=name,
        legendgroup="factions",
        hoverinfo="skip",
    )


def presence_legend_traces(view: MapView) -> list:
    """Legend-only stars, one per country of core.presence (shown for the date's countries)."""
    return [
        dict(
            type="scattergeo",
            lon=[None],
            lat=[None],
            mode="markers",
            marker={"symbol": "star", "size": 12, "color": group.colour},
            name=text(
                "presence", view.lang, country=group.name_ar if view.lang == "ar" else group.name
            ),
            legendgroup="presence",
            hoverinfo="skip",
            showlegend=False,
            visible="presence" in view.layers,
        )
        for group in (*PRESENCE_GROUPS, OTHER_PRESENCE)
    ]
