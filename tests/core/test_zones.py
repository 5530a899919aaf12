"""Zones, front lines and area events on a tiny two-town map."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from support import source, table_from_csv

from dashboard.core.model import build_model
from dashboard.core.table import EventTable
from dashboard.core.why import explain_atom
from dashboard.core.zones import front_lines, zones

TWO_TOWNS = (
    f"a1,2016-01-01,Alpha,,,control_change,x,government,start,{source()}\n"
    f"b1,2016-01-01,Beta,,,control_change,x,isis,start,{source()}\n"
    f"b2,2017-10-20,Beta,,,control_change,x,sdf,taken,{source()}\n"
)


def test_the_zone_boundary_of_two_localities_falls_on_their_bisector(box_outline):
    model = build_model(table_from_csv(TWO_TOWNS), box_outline, reach_km=0)
    lines = front_lines(model, "2016-06-01")
    assert lines[["faction_a", "faction_b"]].values.tolist() == [["government", "isis"]]
    xs = shapely.get_coordinates(lines.geometry.iloc[0])[:, 0]
    assert np.allclose(xs, 38.0, atol=0.01)


def test_each_faction_gets_one_merged_zone_covering_the_outline(box_outline):
    model = build_model(table_from_csv(TWO_TOWNS), box_outline, reach_km=0)
    frame = zones(model, "2018-01-01").set_index("faction")
    assert sorted(frame.index) == ["government", "sdf"]
    total = frame["area_km2"].sum()
    assert abs(frame.loc["government", "area_km2"] - total / 2) < total * 0.01
    west = frame.loc["government", "geometry"]
    assert west.contains(shapely.Point(37.0, 35.0))
    assert not west.contains(shapely.Point(39.0, 35.0))


def test_areas_beyond_the_reach_are_inferred_from_their_locality_not_no_data(box_outline):
    model = build_model(table_from_csv(TWO_TOWNS), box_outline, reach_km=50)
    control = model.atom_control("2016-06-01")
    inferred = model.tessellation.atom_inferred
    assert inferred.any() and (model.tessellation.atom_locality >= 0).all()
    assert (control.factions >= 0).all()
    held = model.tessellation.area_km2[~inferred].sum()
    assert held < 2 * np.pi * 50**2 * 1.01


def test_a_polygon_event_overrides_the_cells_it_covers(box_outline):
    square = shapely.box(38.5, 34.5, 39.5, 35.5).wkt
    table = table_from_csv(TWO_TOWNS)
    events = table.events.copy()
    polygon_row = events.iloc[[0]].copy()
    polygon_row[["event_id", "controller_after"]] = ["p1", "hts"]
    polygon_row["date"] = polygon_row["date"] + np.timedelta64(500, "D")
    polygon_row["geometry"] = [shapely.from_wkt(square)]
    events = pd.concat([events, polygon_row], ignore_index=True).sort_values("date")
    polygon_table = EventTable(events.reset_index(drop=True), ("t",), "x")
    model = build_model(polygon_table, box_outline, reach_km=0)
    before = zones(model, "2017-01-01").set_index("faction")
    after = zones(model, "2017-06-01").set_index("faction")
    assert "hts" not in before.index
    assert after.loc["hts", "area_km2"] > 9000
    assert after.loc["hts", "geometry"].contains(shapely.Point(39.0, 35.0))
    atom = model.atom_at(39.0, 35.0)
    assert explain_atom(model, atom, "2017-06-01").deciding_event["event_id"] == "p1"
    later = zones(model, "2018-01-01").set_index("faction")
    assert "hts" not in later.index  # Beta's later point event is more recent than the area's
