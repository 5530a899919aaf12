"""The page: header with search and language, the map, time controls, side panels, footer."""

from __future__ import annotations

from dash import dcc, html

from dashboard.core.calendar import Calendar
from dashboard.core.layers import DASHBOARD_LAYERS, LAYERS
from dashboard.figures.trend import event_histogram
from dashboard.figures.wording import MONTHS_AR
from dashboard.io.dataset import Dataset
from dashboard.web import ids
from dashboard.web.panels import footer
from dashboard.web.text import PLOTLY_WORDS_AR, ui

__all__ = [
    "GRAPH_CONFIG",
    "both_languages",
    "format_options",
    "page",
    "rate_options",
    "speed_options",
    "words",
]

GRAPH_CONFIG = {
    "topojsonURL": "/assets/topojson/",
    "displaylogo": False,
    "scrollZoom": True,
    "responsive": True,
    # no lasso or box select; no "Share chart..." (it would post the map to plotly's cloud)
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendChartToCloud"],
    # the toolbar's words and the months (hovers, axes), in Arabic
    "locales": {
        "ar": {
            "dictionary": PLOTLY_WORDS_AR,
            "format": {"months": list(MONTHS_AR), "shortMonths": list(MONTHS_AR)},
        }
    },
}
TREND_CONFIG = {"displayModeBar": False, "locales": GRAPH_CONFIG["locales"]}
SPEEDS = {"1": "step_day", "7": "step_week", "30": "step_month"}  # days a play step
FORMATS = ("png", "svg", "pdf")  # what Download map writes


def words(key: str, lang: str = "en", **values: object) -> html.Span:
    """Interface words that follow the language radio (dashboard/web/text.py)."""
    return html.Span(ui(key, lang, **values), id={"type": ids.TEXT, "key": key})


def both_languages(key: str, **values: object) -> html.Span:
    """Interface words in both languages, the page's shown by app.css: for components that
    render their children late (dcc.Upload), which the language radio's update misses."""
    return html.Span(
        [html.Span(ui(key, lang, **values), lang=lang) for lang in ("en", "ar")],
        className="both-languages",
    )


def speed_options(lang: str = "en") -> list[dict]:
    """The Step menu: days a play step."""
    return [{"label": ui(key, lang), "value": days} for days, key in SPEEDS.items()]


def rate_options(play_ms: int, lang: str = "en") -> list[dict]:
    """The Speed menu: steps a second (0: as fast as the map draws)."""
    rates = [
        {"label": ui("per_second", lang, rate=f"{1000 / ms:g}"), "value": ms}
        for ms in (play_ms * 4, play_ms * 2, play_ms)
    ]
    return [*rates, {"label": ui("fastest", lang), "value": 0}]


def format_options(lang: str = "en") -> list[dict]:
    """The download's file formats."""
    return [{"label": ui(f"format_{f}", lang), "value": f} for f in FORMATS]


def _header(dataset: Dataset) -> html.Header:
    return html.Header(
        [
            html.H1(words("title")),
            html.Div(
                [
                    html.Label(
                        words("find_place"), htmlFor=ids.SEARCH, className="visually-hidden"
                    ),
                    dcc.Input(
                        id=ids.SEARCH,
                        type="search",
                        placeholder=ui("search_placeholder"),
                        list=ids.SEARCH_LIST,
                        debounce=True,
                        autoComplete="off",
                    ),
                    html.Button(words("go"), id=ids.SEARCH_GO, n_clicks=0),
                    html.Button(words("reset"), id=ids.RESET, n_clicks=0),
                    dcc.RadioItems(
                        id=ids.LANG,
                        options=[
                            {"label": "English", "value": "en"},
                            {"label": "عربي", "value": "ar"},
                        ],
                        value="en",
                        inline=True,
                        className="lang",
                    ),
                ],
                className="search",
                role="search",
            ),
        ]
    )


def _time_controls(calendar: Calendar, dataset: Dataset, play_ms: int) -> html.Section:
    return html.Section(
        [
            html.Div(
                [
                    html.Span(id=ids.DATE_LABEL, className="date-label", **{"aria-live": "polite"}),
                    html.Button(words("prev"), id=ids.PREV_CHANGE, n_clicks=0),
                    html.Button(words("next"), id=ids.NEXT_CHANGE, n_clicks=0),
                    html.Button(ui("play"), id=ids.PLAY, n_clicks=0, **{"aria-pressed": "false"}),
                    html.Label(words("step"), htmlFor=ids.SPEED, id=ids.SPEED_LABEL),
                    dcc.Dropdown(
                        id=ids.SPEED,
                        options=speed_options(),
                        value="1",
                        clearable=False,
                        searchable=False,
                        className="speed",
                    ),
                    html.Label(words("speed"), htmlFor=ids.RATE, id=ids.RATE_LABEL),
                    dcc.Dropdown(
                        id=ids.RATE,
                        options=rate_options(play_ms),
                        value=play_ms,
                        clearable=False,
                        searchable=False,
                        className="speed",
                    ),
                    html.Label(words("go_to_date"), htmlFor=ids.DATE_INPUT),
                    dcc.Input(
                        id=ids.DATE_INPUT,
                        type="text",
                        placeholder=ui("date_placeholder"),
                        debounce=True,
                        pattern=r"\d{4}-\d{2}-\d{2}",
                        size="10",
                    ),
                ],
                className="time-buttons",
            ),
            dcc.Graph(
                id=ids.HISTOGRAM,
                figure=event_histogram(dataset),
                config={"displayModeBar": False, "staticPlot": True},
                className="histogram",
            ),
            html.Div(
                dcc.Slider(
                    id=ids.SLIDER,
                    min=0,
                    max=calendar.last_day,
                    step=1,
                    value=calendar.last_day,
                    marks=calendar.marks(),
                    updatemode="mouseup",
                    included=False,
                    allow_direct_input=False,
                ),
                className="slider-wrap",
            ),
        ],
        className="time",
        **{"aria-label": ui("time"), "data-aria-key": "time"},
    )


