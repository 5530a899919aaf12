"""The Dash app factory: load the data once (read-only), build the page, attach callbacks."""

from __future__ import annotations

import html
import json

import dash
import flask

from dashboard.core.layers import LAYERS
from dashboard.figures.frames import map_key
from dashboard.figures.geometry import map_base
from dashboard.figures.trend import trend_series
from dashboard.io.dataset import load_dataset
from dashboard.io.paths import ASSETS_DIR
from dashboard.settings import Settings
from dashboard.web import ids
from dashboard.web.api import api_blueprint
from dashboard.web.callbacks.map import register
from dashboard.web.callbacks.uploads import SESSION_KEY_ROUTE, register_uploads
from dashboard.web.data_panels import data_section
from dashboard.web.page import page
from dashboard.web.panels import footer_words
from dashboard.web.sessions import Sessions
from dashboard.web.text import UI
from dashboard.web.transfer import register_transfer
from dashboard.web.uploads import content_limit, size_message

__all__ = ["create_app"]


def create_app(settings: Settings | None = None) -> dash.Dash:
    """A dashboard over the settings' data; every worker built this way answers alike."""
    settings = settings or Settings()
    dataset = load_dataset(settings)
    sessions = Sessions(dataset, settings)
    dates = sessions.bundled.calendar
    map_base(dataset.model, dataset.gazetteer)  # build the drawing caches before serving
    trend_series(dataset)
    app = dash.Dash(
        __name__,
        assets_folder=str(ASSETS_DIR),
        title="Syria control map",
        update_title=None,
        serve_locally=True,
    )
    data = data_section(dataset.table, sessions.bundled.labels, float(settings.max_upload_mb))
    app.layout = page(dataset, dates, int(settings.play_interval_ms), data)
    register(app, sessions, settings)
    register_uploads(app, sessions, settings)
    _serve_uploads(app.server, sessions, settings)
    app.server.register_blueprint(api_blueprint(dataset))
    register_transfer(app.server)
    app.index_string = _with_key(app.index_string, dataset, dates, settings, app.get_relative_path)
    return app


def page_key(dataset, dates, settings: Settings) -> dict:
    """The map frames' static key of a dataset, with its calendar start and the play rate."""
    return {
        **map_key(dataset),
        "start": f"{dates.start:%Y-%m-%d}",
        "play_ms": settings.play_interval_ms,
    }


def _serve_uploads(server: flask.Flask, sessions: Sessions, settings: Settings) -> None:
    """Refuse oversize requests politely, and serve each upload session's map key."""
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
    server.add_url_rule(SESSION_KEY_ROUTE, "session_key", session_key)


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
        "syriaText": page_words(dataset),
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


def page_words(dataset) -> dict:
    """The interface's words in each language (window.syriaText), options lists included."""
    words = {}
    for lang, table in UI.items():
        words[lang] = {
            **table,
            **footer_words(dataset, lang),
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
        "uploadLimitBytes": int(limit_mb * 1e6),
        "uploadTooLarge": size_message("NAME", 0, limit_mb).replace("0.0 MB", "SIZE MB"),
        "sessionKeyRoute": route(SESSION_KEY_ROUTE),
        "embedRoute": route("/embed"),
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
