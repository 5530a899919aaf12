"""Every tunable setting, declared once: the CLI, the app and the README all read this registry."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

__all__ = [
    "DATA_VARIABLE",
    "ENV_PREFIX",
    "SETTINGS",
    "Setting",
    "Settings",
    "from_environ",
    "to_environ",
    "worker_environ",
    "worker_settings",
]

ENV_PREFIX = "SYRIA_MAP_"  # SYRIA_MAP_MAX_UPLOAD_MB=5 sets max_upload_mb
DATA_VARIABLE = "SYRIA_MAP_DATA"  # the --data tables of a server, for its worker processes


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default and a line of help."""

    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "reach_km",
        40.0,
        "How far (km) a locality's own zone reaches; land farther away takes its nearest "
        "locality's colour, drawn lighter as inferred.",
    ),
    Setting(
        "event_window_days",
        30,
        "Days before the chosen date whose events the map draws and the list shows first.",
    ),
    Setting("max_upload_mb", 25.0, "Largest file (MB) the dashboard accepts as an upload."),
    Setting(
        "upload_dir",
        "",
        "Folder for uploaded files, named by content hash (empty: syria-map-uploads in the "
        "system temp folder); workers of one server must share it.",
    ),
    Setting(
        "upload_quota_mb",
        500.0,
        "Most MB the upload folder holds; the least recently uploaded files go first.",
    ),
    Setting(
        "upload_quota_files",
        200,
        "Most uploaded files kept in the upload folder; the least recently uploaded go first.",
    ),
    Setting(
        "layer",
        "",
        "GeoPackage layer to read from each --data file (empty: every layer, and a note "
        "names them).",
    ),
    Setting(
        "play_interval_ms",
        50,
        "Milliseconds between dates when the map plays (50: 20 dates a second, or as fast as "
        "the browser draws).",
    ),
    Setting(
        "cache_dir",
        "",
        "Folder of the precomputed models, keyed by a hash of the data, so a restart on the "
        "same data skips building (empty: ~/.cache/syria-control-map; off: no cache).",
    ),
    Setting(
        "db_poll_s",
        30.0,
        "Seconds between checks of a postgresql:// --data table for edits; a change is "
        "reloaded in the background, without a restart (0: never).",
    ),
    Setting(
        "store",
        "",
        "Where uploads and the precomputed models are kept: empty for the upload_dir and "
        "cache_dir folders, or postgresql://… (a table in that database) so every host "
        "behind a load balancer shares them.",
    ),
)


@dataclass(frozen=True)
class Settings:
    """Settings for one run: the data files plus the registry's values."""

    data: tuple[str, ...] = ()
    values: dict[str, object] = field(default_factory=lambda: {s.name: s.default for s in SETTINGS})

    def __getattr__(self, name: str) -> object:
        values = object.__getattribute__(self, "values")
        if name in values:
            return values[name]
        raise AttributeError(name)

    def with_values(self, **changes: object) -> Settings:
        """A copy with some values changed; unknown names are an error."""
        unknown = set(changes) - {s.name for s in SETTINGS}
        if unknown:
            raise KeyError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, values={**self.values, **changes})


def from_environ(settings: Settings, environ: Mapping[str, str]) -> Settings:
    """`settings` with the values that SYRIA_MAP_<NAME> variables give (typed as the default)."""
    changes = {}
    for setting in SETTINGS:
        text = environ.get(ENV_PREFIX + setting.name.upper())
        if text is not None and text != "":
            changes[setting.name] = type(setting.default)(text)
    return settings.with_values(**changes)


def to_environ(settings: Settings) -> dict[str, str]:
    """The SYRIA_MAP_<NAME> variables that `from_environ` reads back as `settings`."""
    return {ENV_PREFIX + name.upper(): str(value) for name, value in settings.values.items()}


def worker_environ(settings: Settings) -> dict[str, str]:
    """The SYRIA_MAP_* variables that give a server's worker process exactly these settings.

    The tables are joined by the path separator, or written as a JSON list when one holds it
    (a postgresql:// URL does)."""
    data = os.pathsep.join(settings.data)
    if any(os.pathsep in p or p.startswith("[") for p in settings.data):
        data = json.dumps(list(settings.data))
    return {**to_environ(settings), DATA_VARIABLE: data}


def worker_settings(environ: Mapping[str, str]) -> Settings:
    """The settings `worker_environ` wrote (read by each server process)."""
    text = environ.get(DATA_VARIABLE, "")
    listed = json.loads(text) if text.startswith("[") else text.split(os.pathsep)
    data = tuple(str(p) for p in listed if p)
    return from_environ(Settings(data=data), environ)
