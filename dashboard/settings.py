"""Every tunable setting, declared once: the CLI, the app and the README all read this registry."""

from __future__ import annotations

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
    Setting("play_interval_ms", 125, "Milliseconds between dates when the map plays."),
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
    """The SYRIA_MAP_* variables that give a server's worker process exactly these settings."""
    return {**to_environ(settings), DATA_VARIABLE: os.pathsep.join(settings.data)}


def worker_settings(environ: Mapping[str, str]) -> Settings:
    """The settings `worker_environ` wrote (read by each server process)."""
    data = tuple(p for p in environ.get(DATA_VARIABLE, "").split(os.pathsep) if p)
    return from_environ(Settings(data=data), environ)
