"""A PostGIS table is read like a file: the bundled table loads into it and reads back the same."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely

from dashboard.errors import DataFileError, UsageProblem
from dashboard.io.dataset import model_for
from dashboard.io.events import load_events, store_events
from dashboard.io.geography import load_gazetteer
from dashboard.io.model_cache import load_cached, model_cache, store_cached
from dashboard.io.paths import BUNDLED_EVENTS
from dashboard.io.postgis import BlobStore, change_marker, read_database
from dashboard.io.queries import locality_rows
from dashboard.settings import Settings


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def bundled_url(postgres, gazetteer) -> str:
    """A database holding the bundled table, loaded by `store_events`."""
    url = postgres.new_database("io_bundled")
    store_events(BUNDLED_EVENTS, url, gazetteer)
    return url


def _control(table, gazetteer, place: str, date: str) -> str:
    model = model_for(table, gazetteer, 40.0)
    rows = locality_rows(model.history, model.events, pd.Timestamp(date))
    return rows.loc[rows["place"] == place, "controller"].item()


def test_the_bundled_table_reads_back_from_postgis_as_the_same_events(bundled_url, gazetteer):
    from_file = load_events(None, gazetteer)
    from_database = load_events([bundled_url], gazetteer)
    assert from_database.layers == ("events",)
    assert from_database.digest == from_file.digest
    pd.testing.assert_frame_equal(
        from_database.events.drop(columns="geometry"), from_file.events.drop(columns="geometry")
    )
    shapes = zip(from_database.events["geometry"], from_file.events["geometry"], strict=True)
    assert all(a == b or shapely.equals_exact(a, b) for a, b in shapes)


def test_the_table_has_postgis_geometry_a_gist_index_and_a_change_trigger(postgres, bundled_url):
    database = "io_bundled"
    kind = postgres.sql(
        database,
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = 'events'::regclass AND attname = 'geometry'",
    )
    assert kind == [("geometry(Geometry,4326)",)]
    indexes = postgres.sql(database, "SELECT indexdef FROM pg_indexes WHERE tablename = 'events'")
    assert any("USING gist (geometry)" in row[0] for row in indexes)
    areas = postgres.sql(database, "SELECT count(*) FROM events WHERE geometry IS NOT NULL")
    assert areas[0][0] > 0
    triggers = postgres.sql(database, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
    assert triggers == [("events_changed",)]


def test_an_edited_control_change_changes_who_holds_raqqa(postgres, gazetteer):
    url = postgres.new_database("io_edit")
    store_events(BUNDLED_EVENTS, url, gazetteer)
    before, marker = load_events([url], gazetteer), change_marker(url)
    postgres.sql(
        "io_edit", "UPDATE events SET controller_after = 'government' WHERE event_id = 'ne-0092'"
    )
    after = load_events([url], gazetteer)
    assert change_marker(url) != marker
    assert after.digest != before.digest
    assert _control(before, gazetteer, "Raqqa", "2018-01-01") == "sdf"
    assert _control(after, gazetteer, "Raqqa", "2018-01-01") == "government"


def test_a_bad_edit_is_reported_with_the_table_and_the_rows_row_id(postgres, gazetteer):
    url = postgres.new_database("io_bad_edit")
    store_events(BUNDLED_EVENTS, url, gazetteer)
    postgres.sql("io_bad_edit", "UPDATE events SET date = 'soon' WHERE event_id = 'ne-0092'")
    row_id = postgres.sql("io_bad_edit", "SELECT row_id FROM events WHERE event_id = 'ne-0092'")
    with pytest.raises(DataFileError) as error:
        load_events([url], gazetteer)
    assert error.value.path == url  # the URL names the table: ...#events
    assert (error.value.row, error.value.column) == (row_id[0][0], "date")


def test_a_view_in_another_projection_is_read_in_lon_lat_and_watched_by_a_row_hash(postgres):
    postgres.new_database("io_view")
    postgres.sql("io_view", "CREATE EXTENSION postgis")
    postgres.sql(
        "io_view",
        "CREATE TABLE raw_events AS SELECT 'v1'::text AS event_id, '2017-01-01'::text AS date, "
        "'control_change'::text AS event_type, 'isis'::text AS controller_after, "
        "ST_Transform(ST_SetSRID(ST_MakePoint(38.5, 35.5), 4326), 3857) AS geom",
    )
    postgres.sql("io_view", "CREATE VIEW shown AS SELECT * FROM raw_events")
    url = postgres.url("io_view", "public.shown")
    raw = read_database(url)
    assert list(raw.columns) == ["event_id", "date", "event_type", "controller_after", "geometry"]
    point = raw.at[0, "geometry"]
    assert (round(point.x, 6), round(point.y, 6)) == (38.5, 35.5)
    marker = change_marker(url)
    postgres.sql("io_view", "UPDATE raw_events SET date = '2017-02-01'")
    assert change_marker(url) != marker


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql:///io_bundled?host={socket}&user=postgres#no_such", "no table or view"),
        ("postgresql:///io_bundled?host={socket}&user=postgres#bad-name", "is not a table name"),
        ("postgresql:///io_bundled?host={socket}&tabel=x#events", "bad database URL"),
        ("postgresql:///io_bundled?host=/nonexistent#events", "cannot connect"),
    ],
)
def test_a_missing_table_a_bad_url_or_no_server_is_one_line(postgres, bundled_url, url, message):
    with pytest.raises(UsageProblem) as error:
        read_database(url.format(socket=postgres.socket_dir))
    assert message in str(error.value) and "\n" not in str(error.value)


def test_the_shared_store_keeps_the_most_recently_used_entries_within_its_quota(postgres):
    url = postgres.new_database("io_store").partition("#")[0]
    uploads, cache = BlobStore(url, "upload"), BlobStore(url, "cache")
    assert uploads.get("a") is None  # no table yet
    for key in "abc":
        uploads.put(key, key.encode() * 10, most_entries=2)
        if key == "a":
            cache.put("a", b"model")
    assert [uploads.get(k) for k in "abc"] == [None, b"b" * 10, b"c" * 10]
    uploads.get("b")  # now b is the most recent, c the least
    uploads.put("d", b"d" * 10, most_bytes=25)
    assert [uploads.get(k) for k in "bcd"] == [b"b" * 10, None, b"d" * 10]
    assert cache.get("a") == b"model"  # another kind, its own quota


def test_with_a_database_store_every_host_reads_the_model_cache_one_host_wrote(postgres):
    url = postgres.new_database("io_cache").partition("#")[0]
    host = Settings().with_values(store=url)
    store_cached(model_cache(host), "k1", {"model": [1, 2, 3]})
    assert load_cached(model_cache(host), "k1") == {"model": [1, 2, 3]}
    gone = Settings().with_values(store=url.replace(str(postgres.socket_dir), "/nonexistent"))
    store_cached(model_cache(gone), "k1", {"model": []})  # a warning, not an error
    assert load_cached(model_cache(gone), "k1") is None
