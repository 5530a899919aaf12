"""Barriers: no cell crosses the river; land on the far bank goes to that bank's localities."""

from __future__ import annotations

import numpy as np
import shapely
from support import source, table_from_csv

from dashboard.core.cells import banks, to_metres
from dashboard.core.model import build_model
from dashboard.core.zones import front_lines

# West of a north-south river at 38.0 E: one government town close to the river.
# East of it: an SDF town 90 km from the river and an ISIS town to its north-east.
RIVER = shapely.LineString([(38.0, 33.0), (38.0, 37.0)])
THREE_TOWNS = (
    f"w1,2016-01-01,,35.0,37.9,control_change,x,government,start,{source()}\n"
    f"e1,2016-01-01,,35.0,39.0,control_change,x,sdf,start,{source()}\n"
    f"n1,2016-01-01,,35.9,39.5,control_change,x,isis,start,{source()}\n"
)


def _controller(model, lon, lat, date="2016-06-01"):
    atom = model.atom_at(lon, lat)
    return model.atom_control(date).factions[atom]


def test_without_a_barrier_a_cell_crosses_the_river(box_outline):
    model = build_model(table_from_csv(THREE_TOWNS), box_outline, reach_km=0)
    assert _controller(model, 38.3, 35.0) == 0  # government: nearest town, across the river


def test_a_river_barrier_keeps_each_cell_on_its_own_bank(box_outline):
    model = build_model(table_from_csv(THREE_TOWNS), box_outline, reach_km=0, barriers=RIVER)
    assert _controller(model, 37.95, 35.0) == 0  # government on its own bank
    assert _controller(model, 38.05, 35.0) == 1  # sdf: the nearest town on the east bank
    west = model.tessellation.atoms[model.tessellation.atom_locality == 0]
    assert shapely.total_bounds(west)[2] <= to_metres(shapely.Point(38.0, 35.0)).x + 1_000


def test_far_bank_land_goes_to_the_nearest_locality_on_that_bank(box_outline):
    model = build_model(table_from_csv(THREE_TOWNS), box_outline, reach_km=0, barriers=RIVER)
    assert _controller(model, 38.3, 34.2) == 1  # nearer the SDF town
    assert _controller(model, 38.6, 35.95) == 2  # nearer the ISIS town


def test_the_front_line_follows_the_river(box_outline):
    model = build_model(table_from_csv(THREE_TOWNS), box_outline, reach_km=0, barriers=RIVER)
    lines = front_lines(model, "2016-06-01").set_index(["faction_a", "faction_b"])
    river_front = lines.loc[("government", "sdf"), "geometry"]
    xs = shapely.get_coordinates(river_front)[:, 0]
    assert np.allclose(xs, 38.0, atol=0.01)


def test_a_lake_is_a_barrier_and_its_water_joins_a_bank(box_outline):
    lake = shapely.box(37.95, 33.5, 38.05, 36.5)  # a long lake across the whole box
    model = build_model(table_from_csv(THREE_TOWNS), box_outline, reach_km=0, barriers=lake)
    assert _controller(model, 38.1, 35.0) == 1
    total = shapely.area(to_metres(box_outline)) / 1e6
    assert abs(model.tessellation.area_km2.sum() - total) < 1.0


def test_banks_split_the_outline_where_the_line_crosses_it(box_outline):
    sides = banks(to_metres(box_outline), to_metres(RIVER))
    assert len(sides) == 2
    assert abs(shapely.area(sides[0]) - shapely.area(sides[1])) / shapely.area(sides[0]) < 0.05
