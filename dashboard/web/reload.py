"""Keep a server's data current when its --data tables live in PostgreSQL.

Every `db_poll_s` seconds a daemon thread reads the tables' change markers (one tiny query
each); when one moved it rebuilds the dataset beside the one in use and hands it over, so
requests never wait for a rebuild and no restart is needed. The marker is read before the
data, so an edit made during a rebuild is seen at the next poll. An edit that leaves the table
invalid, or a database that does not answer, is logged and the data in use stay.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from dashboard.errors import DataFileError, UsageProblem
from dashboard.io.postgis import change_marker, is_database
from dashboard.settings import Settings

__all__ = ["Watcher"]

_log = logging.getLogger(__name__)


class Watcher:
    """Polls the database sources of `settings`; `start` hands each rebuilt dataset on."""

    def __init__(self, sources: list[str], interval_s: float) -> None:
        self.sources = sources
        self.interval_s = interval_s
        self.seen = self.markers()
        self._stop = threading.Event()

    @classmethod
    def of(cls, settings: Settings) -> Watcher | None:
        """A watcher over the settings' database tables; None without any, or with polling off."""
        sources = [d for d in settings.data if is_database(d)]
        interval = float(settings.db_poll_s)
        return cls(sources, interval) if sources and interval > 0 else None

    def markers(self) -> tuple[str, ...]:
        return tuple(change_marker(source) for source in self.sources)

    def check(self, rebuild: Callable[[], object], apply: Callable[[object], None]) -> bool:
        """One poll: rebuild and apply if a table changed since the last; True if applied."""
        try:
            markers = self.markers()
        except UsageProblem as exc:
            _log.warning("syria-map: cannot check the database for edits: %s", exc)
            return False
        if markers == self.seen:
            return False
        try:
            dataset = rebuild()
        except (UsageProblem, DataFileError) as exc:
            _log.warning("syria-map: the edited table was not loaded (the last stays): %s", exc)
            self.seen = markers  # wait for the next edit, which may fix it
            return False
        apply(dataset)
        self.seen = markers
        _log.warning("syria-map: reloaded the edited data (%s)", ", ".join(markers))
        return True

    def start(self, rebuild: Callable[[], object], apply: Callable[[object], None]) -> None:
        """Poll in a daemon thread until `stop`."""

        def loop() -> None:
            while not self._stop.wait(self.interval_s):
                try:
                    self.check(rebuild, apply)
                except Exception:  # the thread must outlive a bug in one rebuild
                    _log.exception("syria-map: reloading the data failed")

        threading.Thread(target=loop, name="syria-map-db-poll", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
