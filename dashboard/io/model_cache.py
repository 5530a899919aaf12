"""The precomputed model on disk: what a server builds from its tables (validated events, the
control model, the map's drawing data), kept in a file named by a hash of everything it was
built from, so the next start reads it back instead of building it again.

The key covers the bytes of every --data file, the shipped geodata, the settings the model
depends on, the code that builds it and the library versions; change any of them and the
model is built afresh. Entries are pickles, so the folder is the user's own (mode 0700): a
cache in a shared folder could be swapped for something else.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import pickle
import platform
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import shapely

from dashboard.io.paths import GEODATA_DIR
from dashboard.io.postgis import SharedCache, is_database
from dashboard.settings import Settings

__all__ = [
    "FileCache",
    "cache_key",
    "default_cache_dir",
    "load_cached",
    "model_cache",
    "store_cached",
]

_log = logging.getLogger(__name__)
_ENTRIES = 4  # models kept; the least recently used go first
_PACKAGE = Path(__file__).resolve().parents[1]
_CODE = ("core", "io", "figures")  # the code a cached model is built by


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/syria-control-map, or ~/.cache/syria-control-map."""
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "syria-control-map"


class FileCache:
    """Bytes by key in a folder of the user's own, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def open(self, key: str) -> BinaryIO | None:
        """The entry as an open file (read as a stream: a large model is never held twice)."""
        path = self._path(key)
        try:
            if path.stat().st_uid != os.getuid() or path.parent.stat().st_mode & 0o022:
                return None  # not ours, or a folder others can write to
            os.utime(path)
            return path.open("rb")
        except OSError:
            return None

    def get(self, key: str) -> bytes | None:
        stream = self.open(key)
        if stream is None:
            return None
        with stream:
            return stream.read()

    def put(self, key: str, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, self._path(key))
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        entries = sorted(self.folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-_ENTRIES]:
            old.unlink(missing_ok=True)


def _digest_files(digest, paths) -> None:
    for path in paths:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())


def cache_key(settings: Settings) -> str | None:
    """The hash a model built from `settings` is kept under; None when a table is not a
    file (a database table has its own change marker)."""
    digest = hashlib.sha256()
    for source in settings.data:
        path = Path(source)
        if "://" in str(source) or not path.is_file():
            return None
        with path.open("rb") as data:
            digest.update(str(path.resolve()).encode())
            for block in iter(lambda data=data: data.read(1 << 20), b""):
                digest.update(block)
    geodata = sorted(p for p in GEODATA_DIR.iterdir() if p.is_file() and p.suffix != ".py")
    _digest_files(digest, geodata)
    for stage in _CODE:
        _digest_files(digest, sorted((_PACKAGE / stage).rglob("*.py")))
    _digest_files(digest, [_PACKAGE / "settings.py"])
    versions = (
        sys.version,
        platform.machine(),
        np.__version__,
        pd.__version__,
        shapely.__version__,
    )
    digest.update(repr((versions, settings.reach_km, settings.layer)).encode())
    return digest.hexdigest()[:32]


def model_cache(settings: Settings) -> FileCache | SharedCache | None:
    """The cache the settings name (cache_dir; "off" for none); with a postgresql:// `store`,
    the store's table, shared by every host."""
    folder = str(settings.cache_dir or "")
    if folder == "off":
        return None
    if is_database(str(settings.store or "")):
        return SharedCache(str(settings.store), _ENTRIES)
    return FileCache(Path(folder) if folder else default_cache_dir())


def load_cached(cache: FileCache | None, key: str | None):
    """The object kept under `key`, or None (missing, unreadable, or from another version)."""
    if cache is None or key is None:
        return None
    stream = cache.open(key) if hasattr(cache, "open") else None
    if stream is None:
        data = cache.get(key)
        stream = io.BytesIO(data) if data is not None else None
    if stream is None:
        return None
    try:
        with stream:
            return pickle.load(stream)
    except Exception:  # a torn or foreign file: build afresh, and overwrite it
        _log.warning("the cached model %s could not be read; building it again", key)
        return None


def store_cached(cache: FileCache | None, key: str | None, value) -> None:
    """Keep `value` under `key`; a cache that cannot be written is skipped with a warning."""
    if cache is None or key is None:
        return
    try:
        cache.put(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as exc:
        _log.warning("the model cache %s could not be written: %s", cache.folder, exc)
