"""Turn the `shape` column of the curated area files into polygons.

    python geodata/build_areas.py            # every area: id, dates, km² and a check
    python geodata/build_areas.py FILE.csv   # another area file (same 17 columns)

An area row (geodata/sources/areas_*.csv) is an event row without place/lat/lon whose 17th
column `shape` says which area changed hands (or was declared) as a whole:

    circle(<point>, <km>)                    a disc of <km> radius around the point
    hull(<point>; <point>; ...; buffer=<km>) the convex hull of the points, buffered by <km>
    polygon(<point>; <point>; ...)           the polygon through the points, in order

A <point> is a gazetteer name or alias (any spelling `geodata/places.csv` knows, matched like
the gazetteer: case-, accent- and punctuation-insensitive) or "lat lon" in decimal degrees
(e.g. `33.5 38.6`). Buffers and circles are drawn in a local azimuthal equidistant projection
centred on the shape (pyproj), so a 55 km circle has a true 55 km radius; the result is brought
back to WGS84 (lon/lat), clipped to Syria's outline (`geodata/syria_outline.geojson`) and
simplified at ~200 m (0.002°, the tolerance the base geography uses).

`area_geometries(areas, places, outline)` is what geodata/build_events.py calls; any parse
error names the file, the row (line in the CSV, header = line 1) and the column.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import MultiPoint, Point, Polygon, shape

HERE = Path(__file__).resolve().parent
AREAS_GLOB = "areas_*.csv"
DEFAULT_AREAS = HERE / "sources" / "areas_2016_2019.csv"
PLACES = HERE / "places.csv"
OUTLINE = HERE / "syria_outline.geojson"
SIMPLIFY_DEG = 0.002  # ~200 m, as the base geography (build.py COVERAGE_TOLERANCE)
CIRCLE_SEGMENTS = 64  # per quarter circle: a 55 km disc is drawn to within a few metres
AREA_CRS = "EPSG:6933"  # equal-area, for the km² printed by main()
MAX_KM = 400.0  # a larger radius or buffer is surely a typo

_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_LATLON = re.compile(rf"^\s*({_NUMBER})\s*[ ,]\s*({_NUMBER})\s*$")
_CALL = re.compile(r"^\s*(circle|hull|polygon)\s*\((.*)\)\s*$", re.IGNORECASE | re.DOTALL)


class AreaShapeError(ValueError):
    """A `shape` cell that cannot be turned into a polygon (message names file, row, column)."""


def _match_key(text: str) -> str:
    """Loose key for spellings, as geodata/build.py's match_key: 'al-Tanf' == 'Al Tanf'."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[‘’ʼʻ`´']", "", text)
    text = text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _place_index(places: pd.DataFrame) -> dict[str, tuple[float, float, str]]:
    """match key -> (lat, lon, name) for every name and alias; names win over aliases."""
    index: dict[str, tuple[float, float, str]] = {}
    aliases: dict[str, tuple[float, float, str]] = {}
    for rec in places.itertuples(index=False):
        point = (float(rec.lat), float(rec.lon), str(rec.name))
        index.setdefault(_match_key(rec.name), point)
        for alias in str(getattr(rec, "aliases", "") or "").split(";"):
            if alias.strip():
                aliases.setdefault(_match_key(alias), point)
    for key, point in aliases.items():
        index.setdefault(key, point)
    return index


def _outline_geometry(outline):
    """The clip polygon from a shapely geometry, a GeoDataFrame/GeoSeries or a GeoJSON path."""
    if outline is None:
        outline = OUTLINE
    if isinstance(outline, (str, Path)):
        import json

        data = json.loads(Path(outline).read_text(encoding="utf-8"))
        feats = data.get("features", [data])
        return shapely.union_all([shape(f["geometry"]) for f in feats])
    if hasattr(outline, "geometry") and hasattr(outline.geometry, "values"):
        return shapely.union_all(list(outline.geometry.values))
    if hasattr(outline, "values") and not isinstance(outline, shapely.Geometry):
        return shapely.union_all(list(outline.values))
    return outline


