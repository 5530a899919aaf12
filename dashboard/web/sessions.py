"""Each browser session's data: the server's tables, plus the visitor's upload as a layer.

A session is named by its upload key (None: the server's data alone). Any worker rebuilds a
session from the stored file and memoises it by the file's content hash; a built session is
never changed, so every worker gives the same answer for the same key. Only the
SESSIONS_IN_MEMORY most recently used upload sessions stay loaded in a process (an uploaded
table can take hundreds of MB once modelled); an evicted one is rebuilt from its file on demand.
A server over a database table swaps in a new server session when the table is edited
(web/reload.py); an upload this host has not stored is fetched from the shared `store`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dashboard.core.calendar import Calendar, calendar
from dashboard.figures.geometry import _ByIdentity
from dashboard.io.dataset import Dataset, model_for
from dashboard.io.events import add_layer, check_file, layer_labels
from dashboard.io.validate import ValidationResult
from dashboard.settings import Settings
from dashboard.web.uploads import restore_upload, upload_root, upload_store

__all__ = ["SESSIONS_IN_MEMORY", "Session", "Sessions", "checked", "forget_sessions"]

SESSIONS_IN_MEMORY = 3  # upload sessions a process keeps loaded (the figure caches hold 4)


@dataclass(frozen=True)
class Session:
    """One session's dataset, its slider calendar and each layer's label (file name)."""

    dataset: Dataset
    calendar: Calendar
    labels: dict[str, str]


@lru_cache(maxsize=2)  # only between an upload's check and its session's build
def _checked(path: str, gazetteer: _ByIdentity) -> ValidationResult:
    return check_file(path, gazetteer.model)


def checked(path: str | Path, gazetteer) -> ValidationResult:
    """`check_file`, memoised by path: stored uploads are named by content, so never stale."""
    return _checked(str(path), _ByIdentity(gazetteer))


@lru_cache(maxsize=SESSIONS_IN_MEMORY)
def _with_upload(base: _ByIdentity, path: str, name: str, reach_km: float) -> Session:
    """The base session plus the stored upload at `path` as one more layer."""
    bundled: Session = base.model
    gazetteer = bundled.dataset.gazetteer
    result = checked(path, gazetteer)
    if result.table is None:  # stored files were valid when kept; a changed validator may differ
        return bundled
    layer = Path(name).stem
    if layer in bundled.dataset.table.layers:
        layer = f"upload-{layer}"
    table = add_layer(bundled.dataset.table, result.table, layer)
    dataset = Dataset(gazetteer, table, model_for(table, gazetteer, reach_km))
    return Session(
        dataset,
        _calendar(dataset),
        {**bundled.labels, layer: name},
    )


def forget_sessions() -> None:
    """Drop every loaded upload session and check (they reload from their files on demand)."""
    _with_upload.cache_clear()
    _checked.cache_clear()


class Sessions:
    """Finds the session of an upload key; holds only read-only data."""

    def __init__(self, dataset: Dataset, settings: Settings) -> None:
        self.bundled = Session(dataset, _calendar(dataset), layer_labels(settings.data))
        self.root = upload_root(settings)
        self.reach_km = float(settings.reach_km)
        self.settings = settings
        upload_store(settings)  # a bad store URL fails now, not at the first upload

    def over(self, dataset: Dataset) -> Session:
        """The server's session over another dataset (its database table was edited)."""
        return Session(dataset, _calendar(dataset), self.bundled.labels)

    def replace(self, session: Session) -> None:
        """Serve `session` from now on; upload sessions are rebuilt over it, since they are
        memoised by the server's session."""
        self.bundled = session

    def session(self, key: dict | None) -> Session:
        """The session a key names; the server's data alone for None or an unknown key."""
        path = restore_upload(self.root, key, self.settings)
        if path is None:
            return self.bundled
        return _with_upload(_ByIdentity(self.bundled), str(path), str(key["name"]), self.reach_km)

    def dataset_for(self, key: dict | None) -> Dataset:
        """The dataset every map, panel, trend and export callback of the session uses."""
        return self.session(key).dataset

    def check(self, path: Path, gazetteer) -> ValidationResult:
        """Validate a stored upload (memoised, so building its session does not redo it)."""
        return checked(path, gazetteer)


def _calendar(dataset: Dataset) -> Calendar:
    return calendar(dataset.table.coverage, dataset.model.events)
