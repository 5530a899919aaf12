"""The tessellation: Voronoi cells of the localities, kept on their own bank of a barrier.

Everything is computed once, in an equal-area projection centred on Syria. The outline is
first split into *banks* along the barriers (the Euphrates and Lake Assad); each bank is
tessellated among its own localities, so no cell crosses the river. Each cell is then split
into the part within `reach_km` of its locality (*held*) and the rest (*inferred*: coloured by
the same locality, drawn as a guess). Area events cut the result further into *atoms*; the
*edges* between neighbouring atoms are where front lines run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyproj
import shapely

__all__ = [
    "EQUAL_AREA_CRS",
    "Tessellation",
    "atom_index_of_points",
    "bank_of_points",
    "banks",
    "tessellate",
    "to_degrees",
    "to_metres",
]

EQUAL_AREA_CRS = "+proj=laea +lat_0=35 +lon_0=38.5 +datum=WGS84 +units=m +no_defs"
_TO_METRES = pyproj.Transformer.from_crs(4326, EQUAL_AREA_CRS, always_xy=True)
_TO_DEGREES = pyproj.Transformer.from_crs(EQUAL_AREA_CRS, 4326, always_xy=True)
_SLIVER_M2 = 1_000.0  # pieces smaller than 0.001 km² are noise from overlaying


def to_metres(geometry):
    """Project WGS84 geometries (scalar or array) to the equal-area CRS."""
    return shapely.transform(geometry, lambda xy: np.column_stack(_TO_METRES.transform(*xy.T)))


def to_degrees(geometry):
    """Project equal-area geometries back to WGS84, cleaned for drawing."""
    back = shapely.transform(geometry, lambda xy: np.column_stack(_TO_DEGREES.transform(*xy.T)))
    return shapely.set_precision(shapely.make_valid(back), 1e-6)


@dataclass(frozen=True)
class Tessellation:
    """Atoms and edges. Atom i belongs to locality `atom_locality[i]` (-1: no data)."""

    atoms: np.ndarray  # shapely polygons, equal-area metres
    atom_locality: np.ndarray  # int64
    atom_areas: tuple[tuple[int, ...], ...]  # per atom, the area-event ids covering it
    area_km2: np.ndarray
    edge_a: np.ndarray  # atom index
    edge_b: np.ndarray
    edge_lines: np.ndarray  # shapely lines, equal-area metres
    atom_inferred: np.ndarray  # bool: farther than reach_km from its locality
    atom_distance_km: np.ndarray  # km from its locality to the atom's centre (0 for no data)
    atom_bank: np.ndarray  # int64: which bank of the barriers the atom lies on
    covered_atoms: np.ndarray  # indices of the atoms some area event covers
    locality_bank: np.ndarray  # int64: per locality (input point), the bank it lies on


@dataclass
class _Pieces:
    """Atoms under construction: geometry, owner, inferred flag, covering area ids, bank."""

    shapes: list
    owner: list
    inferred: list
    covering: list
    bank: list


def tessellate(
    lon: np.ndarray,
    lat: np.ndarray,
    outline,
    reach_km: float,
    areas: list | None = None,
    barriers=None,
) -> Tessellation:
    """Cells of the points within `outline`, kept on their bank of `barriers` (lines or
    polygons), split at `reach_km` into held and inferred parts, cut by the area polygons.
    All geometry in WGS84; reach_km <= 0 means everything is held."""
    region = shapely.make_valid(to_metres(outline))
    points = _distinct_points(to_metres(shapely.points(lon, lat)))
    sides = banks(region, None if barriers is None else to_metres(barriers))
    pieces, locality_bank = _cells_by_bank(points, region, sides)
    pieces = _split_by_reach(pieces, points, reach_km)
    _add_remainder(pieces, region)
    for area_id, polygon in enumerate(areas or []):
        pieces = _cut(pieces, area_id, to_metres(polygon), region)
    atoms = shapely.make_valid(np.array(pieces.shapes, dtype=object))
    owner = np.array(pieces.owner, dtype=np.int64)
    edge_a, edge_b, lines = _edges(atoms)
    return Tessellation(
        atoms=atoms,
        atom_locality=owner,
        atom_areas=tuple(pieces.covering),
        area_km2=shapely.area(atoms) / 1e6,
        edge_a=edge_a,
        edge_b=edge_b,
        edge_lines=lines,
        atom_inferred=np.array(pieces.inferred, dtype=bool),
        atom_distance_km=_distances_km(atoms, owner, points, pieces.inferred, reach_km),
        atom_bank=np.array(pieces.bank, dtype=np.int64),
        covered_atoms=np.flatnonzero([len(c) > 0 for c in pieces.covering]),
        locality_bank=locality_bank,
    )


def banks(region, barriers=None) -> list:
    """The outline split along the barriers into banks (equal-area metres), largest first.

    Lines split where they cross the region; polygons (lakes) count by their shores.
    """
    if barriers is None or shapely.is_empty(barriers):
        return [region]
    parts = shapely.get_parts(barriers)
    lines = [shapely.boundary(p) if p.geom_type.endswith("Polygon") else p for p in parts]
    # Node the whole lines with the outline (clipping them first leaves their ends a hair off
    # the boundary, and polygonize then sees dangles); faces outside the region are dropped.
    linework = shapely.union_all([region.boundary, *lines])
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(linework)))
    inside = [f for f in faces if region.contains(shapely.point_on_surface(f))]
    inside = [f for f in inside if shapely.area(f) > _SLIVER_M2]
    return sorted(inside, key=shapely.area, reverse=True) or [region]


def bank_of_points(sides: list, points: np.ndarray) -> np.ndarray:
    """The bank each point (equal-area metres) lies on, or the nearest bank if outside all."""
    tree = shapely.STRtree(np.array(sides, dtype=object))
    found = tree.query_nearest(points, all_matches=False)
    result = np.zeros(len(points), dtype=np.int64)
    result[found[0]] = found[1]
    return result


def _cells_by_bank(points: np.ndarray, region, sides: list) -> tuple[_Pieces, np.ndarray]:
    """Voronoi cells of each bank's own localities (a bank with none joins its neighbour),
    and the bank of each locality."""
    if len(points) == 0:
        return _Pieces([region], [-1], [False], [()], [0]), np.zeros(0, dtype=np.int64)
    side_of = bank_of_points(sides, points)
    sides = _merge_empty_banks(sides, side_of)
    side_of = bank_of_points(sides, points)
    pieces = _Pieces([], [], [], [], [])
    for bank, side in enumerate(sides):
        members = np.flatnonzero(side_of == bank)
        if len(members) == 0:  # cut off from every bank with localities: plain Voronoi
            members = np.arange(len(points))
        cells = _voronoi_cells(points[members], side)
        for member, cell in zip(members, cells, strict=True):
            if shapely.area(cell) > _SLIVER_M2:
                pieces.shapes.append(cell)
                pieces.owner.append(int(member))
                pieces.inferred.append(False)
                pieces.covering.append(())
                pieces.bank.append(bank)
    return pieces, side_of


def _merge_empty_banks(sides: list, side_of: np.ndarray) -> list:
    """Join each bank without localities (a lake's half) to the neighbour it shares most with."""
    sides = list(sides)
    counts = np.bincount(side_of, minlength=len(sides))
    for empty in sorted(np.flatnonzero(counts == 0), key=lambda i: shapely.area(sides[i])):
        if sides[empty] is None:
            continue
        shore = shapely.boundary(sides[empty])
        shared = [
            shapely.length(shapely.intersection(shore, s)) if s is not None and counts[i] else 0
            for i, s in enumerate(sides)
        ]
        best = int(np.argmax(shared))
        if shared[best] > 0:
            sides[best] = shapely.union_all([sides[best], sides[empty]])
            sides[empty] = None
    return [s for s in sides if s is not None]


def _add_remainder(pieces: _Pieces, region) -> None:
    """Whatever no cell covers (normally nothing but slivers) becomes a 'no data' atom."""
    covered = float(shapely.area(np.array(pieces.shapes, dtype=object)).sum())
    if shapely.area(region) - covered <= _SLIVER_M2:
        return
    remainder = shapely.difference(region, shapely.union_all(pieces.shapes))
    if shapely.area(remainder) > _SLIVER_M2:
        pieces.shapes.append(remainder)
        pieces.owner.append(-1)
        pieces.inferred.append(False)
        pieces.covering.append(())
        pieces.bank.append(0)


def _split_by_reach(pieces: _Pieces, points: np.ndarray, reach_km: float) -> _Pieces:
    """Split every cell into its part within reach of its locality and the inferred rest."""
    if reach_km <= 0 or not pieces.shapes or len(points) == 0:  # no localities: all no data
        return pieces
    cells = np.array(pieces.shapes, dtype=object)
    owner = np.array(pieces.owner, dtype=np.int64)
    discs = shapely.buffer(points[np.maximum(owner, 0)], reach_km * 1000, quad_segs=16)
    held = shapely.intersection(cells, discs)
    rest = shapely.difference(cells, discs)
    out = _Pieces([], [], [], [], [])
    for i, locality in enumerate(owner):
        for shape, inferred in ((held[i], False), (rest[i], True)):
            if shapely.area(shape) > _SLIVER_M2:
                out.shapes.append(shape)
                out.owner.append(int(locality))
                out.inferred.append(inferred and locality >= 0)
                out.covering.append(pieces.covering[i])
                out.bank.append(pieces.bank[i])
    return out


def _distances_km(atoms, owner, points, inferred, reach_km) -> np.ndarray:
    """Km from each atom's locality to the atom's centre (at least the reach when inferred)."""
    distance = np.zeros(len(atoms))
    owned = owner >= 0
    if owned.any():
        centres = shapely.centroid(atoms[owned])
        distance[owned] = shapely.distance(points[owner[owned]], centres) / 1000
    flagged = np.asarray(inferred, dtype=bool)
    distance[flagged] = np.maximum(distance[flagged], reach_km)
    return distance.round(1)


def _distinct_points(points: np.ndarray) -> np.ndarray:
    """Nudge coincident points apart by a metre so each keeps a cell of its own."""
    xy = shapely.get_coordinates(points)
    _, counts = np.unique(xy.round(0), axis=0, return_counts=True)
    if (counts == 1).all():
        return points
    seen: dict[tuple[float, float], int] = {}
    for i, (x, y) in enumerate(xy.round(0)):
        n = seen.get((x, y), 0)
        seen[(x, y)] = n + 1
        xy[i] += n  # the first stays put
    return shapely.points(xy)


def _voronoi_cells(points: np.ndarray, region) -> np.ndarray:
    """One Voronoi cell per point, clipped to the region, in the points' order."""
    if len(points) == 1:
        return np.array([region], dtype=object)
    extent = shapely.buffer(shapely.envelope(region), 100_000)
    diagram = shapely.voronoi_polygons(shapely.multipoints(points), extend_to=extent, ordered=True)
    cells = np.array(shapely.get_parts(diagram), dtype=object)
    return shapely.intersection(cells, region)


def _cut(pieces: _Pieces, area_id: int, polygon, region) -> _Pieces:
    """Split every atom that the area polygon crosses into its inside and outside pieces."""
    polygon = shapely.intersection(shapely.make_valid(polygon), region)
    shapes = np.array(pieces.shapes, dtype=object)
    inside = shapely.intersection(shapes, polygon)
    crossed = shapely.area(inside) > _SLIVER_M2
    outside = np.array(shapes)
    outside[crossed] = shapely.difference(shapes[crossed], polygon)
    out = _Pieces([], [], [], [], [])
    for i in range(len(shapes)):
        keep = [(inside[i], (*pieces.covering[i], area_id))] if crossed[i] else []
        if not crossed[i] or shapely.area(outside[i]) > _SLIVER_M2:
            keep.append((outside[i], pieces.covering[i]))
        for shape, covering in keep:
            out.shapes.append(shape)
            out.owner.append(pieces.owner[i])
            out.inferred.append(pieces.inferred[i])
            out.covering.append(covering)
            out.bank.append(pieces.bank[i])
    return out


def _edges(atoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of atoms that share a boundary, and that boundary as a line."""
    tree = shapely.STRtree(atoms)
    pairs = tree.query(atoms, predicate="intersects")
    pairs = pairs[:, pairs[0] < pairs[1]]
    a, b = pairs
    shared = shapely.intersection(shapely.boundary(atoms[a]), shapely.boundary(atoms[b]))
    shared = shapely.line_merge(_lines_only(shared))
    keep = shapely.length(shared) > 1.0
    return a[keep], b[keep], shared[keep]


def _lines_only(geometries: np.ndarray) -> np.ndarray:
    """Drop the points from boundary intersections, keeping the linework."""
    out = []
    for geometry in geometries:
        parts = shapely.get_parts(geometry)
        lines = [p for p in parts if p.geom_type in ("LineString", "MultiLineString")]
        out.append(shapely.multilinestrings(lines) if lines else shapely.LineString())
    return np.array(out, dtype=object)


def atom_index_of_points(tessellation: Tessellation, lon, lat) -> np.ndarray:
    """The atom containing each point (WGS84), -1 outside all atoms."""
    points = to_metres(shapely.points(np.asarray(lon, float), np.asarray(lat, float)))
    tree = shapely.STRtree(tessellation.atoms)
    result = np.full(len(points), -1, dtype=np.int64)
    found = tree.query(points, predicate="within")
    result[found[0]] = found[1]
    return result
