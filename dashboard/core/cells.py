"""The tessellation: Voronoi cells of the localities, clipped to the outline and a reach.

Everything is computed once, in an equal-area projection centred on Syria. The result is a
set of *atoms* (cells, the "no data" remainder, and their pieces where area events cut them)
and the *edges* between neighbouring atoms, along which front lines run.
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


def tessellate(
    lon: np.ndarray,
    lat: np.ndarray,
    outline,
    reach_km: float,
    areas: list | None = None,
) -> Tessellation:
    """Cells of the points within `outline` (WGS84), cut by the area polygons (WGS84)."""
    region = shapely.make_valid(to_metres(outline))
    points = _distinct_points(to_metres(shapely.points(lon, lat)))
    cells = _voronoi_cells(points, region)
    if reach_km > 0:
        cells = shapely.intersection(cells, shapely.buffer(points, reach_km * 1000, quad_segs=8))
    atoms = list(cells)
    owner = list(range(len(cells)))
    covered = shapely.union_all(cells)
    remainder = shapely.difference(region, covered)
    if shapely.area(remainder) > _SLIVER_M2:
        atoms.append(remainder)
        owner.append(-1)
    covering: list[tuple[int, ...]] = [() for _ in atoms]
    for area_id, polygon in enumerate(areas or []):
        atoms, owner, covering = _cut(atoms, owner, covering, area_id, to_metres(polygon), region)
    atoms_array = shapely.make_valid(np.array(atoms, dtype=object))
    edge_a, edge_b, lines = _edges(atoms_array)
    return Tessellation(
        atoms=atoms_array,
        atom_locality=np.array(owner, dtype=np.int64),
        atom_areas=tuple(covering),
        area_km2=shapely.area(atoms_array) / 1e6,
        edge_a=edge_a,
        edge_b=edge_b,
        edge_lines=lines,
    )


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
    """One clipped Voronoi cell per point, in the points' order."""
    if len(points) == 1:
        return np.array([region], dtype=object)
    extent = shapely.buffer(shapely.envelope(region), 100_000)
    diagram = shapely.voronoi_polygons(shapely.multipoints(points), extend_to=extent, ordered=True)
    cells = np.array(shapely.get_parts(diagram), dtype=object)
    return shapely.intersection(cells, region)


def _cut(atoms, owner, covering, area_id, polygon, region):
    """Split every atom that the area polygon crosses into its inside and outside pieces."""
    polygon = shapely.intersection(shapely.make_valid(polygon), region)
    new_atoms, new_owner, new_covering = [], [], []
    for atom, locality, areas in zip(atoms, owner, covering, strict=True):
        inside = shapely.intersection(atom, polygon)
        if shapely.area(inside) <= _SLIVER_M2:
            new_atoms.append(atom)
            new_owner.append(locality)
            new_covering.append(areas)
            continue
        outside = shapely.difference(atom, polygon)
        new_atoms.append(inside)
        new_owner.append(locality)
        new_covering.append((*areas, area_id))
        if shapely.area(outside) > _SLIVER_M2:
            new_atoms.append(outside)
            new_owner.append(locality)
            new_covering.append(areas)
    return new_atoms, new_owner, new_covering


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
