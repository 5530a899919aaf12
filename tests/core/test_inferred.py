"""Inferred land: farther than the reach, coloured by its locality, never left blank."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from support import source, table_from_csv, two_towns_gazetteer

from dashboard.core.model import build_model
from dashboard.core.stats import held_at
from dashboard.core.table import EventTable
from dashboard.core.why import explain_atom

TWO_TOWNS = (
    f"a1,2016-01-01,Alpha,,,control_change,x,government,start,{source()}\n"
    f"b1,2016-01-01,Beta,,,control_change,x,isis,start,{source()}\n"
    f"b2,2017-10-20,Beta,,,control_change,x,sdf,taken,{source()}\n"
)


def _model(outline, text=TWO_TOWNS, reach_km=50.0):
    places = two_towns_gazetteer().places.reset_index(drop=True)
    return build_model(table_from_csv(text), outline, places, reach_km=reach_km)


def test_land_beyond_the_reach_takes_its_localitys_colour_and_is_flagged_inferred(box_outline):
    model = _model(box_outline)
    control = model.atom_control("2016-06-01")
    far = model.atom_at(36.1, 35.9)  # about 150 km from Alpha
    near = model.atom_at(37.1, 35.0)
    assert control.factions[far] == 0 and control.inferred[far]
    assert control.factions[near] == 0 and not control.inferred[near]
    assert model.tessellation.atom_distance_km[far] >= 50


def test_stats_report_held_and_inferred_area_separately_and_in_total(box_outline):
    frame = held_at(_model(box_outline), "2016-06-01").set_index("faction")
    assert {"area_km2", "held_km2", "inferred_km2"} <= set(frame.columns)
    assert np.allclose(frame["held_km2"] + frame["inferred_km2"], frame["area_km2"], atol=0.2)
    assert (frame.loc[["government", "isis"], "inferred_km2"] > 20_000).all()
    assert frame.loc["none", "area_km2"] == 0  # the no-data row is always there


def test_why_says_the_colour_is_inferred_from_the_locality_and_how_far(box_outline):
    model = _model(box_outline)
    atom = model.atom_at(39.9, 35.9)
    why = explain_atom(model, atom, "2018-01-01", (39.9, 35.9))
    assert why.controller == "sdf" and why.inferred
    assert why.basis.startswith("inferred from Beta, ") and why.basis.endswith(" km away")
    assert 90 < why.distance_km < 130  # (39.9, 35.9) is about 110 km from Beta (39.0, 35.0)
    near = explain_atom(model, model.atom_at(39.1, 35.0), "2018-01-01")
    assert near.basis == "zone of Beta" and not near.inferred


def test_an_area_event_beats_inferred_land_it_covers_even_when_older(box_outline):
    square = shapely.box(39.3, 34.1, 39.9, 35.9)  # east of Beta, partly beyond its reach
    events = table_from_csv(TWO_TOWNS).events
    area = events.iloc[[0]].copy()
    area[["event_id", "controller_after"]] = ["p1", "hts"]
    area["date"] = pd.Timestamp("2016-03-01")  # older than Beta's change to sdf
    area["geometry"] = [square]
    area[["place", "place_id"]] = ""
    area[["lat", "lon"]] = np.nan
    events = pd.concat([events, area], ignore_index=True).sort_values("date", kind="stable")
    model = build_model(EventTable(events.reset_index(drop=True), ("t",), "x"), box_outline)
    control = model.atom_control("2018-01-01")
    far, near = model.atom_at(39.85, 35.85), model.atom_at(39.35, 35.0)
    assert control.factions[far] == 3 and not control.inferred[far]  # hts: the area decides
    assert control.factions[near] == 1  # sdf: Beta's own, more recent event beats the area
    assert explain_atom(model, far, "2018-01-01").basis == "area event"


def test_a_locality_with_no_controller_yet_lends_its_land_to_the_nearest_that_has(box_outline):
    later = TWO_TOWNS + f"g1,2018-01-01,Gamma,,,control_change,x,hts,start,{source()}\n"
    model = _model(box_outline, later)
    atom = model.atom_at(38.0, 35.6)  # Gamma's own cell
    before = model.atom_control("2017-01-01")
    assert before.factions[atom] >= 0 and before.inferred[atom]
    assert held_at(model, "2017-01-01").set_index("faction").loc["none", "area_km2"] == 0
    after = model.atom_control("2018-06-01")
    assert after.factions[atom] == 3 and not after.inferred[atom]


def test_an_enclaves_land_beyond_its_reach_goes_to_the_faction_around_it(box_outline):
    ring = [(36.3, 35.0), (39.7, 35.0), (38.0, 34.1), (38.0, 35.9), (36.5, 35.8), (39.5, 34.2)]
    text = f"c1,2016-01-01,,35.0,38.0,control_change,x,opposition,enclave,{source()}\n" + "".join(
        f"r{i},2016-01-01,,{lat},{lon},control_change,x,government,around,{source()}\n"
        for i, (lon, lat) in enumerate(ring)
    )
    model = _model(box_outline, text, reach_km=20)
    control = model.atom_control("2016-06-01")
    centre, beyond = model.atom_at(38.05, 35.0), model.atom_at(38.6, 35.0)  # ~55 km east
    assert control.factions[centre] == 4 and not control.inferred[centre]
    assert model.tessellation.atom_locality[beyond] == model.tessellation.atom_locality[centre]
    assert control.factions[beyond] == 0 and control.inferred[beyond]
