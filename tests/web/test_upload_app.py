"""The app's upload plumbing over HTTP: the upload route (multipart), the size cap, the session
key route, the settings' env."""

from __future__ import annotations

import io
import json

import pytest
from support import REAL_UCDP
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from dashboard.settings import Settings, from_environ, to_environ
from dashboard.web.app import page_config
from dashboard.web.callbacks.uploads import SESSION_KEY_ROUTE, UPLOAD_ROUTE
from dashboard.web.text import ui
from dashboard.web.uploads import stored_path

HEADER = "event_id,date,date_precision,place,event_type,controller_after,source_title\n"
MINE = (HEADER + "m-1,2019-12-01,day,Raqqa,control_change,isis,My notes\n").encode()


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
    assert found.status_code == 200 and any("mine" in layer for layer in key["layers"])
    assert key["start"] == "2016-01-01"


def post_file(test_client, data: bytes, name: str, query: str = ""):
    """POST a file to the upload route as a browser's FormData does (field `file`)."""
    sent = {"file": (io.BytesIO(data), name)}
    return test_client.post(UPLOAD_ROUTE + query, data=sent, content_type="multipart/form-data")


def listing(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture(scope="module")
def roomy(tmp_path_factory):
    """An app with the default upload limit (25 MB)."""
    from dashboard.web.app import create_app

    folder = tmp_path_factory.mktemp("roomy-uploads")
    return create_app(Settings().with_values(upload_dir=str(folder))).server.test_client(), folder


def test_the_page_is_told_where_to_post_uploads():
    config = page_config(Settings(), lambda path: "/prefix" + path)
    assert config["uploadRoute"] == "/prefix" + UPLOAD_ROUTE


def test_the_ucdp_file_goes_up_as_itself_and_comes_back_as_a_short_key(roomy):
    test_client, folder = roomy
    data = REAL_UCDP.read_bytes()
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(data), REAL_UCDP.name)})
    assert len(body) < len(data) + 1_000  # the file itself, not base64 (4/3 of it)
    response = test_client.post(
        UPLOAD_ROUTE, data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    answer = response.get_json()
    assert response.status_code == 200, answer["message"]
    assert "16,566 events loaded" in answer["message"]
    assert len(json.dumps(answer["key"]).encode()) < 200
    assert stored_path(folder, answer["key"]).read_bytes() == data  # any worker finds it


def test_a_long_file_name_still_gives_a_short_key(client):
    test_client, folder = client
    answer = post_file(test_client, MINE, "n" * 300 + ".csv").get_json()
    assert answer["key"] is not None, answer["message"]
    assert len(json.dumps(answer["key"]).encode()) < 200
    assert answer["key"]["name"].endswith(".csv")
    assert stored_path(folder, answer["key"]).read_bytes() == MINE


def test_an_oversize_file_gets_the_one_line_message_and_nothing_is_kept(client):
    test_client, folder = client
    before = listing(folder)
    over_limit = post_file(test_client, MINE + b"#" * 5_000, "big.csv")  # read, then refused
    over_cap = post_file(test_client, b"#" * 2_000_000, "huge.csv", "?name=huge.csv")  # unread
    for response, name in ((over_limit, "big.csv"), (over_cap, "huge.csv")):
        answer = response.get_json()
        assert response.status_code == 413 and answer["key"] is None
        assert answer["message"].startswith(f"{name} is ") and "\n" not in answer["message"]
        assert "the limit is 0.001 MB (max_upload_mb). Nothing was loaded." in answer["message"]
    assert listing(folder) == before


def test_a_broken_file_gets_its_problems_as_rows_and_as_the_panel(client):
    bad = (HEADER + "b-1,2019-13-45,day,Raqqa,control_change,isis,x\n").encode()
    answer = post_file(client[0], bad, "bad.csv", "?lang=ar").get_json()
    assert answer["key"] is None and "bad.csv" in answer["message"]
    errors = [p for p in answer["problems"] if p["severity"] == "error"]
    assert [(p["file"], p["row"], p["column"]) for p in errors] == [("bad.csv", 2, "date")]
    assert [part["type"] for part in answer["panel"]] == ["P", "Ol"]  # data_panels.problems_panel
    panel = json.dumps(answer["panel"], ensure_ascii=False)
    assert ui("row", "ar", row=2) + "، date" in panel
    assert "«2019-13-45» ليس تاريخاً حقيقياً" in panel and "not a real date" not in panel
    assert errors[0]["message"] == "«2019-13-45» ليس تاريخاً حقيقياً"  # the rows say it alike


def test_a_request_without_a_file_is_refused_with_a_line(client):
    response = client[0].post(UPLOAD_ROUTE, data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "could not be read" in response.get_json()["message"]


def test_an_uploaded_file_name_is_never_a_path(client):
    test_client, folder = client
    answer = post_file(test_client, MINE, "../../outside.csv").get_json()
    assert answer["key"]["name"] == "outside.csv"
    assert stored_path(folder, answer["key"]).parent.parent == folder
    assert not (folder.parent / "outside.csv").exists()


def test_a_forged_key_is_never_read_as_a_path(client):
    test_client, folder = client
    sha = "b" * 64
    (folder / sha).mkdir()
    (folder / sha / "mine.csv").write_bytes(MINE)
    for secret in (folder / "secret.csv", folder.parent / "secret.csv"):
        secret.write_bytes(MINE)  # a readable table the key must not reach
    forged = [
        {"sha": sha, "name": "../secret.csv"},
        {"sha": sha, "name": "../../secret.csv"},
        {"sha": sha, "name": "mine.csv/../../secret.csv"},
        {"sha": "..", "name": "secret.csv"},
        {"sha": "../" + sha[3:], "name": "secret.csv"},
        {"sha": "", "name": str(folder / "secret.csv")},
    ]
    for key in forged:
        assert test_client.get(SESSION_KEY_ROUTE, query_string=key).status_code == 404, key
    real = test_client.get(SESSION_KEY_ROUTE, query_string={"sha": sha, "name": "mine.csv"})
    assert real.status_code == 200


def test_settings_survive_the_environment_that_gunicorn_workers_read():
    settings = Settings().with_values(max_upload_mb=2.5, upload_dir="/srv/uploads", reach_km=30.0)
    assert from_environ(Settings(), to_environ(settings)) == settings
