"""An upload with dates in year 1 or 9999, or NaN coordinates, is refused with its problems
listed (row and column), never a traceback or a page that says "Checking…" for ever."""

from __future__ import annotations

import json

import pytest

from dashboard.io.dataset import load_dataset
from dashboard.settings import Settings
from dashboard.web.sessions import Sessions
from dashboard.web.uploads import accept_upload

HEADER = "event_id,date,date_precision,place,event_type,controller_after,source_title\n"


@pytest.fixture(scope="module")
def sessions(tmp_path_factory):
    settings = Settings().with_values(upload_dir=str(tmp_path_factory.mktemp("uploads")))
    return Sessions(load_dataset(settings), settings), settings


def send(sessions, data: bytes, name: str):
    sessions, settings = sessions
    gazetteer = sessions.bundled.dataset.gazetteer
    return accept_upload(data, name, settings, gazetteer, check=sessions.check)


def test_an_upload_with_year_1_and_9999_lists_both_dates(sessions):
    rows = "a,0001-01-01,day,Raqqa,battle,,n\nb,9999-12-31,day,Raqqa,battle,,n\n"
    result = send(sessions, (HEADER + rows).encode(), "far.csv")
    assert result.key is None
    assert "not loaded: 2 error(s)" in result.message
    assert [(p.row, p.column) for p in result.problems if p.severity == "error"] == [
        (2, "date"),
        (3, "date"),
    ]
    assert all("1900-2100" in p.message for p in result.problems if p.column == "date")


def test_an_upload_with_nan_coordinates_lists_the_geometry_problem(sessions):
    feature = {
        "type": "Feature",
        "properties": {
            "event_id": "a",
            "date": "2017-01-01",
            "event_type": "battle",
            "source_title": "T",
        },
        "geometry": {"type": "Point", "coordinates": [float("nan"), 35.0]},
    }
    data = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    result = send(sessions, data, "nan.geojson")
    assert result.key is None
    assert any("NaN or infinite" in p.message for p in result.problems)
