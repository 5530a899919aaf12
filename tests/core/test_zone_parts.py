"""Zones split into held and inferred land: the parts of a faction add up to its stats."""

from __future__ import annotations

import numpy as np
import shapely
from support import TWO_TOWN_EVENTS, table_from_csv, two_towns_gazetteer

from dashboard.core.model import build_model
from dashboard.core.stats import held_at
from dashboard.core.zones import zone_parts


def _model(outline):
    places = two_towns_gazetteer().places.reset_index(drop=True)
    return build_model(table_from_csv(TWO_TOWN_EVENTS), outline, places, reach_km=50.0)


def test_each_faction_has_a_held_and_an_inferred_part_that_add_up_to_its_area(box_outline):
    model = _model(box_outline)
    parts = zone_parts(model, "2016-06-01")
    assert sorted(zip(parts["faction"], parts["kind"], strict=True)) == [
        ("government", "held"), ("government", "inferred"),
        ("isis", "held"), ("isis", "inferred"),
    ]  # fmt: skip
    totals = parts.groupby("faction")["area_km2"].sum()
    stats = held_at(model, "2016-06-01").set_index("faction")
    assert np.allclose(totals, stats.loc[totals.index, "area_km2"], atol=0.2)
    held = parts[parts["kind"] == "held"].set_index("faction")["area_km2"]
    assert np.allclose(held, stats.loc[held.index, "held_km2"], atol=0.2)


def test_the_held_and_inferred_parts_do_not_overlap_and_cover_the_outline(box_outline):
    parts = zone_parts(_model(box_outline), "2018-01-01")
    shapes = list(parts["geometry"])
    union = shapely.union_all(shapes)
    assert np.isclose(sum(s.area for s in shapes), union.area, rtol=1e-6)  # no overlap
    assert np.isclose(union.area, box_outline.area, rtol=1e-3)
    alpha_held = parts[(parts["faction"] == "government") & (parts["kind"] == "held")]
    assert alpha_held.geometry.iloc[0].contains(shapely.Point(37.0, 35.0))
