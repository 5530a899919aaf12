"""Files visitors upload: size-checked, validated, then stored on disk by content hash.

The file arrives as itself (multipart, the upload route in web/app.py), never as base64. The
browser keeps only the key (`{"sha": ..., "name": ...}`, about 100 bytes); any server worker
finds the file again at `<upload dir>/<sha256 of the bytes>/<safe file name>`, so workers share
nothing but that folder. A key from the browser is never trusted as a path: it must name a
stored file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from dashboard.core.gazetteer import Gazetteer
from dashboard.errors import Problem, UsageProblem
from dashboard.io.events import check_file
from dashboard.io.messages import Said, say
from dashboard.io.postgis import BlobStore, is_database
from dashboard.settings import Settings
from dashboard.web.text import ui

__all__ = [
    "UPLOAD_SUFFIXES",
    "Upload",
    "accept_upload",
    "content_limit",
    "restore_upload",
    "share_upload",
    "size_message",
    "stored_path",
    "upload_limit",
    "upload_root",
    "upload_store",
]

UPLOAD_SUFFIXES = (".csv", ".tsv", ".txt", ".geojson", ".json", ".gpkg", ".parquet", ".geoparquet")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_NAME_MOST = 80  # characters of a file name kept in the key (the browser holds the key)
_log = logging.getLogger(__name__)
_STALE_SECONDS = 3600  # a temporary file this old was left by a worker that died


@dataclass(frozen=True)
class Upload:
    """The outcome of one upload: the key to keep (None if refused), what was found, a line."""

    key: dict | None
    problems: tuple[Problem, ...]
    message: str


def upload_root(settings: Settings) -> Path:
    """The folder uploads are stored in (the `upload_dir` setting, or one in the temp dir)."""
    folder = str(settings.upload_dir or "")
    return Path(folder) if folder else Path(tempfile.gettempdir()) / "syria-map-uploads"


def upload_limit(settings: Settings) -> int:
    """The largest upload, in bytes (the `max_upload_mb` setting)."""
    return int(float(settings.max_upload_mb) * 1e6)


def content_limit(settings: Settings) -> int:
    """Largest request body (bytes) worth reading: the upload limit, plus 1 MB of slack for the
    form's headers and the page's own (small) requests."""
    return upload_limit(settings) + 1_000_000


def size_message(name: str, size: int, limit_mb: float, lang: str = "en") -> str:
    """The one line for a file over the limit (the page says it too, before sending)."""
    return ui("upload_too_large", lang, name=name, size=f"{size / 1e6:.1f}", limit=f"{limit_mb:g}")


def _safe_name(name: str) -> str:
    stem, suffix = os.path.splitext(os.path.basename(name or ""))
    stem = _UNSAFE.sub("_", stem).strip("._") or "upload"
    return f"{stem[:80]}{suffix.lower()}"


def stored_path(root: Path, key: dict | None) -> Path | None:
    """The stored file a browser's key names, or None if the key is malformed or unknown."""
    if not isinstance(key, dict):
        return None
    sha, name = str(key.get("sha", "")), str(key.get("name", ""))
    if not _SHA.match(sha) or Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        return None
    path = root / sha / _safe_name(name)
    return path if path.is_file() else None


class StoreFull(Exception):
    """The upload cannot be kept: the disk is full, or it alone exceeds the quota."""

    def __init__(self, said: Said) -> None:
        self.said = said
        super().__init__(str(said))


def _folders(root: Path) -> list[tuple[float, int, Path]]:
    """(last use, bytes, folder) of every stored upload, oldest first; stale temp files go."""
    found = []
    for folder in root.iterdir() if root.is_dir() else ():
        if not (folder.is_dir() and _SHA.match(folder.name)):
            continue
        size = 0
        for item in folder.iterdir():
            try:
                stat = item.stat()
            except OSError:
                continue
            if item.name.startswith(".part-") and time.time() - stat.st_mtime > _STALE_SECONDS:
                item.unlink(missing_ok=True)  # left by a worker that died mid-write
            else:
                size += stat.st_size
        found.append((folder.stat().st_mtime, size, folder))
    return sorted(found)


def _make_room(root: Path, size: int, keep: Path, settings: Settings) -> None:
    """Evict the least recently used uploads until one of `size` bytes fits the quota."""
    quota = float(settings.upload_quota_mb) * 1e6
    most = int(settings.upload_quota_files)
    if size > quota or most < 1:
        raise StoreFull(Said("over_quota", (("quota", f"{quota / 1e6:g}"),)))
    stored = [entry for entry in _folders(root) if entry[2] != keep]
    total = sum(entry[1] for entry in stored)
    while stored and (total + size > quota or len(stored) + 1 > most):
        _, used, folder = stored.pop(0)
        shutil.rmtree(folder, ignore_errors=True)
        total -= used


def _remove(path: Path) -> None:
    """Remove a stored file and its folder if that leaves it empty."""
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        path.parent.rmdir()


