"""Which places get a label, where the label goes and how big it is.

A greedy placement in degrees: candidates in rank order try eight positions around their
marker and take the first that overlaps nothing already placed; the articles' places are
always labelled (where they cover least: another label costs most, then a labelled place's
marker, and an unlabelled place's marker little) and everything else that does not fit keeps only
its marker, unless an article's label lies over it: then the label wins and the marker goes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["CHAR_WIDTH", "Labels", "place_labels"]

# The four sides first, then the corners (where a crowd of close places leaves room).
_POSITIONS = (
    "middle right", "middle left", "top center", "bottom center",
    "top right", "bottom right", "top left", "bottom left",
)  # fmt: skip
CHAR_WIDTH = 0.55  # of the font size, for a sans-serif label
_MAP_WIDTH_PX = 560.0  # the map's width the placement plans for (1366×768 draws it 570 wide)
_MIN_RANK = 2.5  # below this (villages, small towns) a place gets a label only when zoomed in
# The cost, per unit area, of covering another label, a labelled place's marker and an
# unlabelled place's marker.
_LABEL, _LABELLED, _UNLABELLED = 100.0, 10.0, 0.1
_PREFER = 0.01  # the cost of each later position, per unit of the label's own area


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


def _box(lon, lat, position, width, height, gap, rise):
    """The label's extent: beside, above or below its marker, or off one of its corners
    (plotly offsets a corner's text by the same gap both ways: `gap` degrees of longitude,
    `rise` of latitude)."""
    vertical, horizontal = position.split()
    if horizontal == "right":
        west = lon + gap
    elif horizontal == "left":
        west = lon - gap - width
    else:
        west = lon - width / 2
    if vertical == "top":
        south = lat + rise
    elif vertical == "bottom":  # plotly's text below a marker starts nearer than above it
        south = lat - rise - 0.85 * height
    else:  # and its baseline sits a quarter of the type's size below the marker's centre
        south = lat - 0.4 * height
    return west, south, west + width, south + height


def _overlaps(box, boxes: np.ndarray) -> np.ndarray:
    """The area `box` shares with each of `boxes`."""
    dx = np.minimum(box[2], boxes[:, 2]) - np.maximum(box[0], boxes[:, 0])
    dy = np.minimum(box[3], boxes[:, 3]) - np.maximum(box[1], boxes[:, 1])
    return np.clip(dx, 0, None) * np.clip(dy, 0, None)


def _cost(box, boxes: np.ndarray, weights: np.ndarray, extent) -> float:
    """Weighted overlap with the obstacles, plus a heavy penalty for leaving the map."""
    west, south, east, north = extent
    outside = box[0] < west or box[2] > east or box[1] < south or box[3] > north
    return float(_overlaps(box, boxes) @ weights) + (1e3 if outside else 0.0)


def place_labels(
    candidates: pd.DataFrame,
    extent: tuple[float, float, float, float],
    lang: str,
    show: pd.Series,
    map_width_px: float = _MAP_WIDTH_PX,
    min_font: int = 0,
) -> Labels:
    """Labels for the candidates where `show` is true, planned for the map's extent drawn
    `map_width_px` wide (the dashboard's 560 unless an export knows its own), in type of at
    least `min_font` px."""
    west, south, east, north = extent
    per_px = (east - west) / map_width_px
    min_rank = _MIN_RANK if east - west > 3 else 0.0
    stretch = math.cos(math.radians((south + north) / 2))
    inside = show & candidates["lon"].between(west, east) & candidates["lat"].between(south, north)
    chosen = candidates[inside]
    dot = 4 * per_px  # markers are obstacles too
    lon, lat = chosen["lon"].to_numpy(float), chosen["lat"].to_numpy(float)
    markers = np.column_stack([lon - dot, lat - dot * stretch, lon + dot, lat + dot * stretch])
    weights = np.where(chosen["article"].to_numpy(bool), _LABELLED, _UNLABELLED)
    rows = list(chosen.itertuples(index=False))
    name_column = "name_ar" if lang == "ar" else "name"
    texts = [str(getattr(row, name_column)) for row in rows]
    sizes = [_font_size(row.rank, row.article, min_font) for row in rows]
    placed: dict[int, tuple] = {}  # index -> (position, label box)

    def boxes_of(index: int) -> list:
        """The eight candidate boxes of one place's label."""
        width = len(texts[index]) * sizes[index] * CHAR_WIDTH * per_px
        height = sizes[index] * 1.2 * per_px * stretch
        gap = 5 * per_px
        return [
            _box(lon[index], lat[index], p, width, height, gap, gap * stretch) for p in _POSITIONS
        ]

    def choose(index: int) -> tuple[int, float, list]:
        """The best position (the first free one; else the cheapest, a later position costing
        a little more, so crowded labels keep to the sides of their places) and its cost."""
        others = np.arange(len(markers)) != index
        labels = [box for i, (_, box) in placed.items() if i != index]
        obstacles = np.vstack([markers[others], np.array(labels).reshape(-1, 4)])
        cost = np.concatenate([weights[others], np.full(len(labels), _LABEL)])
        candidates = boxes_of(index)
        costs = [_cost(box, obstacles, cost, extent) for box in candidates]
        prefer = (
            _PREFER * (candidates[0][2] - candidates[0][0]) * (candidates[0][3] - candidates[0][1])
        )
        key = (
            (lambda i: costs[i] + i * prefer)
            if rows[index].article
            else (lambda i: (costs[i] > 0, i))
        )
        best = min(range(len(costs)), key=key)
        return best, costs[best], candidates

    positions = []
    for index, row in enumerate(rows):
        best, overlap, candidates = choose(index)
        positions.append(best)
        if row.article or (overlap == 0 and row.rank >= min_rank):
            placed[index] = (best, candidates[best])
            weights[index] = _LABELLED
    for _ in range(2):  # the articles' labels, each moved again now that all the others stand
        for index in [i for i in placed if rows[i].article]:
            best, _, candidates = choose(index)
            placed[index] = (best, candidates[best])
            positions[index] = best
    labels = np.array([box for _, box in placed.values()]).reshape(-1, 4)
    out: dict[str, list] = {k: [] for k in Labels.__dataclass_fields__}
    for index, row in enumerate(rows):
        labelled = index in placed
        covered = not labelled and _overlaps(markers[index], labels).sum() > 0
        out["place_id"].append(row.place_id)
        out["lon"].append(round(float(row.lon), 4))
        out["lat"].append(round(float(row.lat), 4))
        out["text"].append(texts[index] if labelled else "")
        out["position"].append(_POSITIONS[positions[index]])
        out["font_size"].append(sizes[index])
        size = 7.0 if row.rank >= 3.5 else 5.0 if labelled else 4.0
        out["marker_size"].append(0.0 if covered else size)  # under an article's label: none
    return Labels(**out)
