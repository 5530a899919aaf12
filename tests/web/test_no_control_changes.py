"""A server on a table with no control changes (UCDP alone) starts and shows the events on an
all-"no data" map: the page, a date step with a click, the trend and the key route answer."""

from __future__ import annotations

import json
import urllib.request

import pytest
from support import UCDP_SUBSET, free_port, start_app

from dashboard.core.calendar import calendar
from dashboard.core.factions import FACTIONS
from dashboard.settings import Settings
from dashboard.web.state import parse_query
from dashboard.web.steps import step_frame


@pytest.fixture(scope="module")
def app_and_dataset():
    from dashboard.web.app import create_app

    settings = Settings(data=(str(UCDP_SUBSET),))
    app = create_app(settings)
    return app, app_dataset(settings)


def app_dataset(settings):
    from dashboard.io.dataset import load_dataset

    return load_dataset(settings)


def test_the_app_builds_and_serves_the_page(app_and_dataset):
    client = app_and_dataset[0].server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/_dash-layout").status_code == 200


def test_a_date_step_shows_events_and_only_no_data_zones(app_and_dataset):
    dataset = app_and_dataset[1]
    slider = calendar(dataset.table.coverage, dataset.model.events)
    state, _notices = parse_query("?date=2017-06-01", dataset, slider)
    frame = step_frame(dataset, state, {"points": [{"lon": 39.0, "lat": 35.95}]}, 30)
    assert set(frame["z"]) == {len(FACTIONS)}  # every zone is "no data"
    assert frame["events"], "the events near the date are listed"
    assert frame["front"] == []


def test_serve_starts_on_a_table_with_no_control_changes():
    port = free_port()
    process = start_app(port, [str(UCDP_SUBSET)])
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-layout", timeout=30) as reply:
            assert reply.status == 200
            json.loads(reply.read())
    finally:
        process.terminate()
        process.wait(timeout=30)
