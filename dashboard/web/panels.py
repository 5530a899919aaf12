"""The dashboard's server-side panels: why this colour, the compare summary, the footer.

The legend and the event list are drawn in the browser from each date's frame
(assets/dashboard.js).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from dash import html

from dashboard.core.factions import NO_DATA, faction, faction_name
from dashboard.core.stats import change_between, net_change
from dashboard.core.why import Explanation, explain_atom, explain_locality, locality_index
from dashboard.figures.layout import credits_line
from dashboard.figures.traces import TRACE_PLACES, TRACE_ZONES
from dashboard.figures.wording import format_date, text
from dashboard.io.dataset import Dataset
from dashboard.web import ids
from dashboard.web.text import short_date, ui

__all__ = [
    "changed_places",
    "compare_summary",
    "explain_click",
    "footer",
    "why_panel",
]


def _swatch(code: str) -> html.Span:
    return html.Span(className="swatch", style={"background": faction(code).colour})


def _source(event: pd.Series, lang: str = "en") -> html.Span:
    title = str(event.get("source_title") or ui("a_source", lang))
    publisher = str(event.get("source_publisher") or "")
    url = str(event.get("source_url") or "")
    label = f"{title}" + (f" ({publisher})" if publisher else "")
    if url.startswith(("http://", "https://")):
        return html.A(label, href=url, target="_blank", rel="noopener", className="source")
    return html.Span(label, className="source")


def explain_click(dataset: Dataset, click: dict | None, date: pd.Timestamp) -> Explanation | None:
    """Why the clicked place or zone has its colour."""
    if not click or not click.get("points"):
        return None
    point = click["points"][0]
    model = dataset.model
    if point.get("curveNumber") == TRACE_ZONES and "location" in point:
        return explain_atom(model, int(point["location"]), date)
    if point.get("curveNumber") == TRACE_PLACES and point.get("customdata"):
        locality = locality_index(model, str(point["customdata"]))
        if locality is not None:
            return explain_locality(model, locality, date)
    if "lon" in point and "lat" in point:
        atom = model.atom_at(float(point["lon"]), float(point["lat"]))
        if atom >= 0:
            return explain_atom(model, atom, date)
    return None


def why_panel(explanation: Explanation | None, lang: str, gazetteer=None) -> list:
    """Controller, deciding event with its source, and the place's control timeline (place
    names in `lang` through the gazetteer, when given)."""
    if explanation is None:
        return [html.P(ui("why_hint", lang), className="muted")]
    place = gazetteer.name(explanation.place, lang) if gazetteer is not None else explanation.place
    parts = [
        html.H3(place),
        html.P([_swatch(explanation.controller), " ", faction_name(explanation.controller, lang)]),
    ]
    if explanation.inferred:
        km = f"{explanation.distance_km or 0:,.0f}"
        parts.append(html.P(ui("inferred_from", lang, place=place, km=km), className="muted basis"))
    event = explanation.deciding_event
    if event is not None:
        parts.append(
            html.Div(
                [
                    html.Span(ui("decided_by", lang), className="muted"),
                    html.Span(f"{event['date']:%Y-%m-%d} "),
                    html.Span(str(event.get("description") or "")),
                    html.Div([ui("source", lang), _source(event, lang)]),
                ],
                className="deciding",
            )
        )
    else:
        no_data = faction_name(NO_DATA.code, lang)
        no_data = no_data.lower() if lang == "en" else no_data
        parts.append(html.P(ui("undecided", lang, no_data=no_data), className="muted"))
    if len(explanation.timeline):
        rows = [
            html.Tr(
                [
                    html.Td(f"{e['date']:%Y-%m-%d}"),
                    html.Td(
                        [
                            _swatch(e["controller_after"]),
                            " ",
                            faction_name(e["controller_after"], lang),
                        ]
                    ),
                    html.Td(_source(e, lang)),
                ]
            )
            for _, e in explanation.timeline.iterrows()
        ]
        parts += [html.H4(ui("timeline", lang)), html.Table(html.Tbody(rows), className="timeline")]
    return parts


def compare_summary(dataset: Dataset, start: pd.Timestamp, end: pd.Timestamp, lang: str) -> str:
    """'SDF +12,300 km², ISIS −14,000 km², 23 localities changed hands' between two dates."""
    earlier, later = sorted([start, end])
    localities, moved = change_between(dataset.model, earlier, later)
    net = net_change(moved) if len(moved) else pd.Series(dtype=float)
    unit = text("km2", lang)
    parts = [
        f"\u2068{faction_name(code, lang)}\u2069 {'+' if value > 0 else '−'}{abs(value):,.0f} "
        + unit
        for code, value in net.items()
        if code != NO_DATA.code and round(value) != 0
    ]
    count = len(localities)
    parts.append(ui("changed_hands_one" if count == 1 else "changed_hands", lang, count=count))
    dates = {"start": short_date(earlier, lang), "end": short_date(later, lang)}
    return ui("summary", lang, parts=ui("list_sep", lang).join(parts), **dates)


def changed_places(dataset: Dataset, start: pd.Timestamp, end: pd.Timestamp, lang: str):
    """The localities that changed hands between two dates (the map's rings), by name, each a
    button that moves the map to it (assets/dashboard.js)."""
    model = dataset.model
    earlier, later = sorted([start, end])
    was, now = model.history.at(earlier)[0], model.history.at(later)[0]
    moved = np.flatnonzero(was != now)
    places = model.localities.iloc[moved]
    names = [dataset.gazetteer.name(str(p), lang) for p in places["place_id"]]
    rows = sorted(
        zip(names, was[moved], now[moved], places["lon"], places["lat"], strict=True),
        key=lambda row: str(row[0]).casefold(),
    )
    items = [
        html.Li(
            html.Button(
                f"{name}: {faction_name(a, lang)} → {faction_name(b, lang)}",
                type="button",
                className="changed-place",
                **{"data-lon": f"{lon:.4f}", "data-lat": f"{lat:.4f}"},
            )
        )
        for name, a, b, lon, lat in rows
    ]
    if not items:
        return ""
    return html.Details(
        [html.Summary(f"{text('changed_places', lang)} ({len(items)})"), html.Ol(items)],
        open=True,
        className="changed-list",
    )


def footer_words(dataset: Dataset, lang: str) -> dict[str, str]:
    """The footer's lines in `lang`: coverage, localities, the approximation note, credits."""
    start, end = (format_date(d, lang) for d in dataset.table.coverage)
    return {
        "footer_data": ui("data", lang, start=start, end=end),
        "footer_localities": ui("localities", lang, count=len(dataset.model.localities)),
        "footer_note": f"{text('note', lang)}.",
        "footer_credits": ui("credits", lang, credits=credits_line(lang)),
    }


def footer(dataset: Dataset, bundled: bool = True) -> list:
    """Coverage, localities behind the zones, the approximation note and the credits; on a
    narrow screen one line, which the More button opens (assets/app.css, dashboard.js).

    The language radio swaps the words from the page's table (app.page_words), which has the
    server's data: an upload's coverage and localities stay in English."""
    lines = footer_words(dataset, "en")
    fixed = () if bundled else ("footer_data", "footer_localities")
    return [
        html.Button(
            html.Span(ui("footer_more"), id={"type": ids.TEXT, "key": "footer_more"}),
            id=ids.FOOTER_MORE,
            type="button",
            className="footer-more",
            **{"aria-expanded": "false"},
        ),
        *(
            html.Span(
                lines[key]
                if key in fixed
                else html.Span(lines[key], id={"type": ids.TEXT, "key": key}),
                id=id_,
            )
            for key, id_ in (
                ("footer_note", ids.NOTE),
                ("footer_credits", ids.CREDITS),
                ("footer_data", ids.COVERAGE),
                ("footer_localities", ids.LOCALITY_COUNT),
            )
        ),
    ]
