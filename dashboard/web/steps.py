"""Small pure steps the callbacks take: reading the controls, a typed date, a searched place."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from dash import html

from dashboard.core.calendar import Calendar
from dashboard.core.names import did_you_mean
from dashboard.figures.frames import date_frame
from dashboard.io.dataset import Dataset
from dashboard.web.panels import changed_places, compare_summary, explain_click, why_panel
from dashboard.web.state import read_date, state_query, state_view
from dashboard.web.text import UI, short_date, ui

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


def typed_date(calendar: Calendar, text: str | None, day: int, lang: str = "en") -> tuple[int, str]:
    """The slider day of a typed date (clamped), or the current day and a notice in `lang`."""
    if not text:
        return day, ""
    date = read_date(text)
    if date is None:
        return day, ui("not_a_date", lang, text=text)
    clamped = calendar.clamp(date)
    notice = ""
    if clamped != date:
        notice = ui("outside", lang, date=f"{date:%Y-%m-%d}", shown=short_date(clamped, lang))
    return calendar.day(clamped), notice


def step_change(calendar: Calendar, day: int, text: str | None, forward: bool) -> int:
    """The slider day of the next (or previous) change from the shown date, or from the date
    typed in Go to date when it differs (the slider may not have caught up with it yet)."""
    start, _notice = typed_date(calendar, text, day)  # an unreadable text leaves `day`
    return calendar.next_change(start, 1 if forward else -1)


def compare_notice(calendar: Calendar, on, text: str | None, lang: str = "en") -> str:
    """What is wrong with a typed compare date ("" when nothing is): unreadable, or outside
    the data (then clamped, as state_from_controls does). It starts with "Compare date"."""
    if not on or not text:
        return ""
    date = read_date(text)
    if date is None:
        return ui("compare_not_a_date", lang, text=text)
    clamped = calendar.clamp(date)
    if clamped != date:
        shown = short_date(clamped, lang)
        return ui("compare_outside", lang, date=f"{date:%Y-%m-%d}", shown=shown)
    return ""


def is_compare_notice(notice) -> bool:
    """Whether a shown notice is compare_notice's (in either language)."""
    return isinstance(notice, str) and notice.startswith(
        tuple(words["compare_date"] for words in UI.values())
    )


def find_place(dataset: Dataset, text: str | None, lang: str = "en") -> tuple[str | None, str]:
    """The place id for a typed name (any spelling), or None and a suggestion in `lang`."""
    if not text or not text.strip():
        return None, ""
    gazetteer = dataset.gazetteer
    place = gazetteer.lookup(text)
    if place is not None:
        return place, ""
    names = [gazetteer.name(name, lang) for name in gazetteer.suggest(text)]
    return None, ui("no_place", lang, text=text, hint=did_you_mean(names, lang=lang))


def frame_base(held: object, data: str) -> str | None:
    """The date of the frame the browser holds (`held`, ids.FRAME_BASE), if it holds `data`;
    None (send a full frame) for anything else, malformed or not."""
    if not isinstance(held, dict) or held.get("data") != data:
        return None
    try:
        return f"{pd.Timestamp(str(held.get('date'))):%Y-%m-%d}"
    except (ValueError, TypeError, OverflowError):
        return None


def step_frame(
    dataset: Dataset,
    state: dict,
    click: dict | None,
    window_days: int,
    held: object = None,
    key: dict | None = None,
) -> dict:
    """Everything one date step changes: the map frame (a delta from the frame the browser
    holds), the URL, compare summary, why panel."""
    view = state_view(state)
    data = f"{(key or {}).get('sha', '') if isinstance(key, dict) else ''}|{view.lang}"
    frame = date_frame(dataset, view, window_days, frame_base(held, data))
    frame["data"] = data  # what the rows depend on besides the date: the data, the language
    frame["query"] = state_query(state)
    frame["summary"] = (
        [
            html.Span(compare_summary(dataset, view.compare_date, view.date, view.lang)),
            changed_places(dataset, view.compare_date, view.date, view.lang),
        ]
        if view.compare_date is not None
        else ""
    )
    explanation = explain_click(dataset, click, view.date)
    frame["why"] = why_panel(explanation, view.lang, dataset.gazetteer)
    frame["ahead"] = []  # while playing: the next dates, each a delta from the one before
    for date in frame_ahead(held, view.date) if frame["base"] is not None else ():
        later = date_frame(
            dataset,
            replace(view, date=date),
            window_days,
            frame["ahead"][-1]["date"] if frame["ahead"] else frame["date"],
        )
        frame["ahead"].append({**later, "data": data})
    return frame


MAX_AHEAD = 4  # frames one answer brings ahead while playing


def frame_ahead(held: object, after: pd.Timestamp) -> list[pd.Timestamp]:
    """The dates the playing map asks for beyond the slider's (ids.FRAME_BASE "ahead"): at
    most MAX_AHEAD, each later than the one before; anything malformed is left out."""
    dates: list[pd.Timestamp] = []
    asked = held.get("ahead") if isinstance(held, dict) else None
    for text in asked if isinstance(asked, list) else []:
        try:
            date = pd.Timestamp(str(text)).normalize()
        except (ValueError, TypeError, OverflowError):
            break
        if date is pd.NaT or date <= (dates[-1] if dates else after) or len(dates) == MAX_AHEAD:
            break
        dates.append(date)
    return dates
