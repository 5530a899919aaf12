"""Callbacks of "bring your own data": upload, switch the page to the session's data, remove.

The chain: the page refuses an oversize file at once, else posts the file itself (multipart)
to UPLOAD_ROUTE, which validates and stores it and answers with its key (upload_answer); the
page puts the key in ids.UPLOAD_KEY, fetches the session's map key from SESSION_KEY_ROUTE and
then marks the key active (load), which every map, panel, trend and export callback reads.
"""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State

from dashboard.figures.trend import event_histogram
from dashboard.io.messages import problem_text
from dashboard.web import ids
from dashboard.web.data_panels import layers_panel, problems_panel
from dashboard.web.panels import footer
from dashboard.web.sessions import Sessions
from dashboard.web.text import ui
from dashboard.web.uploads import Upload

__all__ = ["SESSION_KEY_ROUTE", "UPLOAD_ROUTE", "register_uploads", "session_view", "upload_answer"]

SESSION_KEY_ROUTE = "/_syria/session-key"
UPLOAD_ROUTE = "/_syria/upload"  # POST multipart/form-data, the file in the field `file`


def upload_answer(upload: Upload, lang: str = "en") -> dict:
    """UPLOAD_ROUTE's JSON: the key to keep (None if refused), the line, and the problems (in
    `lang`) as rows and as the panel the page shows (problems_panel: one wording for both)."""
    return {
        "key": upload.key,
        "message": upload.message,
        "problems": [
            {"file": p.file, "row": p.row, "column": p.column, "severity": p.severity}
            | {"message": problem_text(p, lang)}
            for p in upload.problems
        ],
        "panel": problems_panel(upload.problems, lang),
    }


def session_view(
    sessions: Sessions, key: dict | None, shown_date: str | None, lang: str = "en"
) -> tuple:
    """What a session changes outside the per-date frame: slider, histogram, footer, layers."""
    session = sessions.session(key)
    calendar, dataset = session.calendar, session.dataset
    try:
        day = calendar.day(calendar.clamp(shown_date or calendar.end))
    except (ValueError, TypeError):
        day = calendar.last_day
    return (
        calendar.last_day,
        calendar.marks(lang),
        day,
        event_histogram(dataset),
        footer(dataset, bundled=session is sessions.bundled),
        layers_panel(dataset.table, session.labels, lang),
        session is sessions.bundled,
    )


def register_uploads(app: dash.Dash, sessions: Sessions) -> None:
    """Attach the upload callbacks (see the module docstring for the chain; the routes are
    web/app.py's)."""

    @app.callback(
        Output(ids.UPLOAD_KEY, "data"),
        Output(ids.UPLOAD_STATUS, "children"),
        Output(ids.UPLOAD_PROBLEMS, "children"),
        Input(ids.REMOVE_UPLOAD, "n_clicks"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def remove(_clicks, lang):
        return None, ui("upload_removed", lang), []

    app.clientside_callback(
        ClientsideFunction("syria", "loadData"),
        Output(ids.ACTIVE_DATA, "data"),
        Output(ids.UPLOAD_STATUS, "children", allow_duplicate=True),
        Input(ids.UPLOAD_KEY, "data"),
        State(ids.ACTIVE_DATA, "data"),
        prevent_initial_call="initial_duplicate",
    )

    @app.callback(
        Output(ids.SLIDER, "max"),
        Output(ids.SLIDER, "marks"),
        Output(ids.SLIDER, "value", allow_duplicate=True),
        Output(ids.HISTOGRAM, "figure"),
        Output(ids.FOOTER, "children"),
        Output(ids.DATA_LAYERS, "children"),
        Output(ids.REMOVE_UPLOAD, "hidden"),
        Input(ids.ACTIVE_DATA, "data"),
        State(ids.DATE_INPUT, "value"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def show_session(key, shown_date, lang):
        return session_view(sessions, key, shown_date, lang)
