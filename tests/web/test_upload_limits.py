"""Uploads are bounded: a quota on the upload folder, a clear line on a full disk, no temporary
files or empty folders left behind, and only a few uploaded datasets held in memory."""

from __future__ import annotations

import errno
import gc
import io
import os
import weakref
from pathlib import Path

import pytest

from dashboard.io.dataset import load_dataset
from dashboard.settings import SETTINGS, Settings
from dashboard.web import sessions as sessions_module
from dashboard.web.callbacks.uploads import UPLOAD_ROUTE
from dashboard.web.sessions import SESSIONS_IN_MEMORY, Sessions
from dashboard.web.uploads import accept_upload, stored_path

HEADER = "event_id,date,date_precision,place,event_type,controller_after,source_title\n"


def one_change(n: int, day: str = "2019-12-01") -> bytes:
    """A distinct one-row table (its id differs), so each gets its own content hash."""
    return (HEADER + f"my-{n},{day},day,Raqqa,control_change,isis,My notes {n}\n").encode()


@pytest.fixture(scope="module")
def bundled():
    return load_dataset(Settings())


def make_sessions(bundled, tmp_path, **values) -> tuple[Sessions, Settings]:
    settings = Settings().with_values(upload_dir=str(tmp_path / "uploads"), **values)
    return Sessions(bundled, settings), settings


def send(sessions: Sessions, settings: Settings, data: bytes, name: str = "mine.csv"):
    gazetteer = sessions.bundled.dataset.gazetteer
    return accept_upload(data, name, settings, gazetteer, check=sessions.check)


def stored(settings: Settings) -> list[str]:
    root = Path(settings.upload_dir)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_the_quota_settings_are_in_the_registry():
    names = {s.name for s in SETTINGS}
    assert {"upload_quota_mb", "upload_quota_files"} <= names


def test_the_file_quota_evicts_the_least_recently_uploaded_first(bundled, tmp_path):
    sessions, settings = make_sessions(bundled, tmp_path, upload_quota_files=2)
    root = tmp_path / "uploads"
    first, second = (send(sessions, settings, one_change(n)).key for n in range(2))
    os.utime(root / second["sha"], (1, 1))  # the second is the older one now
    os.utime(root / first["sha"], (2, 2))
    third = send(sessions, settings, one_change(2)).key
    kept = [k for k in (first, second, third) if stored_path(root, k) is not None]
    assert kept == [first, third]


def test_the_size_quota_evicts_until_the_new_upload_fits(bundled, tmp_path):
    size = len(one_change(0))
    sessions, settings = make_sessions(bundled, tmp_path, upload_quota_mb=2.5 * size / 1e6)
    first = send(sessions, settings, one_change(0)).key
    second = send(sessions, settings, one_change(1)).key
    third = send(sessions, settings, one_change(2)).key
    root = tmp_path / "uploads"
    assert stored_path(root, first) is None
    assert stored_path(root, second) is not None and stored_path(root, third) is not None


def test_an_upload_larger_than_the_quota_is_refused_with_a_line(bundled, tmp_path):
    sessions, settings = make_sessions(bundled, tmp_path, upload_quota_mb=0.00001)
    result = send(sessions, settings, one_change(0))
    assert result.key is None
    assert "upload_quota_mb" in result.message and "Nothing was loaded" in result.message


def test_a_full_disk_gives_a_message_and_leaves_no_part_file(bundled, tmp_path, monkeypatch):
    sessions, settings = make_sessions(bundled, tmp_path)
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd, mode):
            self.file = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def write(self, data):
            self.file.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)
    result = send(sessions, settings, one_change(0))
    assert result.key is None
    assert "disk is full" in result.message
    assert stored(settings) == []


def test_a_rejected_upload_leaves_no_empty_folder(bundled, tmp_path):
    sessions, settings = make_sessions(bundled, tmp_path)
    result = send(sessions, settings, (HEADER + "x,2019-99-01,day,Raqqa,battle,,n\n").encode())
    assert result.key is None and result.problems
    assert stored(settings) == []


def test_loaded_upload_datasets_are_bounded_and_reloaded_on_demand(bundled, tmp_path):
    sessions, settings = make_sessions(bundled, tmp_path)
    sessions_module.forget_sessions()
    keys = [send(sessions, settings, one_change(n)).key for n in range(SESSIONS_IN_MEMORY + 3)]
    alive = [weakref.ref(sessions.session(key).dataset) for key in keys]
    gc.collect()
    assert sum(ref() is not None for ref in alive) <= SESSIONS_IN_MEMORY
    again = sessions.session(keys[0])  # evicted, rebuilt from the stored file
    assert "mine" in again.dataset.table.layers


def test_an_upload_on_a_full_disk_answers_200_with_the_message(tmp_path, monkeypatch):
    """Through the upload route: an answer (no HTTP 500, no "Checking…" for ever)."""
    from dashboard.web.app import create_app

    app = create_app(Settings().with_values(upload_dir=str(tmp_path / "uploads")))

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", full)
    sent = {"file": (io.BytesIO(one_change(0)), "mine.csv")}
    response = app.server.test_client().post(UPLOAD_ROUTE, data=sent)
    answer = response.get_json()
    assert response.status_code == 200
    assert answer["key"] is None and "disk is full" in answer["message"]
    assert not list((tmp_path / "uploads").rglob(".part-*"))


def test_a_check_that_crashes_gives_a_message_and_keeps_nothing(bundled, tmp_path):
    sessions, settings = make_sessions(bundled, tmp_path)

    def crash(path, gazetteer):
        raise IndexError("index 0 is out of bounds")

    gazetteer = sessions.bundled.dataset.gazetteer
    result = accept_upload(one_change(0), "mine.csv", settings, gazetteer, crash)
    assert result.key is None
    assert "could not be checked (index 0 is out of bounds)" in result.message
    assert stored(settings) == []


def test_on_the_arabic_page_the_full_disk_and_the_quota_are_said_in_arabic(tmp_path, monkeypatch):
    from dashboard.web.app import create_app

    settings = Settings().with_values(upload_dir=str(tmp_path / "uploads"))
    client = create_app(settings.with_values(upload_quota_mb=0.00001)).server.test_client()
    sent = {"file": (io.BytesIO(one_change(0)), "mine.csv")}
    quota = client.post(UPLOAD_ROUTE + "?lang=ar", data=sent).get_json()["message"]
    assert "لا يحتفظ الخادم بأكثر من" in quota and "server" not in quota

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", full)
    client = create_app(settings).server.test_client()
    sent = {"file": (io.BytesIO(one_change(0)), "mine.csv")}
    disk = client.post(UPLOAD_ROUTE + "?lang=ar", data=sent).get_json()["message"]
    assert "قرص الخادم ممتلئ" in disk and "disk" not in disk


def test_another_storage_error_names_its_code_in_both_languages(bundled, tmp_path, monkeypatch):
    sessions, settings = make_sessions(bundled, tmp_path)

    def denied(*args, **kwargs):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "fdopen", denied)
    gazetteer = sessions.bundled.dataset.gazetteer
    english = accept_upload(one_change(0), "mine.csv", settings, gazetteer)
    arabic = accept_upload(one_change(0), "mine.csv", settings, gazetteer, lang="ar")
    assert "(Permission denied (EACCES))" in english.message
    assert "خطأ في نظام الملفات (EACCES)" in arabic.message and "Permission" not in arabic.message
