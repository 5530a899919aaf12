"""Two servers on one PostGIS database answer alike, pick up an edit without a restart, and
serve each other's uploads from the shared store."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from support import free_port, start_app

from dashboard.io.events import store_events
from dashboard.io.geography import load_gazetteer
from dashboard.io.paths import BUNDLED_EVENTS
from dashboard.settings import Settings
from dashboard.web.callbacks.uploads import SESSION_KEY_ROUTE
from dashboard.web.uploads import accept_upload

DATABASE = "web_shared"
CONTROL = "/api/v1/control?date=2018-01-01"
ZONES = "/api/v1/zones?date=2018-01-01"


@pytest.fixture(scope="module")
def store(postgres) -> str:
    """The database: the bundled table as `events`; uploads go to its syria_map_store."""
    url = postgres.new_database(DATABASE)
    store_events(BUNDLED_EVENTS, url, load_gazetteer())
    return url.partition("#")[0]


@pytest.fixture(scope="module")
def servers(store, tmp_path_factory):
    """Two `syria-map serve` processes on one database, polling it twice a second, each with
    an upload folder of its own (as two hosts have)."""

    def start(port: int):
        folder = tmp_path_factory.mktemp("host")
        env = {"SYRIA_MAP_DB_POLL_S": "0.5", "SYRIA_MAP_STORE": store}
        return start_app(port, [store + "#events"], {**env, "SYRIA_MAP_UPLOAD_DIR": str(folder)})

    ports = [free_port(), free_port()]
    with ThreadPoolExecutor(2) as pool:
        processes = list(pool.map(start, ports))
    yield [f"http://127.0.0.1:{port}" for port in ports]
    for process in processes:
        process.terminate()
        process.wait(timeout=30)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def _raqqa(base: str) -> str:
    localities = json.loads(_get(base + CONTROL))["localities"]
    return next(row["controller"] for row in localities if row["place"] == "Raqqa")


def test_two_servers_on_one_database_answer_byte_for_byte_alike(servers):
    first, second = servers
    assert _get(first + CONTROL) == _get(second + CONTROL)
    assert _get(first + ZONES) == _get(second + ZONES)
    assert _raqqa(first) == "sdf"


def test_an_edit_in_the_database_reaches_both_servers_and_their_pages(postgres, servers):
    pages = [_get(base + "/") for base in servers]
    postgres.sql(
        DATABASE, "UPDATE events SET controller_after = 'government' WHERE event_id = 'ne-0092'"
    )
    deadline = time.monotonic() + 30
    while any(_raqqa(base) != "government" for base in servers):
        assert time.monotonic() < deadline, "the edit was not picked up within 30 s"
        time.sleep(0.25)
    first, second = servers
    assert _get(first + CONTROL) == _get(second + CONTROL)
    assert _get(first + ZONES) == _get(second + ZONES)
    assert all(_get(base + "/") != page for base, page in zip(servers, pages, strict=True))


def test_an_upload_kept_by_one_host_is_served_alike_by_every_other(store, servers, tmp_path):
    """The upload is accepted as any host's upload route does, into a third host's folder;
    the two servers have never seen it, and fetch it from the store."""
    table = (
        "event_id,date,date_precision,place,event_type,controller_after,source_title\n"
        "m-1,2019-12-01,day,Raqqa,control_change,isis,My notes\n"
    )
    host = Settings().with_values(store=store, upload_dir=str(tmp_path / "host-a"))
    upload = accept_upload(table.encode(), "mine.csv", host, load_gazetteer())
    assert upload.key is not None, upload.message
    query = "?" + urllib.parse.urlencode(upload.key)
    keys = [_get(base + SESSION_KEY_ROUTE + query) for base in servers]
    assert keys[0] == keys[1] and b"mine" in keys[0]
    unknown = "?" + urllib.parse.urlencode({"sha": "0" * 64, "name": "mine.csv"})
    with pytest.raises(urllib.error.HTTPError) as missing:
        _get(servers[0] + SESSION_KEY_ROUTE + unknown)
    assert missing.value.code == 404
