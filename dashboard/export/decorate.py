"""Publication decorations laid over the dashboard's own map figure.

The map itself is never redrawn: `decorate` takes the figure the dashboard shows (as a dict),
makes room around its geo subplot and adds a title with the date, a legend with each faction's
area at that date, a scale bar and a footer with the credits, the coverage and the note on
zones. Working on the dict skips plotly's validation, a third of a warm export's time.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.core.factions import NO_DATA, faction, faction_name
from dashboard.export.halo import halo_trace
from dashboard.export.scalebar import scale_bar_traces
from dashboard.figures.labels import CHAR_WIDTH
from dashboard.figures.layout import credits_line
from dashboard.figures.markers import INFERRED_SWATCH
from dashboard.figures.wording import (
    embed_rtl,
    format_area,
    format_date,
    isolate_ltr,
    text,
)

__all__ = ["Page", "as_dict", "decorate", "legend_rows"]

_FONTS = {
    "en": "Liberation Sans, Arial, Helvetica, DejaVu Sans, sans-serif",
    "ar": "DejaVu Sans, Noto Sans Arabic, Arial, sans-serif",
}
_INK, _MUTED = "#1a1a1a", "#555555"
_TOP, _BOTTOM, _PANEL = 96, 84, 400  # px of the 1600x1000 design around the map


@dataclass(frozen=True)
class Page:
    """Page geometry in CSS pixels; `unit` scales type and spacing from the 1600x1000 design."""

    width: int
    height: int
    rtl: bool = False

    @property
    def unit(self) -> float:
        return max(0.55, min(self.width / 1600, self.height / 1000, 2.0))

    def x(self, px: float) -> float:
        """Paper x of a distance from the reading start (left, or right in Arabic)."""
        return 1 - px / self.width if self.rtl else px / self.width

    def y(self, px_from_top: float) -> float:
        return 1 - px_from_top / self.height

    def text(self, fig: dict, x_px: float, y_px: float, label: str, size: float, **font):
        """A line of text starting `x_px` from the reading start, centred on `y_px`."""
        fig["layout"].setdefault("annotations", []).append(
            {
                "x": self.x(x_px),
                "y": self.y(y_px),
                "xref": "paper",
                "yref": "paper",
                "text": embed_rtl(label) if self.rtl else label,
                "showarrow": False,
                "xanchor": "right" if self.rtl else "left",
                "yanchor": "middle",
                "align": "right" if self.rtl else "left",
                "font": {"size": max(8, round(size)), "color": font.pop("color", _INK), **font},
            }
        )

    def shape(self, fig: dict, kind: str, x0: float, x1: float, y0: float, y1: float, **style):
        """A rect or line between page pixels (x from the reading start, y from the top)."""
        fig["layout"].setdefault("shapes", []).append(
            {
                "type": kind,
                "xref": "paper",
                "yref": "paper",
                "x0": self.x(x0),
                "x1": self.x(x1),
                "y0": self.y(y0),
                "y1": self.y(y1),
                **style,
            }
        )


def legend_rows(
    held: pd.DataFrame,
    order: list[str] | None = None,
    only: set[str] | None = None,
    lang: str = "en",
) -> list[tuple[str, str, str]]:
    """(code, colour, area text) per faction held at the date, largest first; no-data last.

    With `order` (a series), exactly those factions in that order, held or not, so the legend
    keeps its rows and height from frame to frame; `only` keeps the factions in the frame.
    """
    total = float(held["area_km2"].sum()) or 1.0
    areas = dict(zip(held["faction"], held["area_km2"].astype(float), strict=True))
    if order is not None:
        codes = list(order)
    else:
        ordered = held[held["area_km2"] > 0].sort_values("area_km2", ascending=False)
        codes = [c for c in ordered["faction"] if only is None or c in only]
    rows = []
    for code in codes:
        area = areas.get(code, 0.0)
        rows.append((code, faction(code).colour, format_area(area, area / total, lang)))
    return sorted(rows, key=lambda row: row[0] == NO_DATA.code)


MIN_LABEL_PX = 11  # place labels at least this size on the written page at 1x


def map_width_px(page: Page, extent, zoom: float) -> float:
    """The drawn map's width in CSS px of the written page: its domain, narrowed when the
    extent's mercator shape leaves room at the sides."""
    import math

    u = page.unit
    width = page.width - (_PANEL + 16) * u
    height = page.height - (_TOP + _BOTTOM) * u
    west, south, east, north = extent

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    aspect = math.radians(east - west) / max(1e-9, merc(north) - merc(south))
    return min(width, height * aspect) * zoom


