"""The dashboard's calendar: slider positions (days since the coverage start) and dates."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Calendar", "calendar"]


@dataclass(frozen=True)
class Calendar:
    """The coverage as slider days, and the days on which control changed."""

    start: pd.Timestamp
    end: pd.Timestamp
    change_days: np.ndarray  # sorted slider days with at least one control_change

    @property
    def last_day(self) -> int:
        return int((self.end - self.start).days)

    def date(self, day: int | None) -> pd.Timestamp:
        """The date of a slider day, clamped to the coverage."""
        day = self.last_day if day is None else int(day)
        return self.start + pd.Timedelta(days=min(max(day, 0), self.last_day))

    def day(self, date: pd.Timestamp) -> int:
        return int((pd.Timestamp(date) - self.start).days)

    def clamp(self, date: pd.Timestamp) -> pd.Timestamp:
        return min(max(pd.Timestamp(date), self.start), self.end)

    def next_change(self, day: int, direction: int) -> int:
        """The nearest day with a change of control after (1) or before (-1) `day`."""
        days = self.change_days
        if direction > 0:
            later = days[days > day]
            return int(later[0]) if len(later) else day
        earlier = days[days < day]
        return int(earlier[-1]) if len(earlier) else day

    def marks(self, lang: str = "en") -> dict[int, dict]:
        """Slider marks: every year labelled, every month a tick (in English April, July and
        October are named too; Arabic month names are too long for the gaps)."""
        marks: dict[int, dict] = {}
        for month in pd.date_range(self.start, self.end, freq="MS"):
            if month.month == 1:
                label = f"{month:%Y}"
            else:
                named = lang == "en" and month.month in (4, 7, 10)
                label = f"{month:%b}" if named else "·"
            marks[self.day(month)] = {"label": label}
        marks.setdefault(0, {"label": f"{self.start:%Y}"})
        return marks


def calendar(coverage: tuple[object, object], events: pd.DataFrame) -> Calendar:
    """The calendar of a coverage (first, last date) and its events' changes of control."""
    start, end = (pd.Timestamp(d).normalize() for d in coverage)
    changes = events.loc[events["event_type"] == "control_change", "date"]
    days = np.unique(((changes - start).dt.days).to_numpy())
    return Calendar(start, end, days[(days >= 0)].astype(np.int64))
