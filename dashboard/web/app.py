"""The Dash app factory: load the data once (read-only), build the page, attach callbacks."""

from __future__ import annotations

import functools
import html
import json

import dash
import flask
from plotly.io.json import to_json_plotly
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard.core.layers import LAYERS
from dashboard.core.schema import EVENT_TYPES
from dashboard.figures.frames import map_key, prepare_frames
from dashboard.figures.geometry import map_base
from dashboard.figures.memo import restore, snapshot
from dashboard.figures.trend import trend_series
from dashboard.figures.wording import event_name, text
from dashboard.io.dataset import Dataset, load_dataset
from dashboard.io.model_cache import cache_key, load_cached, model_cache, store_cached
from dashboard.io.paths import ASSETS_DIR
from dashboard.settings import Settings
from dashboard.web import ids
from dashboard.web.api import CACHE_CONTROL, api_blueprint
from dashboard.web.callbacks.language import register_language
from dashboard.web.callbacks.map import register
from dashboard.web.callbacks.uploads import (
    SESSION_KEY_ROUTE,
    UPLOAD_ROUTE,
    register_uploads,
    upload_answer,
)
from dashboard.web.data_panels import data_section
from dashboard.web.page import (
    GRAPH_CONFIG,
    TREND_CONFIG,
    format_options,
    page,
    rate_options,
    speed_options,
)
from dashboard.web.panels import footer_words
from dashboard.web.reload import Watcher
from dashboard.web.sessions import Sessions
from dashboard.web.text import UI, ui
from dashboard.web.transfer import register_transfer
from dashboard.web.uploads import (
    Upload,
    accept_upload,
    content_limit,
    size_message,
    upload_limit,
)

__all__ = ["create_app"]


def create_app(settings: Settings | None = None) -> dash.Dash:
    """A dashboard over the settings' data; every worker built this way answers alike.

    With postgresql:// tables, a watcher swaps in the rebuilt data after an edit."""
    settings = settings or Settings()
    watcher = Watcher.of(settings)  # the change marker is read before the data
    dataset = _loaded(settings)
    sessions = Sessions(dataset, settings)
    app = dash.Dash(
        __name__,
        assets_folder=str(ASSETS_DIR),
        title="Syria control map",
        update_title=None,
        serve_locally=True,
    )
    show = functools.partial(_show, app, sessions, settings, app.index_string)
    show(dataset)
    register(app, sessions, settings)
    register_uploads(app, sessions)
    register_language(app, sessions)
    _serve_uploads(app.server, sessions, settings)
    live = "public, no-cache" if watcher else CACHE_CONTROL  # an edit changes the answers
    app.server.register_blueprint(api_blueprint(lambda: sessions.bundled.dataset, live))
    register_transfer(app.server)
    if watcher is not None:
        watcher.start(lambda: _prepared(load_dataset(settings)), show)
    return app


def _prepared(dataset: Dataset) -> Dataset:
    """The dataset with its drawing caches built, before it serves any request."""
    map_base(dataset.model, dataset.gazetteer)
    trend_series(dataset)
    prepare_frames(dataset)
    return dataset


def _loaded(settings: Settings) -> Dataset:
    """The settings' dataset, prepared; read back from the model cache when the same data,
    code and settings were built before (io/model_cache.py), else built and kept there."""
    cache, key = model_cache(settings), cache_key(settings)
    kept = load_cached(cache, key)
    if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], Dataset):
        dataset, values = kept
        restore(values, dataset.model, dataset.gazetteer)
        return dataset
    dataset = _prepared(load_dataset(settings))
    store_cached(cache, key, (dataset, snapshot(dataset.model, dataset.gazetteer)))
    return dataset


def _show(app: dash.Dash, sessions: Sessions, settings: Settings, index: str, dataset) -> None:
    """Serve `dataset` as the server's data: sessions, the page and its key follow it (all
    built first, then swapped in together)."""
    session = sessions.over(dataset)
    dates = session.calendar
    data = data_section(dataset.table, session.labels, float(settings.max_upload_mb))
    layout = page(dataset, dates, int(settings.play_interval_ms), data)
    keyed = _with_key(index, dataset, dates, settings, app.get_relative_path)
    sessions.replace(session)
    app.layout, app.index_string = layout, keyed


def page_key(dataset, dates, settings: Settings) -> dict:
    """The map frames' static key of a dataset, with its calendar start and the play rate."""
    return {
        **map_key(dataset),
        "start": f"{dates.start:%Y-%m-%d}",
        "play_ms": settings.play_interval_ms,
    }


def _serve_uploads(server: flask.Flask, sessions: Sessions, settings: Settings) -> None:
    """Refuse oversize requests politely, take uploads as files (UPLOAD_ROUTE), and serve
    each upload session's map key."""
    server.config["MAX_CONTENT_LENGTH"] = content_limit(settings)

    def too_large(_error):
        limit = f"{float(settings.max_upload_mb):g} MB"
        return flask.jsonify(error=f"Too large: uploads are limited to {limit}."), 413

    def session_key():
        key = {"sha": flask.request.args.get("sha"), "name": flask.request.args.get("name")}
        session = sessions.session(key)
        if session is sessions.bundled:
            return flask.jsonify(error="no such upload"), 404
        body = json.dumps(page_key(session.dataset, session.calendar, settings))
        return flask.Response(body, mimetype="application/json")

    server.register_error_handler(413, too_large)
    take = functools.partial(_take_upload, sessions, settings)
    server.add_url_rule(UPLOAD_ROUTE, "upload", take, methods=["POST"])
    server.add_url_rule(SESSION_KEY_ROUTE, "session_key", session_key)