def _legible_labels(
    fig: dict, places: dict | None, zoom: float, halo: bool, degrees_per_px: float, lang: str
) -> None:
    """Swap in the place labels planned for the written page (`places`, sized in its CSS px)
    at the design size (divided by `zoom`); without `halo` (PDF) no text shadow, which would
    be drawn as more copies of the text, each copied out of the PDF: white bands instead."""
    for i, trace in enumerate(list(fig["data"])):
        if trace.get("name") != "Places":
            continue
        trace = dict(places or trace)
        font = dict(trace.get("textfont") or {})
        marker = dict(trace.get("marker") or {})
        if places is not None:
            font["size"] = [size / zoom for size in font["size"]]
            marker["size"] = [max(size, 0.6 * size / zoom) for size in marker["size"]]
            font["shadow"] = font["shadow"].replace("1px", f"{1 / zoom:.2g}px")
        fig["data"][i] = {**trace, "textfont": font, "marker": marker}
        if not halo:
            font["shadow"] = "none"
            fig["data"].insert(i, halo_trace(fig["data"][i], degrees_per_px, _FONTS[lang]))
        return


def _has_points(trace: dict) -> bool:
    lon = trace.get("lon")
    return lon is None or any(v is not None for v in lon)


def as_dict(figure: Any) -> dict:
    """A figure's data and layout, copied only as deep as `decorate` changes them.

    `go.Figure.to_dict()` deep-copies every coordinate; the traces' own dicts are shared here
    and replaced, never changed in place.
    """
    if hasattr(figure, "to_dict"):
        data, layout = getattr(figure, "_data", None), getattr(figure, "_layout", None)
        if data is None or layout is None:  # not plotly's usual internals
            figure = figure.to_dict()
        else:
            figure = {"data": data, "layout": layout}
    layout = copy.deepcopy({k: v for k, v in figure.get("layout", {}).items() if k != "template"})
    if "template" in figure.get("layout", {}):
        layout["template"] = figure["layout"]["template"]
    return {"data": [dict(trace) for trace in figure.get("data", [])], "layout": layout}