def _apply(transformer: Transformer, geom):
    """Geometry with every coordinate passed through a pyproj transformer (x = lon, y = lat)."""

    def fn(xy):
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, fn)


def _aeqd(lat: float, lon: float) -> tuple[Transformer, Transformer]:
    """Forward (lon/lat -> metres) and back transformers of a local azimuthal equidistant CRS."""
    local = CRS.from_proj4(
        f"+proj=aeqd +lat_0={lat:.6f} +lon_0={lon:.6f} +datum=WGS84 +units=m +no_defs"
    )
    fwd = Transformer.from_crs("EPSG:4326", local, always_xy=True)
    back = Transformer.from_crs(local, "EPSG:4326", always_xy=True)
    return fwd, back


def parse_shape(text: str, index: dict, where: str) -> tuple[str, list[tuple[float, float]], float]:
    """(kind, [(lat, lon), ...], km) from a shape cell; `where` prefixes the error messages."""
    match = _CALL.match(text or "")
    if not match:
        raise AreaShapeError(
            f"{where}: expected circle(<point>, <km>), hull(<point>; ...; buffer=<km>) "
            f"or polygon(<point>; <point>; ...), got {text!r}"
        )
    kind, body = match.group(1).lower(), match.group(2)
    km = 0.0
    if kind == "circle":
        head, sep, radius = body.rpartition(",")
        if not sep:
            raise AreaShapeError(f"{where}: circle needs '<point>, <km>', got {body!r}")
        km = _km(radius, where, "circle radius")
        parts = [head]
    else:
        parts = [p for p in body.split(";")]
        if kind == "hull":
            last = parts[-1].strip() if parts else ""
            m = re.match(r"^buffer\s*=\s*(.+)$", last, re.IGNORECASE)
            if not m:
                raise AreaShapeError(f"{where}: hull must end with '; buffer=<km>', got {body!r}")
            km = _km(m.group(1), where, "hull buffer", allow_zero=True)
            parts = parts[:-1]
    points = [_point(p, index, where) for p in parts if p.strip()]
    need = {"circle": 1, "hull": 1, "polygon": 3}[kind]
    if len(points) < need:
        raise AreaShapeError(f"{where}: {kind} needs at least {need} point(s), got {len(points)}")
    if kind == "hull" and len(points) < 3 and km <= 0:
        raise AreaShapeError(f"{where}: a hull of fewer than 3 points needs a buffer > 0")
    return kind, points, km


def _km(text: str, where: str, what: str, allow_zero: bool = False) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise AreaShapeError(
            f"{where}: {what} must be a number of km, got {text.strip()!r}"
        ) from None
    if not math.isfinite(value) or value < 0 or (value == 0 and not allow_zero) or value > MAX_KM:
        raise AreaShapeError(f"{where}: {what} {value:g} km is out of range (0-{MAX_KM:g} km)")
    return value


