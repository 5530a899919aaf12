"""Small pure steps the callbacks take: reading the controls, a typed date, a searched place."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.core.calendar import Calendar
from dashboard.core.names import did_you_mean
from dashboard.figures.frames import date_frame
from dashboard.io.dataset import Dataset
from dashboard.web.panels import changed_places, compare_summary, explain_click, why_panel
from dashboard.web.state import read_date, state_query, state_view

__all__ = [
    "compare_notice",
    "find_place",
    "is_compare_notice",
    "state_from_controls",
    "step_change",
    "step_frame",
    "typed_date",
]


def state_from_controls(calendar: Calendar, day, compare_on, compare_text, place, layers, lang):
    """The dashboard state (as in the URL) from the control values."""
    compare = None
    if compare_on and compare_text:
        try:
            compare = f"{calendar.clamp(pd.Timestamp(compare_text)):%Y-%m-%d}"
        except (ValueError, TypeError):
            compare = None
    return {
        "date": f"{calendar.date(day):%Y-%m-%d}",
        "compare": compare,
        "place": place or None,
        "layers": list(layers or []),
        "lang": lang or "en",
    }


def typed_date(calendar: Calendar, text: str | None, day: int) -> tuple[int, str]:
    """The slider day of a typed date (clamped), or the current day and a notice."""
    if not text:
        return day, ""
    date = read_date(text)
    if date is None:
        return day, f"{text!r} is not a date; type YYYY-MM-DD."
    clamped = calendar.clamp(date)
    notice = ""
    if clamped != date:
        notice = f"{date:%Y-%m-%d} is outside the data; showing {clamped:%-d %b %Y}."
    return calendar.day(clamped), notice


def step_change(calendar: Calendar, day: int, text: str | None, forward: bool) -> int:
    """The slider day of the next (or previous) change from the shown date, or from the date
    typed in Go to date when it differs (the slider may not have caught up with it yet)."""
    start, _notice = typed_date(calendar, text, day)  # an unreadable text leaves `day`
    return calendar.next_change(start, 1 if forward else -1)


_COMPARE = "Compare date"


def compare_notice(calendar: Calendar, on, text: str | None) -> str:
    """What is wrong with a typed compare date ("" when nothing is): unreadable, or outside
    the data (then clamped, as state_from_controls does)."""
    if not on or not text:
        return ""
    date = read_date(text)
    if date is None:
        return f"{_COMPARE} {text!r} is not a date; type YYYY-MM-DD."
    clamped = calendar.clamp(date)
    if clamped != date:
        return (
            f"Compare date {date:%Y-%m-%d} is outside the data; comparing with {clamped:%-d %b %Y}."
        )
    return ""


def is_compare_notice(notice) -> bool:
    """Whether a shown notice is compare_notice's."""
    return isinstance(notice, str) and notice.startswith(_COMPARE)


def find_place(dataset: Dataset, text: str | None) -> tuple[str | None, str]:
    """The place id for a typed name (any spelling), or None and a suggestion."""
    if not text or not text.strip():
        return None, ""
    place = dataset.gazetteer.lookup(text)
    if place is not None:
        return place, ""
    return None, f"No place called {text!r}{did_you_mean(dataset.gazetteer.suggest(text))}"


def step_frame(dataset: Dataset, state: dict, click: dict | None, window_days: int) -> dict:
    """Everything one date step changes: the map frame, the URL, compare summary, why panel."""
    view = state_view(state)
    frame = date_frame(dataset, view, window_days)
    frame["query"] = state_query(state)
    frame["summary"] = (
        [
            html.Span(compare_summary(dataset, view.compare_date, view.date, view.lang)),
            changed_places(dataset, view.compare_date, view.date, view.lang),
        ]
        if view.compare_date is not None
        else ""
    )
    frame["why"] = why_panel(explain_click(dataset, click, view.date), view.lang)
    return frame
