"""The precomputed model on disk: a second start on the same data reads it back instead of
building, gives the same map, and anything that changes the model changes its key."""

from __future__ import annotations

import json
import os
import stat

import pandas as pd
import pytest

from dashboard.core.view import MapView
from dashboard.figures.frames import date_frame, map_key
from dashboard.io import model_cache
from dashboard.settings import Settings
from dashboard.web import app as web_app

TABLE = (
    "event_id,date,place,event_type,controller_after,source_title,source_publisher,source_date\n"
    "r1,2016-01-01,Raqqa,control_change,isis,Report,Desk,2016-01-02\n"
    "r2,2017-10-20,Raqqa,control_change,sdf,Report,Desk,2017-10-21\n"
)


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "raqqa.csv"
    path.write_text(TABLE)
    return path


def settings_for(table, tmp_path, **values) -> Settings:
    values = {"cache_dir": str(tmp_path / "cache"), **values}
    return Settings(data=(str(table),)).with_values(**values)


def test_the_key_follows_the_data_and_the_settings_the_model_depends_on(table, tmp_path):
    settings = settings_for(table, tmp_path)
    key = model_cache.cache_key(settings)
    assert key == model_cache.cache_key(settings)
    assert model_cache.cache_key(settings.with_values(reach_km=20.0)) != key
    assert model_cache.cache_key(settings.with_values(play_interval_ms=50)) == key
    table.write_text(TABLE.replace("2017-10-20", "2017-10-21"))
    assert model_cache.cache_key(settings) != key


def test_a_table_that_is_not_a_file_has_no_key(tmp_path):
    url = Settings(data=("postgresql:///syria?table=events",))
    assert model_cache.cache_key(url) is None


def frames_of(dataset) -> str:
    view = MapView(date=pd.Timestamp("2017-11-01"))
    return json.dumps([map_key(dataset), date_frame(dataset, view)], sort_keys=True)


def test_a_second_start_reads_the_model_back_and_draws_the_same_map(table, tmp_path, monkeypatch):
    settings = settings_for(table, tmp_path)
    built = web_app._loaded(settings)
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1

    def never(_settings):
        raise AssertionError("the model was built again")

    monkeypatch.setattr(web_app, "load_dataset", never)
    again = web_app._loaded(settings)
    assert again is not built and frames_of(again) == frames_of(built)


def test_a_torn_cache_file_is_built_again_and_replaced(table, tmp_path):
    settings = settings_for(table, tmp_path)
    web_app._loaded(settings)
    (entry,) = (tmp_path / "cache").glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])
    dataset = web_app._loaded(settings)
    assert len(dataset.table.events) == 2
    assert entry.stat().st_size > 100


def test_a_cache_in_a_folder_others_can_write_to_is_not_read(table, tmp_path, monkeypatch):
    settings = settings_for(table, tmp_path)
    web_app._loaded(settings)
    folder = tmp_path / "cache"
    os.chmod(folder, folder.stat().st_mode | stat.S_IWOTH)
    calls = []
    real = web_app.load_dataset
    monkeypatch.setattr(web_app, "load_dataset", lambda s: calls.append(s) or real(s))
    web_app._loaded(settings)
    assert calls == [settings]


def test_cache_dir_off_writes_nothing(table, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    web_app._loaded(settings_for(table, tmp_path, cache_dir="off"))
    assert not (tmp_path / "home-cache").exists()
    assert not (tmp_path / "off").exists()
