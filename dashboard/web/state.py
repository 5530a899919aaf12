"""The shareable view in the URL: query string <-> the dashboard's state.

State is a small JSON-able dict kept in the browser: date, compare, place, layers, lang.
Reading a URL never fails: a bad date is clamped to the coverage and an unknown place is
dropped, each with a notice for the page to show.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qs, urlencode

import pandas as pd

from dashboard.core.calendar import Calendar
from dashboard.core.layers import DASHBOARD_LAYERS, LAYER_KEYS
from dashboard.core.names import did_you_mean
from dashboard.core.view import MapView
from dashboard.io.dataset import Dataset
from dashboard.web.text import short_date, ui

__all__ = ["parse_query", "read_date", "read_view", "state_query", "state_view", "with_view"]


def read_date(text: str) -> pd.Timestamp | None:
    """A typed or linked date at midnight; None when unreadable, blank or "NaT"."""
    try:
        date = pd.Timestamp(str(text).strip())
    except (ValueError, TypeError, OverflowError):
        return None
    return None if pd.isna(date) else date.normalize()


def _date(text: str | None, calendar: Calendar, what: str, notices: list[str], lang: str):
    """A date from the URL, clamped to the coverage; None when absent or unreadable."""
    if not text:
        return None
    what = ui(what, lang)
    date = read_date(text)
    if date is None:
        notices.append(ui("link_not_a_date", lang, what=what, text=text))
        return None
    clamped = calendar.clamp(date)
    if clamped != date:
        start, end, shown = (short_date(d, lang) for d in (calendar.start, calendar.end, clamped))
        found = {"what": what, "date": f"{date:%Y-%m-%d}", "shown": shown}
        notices.append(ui("link_outside", lang, start=start, end=end, **found))
    return clamped


def parse_query(search: str | None, dataset: Dataset, calendar: Calendar):
    """The state a URL query asks for, and notices (in its language) about what had to be
    corrected."""
    query = {
        k: v[-1] for k, v in parse_qs((search or "").lstrip("?"), keep_blank_values=True).items()
    }
    lang = "ar" if query.get("lang") == "ar" else "en"
    notices: list[str] = []
    date = _date(query.get("date"), calendar, "the_date", notices, lang) or calendar.end
    compare = _date(query.get("compare"), calendar, "the_compare_date", notices, lang)
    place = None
    if query.get("place"):
        gazetteer = dataset.gazetteer
        place = gazetteer.lookup(query["place"])
        if place is None:
            names = [gazetteer.name(name, lang) for name in gazetteer.suggest(query["place"])]
            hint = did_you_mean(names, lang=lang)
            notices.append(ui("link_place", lang, text=query["place"], hint=hint))
    layers = list(DASHBOARD_LAYERS)
    if "layers" in query:
        layers = [name for name in query["layers"].split(",") if name in LAYER_KEYS]
    view = read_view(query.get("view"))
    if query.get("view") and view is None:
        notices.append(ui("link_view", lang, text=query["view"]))
    state = {
        "date": f"{date:%Y-%m-%d}",
        "compare": f"{compare:%Y-%m-%d}" if compare is not None else None,
        "place": place,
        "layers": layers,
        "lang": lang,
    }
    if view is not None:  # only a panned or zoomed map's link has one
        state["view"] = list(view)
    return state, notices


def read_view(text: str | None) -> tuple[float, float, float, float] | None:
    """The map's shown extent from the URL ("west,south,east,north" in degrees), or None."""
    try:
        west, south, east, north = (float(v) for v in str(text or "").split(","))
    except ValueError:
        return None
    ok = -180 <= west < east <= 180 and -85 <= south < north <= 85
    return (west, south, east, north) if ok else None


def with_view(view: MapView, extent) -> MapView:
    """The MapView showing the panned or zoomed extent of the map (ids.VIEW), if any."""
    extent = read_view(",".join(map(str, extent))) if extent else None
    return replace(view, bbox=extent) if extent else view


def state_query(state: dict) -> str:
    """The URL query ("?date=...") of a state; defaults are left out."""
    query = {"date": state["date"]}
    if state.get("compare"):
        query["compare"] = state["compare"]
    if state.get("place"):
        query["place"] = state["place"]
    if list(state.get("layers") or []) != list(DASHBOARD_LAYERS):
        query["layers"] = ",".join(state.get("layers") or [])
    if state.get("lang") == "ar":
        query["lang"] = "ar"
    return "?" + urlencode(query, safe=",")


def state_view(state: dict) -> MapView:
    """The MapView of a state."""
    compare = state.get("compare")
    return MapView(
        date=pd.Timestamp(state["date"]),
        compare_date=pd.Timestamp(compare) if compare else None,
        focus_place=state.get("place") or None,
        layers=tuple(state.get("layers") or ()),
        lang=state.get("lang") or "en",
    )