def _compare() -> html.Div:
    return html.Div(
        [
            html.Label(
                words("compare_date"), htmlFor=ids.COMPARE_DATE, className="visually-hidden"
            ),
            dcc.Checklist(
                id=ids.COMPARE_ON,
                options=[{"label": "Compare with", "value": "on"}],
                value=[],
                inline=True,
            ),
            dcc.Input(
                id=ids.COMPARE_DATE,
                type="text",
                placeholder=ui("date_placeholder"),
                debounce=True,
                size="10",
            ),
            html.Div(id=ids.COMPARE_SUMMARY, className="summary", **{"aria-live": "polite"}),
        ],
        className="compare panel",
    )


def _download() -> html.Div:
    """Download the current view as a publishable PNG, SVG or PDF (dashboard.export)."""
    return html.Div(
        [
            html.Label(
                words("download_format"), htmlFor=ids.DOWNLOAD_FORMAT, className="visually-hidden"
            ),
            dcc.RadioItems(
                id=ids.DOWNLOAD_FORMAT,
                options=format_options(),
                value="png",
                inline=True,
            ),
            html.Button(words("download"), id=ids.DOWNLOAD_BUTTON, n_clicks=0),
            dcc.Loading(dcc.Download(id=ids.DOWNLOAD), type="dot"),
        ],
        className="download",
    )


def _embed() -> html.Details:
    """The iframe snippet that shows the current view on another page (/embed)."""
    return html.Details(
        [
            html.Summary(words("embed")),
            html.Label(words("embed_hint"), htmlFor=ids.EMBED_CODE, className="small"),
            dcc.Textarea(id=ids.EMBED_CODE, readOnly=True, rows=3, className="embed-code"),
        ],
        id=ids.EMBED,
        className="embed-box",
    )


def _layers() -> html.Details:
    return html.Details(
        [
            html.Summary(words("layers")),
            dcc.Checklist(
                id=ids.LAYERS,
                options=[{"label": layer.name, "value": layer.key} for layer in LAYERS],
                value=list(DASHBOARD_LAYERS),
            ),
        ],
        open=True,
        className="layers",
    )


def page(dataset: Dataset, calendar: Calendar, play_ms: int, data: html.Section) -> html.Div:
    """The whole page; state lives in its components, the URL and the tab's session storage."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.FOCUS),
            dcc.Store(id=ids.VIEW),
            dcc.Store(id=ids.FRAME),
            dcc.Store(id=ids.FRAME_BASE),
            dcc.Store(id=ids.FRAME_RESYNC),
            dcc.Store(id=ids.UPLOAD_KEY, storage_type="session"),
            dcc.Store(id=ids.ACTIVE_DATA),
            _header(dataset),
            html.Div(id=ids.NOTICE, className="notice", role="status"),
            html.Main(
                [
                    html.Section(
                        [
                            dcc.Graph(
                                id=ids.MAP,
                                config=GRAPH_CONFIG,
                                className="map",
                                style={
                                    "height": "min(calc(100vh - 290px), 80vw)",
                                    "minHeight": "380px",
                                },
                                clear_on_unhover=True,
                            ),
                            _time_controls(calendar, dataset, play_ms),
                            _download(),
                            _embed(),
                        ],
                        className="map-column",
                    ),
                    html.Aside(
                        [
                            html.Div(id=ids.LEGEND, className="panel"),
                            _compare(),  # beside the map: its summary in view
                            _layers(),
                            html.Section(
                                [html.H2(words("why")), html.Div(id=ids.WHY)],
                                className="panel why",
                            ),
                            html.Section(
                                [html.H2(words("events")), html.Div(id=ids.EVENTS)],
                                className="panel",
                            ),
                            data,
                        ],
                        className="side",
                    ),
                ]
            ),
            html.Section(
                [
                    html.Div(
                        [
                            html.H2(words("trend")),
                            dcc.RadioItems(
                                id=ids.METRIC,
                                options=[
                                    {"label": "Area", "value": "area_km2"},
                                    {"label": "Population", "value": "population"},
                                ],
                                value="area_km2",
                                inline=True,
                            ),
                            html.Span(words("trend_hint"), className="muted"),
                        ],
                        className="trend-head",
                    ),
                    dcc.Graph(id=ids.TREND, config=TREND_CONFIG),
                ],
                className="trend",
            ),
            html.Footer(footer(dataset), id=ids.FOOTER),
        ],
        className="page",
    )
