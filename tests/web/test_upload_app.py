"""The app's upload plumbing over HTTP: the size cap, the session key route, the settings' env."""

from __future__ import annotations

import json

import pytest

from dashboard.settings import Settings, from_environ, to_environ
from dashboard.web.callbacks.uploads import SESSION_KEY_ROUTE


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from dashboard.web.app import create_app

    folder = tmp_path_factory.mktemp("uploads")
    settings = Settings().with_values(max_upload_mb=0.001, upload_dir=str(folder))
    return create_app(settings).server.test_client(), folder


def test_a_request_over_the_size_cap_is_refused_politely(client):
    response = client[0].post(
        "/_dash-update-component", data=b"x" * 2_000_000, content_type="application/json"
    )
    assert response.status_code == 413
    assert "limited to 0.001 MB" in response.get_json()["error"]


def test_the_session_key_route_serves_a_stored_upload_only(client):
    test_client, folder = client
    missing = test_client.get(SESSION_KEY_ROUTE, query_string={"sha": "0" * 64, "name": "a.csv"})
    assert missing.status_code == 404
    sha = "a" * 64
    (folder / sha).mkdir()
    (folder / sha / "mine.csv").write_text(
        "event_id,date,date_precision,place,event_type,controller_after,source_title\n"
        "m-1,2019-12-01,day,Raqqa,control_change,isis,My notes\n"
    )
    found = test_client.get(SESSION_KEY_ROUTE, query_string={"sha": sha, "name": "mine.csv"})
    key = json.loads(found.data)
    assert found.status_code == 200 and "mine" in key["events"]["layer"]
    assert key["start"] == "2016-01-01"


def test_settings_survive_the_environment_that_gunicorn_workers_read():
    settings = Settings().with_values(max_upload_mb=2.5, upload_dir="/srv/uploads", reach_km=30.0)
    assert from_environ(Settings(), to_environ(settings)) == settings
