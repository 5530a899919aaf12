"""Values computed once per loaded model and gazetteer (the map's drawing data, the trend),
kept while the model lives, and handed in whole by the cache on disk (`snapshot`, `restore`)."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable

__all__ = ["PerModel", "restore", "snapshot"]

_MEMOS: dict[str, PerModel] = {}
_MISSING = object()


class PerModel:
    """`build(model, gazetteer)`, computed once per pair (by identity)."""

    def __init__(self, name: str, build: Callable) -> None:
        self.name, self.build = name, build
        self._values: dict[tuple[int, int], object] = {}
        self._lock = threading.Lock()
        _MEMOS[name] = self

    def __call__(self, model, gazetteer):
        value = self._values.get((id(model), id(gazetteer)), _MISSING)
        if value is _MISSING:
            value = self.build(model, gazetteer)
            self.keep(model, gazetteer, value)
        return value

    def keep(self, model, gazetteer, value) -> None:
        """Hold `value` as this pair's (forgotten when the model is)."""
        key = (id(model), id(gazetteer))
        with self._lock:
            if key not in self._values:
                weakref.finalize(model, self._values.pop, key, None)
            self._values[key] = value


def snapshot(model, gazetteer) -> dict[str, object]:
    """Every value computed so far for this pair, by memo name."""
    key = (id(model), id(gazetteer))
    found = {name: memo._values.get(key, _MISSING) for name, memo in _MEMOS.items()}
    return {name: value for name, value in found.items() if value is not _MISSING}


def restore(values: dict[str, object], model, gazetteer) -> None:
    """Hand in what a snapshot took (of an equal pair, e.g. read back from disk)."""
    for name, value in values.items():
        if name in _MEMOS:
            _MEMOS[name].keep(model, gazetteer, value)
