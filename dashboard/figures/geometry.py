"""Geometry the map draws, prepared once per control model and then only read.

Atoms as a GeoJSON collection, front-line pieces and hatching per atom, base layers and the
place candidates. Everything here depends only on the model, never on a date, so the browser
gets it once and each slider step sends only colours and lines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from dashboard.core.cells import to_degrees
from dashboard.core.control import starting_states
from dashboard.core.factions import FACTIONS, NO_DATA, faction_name
from dashboard.core.model import ControlModel
from dashboard.core.presence import presence_group
from dashboard.core.table import by_value
from dashboard.figures.memo import PerModel
from dashboard.figures.wording import event_name, format_date, plain
from dashboard.figures.wording import text as wording

__all__ = [
    "ARTICLE_PLACES",
    "MapBase",
    "article_place_ids",
    "line_coordinates",
    "map_base",
]

# Places the articles discuss: always labelled when their layer is on.
ARTICLE_PLACES = (
    "Raqqa",
    "Mayadin",
    "Idlib",
    "Manbij",
    "Nasib",
    "Yarmouk",
    "Hajin",
    "Hasakah",
    "Deir ez-Zor",
    "Daraa",
    "Al-Hajar al-Aswad",
    "al-Omar oil field",
    "Aleppo",
    "Damascus",
    "Abu Kamal",
    "Palmyra",
    "Afrin",
    "Qamishli",
    "al-Tanf",
)
_DIGITS = 4  # about 10 m: plenty for a map, and keeps the geometry small
_HATCH_STEP = 0.07  # degrees between hatch lines


@dataclass(frozen=True)
class MapBase:
    """Date-independent drawing data for one control model."""

    atoms_geojson: dict
    atom_names: dict[str, list[str]]  # what hovering each atom says, by language
    edge_lon: tuple[list, ...]  # per edge: lon coordinates ending in None
    edge_lat: tuple[list, ...]
    hatch_lon: tuple[list, ...]  # per atom: hatch and outline coordinates ending in None
    hatch_lat: tuple[list, ...]
    event_lon: np.ndarray  # per event row (centroid for areas)
    event_lat: np.ndarray
    event_day: np.ndarray  # int days since 1970
    event_kind: np.ndarray  # event_type per row (object)
    event_starting: np.ndarray  # bool: a starting state, not an event (never drawn)
    event_hover: np.ndarray  # a line per row: the description (presence: where and since when)
    event_title: np.ndarray  # "1 Jun 2017 · battle" per row, escaped for plotly
    event_where: np.ndarray  # the place, escaped
    event_who: np.ndarray  # the actors, escaped
    event_group: np.ndarray  # the presence country (core.presence.presence_group) per row
    event_id: np.ndarray
    event_colour: np.ndarray  # colour of controller_after (grey where none)
    event_actor: np.ndarray
    places: pd.DataFrame  # label candidates: place_id, name, name_ar, kind, lon, lat, rank
    localities: int


class _ByIdentity:
    """Hash a model by identity, so caches hold exactly one entry per loaded model."""

    __slots__ = ("model",)

    def __init__(self, model: ControlModel) -> None:
        self.model = model

    def __hash__(self) -> int:
        return id(self.model)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ByIdentity) and other.model is self.model


def map_base(model: ControlModel, gazetteer) -> MapBase:
    """The MapBase of a model (built on first use, then kept with the model)."""
    return _map_base(model, gazetteer)


def _build_map_base(model: ControlModel, gazetteer) -> MapBase:
    atoms = [_polygonal(a) for a in model.atoms_wgs84]
    shapes = [_rounded(atom) for atom in atoms]
    features = [
        {"type": "Feature", "id": str(i), "geometry": json.loads(shapely.to_geojson(shape))}
        for i, shape in enumerate(shapes)
        if not shape.is_empty  # plotly.js cannot draw an empty ring; the atom stays unseen
    ]
    edge_lines = to_degrees(shapely.simplify(model.tessellation.edge_lines, 200.0))
    edge_lon, edge_lat = _per_line(edge_lines)
    hatch_lon, hatch_lat = _per_line(_hatch_lines(atoms))
    lon, lat = _event_positions(model.events)
    return MapBase(
        atoms_geojson={"type": "FeatureCollection", "features": features},
        atom_names={lang: _atom_names(model, gazetteer, lang) for lang in ("en", "ar")},
        edge_lon=tuple(edge_lon),
        edge_lat=tuple(edge_lat),
        hatch_lon=tuple(hatch_lon),
        hatch_lat=tuple(hatch_lat),
        event_lon=lon,
        event_lat=lat,
        event_day=model.events["date"].to_numpy().astype("datetime64[D]").astype(np.int64),
        event_starting=starting_states(model.events),
        **_event_columns(model.events),
        places=_place_candidates(model, gazetteer),
        localities=len(model.localities),
    )


_map_base = PerModel("map_base", _build_map_base)


def _per_line(lines) -> tuple[tuple, tuple]:
    """(lon lists, lat lists), one pair per line; two empty tuples when there are no lines."""
    pairs = [line_coordinates([g]) for g in lines]
    return tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)


def _atom_names(model: ControlModel, gazetteer, lang: str) -> list[str]:
    """What hovering a zone says in `lang`: its locality, and whether its colour is inferred."""
    tessellation = model.tessellation
    localities = model.localities
    names = [
        plain(gazetteer.name(place, lang) if isinstance(place, str) and place else str(name))
        for place, name in zip(localities["place_id"], localities["name"], strict=True)
    ]  # hover text is HTML to plotly
    out = []
    for owner, inferred, km in zip(
        tessellation.atom_locality,
        tessellation.atom_inferred,
        tessellation.atom_distance_km,
        strict=True,
    ):
        if owner < 0:
            out.append(faction_name(NO_DATA.code, lang))
        elif inferred:
            out.append(wording("zone_inferred", lang, place=names[owner], km=f"{km:.0f}"))
        else:
            out.append(wording("zone_of", lang, place=names[owner]))
    return out


def _polygonal(geometry):
    """Only the polygons of a geometry (make_valid can leave lines in a collection)."""
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return shapely.Polygon()
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]


def _rounded(geometry):
    """The geometry on a 10^-_DIGITS degree grid, only its polygons (slivers vanish)."""
    return _polygonal(shapely.set_precision(geometry, 10**-_DIGITS))


def line_coordinates(geometries) -> tuple[list, list]:
    """Lon and lat lists of (multi)lines or polygon boundaries, parts separated by None."""
    lon: list = []
    lat: list = []
    for geometry in geometries:
        if geometry is None or geometry.is_empty:
            continue
        if geometry.geom_type in ("Polygon", "MultiPolygon"):
            geometry = geometry.boundary
        for part in shapely.get_parts(geometry):
            xy = np.round(shapely.get_coordinates(part), 3)
            lon += [*xy[:, 0].tolist(), None]
            lat += [*xy[:, 1].tolist(), None]
    return lon, lat


def _hatch_lines(atoms: list) -> list:
    """Diagonal hatching plus the outline of every atom, for the compare highlight.

    The diagonals lie on one grid for all atoms, but each atom is cut only with the few that
    cross its own bounds (cutting every atom with all of them took ~0.5 s).
    """
    if not atoms:
        return []
    shapes = np.array(atoms, dtype=object)
    west, south, _, north = shapely.total_bounds(shapes)
    origin = west - (north - south)
    bounds = shapely.bounds(shapes)  # per atom: x0, y0, x1, y1 (NaN when empty)
    diagonals = []
    for x0, y0, x1, y1 in bounds:
        if np.isnan(x0):
            diagonals.append(shapely.MultiLineString())
            continue
        # the diagonal through (x, south) crosses the box for x in
        # [x0 - (y1 - south), x1 - (y0 - south)]
        first = np.floor((x0 - (y1 - south) - origin) / _HATCH_STEP)
        last = np.ceil((x1 - (y0 - south) - origin) / _HATCH_STEP)
        starts = origin + _HATCH_STEP * np.arange(first, last + 1)
        rise = np.array([y0 - south, y1 - south])
        diagonals.append(
            shapely.multilinestrings([[(x + rise[0], y0), (x + rise[1], y1)] for x in starts])
        )
    inside = shapely.intersection(shapes, np.array(diagonals, dtype=object))
    return [
        shapely.union_all([h, a.boundary]) if not a.is_empty else h
        for h, a in zip(inside, atoms, strict=True)
    ]


def _event_positions(events: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    lon = events["lon"].to_numpy(float).copy()
    lat = events["lat"].to_numpy(float).copy()
    if "geometry" in events:
        for i, shape in enumerate(events["geometry"]):
            if shape is not None and np.isnan(lon[i]):
                point = shape.representative_point()
                lon[i], lat[i] = point.x, point.y
    return lon, lat


def _short(text: str, limit: int = 90) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _event_columns(events: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per-event values the map shows, as plain arrays so a date step is array indexing.
    Each is computed once per distinct value (see core.table.by_value)."""
    colours = {f.code: f.colour for f in FACTIONS}
    text = lambda column: events[column].fillna("").astype(str).to_numpy(object)  # noqa: E731
    kinds, places, actors = text("event_type"), text("place"), text("actor")
    days = events["date"].dt.strftime("%Y-%m-%d").to_numpy(object)
    # presence: where and since when (frame_updates puts who first); other events: one line
    # of the description under the title, place and actors of the event's hover (event_trace)
    presence = kinds == "presence"
    hover = by_value(text("description"), lambda t: plain(_short(t)))
    since = [f"{p}\t{d}" for p, d in zip(places[presence], days[presence], strict=True)]
    hover[presence] = by_value(
        np.array(since, dtype=object), lambda t: presence_since(*t.split("\t"))
    )
    titles = [f"{d}\t{k}" for d, k in zip(days, kinds, strict=True)]
    return {
        "event_kind": by_value(kinds, str),
        "event_hover": hover,
        "event_title": by_value(
            np.array(titles, dtype=object), lambda t: event_title(*t.split("\t"))
        ),
        "event_where": by_value(places, plain),
        "event_who": by_value(actors, plain),
        "event_group": by_value(actors, presence_group).astype(np.int64),
        "event_id": text("event_id"),
        "event_colour": by_value(text("controller_after"), lambda c: colours.get(c, "#555555")),
        "event_actor": by_value(actors, str),
    }