def _point(text: str, index: dict, where: str) -> tuple[float, float]:
    """(lat, lon) of a 'lat lon' pair or a gazetteer name."""
    text = text.strip()
    m = _LATLON.match(text)
    if m:
        lat, lon = float(m.group(1)), float(m.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise AreaShapeError(f"{where}: point {text!r} is not 'lat lon' in degrees")
        if not (31.0 <= lat <= 38.5 and 34.0 <= lon <= 44.0):
            raise AreaShapeError(
                f"{where}: point {text!r} lies outside Syria's box (lat 31-38.5, lon 34-44); "
                "write 'lat lon' (latitude first)"
            )
        return lat, lon
    hit = index.get(_match_key(text))
    if hit is None:
        raise AreaShapeError(f"{where}: unknown place {text!r} (not a gazetteer name or 'lat lon')")
    return hit[0], hit[1]


def shape_geometry(kind: str, points: list[tuple[float, float]], km: float):
    """The unclipped WGS84 polygon of a parsed shape."""
    lat0 = sum(p[0] for p in points) / len(points)
    lon0 = sum(p[1] for p in points) / len(points)
    fwd, back = _aeqd(lat0, lon0)
    xy = [fwd.transform(lon, lat) for lat, lon in points]
    if kind == "circle":
        local = Point(xy[0]).buffer(km * 1000.0, quad_segs=CIRCLE_SEGMENTS)
    elif kind == "hull":
        local = MultiPoint(xy).convex_hull
        if km > 0:
            local = local.buffer(km * 1000.0, quad_segs=16)
    else:
        local = shapely.make_valid(Polygon(xy))
    return _apply(back, local)


def area_geometries(
    areas: pd.DataFrame, places: pd.DataFrame, outline=None, source: str = "areas.csv"
) -> list:
    """One shapely (Multi)Polygon in WGS84 lon/lat per row of `areas`, in row order.

    areas: the area table (needs a `shape` column; other columns are ignored here).
    places: the gazetteer (geodata/places.csv: name, aliases, lat, lon).
    outline: Syria's outline to clip to: a shapely geometry, a GeoDataFrame/GeoSeries, or a
        GeoJSON path (default geodata/syria_outline.geojson).
    source: the file name used in error messages.

    Each shape is drawn in a local azimuthal equidistant projection (true km for radii and
    buffers), clipped to the outline and simplified at ~200 m. Raises AreaShapeError naming the
    file, the row (CSV line, header = 1) and the column for any cell that cannot be parsed, and
    for a shape that lies wholly outside Syria.
    """
    if "shape" not in areas.columns:
        raise AreaShapeError(f"{source}: no 'shape' column")
    index = _place_index(places)
    clip = _outline_geometry(outline)
    shapely.prepare(clip)
    out = []
    for i, text in enumerate(areas["shape"].tolist()):
        where = f"{source}: row {i + 2}: column shape"
        kind, points, km = parse_shape("" if pd.isna(text) else str(text), index, where)
        geom = shape_geometry(kind, points, km).intersection(clip)
        geom = shapely.make_valid(geom.simplify(SIMPLIFY_DEG, preserve_topology=True))
        polys = [
            g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")
        ]
        geom = shapely.union_all(polys) if polys else Polygon()
        if geom.is_empty:
            raise AreaShapeError(f"{where}: the shape lies wholly outside Syria's outline")
        out.append(geom)
    return out


def read_areas(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def km2(geom) -> float:
    """Area in km² in an equal-area projection."""
    to_ea = Transformer.from_crs("EPSG:4326", AREA_CRS, always_xy=True)
    return _apply(to_ea, geom).area / 1e6


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in argv] or sorted((HERE / "sources").glob(AREAS_GLOB))
    places = pd.read_csv(PLACES, dtype={"name": str, "aliases": str}, keep_default_na=False)
    outline = _outline_geometry(OUTLINE)
    syria_km2 = km2(outline)
    problems = 0
    for path in paths:
        areas = read_areas(path)
        try:
            geoms = area_geometries(areas, places, outline, source=str(path))
        except AreaShapeError as exc:
            print(exc, file=sys.stderr)
            problems += 1
            continue
        print(f"{path}: {len(geoms)} areas (Syria {syria_km2:,.0f} km²)")
        for (_, row), geom in zip(areas.iterrows(), geoms, strict=True):
            area = km2(geom)
            notes = []
            if not geom.is_valid:
                notes.append("INVALID")
            if area < 1:
                notes.append("TINY")
            if area > 0.5 * syria_km2:
                notes.append("HUGE")
            m = re.match(r"^\s*circle\(.*,\s*(" + _NUMBER + r")\s*\)\s*$", row["shape"], re.I)
            if m:
                disc = math.pi * float(m.group(1)) ** 2
                notes.append(f"{100 * area / disc:.0f}% of the full disc (rest outside Syria)")
            status = "ok" if not {"INVALID", "TINY", "HUGE"} & set(notes) else "CHECK"
            print(
                f"  {row.get('event_id', '?'):8} {row.get('date', ''):10} "
                f"{row.get('event_type', ''):14} {row.get('controller_after', ''):10} "
                f"{area:10,.0f} km²  {status}  {'; '.join(notes)}"
            )
            problems += status != "ok"
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
