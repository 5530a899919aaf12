"""The page's plotly.js is the geo bundle in assets/: the plotly package's version, and every
trace type the dashboard draws is in it."""

from __future__ import annotations

import re

import pandas as pd
import plotly.offline

from dashboard.core.view import MapView
from dashboard.figures.map import map_figure_dict
from dashboard.figures.trend import event_histogram, trend_figure
from dashboard.io.dataset import load_dataset
from dashboard.io.paths import ASSETS_DIR
from dashboard.settings import Settings

BUNDLE = ASSETS_DIR / "plotly-geo.min.js"


def test_the_bundle_is_the_plotly_js_version_of_the_plotly_package():
    header = BUNDLE.read_text(encoding="utf-8")[:200]
    (version,) = re.findall(r"plotly\.js \(geo - minified\) v(\S+)", header)
    assert version == plotly.offline.get_plotlyjs_version()


def test_every_trace_type_the_dashboard_draws_is_in_the_bundle():
    bundled = set(re.findall(r'moduleType:"trace",name:"(\w+)"', BUNDLE.read_text("utf-8")))
    assert bundled == {"choropleth", "scattergeo", "scatter"}
    dataset = load_dataset(Settings())
    day, before = pd.Timestamp("2017-06-01"), pd.Timestamp("2016-06-01")
    figures = [
        map_figure_dict(dataset, MapView(date=day)),
        map_figure_dict(dataset, MapView(date=day, compare_date=before)),
        trend_figure(dataset, day, "area_km2").to_dict(),
        trend_figure(dataset, day, "population").to_dict(),
        event_histogram(dataset).to_dict(),
    ]
    drawn = {trace.get("type", "scatter") for figure in figures for trace in figure["data"]}
    assert drawn <= bundled, drawn - bundled
