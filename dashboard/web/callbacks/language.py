"""Callbacks of the language radio beyond the marked words (callbacks/map.py): the menus'
options, the date boxes' hints and the slider's month names."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State

from dashboard.web import ids
from dashboard.web.sessions import Sessions

__all__ = ["register_language"]


def register_language(app: dash.Dash, sessions: Sessions) -> None:
    """Attach the language callbacks; the words come from window.syriaText (app.page_words)."""
    app.clientside_callback(
        ClientsideFunction("syria", "languageOptions"),
        Output(ids.SPEED, "options"),
        Output(ids.RATE, "options"),
        Output(ids.DOWNLOAD_FORMAT, "options"),
        Output(ids.DATE_INPUT, "placeholder"),
        Output(ids.COMPARE_DATE, "placeholder"),
        Output(ids.MAP, "config"),
        Output(ids.TREND, "config"),
        Input(ids.LANG, "value"),
    )

    @app.callback(
        Output(ids.SLIDER, "marks", allow_duplicate=True),
        Input(ids.LANG, "value"),
        State(ids.ACTIVE_DATA, "data"),
        prevent_initial_call=True,
    )
    def mark_slider(lang, key):
        return sessions.session(key).calendar.marks(lang)
