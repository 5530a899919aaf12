"""Panels about the data itself: what each layer contributes, and an upload's problems."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.core.table import EventTable
from dashboard.errors import Problem
from dashboard.io.messages import problem_text
from dashboard.web import ids
from dashboard.web.page import both_languages, words
from dashboard.web.text import ui
from dashboard.web.uploads import UPLOAD_SUFFIXES

__all__ = [
    "MAX_PROBLEMS_SHOWN",
    "data_section",
    "layer_summary",
    "layers_panel",
    "problems_panel",
]

MAX_PROBLEMS_SHOWN = 20


def layer_summary(table: EventTable) -> pd.DataFrame:
    """Per layer, in load order: events, control changes, places named, first and last date."""
    events = table.events
    rows = []
    for layer in table.layers:
        own = events[events["layer"] == layer]
        places = own["place_id"].fillna("").astype(str)
        rows.append(
            {
                "layer": layer,
                "events": len(own),
                "control_changes": int((own["event_type"] == "control_change").sum()),
                "localities": places[places != ""].nunique(),
                "first": own["date"].min(),
                "last": own["date"].max(),
            }
        )
    return pd.DataFrame(rows)


def _when(first, last) -> str:
    """A layer's dates in figures, which read alike in either language."""
    if pd.isna(first):
        return "–"
    return f"{first:%Y-%m-%d} – {last:%Y-%m-%d}"


_HEADINGS = ("layer_col", "events_col", "changes_col", "localities_col", "dates_col")


def layers_panel(table: EventTable, labels: dict[str, str], lang: str = "en") -> html.Table:
    """A table of the layers: file, events, control changes, localities and date range."""
    head = html.Tr([html.Th(words(key, lang)) for key in _HEADINGS])
    body = [
        html.Tr(
            [
                html.Td(labels.get(row.layer, row.layer), className="layer-name"),
                html.Td(f"{row.events:,}", className="num"),
                html.Td(f"{row.control_changes:,}", className="num"),
                html.Td(f"{row.localities:,}", className="num"),
                html.Td(_when(row.first, row.last)),
            ],
            **{"data-layer": row.layer},
        )
        for row in layer_summary(table).itertuples(index=False)
    ]
    return html.Table([html.Thead(head), html.Tbody(body)], className="layers-table")


def _where(problem: Problem, lang: str) -> str:
    where = ui("row", lang, row=problem.row) if problem.row is not None else problem.file
    return f"{where}{ui('list_sep', lang)}{problem.column}" if problem.column else where


def problems_panel(problems: tuple[Problem, ...] | list[Problem], lang: str = "en") -> list:
    """The first problems (errors first) with row and column, in `lang`, and how many more
    there are."""
    if not problems:
        return []
    ordered = sorted(problems, key=lambda p: p.severity != "error")
    errors = sum(p.severity == "error" for p in problems)
    items = [
        html.Li(
            [
                html.B(_where(p, lang)),
                f" ({ui(p.severity, lang)}): ",
                html.Span(problem_text(p, lang)),
            ],
            className=f"problem {p.severity}",
        )
        for p in ordered[:MAX_PROBLEMS_SHOWN]
    ]
    more = len(ordered) - MAX_PROBLEMS_SHOWN
    counts = {"errors": errors, "warnings": len(problems) - errors, "file": problems[0].file}
    parts = [html.P(ui("problems", lang, **counts)), html.Ol(items, className="problems")]
    if more > 0:
        parts.append(html.P(ui("problems_more", lang, more=more), className="muted"))
    return parts


def data_section(table: EventTable, labels: dict[str, str], limit_mb: float) -> html.Section:
    """The "Data layers" panel: the layers, and a file of your own (this tab only)."""
    return html.Section(
        [
            html.H2(words("data_layers")),
            html.Div(layers_panel(table, labels), id=ids.DATA_LAYERS),
            dcc.Upload(
                [
                    html.Button(both_languages("upload_add"), id=ids.UPLOAD_BUTTON, n_clicks=0),
                    html.Span(both_languages("upload_drop"), className="muted"),
                ],
                id=ids.UPLOAD,
                accept=",".join(UPLOAD_SUFFIXES),
                multiple=False,
                className="upload",
            ),
            html.P(words("upload_hint", limit=f"{limit_mb:g}"), className="muted small"),
            html.Div(id=ids.UPLOAD_STATUS, role="status", className="upload-status"),
            html.Div(id=ids.UPLOAD_PROBLEMS, className="upload-problems"),
            html.Button(words("upload_remove"), id=ids.REMOVE_UPLOAD, n_clicks=0, hidden=True),
        ],
        className="panel data-layers",
        **{"aria-label": ui("data_layers"), "data-aria-key": "data_layers"},
    )
