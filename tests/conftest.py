"""Shared fixtures: tiny, hand-made tables whose answers are known."""

from __future__ import annotations

import io

import pandas as pd
import pytest
import shapely

from dashboard.core.gazetteer import Gazetteer
from dashboard.core.table import EventTable, table_digest
from dashboard.io.validate import validate_table

HEADER = (
    "event_id,date,place,lat,lon,event_type,actor,controller_after,description,"
    "source_title,source_publisher,source_date,source_url,confidence\n"
)


def two_towns_gazetteer() -> Gazetteer:
    """Two made-up towns on the same parallel, 2 degrees of longitude apart."""
    places = pd.DataFrame(
        {
            "place_id": ["alpha", "beta", "gamma"],
            "name": ["Alpha", "Beta", "Gamma"],
            "name_ar": ["ألفا", "بيتا", "غاما"],
            "aliases": ["Al-Alpha;Alfa", "", ""],
            "lat": [35.0, 35.0, 35.5],
            "lon": [37.0, 39.0, 38.0],
            "kind": ["town", "town", "village"],
            "governorate": ["", "", ""],
            "country": ["SY", "SY", "SY"],
            "population": ["1000", "2000", "500"],
            "coord_source": ["test", "test", "test"],
        }
    )
    return Gazetteer.from_frame(places)


def table_from_csv(text: str, gazetteer: Gazetteer | None = None) -> EventTable:
    """Validate a CSV written in a test and wrap it as an EventTable."""
    raw = pd.read_csv(io.StringIO(HEADER + text), dtype=str, keep_default_na=False)
    result = validate_table(raw, gazetteer or two_towns_gazetteer(), source="test.csv")
    assert result.table is not None, [str(p) for p in result.problems]
    return EventTable(result.table, ("test",), table_digest(result.table))


def source(title: str = "Test report") -> str:
    return f"{title},Test Agency,2026-01-01,https://example.org/{title.replace(' ', '-')},high"


@pytest.fixture
def gazetteer() -> Gazetteer:
    return two_towns_gazetteer()


@pytest.fixture
def box_outline():
    """A 4 x 2 degree box around the two towns."""
    return shapely.box(36.0, 34.0, 40.0, 36.0)


TWO_TOWN_EVENTS = (
    f"a1,2016-01-01,Alpha,,,control_change,x,government,start,{source()}\n"
    f"b1,2016-01-01,Beta,,,control_change,x,isis,start,{source()}\n"
    f"b2,2017-10-20,Beta,,,control_change,SDF,sdf,taken,{source()}\n"
    f"b3,2017-10-25,Beta,,,battle,SDF,,fighting,{source()}\n"
    f"p1,2016-02-01,Gamma,,,presence,US,,a base,{source()}\n"
)


@pytest.fixture(scope="module")
def two_towns():
    """A whole Dataset over the two-town table, zones clipped to Syria's real outline."""
    from dashboard.io.dataset import Dataset, model_for

    gazetteer = two_towns_gazetteer()
    table = table_from_csv(TWO_TOWN_EVENTS, gazetteer)
    return Dataset(gazetteer, table, model_for(table, gazetteer, 40.0))