def event_title(day: str, kind: str, lang: str = "en") -> str:
    """An event's hover title from its ISO day: '1 Jun 2017 · battle' (or its Arabic)."""
    if lang == "ar":
        return plain(f"{format_date(day, 'ar')} · {event_name(kind, 'ar')}")
    return plain(f"{pd.Timestamp(day):%-d %b %Y} · {kind.replace('_', ' ')}")


def presence_since(place: str, day: str, lang: str = "en") -> str:
    """A foreign presence's hover: where, and since when (from its ISO day)."""
    if lang == "ar":
        since = wording("since", "ar", date=format_date(day, "ar"))
        return plain(f"{place or '?'}، {since}")
    return plain(f"{place or '?'}, {wording('since', date=f'{pd.Timestamp(day):%-d %b %Y}')}")


def article_place_ids(gazetteer) -> list[str]:
    """Place ids of ARTICLE_PLACES that the gazetteer knows."""
    found = (gazetteer.lookup(name) for name in ARTICLE_PLACES)
    return list(dict.fromkeys(p for p in found if p))


_KIND_RANK = {
    "city": 3.0,
    "town": 2.0,
    "village": 0.5,
    "airbase": 1.2,
    "base": 1.2,
    "camp": 1.2,
    "crossing": 1.2,
    "dam": 1.2,
    "oil_field": 1.2,
}


