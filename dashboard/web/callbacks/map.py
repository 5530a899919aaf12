"""The dashboard's callbacks: each unpacks its inputs, calls a named function and returns."""

from __future__ import annotations

import dash
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, no_update

from dashboard.figures.map import map_figure_dict
from dashboard.figures.trend import trend_figure
from dashboard.settings import Settings
from dashboard.web import ids
from dashboard.web.sessions import Sessions
from dashboard.web.state import parse_query, state_view, with_view
from dashboard.web.steps import (
    compare_notice,
    find_place,
    is_compare_notice,
    state_from_controls,
    step_change,
    step_frame,
    typed_date,
)
from dashboard.web.text import ui

__all__ = ["register"]

_CONTROLS = [
    Input(ids.SLIDER, "value"),
    Input(ids.COMPARE_ON, "value"),
    Input(ids.COMPARE_DATE, "value"),
    Input(ids.FOCUS, "data"),
    Input(ids.LAYERS, "value"),
    Input(ids.LANG, "value"),
]


def register(app: dash.Dash, sessions: Sessions, settings: Settings) -> None:
    """Attach every callback to `app`; each session's data is shared read-only.

    Callbacks find their data through `sessions` with the page's upload key (ids.ACTIVE_DATA).
    """
    window = int(settings.event_window_days)
    dataset = sessions.bundled.dataset  # only for what uploads cannot change: the gazetteer

    def state(key, *controls):
        return state_from_controls(sessions.session(key).calendar, *controls)

    @app.callback(
        Output(ids.SLIDER, "value"),
        Output(ids.COMPARE_ON, "value"),
        Output(ids.COMPARE_DATE, "value"),
        Output(ids.FOCUS, "data"),
        Output(ids.LAYERS, "value"),
        Output(ids.LANG, "value"),
        Output(ids.NOTICE, "children"),
        Output(ids.VIEW, "data"),
        Input(ids.URL, "pathname"),
        State(ids.URL, "search"),
        State(ids.ACTIVE_DATA, "data"),
    )
    def restore_from_url(_pathname, search, key):
        session = sessions.session(key)
        calendar = session.calendar
        wanted, notices = parse_query(search, session.dataset, calendar)
        compare = wanted["compare"]
        return (
            calendar.day(wanted["date"]),
            ["on"] if compare else [],
            compare or "",
            wanted["place"],
            wanted["layers"],
            wanted["lang"],
            " ".join(notices),
            wanted.get("view"),
        )

    @app.callback(
        Output(ids.FRAME, "data"),
        *_CONTROLS,
        Input(ids.MAP, "clickData"),
        Input(ids.ACTIVE_DATA, "data"),
        Input(ids.FRAME_RESYNC, "data"),
        State(ids.FRAME_BASE, "data"),
    )
    def send_frame(*inputs):
        *controls, click, key, _resync, held = inputs
        dataset = sessions.dataset_for(key)
        return step_frame(dataset, state(key, *controls), click, window, held, key)

    @app.callback(
        Output(ids.MAP, "figure"),
        *_CONTROLS[1:],
        Input(ids.ACTIVE_DATA, "data"),
        State(ids.SLIDER, "value"),
        State(ids.VIEW, "data"),
        State(ids.RESET, "n_clicks"),
    )
    def show_map(compare_on, compare_date, focus, layers, lang, key, day, extent, resets):
        view = state_view(state(key, day, compare_on, compare_date, focus, layers, lang))
        figure = map_figure_dict(sessions.dataset_for(key), with_view(view, extent), window)
        figure["layout"]["uirevision"] += f"|{resets}"  # Reset view drops a pan or zoom
        return figure

    app.clientside_callback(
        ClientsideFunction("syria", "renderFrame"),
        Output(ids.MAP, "figure", allow_duplicate=True),
        Output(ids.DATE_LABEL, "children"),
        Output(ids.DATE_INPUT, "value"),
        Output(ids.URL, "search"),
        Output(ids.COMPARE_SUMMARY, "children"),
        Output(ids.WHY, "children"),
        Output(ids.EMBED_CODE, "value"),
        Output(ids.FRAME_BASE, "data"),
        Input(ids.FRAME, "data"),
        State(ids.MAP, "figure"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )

    app.clientside_callback(  # the date under the handle while the slider is dragged
        ClientsideFunction("syria", "dragLabel"),
        Output(ids.DATE_LABEL, "children", allow_duplicate=True),
        Input(ids.SLIDER, "drag_value"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.TREND, "figure"),
        Input(ids.METRIC, "value"),
        Input(ids.LANG, "value"),
        Input(ids.ACTIVE_DATA, "data"),
        State(ids.SLIDER, "value"),
    )
    def show_trend(metric, lang, key, day):
        session = sessions.session(key)
        return trend_figure(session.dataset, session.calendar.date(day), metric, lang)

    @app.callback(
        Output(ids.SLIDER, "value", allow_duplicate=True),
        Output(ids.NOTICE, "children", allow_duplicate=True),
        Input(ids.PREV_CHANGE, "n_clicks"),
        Input(ids.NEXT_CHANGE, "n_clicks"),
        Input(ids.DATE_INPUT, "n_submit"),
        Input(ids.DATE_INPUT, "n_blur"),
        Input(ids.TREND, "clickData"),
        State(ids.SLIDER, "value"),
        State(ids.DATE_INPUT, "value"),
        State(ids.ACTIVE_DATA, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def set_date(_prev, _next, _submit, _blur, trend_click, day, text, key, lang):
        calendar = sessions.session(key).calendar
        fired = set(ctx.triggered_prop_ids.values())
        # a click on Prev./Next blurs the date box: both may fire at once, and the click wins
        trigger = next((b for b in (ids.PREV_CHANGE, ids.NEXT_CHANGE) if b in fired), None)
        trigger = trigger or ctx.triggered_id
        if trigger in (ids.PREV_CHANGE, ids.NEXT_CHANGE):
            return step_change(calendar, day, text, trigger == ids.NEXT_CHANGE), ""
        if trigger == ids.TREND and trend_click:
            return calendar.day(calendar.clamp(trend_click["points"][0]["x"][:10])), ""
        new_day, notice = typed_date(calendar, text, day, lang)
        return (no_update if new_day == day else new_day), notice

    @app.callback(
        Output(ids.NOTICE, "children", allow_duplicate=True),
        Input(ids.COMPARE_ON, "value"),
        Input(ids.COMPARE_DATE, "value"),
        State(ids.NOTICE, "children"),
        State(ids.ACTIVE_DATA, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def check_compare(compare_on, compare_text, shown, key, lang):
        notice = compare_notice(sessions.session(key).calendar, compare_on, compare_text, lang)
        if notice or is_compare_notice(shown):
            return notice  # a fixed compare date clears its own notice, and only that
        return no_update

    @app.callback(
        Output(ids.FOCUS, "data", allow_duplicate=True),
        Output(ids.NOTICE, "children", allow_duplicate=True),
        Output(ids.SEARCH, "value"),
        Output(ids.VIEW, "data", allow_duplicate=True),
        Input(ids.SEARCH, "n_submit"),
        Input(ids.SEARCH_GO, "n_clicks"),
        Input(ids.RESET, "n_clicks"),
        State(ids.SEARCH, "value"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def search_place(_submit, _go, _reset, text, lang):
        if ctx.triggered_id == ids.RESET:
            return None, "", "", None
        place, notice = find_place(dataset, text, lang)
        return (place or no_update), notice, no_update, (None if place else no_update)

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Output(ids.NOTICE, "children", allow_duplicate=True),
        Input(ids.DOWNLOAD_BUTTON, "n_clicks"),
        State(ids.DOWNLOAD_FORMAT, "value"),
        State(ids.ACTIVE_DATA, "data"),
        State(ids.VIEW, "data"),
        *(State(c.component_id, c.component_property) for c in _CONTROLS),
        prevent_initial_call=True,
    )
    def download_map(_clicks, fmt, key, extent, *controls):
        from dashboard.export import ExportError
        from dashboard.web.download import download_data

        view = with_view(state_view(state(key, *controls)), extent)
        try:
            return download_data(sessions.dataset_for(key), view, fmt), ""
        except ExportError as exc:
            reason = exc.said.text(view.lang) if exc.said else str(exc)
            return no_update, ui("download_failed", view.lang, reason=reason)

    app.clientside_callback(
        ClientsideFunction("syria", "play"),
        Output(ids.PLAY, "children"),
        Output(ids.PLAY, "aria-pressed"),
        Input(ids.PLAY, "n_clicks"),
        Input(ids.SPEED, "value"),
        Input(ids.RATE, "value"),
        Input(ids.SLIDER, "max"),
        Input(ids.LANG, "value"),
    )

    app.clientside_callback(
        ClientsideFunction("syria", "language"),
        Output({"type": ids.TEXT, "key": ALL}, "children"),
        Output(ids.SEARCH, "placeholder"),
        Output(ids.LAYERS, "options"),
        Output(ids.COMPARE_ON, "options"),
        Output(ids.METRIC, "options"),
        Input(ids.LANG, "value"),
    )