def _store(root: Path, data: bytes, name: str, settings: Settings) -> Path:
    """Write the bytes to their content-addressed place (atomically; kept if already there).

    Raises StoreFull on a full disk (ENOSPC, EDQUOT) or an upload larger than the quota; no
    temporary file or empty folder is left behind."""
    sha = hashlib.sha256(data).hexdigest()
    path = root / sha / _safe_name(name)
    if path.is_file():
        os.utime(path.parent)  # the quota evicts the least recently used first
        return path
    root.mkdir(parents=True, exist_ok=True)
    _make_room(root, len(data), path.parent, settings)
    tmp = None
    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            path.parent.rmdir()
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StoreFull(Said("disk_full")) from None
        raise
    return path


def _code(exc: OSError) -> str:
    """The error's symbol ('EACCES'), the same in every language."""
    return errno.errorcode.get(exc.errno or 0, type(exc).__name__)


def _short(name: str) -> str:
    """The file name the key keeps: at most _NAME_MOST characters, its suffix kept."""
    stem, suffix = os.path.splitext(name)
    return name if len(name) <= _NAME_MOST else stem[: _NAME_MOST - len(suffix)] + suffix


def accept_upload(
    data: bytes | None,
    name: str | None,
    settings: Settings,
    gazetteer: Gazetteer,
    check=None,
    lang: str = "en",
) -> Upload:
    """Check an upload's bytes (None: no file came) for size, format and rows; keep it only if
    it has no errors.

    `check(path, gazetteer)` validates (default `check_file`; the dashboard passes a memoised
    one so the session's dataset does not validate the file twice); the message is in `lang`.
    """
    name = _short(os.path.basename(name or "upload"))
    if not data:
        return Upload(None, (), ui("upload_unreadable", lang, name=name))
    if len(data) > upload_limit(settings):
        limit_mb = float(settings.max_upload_mb)
        return Upload(None, (), size_message(name, len(data), limit_mb, lang))
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        known = ", ".join(UPLOAD_SUFFIXES)
        return Upload(None, (), ui("upload_unknown_type", lang, name=name, known=known))
    try:
        path = _store(upload_root(settings), data, name, settings)
    except StoreFull as exc:
        reason = exc.said.text(lang)
        return Upload(None, (), ui("upload_not_kept", lang, name=name, reason=reason))
    except OSError as exc:
        reason = say("os_error", lang, reason=exc.strerror or type(exc).__name__, code=_code(exc))
        return Upload(None, (), ui("upload_not_stored", lang, name=name, reason=reason))
    try:
        result = (check or check_file)(path, gazetteer)
    except Exception as exc:  # a reader's bug must not leave the page "Checking…" for ever
        _log.exception("checking the upload %s failed", name)
        _remove(path)
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        return Upload(None, (), ui("upload_not_checked", lang, name=name, reason=reason))
    problems = tuple(dataclasses.replace(p, file=name) for p in result.problems)
    if result.table is None:
        _remove(path)
        errors = len(result.errors)
        return Upload(None, problems, ui("upload_not_loaded", lang, name=name, errors=errors))
    key = {"sha": path.parent.name, "name": name}
    try:
        share_upload(path, settings)  # other hosts find it in the shared store
    except UsageProblem as exc:
        _remove(path)
        return Upload(None, problems, ui("upload_not_stored", lang, name=name, reason=exc))
    rows = f"{len(result.table):,}"
    return Upload(key, problems, ui("upload_loaded", lang, name=name, rows=rows))


def upload_store(settings: Settings) -> BlobStore | None:
    """The database every host keeps uploads in (the `store` setting), or None: the folder."""
    store = str(settings.store or "")
    if store and not is_database(store):
        raise UsageProblem(f"store: {store!r} is not a postgresql:// URL (empty: upload_dir)")
    return BlobStore(store, "upload") if store else None


def share_upload(path: Path, settings: Settings) -> None:
    """Put a kept upload in the shared store (if any), keyed as the folder keeps it."""
    store = upload_store(settings)
    if store is not None:
        quota = float(settings.upload_quota_mb) * 1e6
        most = int(settings.upload_quota_files)
        store.put(f"{path.parent.name}/{path.name}", path.read_bytes(), quota, most)


def restore_upload(root: Path, key: dict | None, settings: Settings) -> Path | None:
    """The stored file a key names; one this host lacks is fetched from the shared store
    (checked against its hash) into the folder first."""
    path = stored_path(root, key)
    if path is not None or not isinstance(key, dict) or not settings.store:
        return path
    store = upload_store(settings)
    sha, name = str(key.get("sha", "")), str(key.get("name", ""))
    if not _SHA.match(sha) or Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        return None
    try:
        data = store.get(f"{sha}/{_safe_name(name)}")
        if data is None or hashlib.sha256(data).hexdigest() != sha:
            return None
        _store(root, data, name, settings)
    except (UsageProblem, StoreFull, OSError) as exc:
        _log.warning("syria-map: cannot fetch the upload %s from the store: %s", sha[:12], exc)
        return None
    return stored_path(root, key)