def _place_candidates(model: ControlModel, gazetteer) -> pd.DataFrame:
    """Places in Syria (and named localities outside the gazetteer), ranked for labelling."""
    places = model.places
    if gazetteer is not None:
        places = gazetteer.places[gazetteer.places["country"] == "SY"]
    frame = pd.DataFrame(
        {
            "place_id": places["place_id"].to_numpy(),
            "name": places["name"].to_numpy(),
            "name_ar": places.get("name_ar", places["name"]).to_numpy(),
            "kind": places.get("kind", pd.Series("town", index=places.index)).to_numpy(),
            "lon": places["lon"].to_numpy(float),
            "lat": places["lat"].to_numpy(float),
            "population": pd.to_numeric(places["population"], errors="coerce").fillna(0).to_numpy(),
        }
    )
    extra = model.localities[model.localities["place_id"].fillna("") == ""]
    extra = extra[extra["name"] != extra["locality_id"]]
    if len(extra):
        frame = pd.concat(
            [
                frame,
                pd.DataFrame(
                    {
                        "place_id": extra["locality_id"].to_numpy(),
                        "name": extra["name"].to_numpy(),
                        "name_ar": extra["name"].to_numpy(),
                        "kind": "town",
                        "lon": extra["lon"].to_numpy(float),
                        "lat": extra["lat"].to_numpy(float),
                        "population": 0.0,
                    }
                ),
            ],
            ignore_index=True,
        )
    articles = set(article_place_ids(gazetteer)) if gazetteer is not None else set()
    frame["article"] = frame["place_id"].isin(articles)
    frame["rank"] = (
        frame["kind"].map(_KIND_RANK).fillna(1.0)
        + np.log10(frame["population"] + 1) / 2
        + np.where(frame["article"], 10.0, 0.0)
    )
    frame["name_ar"] = frame["name_ar"].where(frame["name_ar"].astype(str) != "", frame["name"])
    return frame.sort_values("rank", ascending=False).reset_index(drop=True)
