"""The Dash app factory: load the data once (read-only), build the page, attach callbacks."""

from __future__ import annotations

import html
import json

import dash

from dashboard import ids
from dashboard.callbacks import register
from dashboard.dataset import load_dataset
from dashboard.dates import calendar
from dashboard.figure_base import map_base
from dashboard.figures import trend_series
from dashboard.layout import page
from dashboard.map_frames import map_key
from dashboard.paths import ASSETS_DIR
from dashboard.settings import Settings

__all__ = ["create_app"]


def create_app(settings: Settings | None = None) -> dash.Dash:
    """A dashboard over the settings' data; every worker built this way answers alike."""
    settings = settings or Settings()
    dataset = load_dataset(settings)
    dates = calendar(dataset)
    map_base(dataset.model, dataset.gazetteer)  # build the drawing caches before serving
    trend_series(dataset)
    app = dash.Dash(
        __name__,
        assets_folder=str(ASSETS_DIR),
        title="Syria control map",
        update_title=None,
        serve_locally=True,
    )
    app.layout = page(dataset, dates, int(settings.play_interval_ms))
    register(app, dataset, settings, dates)
    app.index_string = _with_key(app.index_string, dataset, dates, settings)
    return app


def _with_key(index: str, dataset, dates, settings: Settings) -> str:
    """The page template with the map frames' static key as `window.syriaKey`.

    It is sent once with the page, outside Dash's component state: a large object that never
    changes would otherwise be compared on every update (see map_frames.py).
    """
    key = {
        **map_key(dataset),
        "start": f"{dates.start:%Y-%m-%d}",
        "play_ms": settings.play_interval_ms,
    }
    text = json.dumps(key, ensure_ascii=False).replace("</", "<\\/")
    script = "<script>window.syriaKey = " + text + ";</script>\n"
    return index.replace("{%app_entry%}", script + "{%app_entry%}" + _place_names(dataset))


def _place_names(dataset) -> str:
    """The search box's suggestions as a plain <datalist>, outside Dash's component tree."""
    names = sorted(set(dataset.gazetteer.places["name"]))
    options = "".join(f'<option value="{html.escape(n, quote=True)}">' for n in names)
    return f'\n<datalist id="{ids.SEARCH_LIST}">{options}</datalist>\n'
