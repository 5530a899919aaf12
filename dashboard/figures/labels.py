"""Which places get a label, where the label goes and how big it is.

A greedy placement in degrees: candidates in rank order try four positions around their
marker and take the first that overlaps nothing already placed; the articles' places are
always labelled (in their least-crowded position) and everything else that does not fit
keeps only its marker.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Labels", "place_labels"]

_POSITIONS = ("middle right", "middle left", "top center", "bottom center")
_CHAR_WIDTH = 0.55  # of the font size, for a sans-serif label
_MAP_WIDTH_PX = 640.0  # the map's width the placement plans for
_MIN_RANK = 2.5  # below this (villages, small towns) a place gets a label only when zoomed in


@dataclass(frozen=True)
class Labels:
    """Places to draw: positions, text (empty = marker only), label positions and sizes."""

    place_id: list[str]
    lon: list[float]
    lat: list[float]
    text: list[str]
    position: list[str]
    font_size: list[int]
    marker_size: list[float]


def _font_size(rank: float, article: bool, min_font: int = 0) -> int:
    if article:
        return max(12, min_font)
    return max(12 if rank >= 4.5 else 11 if rank >= 3.5 else 10, min_font)


def _box(lon, lat, position, width, height, gap):
    if position == "middle right":
        return lon + gap, lat - height / 2, lon + gap + width, lat + height / 2
    if position == "middle left":
        return lon - gap - width, lat - height / 2, lon - gap, lat + height / 2
    if position == "top center":
        return lon - width / 2, lat + gap, lon + width / 2, lat + gap + height
    return lon - width / 2, lat - gap - height, lon + width / 2, lat - gap


def _overlap(box, boxes: np.ndarray) -> float:
    if not len(boxes):
        return 0.0
    dx = np.minimum(box[2], boxes[:, 2]) - np.maximum(box[0], boxes[:, 0])
    dy = np.minimum(box[3], boxes[:, 3]) - np.maximum(box[1], boxes[:, 1])
    return float((np.clip(dx, 0, None) * np.clip(dy, 0, None)).sum())


def _cost(box, boxes: np.ndarray, extent) -> float:
    """Overlap with placed boxes, plus a heavy penalty for leaving the map."""
    west, south, east, north = extent
    outside = box[0] < west or box[2] > east or box[1] < south or box[3] > north
    return _overlap(box, boxes) + (1e3 if outside else 0.0)


def place_labels(
    candidates: pd.DataFrame,
    extent: tuple[float, float, float, float],
    lang: str,
    show: pd.Series,
    map_width_px: float = _MAP_WIDTH_PX,
    min_font: int = 0,
) -> Labels:
    """Labels for the candidates where `show` is true, planned for the map's extent drawn
    `map_width_px` wide (the dashboard's 640 unless an export knows its own), in type of at
    least `min_font` px."""
    west, south, east, north = extent
    per_px = (east - west) / map_width_px
    min_rank = _MIN_RANK if east - west > 3 else 0.0
    stretch = math.cos(math.radians((south + north) / 2))
    inside = show & candidates["lon"].between(west, east) & candidates["lat"].between(south, north)
    chosen = candidates[inside]
    dot = 4 * per_px  # markers are obstacles too
    placed: list[tuple[float, float, float, float]] = [
        (x - dot, y - dot * stretch, x + dot, y + dot * stretch)
        for x, y in zip(chosen["lon"], chosen["lat"], strict=True)
    ]
    out: dict[str, list] = {k: [] for k in Labels.__dataclass_fields__}
    name_column = "name_ar" if lang == "ar" else "name"
    for row in chosen.itertuples(index=False):
        size = _font_size(row.rank, row.article, min_font)
        text = str(getattr(row, name_column))
        width = len(text) * size * _CHAR_WIDTH * per_px
        height = size * 1.2 * per_px * stretch
        gap = 5 * per_px
        own = (row.lon - dot, row.lat - dot * stretch, row.lon + dot, row.lat + dot * stretch)
        boxes = np.array([b for b in placed if b != own]) if placed else np.empty((0, 4))
        scored = [
            (_cost(_box(row.lon, row.lat, p, width, height, gap), boxes, extent), i, p)
            for i, p in enumerate(_POSITIONS)
        ]
        best_overlap, _, best = min(scored)
        labelled = row.article or (best_overlap == 0 and row.rank >= min_rank)
        if labelled:
            placed.append(_box(row.lon, row.lat, best, width, height, gap))
        out["place_id"].append(row.place_id)
        out["lon"].append(round(float(row.lon), 4))
        out["lat"].append(round(float(row.lat), 4))
        out["text"].append(text if labelled else "")
        out["position"].append(best)
        out["font_size"].append(size)
        out["marker_size"].append(7.0 if row.rank >= 3.5 else 5.0 if labelled else 4.0)
    return Labels(**out)