def _take_upload(sessions: Sessions, settings: Settings) -> flask.Response:
    """UPLOAD_ROUTE: the posted file (multipart, field `file`) checked, and kept if valid; JSON
    either way (callbacks/uploads.py:upload_answer), status 413 for a file over the limit."""
    request, lang = flask.request, flask.request.args.get("lang", "en")
    try:
        sent = request.files.get("file")
        data = sent.read() if sent else None
    except RequestEntityTooLarge:  # refused unread: the name is the one the page sent
        size, limit_mb = request.content_length or 0, float(settings.max_upload_mb)
        message = size_message(request.args.get("name") or "upload", size, limit_mb, lang)
        upload, status = Upload(None, (), message), 413
    else:
        name = sent.filename if sent else request.args.get("name")
        gazetteer = sessions.bundled.dataset.gazetteer
        upload = accept_upload(data, name, settings, gazetteer, sessions.check, lang)
        status = 400 if sent is None else 413 if len(data) > upload_limit(settings) else 200
    body = to_json_plotly(upload_answer(upload, lang))  # the panel holds Dash components
    return flask.Response(body, status, mimetype="application/json")


def _with_key(index: str, dataset, dates, settings: Settings, app_path) -> str:
    """The page template with the map frames' static key (`window.syriaKey`), the component
    ids (`window.syriaIds`) and the page's settings (`window.syriaConfig`).

    They are sent once with the page, outside Dash's component state: a large object that
    never changes would otherwise be compared on every update (see figures/frames.py). An
    upload session's key is fetched from SESSION_KEY_ROUTE instead (callbacks/uploads.py).
    """
    values = {
        "syriaKey": page_key(dataset, dates, settings),
        "syriaIds": ids.as_dict(),
        "syriaConfig": page_config(settings, app_path),
        "syriaText": page_words(dataset, settings),
    }
    script = EMBED_FLAG + "".join(
        f"<script>window.{k} = {inline_json(v)};</script>\n" for k, v in values.items()
    )
    return index.replace("{%app_entry%}", script + "{%app_entry%}" + _place_names(dataset))


# /embed (any path ending so) is the same app without the page's chrome (assets/app.css), and an
# Arabic link is right-to-left from the first paint (dashboard.js keeps both up to date).
EMBED_FLAG = (
    "<script>(function () {const d = document.documentElement;"
    "if (/\\/embed\\/?$/.test(location.pathname)) { d.classList.add('embed'); }"
    "if (/[?&]lang=ar(&|$)/.test(location.search)) { d.lang = 'ar'; d.dir = 'rtl'; }"
    "})();</script>\n"
)


def page_words(dataset, settings: Settings) -> dict:
    """The interface's words in each language (window.syriaText), options lists included."""
    words = {}
    for lang, table in UI.items():
        words[lang] = {
            **table,
            **footer_words(dataset, lang),
            "km2": text("km2", lang),
            "event_kinds": {kind: event_name(kind, lang) for kind in EVENT_TYPES},
            "upload_hint": ui("upload_hint", lang, limit=f"{float(settings.max_upload_mb):g}"),
            "speed_options": speed_options(lang),
            "rate_options": rate_options(int(settings.play_interval_ms), lang),
            "format_options": format_options(lang),
            "layer_options": [
                {"label": layer.name_ar if lang == "ar" else layer.name, "value": layer.key}
                for layer in LAYERS
            ],
            "compare_options": [{"label": table["compare_with"], "value": "on"}],
            "metric_options": [
                {"label": table["area"], "value": "area_km2"},
                {"label": table["population"], "value": "population"},
            ],
        }
    return words


def page_config(settings: Settings, route) -> dict:
    """What the page's JavaScript needs of the settings: the upload limit and its message."""
    limit_mb = float(settings.max_upload_mb)
    return {
        "uploadLimitBytes": upload_limit(settings),
        "uploadLimitMb": f"{limit_mb:g}",
        "uploadRoute": route(UPLOAD_ROUTE),
        "sessionKeyRoute": route(SESSION_KEY_ROUTE),
        "embedRoute": route("/embed"),
        "graph": GRAPH_CONFIG,  # the map's config; its locale follows the language
        "trend": TREND_CONFIG,  # the trend chart's, likewise
    }


def inline_json(value: object) -> str:
    """JSON that no text can break out of inside a <script> element (<, >, & escaped)."""
    text = json.dumps(value, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _place_names(dataset) -> str:
    """The search box's suggestions as a plain <datalist>, outside Dash's component tree."""
    names = sorted(set(dataset.gazetteer.places["name"]))
    options = "".join(f'<option value="{html.escape(n, quote=True)}">' for n in names)
    return f'\n<datalist id="{ids.SEARCH_LIST}">{options}</datalist>\n'
