"""Callbacks of "bring your own data": upload, switch the page to the session's data, remove.

The chain: the browser refuses an oversize file at once (guard); the server validates and
stores the file and returns its key (accept); the page fetches the session's map key and then
marks the key active (load), which every map, panel, trend and export callback reads.
"""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State, no_update

from dashboard.figures.trend import event_histogram
from dashboard.settings import Settings
from dashboard.web import ids
from dashboard.web.data_panels import layers_panel, problems_panel
from dashboard.web.panels import footer
from dashboard.web.sessions import Sessions
from dashboard.web.uploads import accept_upload

__all__ = ["SESSION_KEY_ROUTE", "register_uploads", "session_view"]

SESSION_KEY_ROUTE = "/_syria/session-key"


def session_view(sessions: Sessions, key: dict | None, shown_date: str | None) -> tuple:
    """What a session changes outside the per-date frame: slider, histogram, footer, layers."""
    session = sessions.session(key)
    calendar, dataset = session.calendar, session.dataset
    try:
        day = calendar.day(calendar.clamp(shown_date or calendar.end))
    except (ValueError, TypeError):
        day = calendar.last_day
    return (
        calendar.last_day,
        calendar.marks(),
        day,
        event_histogram(dataset),
        footer(dataset, bundled=session is sessions.bundled),
        layers_panel(dataset.table, session.labels),
        session is sessions.bundled,
    )


def register_uploads(app: dash.Dash, sessions: Sessions, settings: Settings) -> None:
    """Attach the upload callbacks (see the module docstring for the chain)."""
    app.clientside_callback(
        ClientsideFunction("syria", "guardUpload"),
        Output(ids.UPLOAD_STATUS, "children"),
        Output(ids.UPLOAD_REQUEST, "data"),
        Output(ids.UPLOAD_PROBLEMS, "children"),
        Input(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.UPLOAD_KEY, "data"),
        Output(ids.UPLOAD_STATUS, "children", allow_duplicate=True),
        Output(ids.UPLOAD_PROBLEMS, "children", allow_duplicate=True),
        Output(ids.UPLOAD, "contents"),
        Input(ids.UPLOAD_REQUEST, "data"),
        State(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        prevent_initial_call=True,
    )
    def accept(_request, contents, name):
        gazetteer = sessions.bundled.dataset.gazetteer
        upload = accept_upload(contents, name, settings, gazetteer, check=sessions.check)
        key = upload.key if upload.key is not None else no_update
        return key, upload.message, problems_panel(upload.problems), None

    @app.callback(
        Output(ids.UPLOAD_KEY, "data", allow_duplicate=True),
        Output(ids.UPLOAD_STATUS, "children", allow_duplicate=True),
        Output(ids.UPLOAD_PROBLEMS, "children", allow_duplicate=True),
        Input(ids.REMOVE_UPLOAD, "n_clicks"),
        prevent_initial_call=True,
    )
    def remove(_clicks):
        return None, "Uploaded data removed; showing the server's data.", []

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
        prevent_initial_call=True,
    )
    def show_session(key, shown_date):
        return session_view(sessions, key, shown_date)
