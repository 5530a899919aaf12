"""The watcher rebuilds only when a table's change marker moves, and keeps the data in use when
the edited table is invalid or the database does not answer."""

from __future__ import annotations

import pytest

from dashboard.errors import DataFileError, UsageProblem
from dashboard.settings import Settings
from dashboard.web.reload import Watcher


class FakeWatcher(Watcher):
    """A watcher whose markers are a list the test changes (an item raising: no answer)."""

    def __init__(self, markers: list) -> None:
        self.values = markers
        super().__init__(["postgresql:///x#events"], 1.0)

    def markers(self) -> tuple[str, ...]:
        if isinstance(self.values[0], Exception):
            raise self.values[0]
        return tuple(self.values)


@pytest.fixture
def applied() -> list:
    return []


def test_no_rebuild_happens_while_the_marker_stands_still(applied):
    watcher = FakeWatcher(["version 1"])
    assert not watcher.check(lambda: pytest.fail("rebuilt"), applied.append)
    assert applied == []


def test_a_moved_marker_rebuilds_and_applies_once(applied):
    watcher = FakeWatcher(["version 1"])
    watcher.values[0] = "version 2"
    assert watcher.check(lambda: "new data", applied.append)
    assert not watcher.check(lambda: "again", applied.append)
    assert applied == ["new data"]


def test_an_invalid_edit_keeps_the_data_in_use_until_the_next_edit(applied):
    watcher = FakeWatcher(["version 1"])
    watcher.values[0] = "version 2"

    def invalid():
        raise DataFileError("postgresql:///x#events", "soon is not a date", 7, "date")

    assert not watcher.check(invalid, applied.append)
    assert not watcher.check(lambda: "not retried", applied.append)
    watcher.values[0] = "version 3"
    assert watcher.check(lambda: "fixed", applied.append)
    assert applied == ["fixed"]


def test_a_database_that_does_not_answer_is_tried_again_at_the_next_poll(applied):
    watcher = FakeWatcher(["version 1"])
    watcher.values[0] = UsageProblem("cannot connect")
    assert not watcher.check(lambda: "unreachable", applied.append)
    watcher.values[0] = "version 2"
    assert watcher.check(lambda: "back", applied.append)
    assert applied == ["back"]


def test_files_alone_or_a_zero_interval_need_no_watcher():
    assert Watcher.of(Settings(data=("a.csv",))) is None
    url = ("postgresql:///x#events",)
    assert Watcher.of(Settings(data=url).with_values(db_poll_s=0.0)) is None