def _prepare(fig: dict, page: Page, lang: str) -> None:
    """Make room for the decorations and turn off the dashboard's own captions."""
    u = page.unit
    layout = fig["layout"]
    layout.update(
        width=page.width,
        height=page.height,
        autosize=False,
        margin={"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0},
        paper_bgcolor="#FFFFFF",
        title=None,
        dragmode=False,
    )
    layout.setdefault("font", {})["family"] = _FONTS[lang]
    for annotation in layout.get("annotations", []):
        annotation["visible"] = False  # the dashboard's date and note: replaced below
    panel, side = _PANEL * u / page.width, 16 * u / page.width
    x = [panel, 1 - side] if page.rtl else [side, 1 - panel]
    geo = layout.setdefault("geo", {})
    geo["domain"] = {"x": x, "y": [_BOTTOM * u / page.height, 1 - _TOP * u / page.height]}
    for trace in fig.get("data", []):
        if trace.get("type") == "choropleth":
            trace["showscale"] = False
        if trace.get("legendgroup") == "factions" or not _has_points(trace):
            trace["showlegend"] = False  # our legend lists the factions with their areas


def decorate(
    figure: Any,
    view: Any,
    held: pd.DataFrame,
    coverage: tuple[object, object],
    digest: str,
    extent: tuple[float, float, float, float],
    width: int,
    height: int,
    bar_corner: str = "left",
    zoom: float = 1.0,
    halo: bool = True,
    legend_order: list[str] | None = None,
    in_frame: set[str] | None = None,
    places: Any = None,
) -> dict:
    """The figure (as a new dict) with title, legend, scale bar and footer, sized for the page.

    `zoom` is how much the page is scaled when written (labels stay legible), `legend_order`
    fixes a series' legend rows, `in_frame` limits the legend to the factions in the view;
    `places(map_width_px)`, when given, replans the place labels for the written page.
    """
    lang = "ar" if view.lang == "ar" else "en"
    fig = as_dict(figure)
    page = Page(width, height, rtl=lang == "ar")
    _prepare(fig, page, lang)
    planned = None if places is None else places(map_width_px(page, extent, zoom))
    per_px = (extent[2] - extent[0]) * zoom / map_width_px(page, extent, zoom)
    _legible_labels(fig, planned, zoom, halo, per_px, lang)
    font = {"family": _FONTS[lang], "size": max(9, round(14 * page.unit)), "color": _INK}
    fig["data"] = [*fig.get("data", []), *scale_bar_traces(extent, font, bar_corner, lang)]
    _add_title(fig, page, view, lang, pd.Timestamp(coverage[1]))
    rows = legend_rows(held, legend_order, in_frame, lang) if "zones" in view.layers else []
    fig["layout"].setdefault("meta", {})["legend"] = [row[0] for row in rows]
    bottom = _add_legend(fig, page, view, held, lang, rows)
    _place_marker_legend(fig, page, bottom)
    _add_footer(fig, page, coverage, digest, lang)
    return fig


def _add_title(fig: dict, page: Page, view, lang: str, last: pd.Timestamp) -> None:
    u = page.unit
    page.text(fig, 32 * u, 34 * u, view.title or text("title", lang), 31 * u, weight="bold")
    stamp = format_date(view.date, lang)
    if view.compare_date is not None:
        stamp += " — " + text("compare", lang, date=format_date(view.compare_date, lang))
    if pd.Timestamp(view.date) > last:
        stamp += " — " + text("stale", lang, date=format_date(last, lang))
    page.text(fig, 32 * u, 72 * u, stamp, 21 * u, color=_MUTED)


def _add_legend(fig: dict, page: Page, view, held, lang: str, rows: list) -> float:
    """Faction swatches with their areas; returns the legend's bottom (px from the top)."""
    u = page.unit
    start = page.width - _PANEL * u + 24 * u  # from the reading start
    swatch, gap = 24 * u, 12 * u
    heading = text("legend", lang, date=format_date(view.date, lang))
    y = 132 * u
    if len(heading) * 18 * CHAR_WIDTH > _PANEL - 40:  # too wide for the panel: the date goes under
        head, _, date = heading.rpartition("، " if lang == "ar" else ", ")
        page.text(fig, start, y - 11 * u, head, 18 * u, weight="bold")
        page.text(fig, start, y + 13 * u, date, 18 * u, weight="bold")
        y += 24 * u
    else:
        page.text(fig, start, y, heading, 18 * u, weight="bold")
    y += 44 * u
    for code, colour, area in rows:
        top = y - 2 * u - swatch / 2
        page.shape(
            fig,
            "rect",
            start,
            start + swatch,
            top,
            top + swatch,
            fillcolor=colour,
            line={"color": "#444444", "width": 0.8},
        )
        page.text(fig, start + swatch + gap, y - 10 * u, faction_name(code, lang), 17 * u)
        page.text(fig, start + swatch + gap, y + 11 * u, area, 14.5 * u, color=_MUTED)
        y += 54 * u
    if rows and float(held["inferred_km2"].sum()) > 0:
        top = y - 2 * u - swatch / 2
        page.shape(
            fig, "rect", start, start + swatch, top, top + swatch,
            fillcolor=INFERRED_SWATCH, line={"color": "#444444", "width": 0.8},
        )  # fmt: skip
        page.text(fig, start + swatch + gap, y, text("inferred", lang), 14.5 * u)
        y += 40 * u
    if "front_lines" in view.layers:
        page.shape(fig, "line", start, start + swatch, y, y, line={"color": "#000", "width": 2.5})
        page.text(fig, start + swatch + gap, y, text("front", lang), 17 * u)
        y += 30 * u
    return y


def _place_marker_legend(fig: dict, page: Page, top_px: float) -> None:
    """Plotly's own legend (events, presence, changes) goes in the panel under ours."""
    u = page.unit
    fig["layout"]["showlegend"] = any(
        t.get("showlegend", True) and t.get("visible", True) is True
        for t in fig["data"]
        if t.get("type") != "choropleth" and t.get("name")
    )
    fig["layout"]["legend"] = {
        "orientation": "v",
        "x": page.x(page.width - _PANEL * u + 16 * u),
        "xanchor": "right" if page.rtl else "left",
        "y": page.y(top_px),
        "yanchor": "top",
        "bgcolor": "rgba(0,0,0,0)",
        "font": {"size": max(9, round(14 * u)), "color": _INK},
        "itemsizing": "constant",
        "tracegroupgap": 4,
    }


def _add_footer(fig: dict, page: Page, coverage, digest: str, lang: str) -> None:
    u = page.unit
    first, last = (pd.Timestamp(d).strftime("%Y-%m-%d") for d in coverage)
    data = text("data", lang, digest=digest, first=first, last=last)
    credits = credits_line(lang)
    if page.rtl and credits == credits_line():  # no Arabic line: the English, left to right
        credits = isolate_ltr(credits)
    credits = f"{text('credits', lang)}: {credits}"
    base = page.height - _BOTTOM * u
    rule = base + 8 * u
    page.shape(
        fig, "line", 32 * u, page.width - 32 * u, rule, rule, line={"color": "#BBB", "width": 1}
    )
    page.text(fig, 32 * u, base + 30 * u, f"{text('note', lang)}. {data}.", 14.5 * u)
    page.text(fig, 32 * u, base + 54 * u, credits, 13.5 * u, color=_MUTED)
