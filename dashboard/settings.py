"""Every tunable setting, declared once: the CLI, the app and the README all read this registry."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

__all__ = ["SETTINGS", "Setting", "Settings"]


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default and a line of help."""

    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("reach_km", 40.0, "How far (km) a locality's zone reaches; farther is 'no data'."),
    Setting("event_window_days", 30, "Days either side of the chosen date in the event list."),
    Setting("max_upload_mb", 25, "Largest file (MB) the dashboard accepts as an upload."),
    Setting("play_interval_ms", 200, "Milliseconds between dates when the map plays."),
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
