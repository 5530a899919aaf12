"""The charts beside the map: the trend of what each faction held, and the slider's histogram."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.core.factions import FACTIONS, faction_name
from dashboard.core.stats import held_series, series_dates
from dashboard.figures.memo import PerModel
from dashboard.figures.wording import text
from dashboard.io.dataset import Dataset

__all__ = ["METRICS", "event_histogram", "trend_figure", "trend_series"]

METRICS = {"area_km2": "Area (km²)", "population": "Population"}
DATE_MARK_COLOUR = "#D6008F"


def _weekly(model, _gazetteer) -> pd.DataFrame:
    """Weekly area and population held by each faction over the coverage."""
    start, end = model.table.coverage
    dates = series_dates(start, end, "week")
    if dates[-1] != end:
        dates = dates.append(pd.DatetimeIndex([end]))
    return held_series(model, dates)


_series = PerModel("trend", _weekly)


def trend_series(dataset: Dataset) -> pd.DataFrame:
    """Long table date, faction, area_km2, population, localities (cached per model)."""
    return _series(dataset.model, dataset.gazetteer)


def trend_figure(
    dataset: Dataset, date: pd.Timestamp, metric: str = "area_km2", lang: str = "en"
) -> go.Figure:
    """Stacked area held by each faction through time, with the chosen date marked.

    The dashboard moves its own marker over the chart as the date changes (assets/dashboard.js)
    rather than patching this figure's shape, which would redraw the whole chart each step.
    """
    series = trend_series(dataset)
    figure = go.Figure()
    for index, faction in enumerate(FACTIONS):
        rows = series[series["faction"] == faction.code]
        if rows.empty or not rows[metric].any():
            continue
        figure.add_trace(
            go.Scatter(
                x=rows["date"],
                y=rows[metric],
                mode="lines",
                stackgroup="held",
                line={"width": 0.5, "color": faction.colour},
                fillcolor=faction.colour,
                name=faction_name(index, lang),
                hovertemplate="%{y:,.0f}<extra>%{fullData.name}</extra>",
            )
        )
    axis, note = (
        ("population_axis", "population_note")
        if metric == "population"
        else (
            "area_axis",
            "area_note",
        )
    )
    figure.update_layout(
        margin={"l": 56, "r": 8, "t": 8, "b": 48},
        height=260,
        showlegend=True,
        legend={"font": {"size": 10}, "tracegroupgap": 0, "itemclick": False},
        # what the numbers count, under the chart (stats.held_at: gazetteer places' population)
        annotations=[
            {
                "text": text(note, lang),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.12,
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 10, "color": "#555555"},
            }
        ],
        hovermode="x unified",
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        font={"family": "DejaVu Sans, Arial, sans-serif", "size": 11},
        yaxis={
            "title": {"text": text(axis, lang), "standoff": 8},
            "gridcolor": "#E5E5E5",
            "fixedrange": True,
            "tickformat": ",d" if lang == "ar" else "",  # "50,000", not "50k"
            "automargin": True,  # the margin widens for the longer Arabic numbers and title
        },
        xaxis={"fixedrange": True},
        shapes=[_date_line(date)],
    )
    return figure


def _date_line(date: pd.Timestamp) -> dict:
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": f"{date:%Y-%m-%d}",
        "x1": f"{date:%Y-%m-%d}",
        "y0": 0,
        "y1": 1,
        "line": {"color": DATE_MARK_COLOUR, "width": 2},
    }


def event_histogram(dataset: Dataset) -> go.Figure:
    """Events a week over the coverage: a strip drawn above the date slider.

    A step area (scatter), not bars: the page's plotly bundle holds only the map's and the
    trend's trace types (assets/plotly-geo.min.js)."""
    events = dataset.model.events
    start, end = dataset.table.coverage
    weeks = events.groupby(pd.Grouper(key="date", freq="7D", origin=start)).size()
    figure = go.Figure(
        go.Scatter(
            x=weeks.index + pd.Timedelta(days=3.5),  # each week's step is centred on it
            y=np.log1p(weeks.to_numpy()),  # a log scale keeps quiet weeks visible
            customdata=weeks.to_numpy(),
            mode="lines",
            line={"color": "#7A7A7A", "width": 0, "shape": "hvh"},
            fill="tozeroy",
            fillcolor="#7A7A7A",
            hovertemplate="week of %{x|%-d %b %Y}: %{customdata} events<extra></extra>",
        )
    )
    figure.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=36,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        xaxis={"visible": False, "range": [start, end], "fixedrange": True},
        yaxis={"visible": False, "fixedrange": True},
        showlegend=False,
    )
    return figure
