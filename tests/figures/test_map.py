"""The figures: fixed trace order, date patches equal to full figures, compare, labels."""

from __future__ import annotations

import json

import pandas as pd

from dashboard.core.factions import FACTIONS
from dashboard.core.presence import PRESENCE_GROUPS
from dashboard.core.view import MapView
from dashboard.figures import map as figures
from dashboard.figures import traces
from dashboard.figures.geometry import map_base


def view(date: str, **changes) -> MapView:
    return MapView(date=pd.Timestamp(date), **changes)


def test_map_figure_keeps_its_traces_in_the_documented_order(two_towns):
    data = figures.map_figure(two_towns, view("2016-06-01")).data
    assert data[traces.TRACE_ZONES].type == "choropleth"
    assert data[traces.TRACE_ZONES].name == "Control zones"
    assert data[traces.TRACE_FRONT].name == "Front lines"
    assert data[traces.TRACE_PLACES].name == "Places"
    assert data[traces.TRACE_PRESENCE].name == "Foreign presence"
    assert data[traces.TRACE_EVENTS].name == "Event: control change"
    # factions, no data and inferred, then a star per foreign presence country
    assert traces.TRACE_LEGEND + len(FACTIONS) + 2 == traces.TRACE_PRESENCE_LEGEND
    assert len(data) == traces.TRACE_PRESENCE_LEGEND + len(PRESENCE_GROUPS) + 1


def test_hidden_layers_keep_their_trace_so_indices_never_move(two_towns):
    full = figures.map_figure_dict(two_towns, view("2016-06-01"))
    bare = figures.map_figure_dict(two_towns, view("2016-06-01", layers=()))
    assert len(full["data"]) == len(bare["data"])
    assert bare["data"][traces.TRACE_ZONES]["visible"] is False


def test_zone_colours_are_faction_indices_then_no_data_then_inferred(two_towns):
    before = figures.map_figure_dict(two_towns, view("2016-06-01"))["data"][traces.TRACE_ZONES]
    after = figures.map_figure_dict(two_towns, view("2018-01-01"))["data"][traces.TRACE_ZONES]
    codes = [f.code for f in FACTIONS]
    assert codes.index("isis") in before["z"] and codes.index("sdf") not in before["z"]
    assert codes.index("sdf") in after["z"]
    inferred = len(FACTIONS) + 1  # inferred land of faction i is drawn as inferred + i
    assert set(before["z"]) <= {*range(len(FACTIONS)), *range(inferred, inferred + len(FACTIONS))}
    assert inferred + codes.index("isis") in before["z"]  # Beta's land beyond 40 km


def test_a_date_patch_turns_one_dates_full_figure_into_anothers(two_towns):
    # The dashboard draws the map once and then sends only date patches: applying the patch
    # of 2018 to the figure of 2016 must give the figure of 2018, and that patch recolours
    # exactly Beta's atoms from Islamic State to SDF.
    early = figures.map_figure_dict(two_towns, view("2016-06-01"))
    late = figures.map_figure_dict(two_towns, view("2018-01-01"))
    patch = figures.date_updates(two_towns, view("2018-01-01"))
    patched = json.loads(json.dumps(early["data"]))
    for index, props in patch.items():
        for key, value in props.items():
            *parents, last = key.split(".")
            target = patched[index]
            for part in parents:
                target = target[part]
            target[last] = value
    assert patched == json.loads(json.dumps(late["data"]))
    codes = [f.code for f in FACTIONS]
    beta = two_towns.model.localities["name"].tolist().index("Beta")
    owner = two_towns.model.tessellation.atom_locality
    before, after = early["data"][traces.TRACE_ZONES]["z"], patch[traces.TRACE_ZONES]["z"]
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [i for i, o in enumerate(owner) if o == beta]
    held = [i for i in changed if not two_towns.model.tessellation.atom_inferred[i]]
    assert {before[i] for i in held} == {codes.index("isis")}
    assert {after[i] for i in held} == {codes.index("sdf")}


def test_a_date_frame_is_small_and_sends_no_geometry(two_towns):
    from dashboard.figures.frames import date_frame

    text = json.dumps(date_frame(two_towns, view("2018-01-01")), default=str)
    assert len(text) < 10_000
    assert "geojson" not in text and "coordinates" not in text


def test_compare_mode_hatches_the_area_that_changed_hands(two_towns):
    same = figures.date_updates(
        two_towns, view("2016-06-01", compare_date=pd.Timestamp("2016-03-01"))
    )
    moved = figures.date_updates(
        two_towns, view("2018-01-01", compare_date=pd.Timestamp("2016-03-01"))
    )
    assert same[traces.TRACE_CHANGED]["lon"] == []
    base = map_base(two_towns.model, two_towns.gazetteer)
    beta = two_towns.model.localities["name"].tolist().index("Beta")
    betas = [i for i, o in enumerate(two_towns.model.tessellation.atom_locality) if o == beta]
    assert moved[traces.TRACE_CHANGED] == {
        "lon": [x for i in betas for x in base.hatch_lon[i]],
        "lat": [y for i in betas for y in base.hatch_lat[i]],
    }
    assert len(moved[traces.TRACE_CHANGED]["lon"]) > 0
    assert moved[traces.TRACE_CHANGED_PLACES]["hovertext"] == ["Beta: Islamic State → SDF"]


def test_events_show_within_the_window_and_presence_once_reported(two_towns):
    updates = figures.date_updates(two_towns, view("2017-11-01"))
    battle = traces.TRACE_EVENTS + traces.EVENT_TYPES_SHOWN.index("battle")
    assert len(updates[battle]["lon"]) == 1
    assert updates[traces.TRACE_PRESENCE]["hovertext"][0].startswith("US: ")
    early = figures.date_updates(two_towns, view("2016-01-15"))
    assert early[traces.TRACE_PRESENCE]["lon"] == []


def test_places_are_labelled_in_the_chosen_language(two_towns):
    english = figures.map_figure_dict(two_towns, view("2016-06-01"))["data"][traces.TRACE_PLACES]
    arabic = figures.map_figure_dict(two_towns, view("2016-06-01", lang="ar"))
    assert "Alpha" in english["text"]
    assert "ألفا" in arabic["data"][traces.TRACE_PLACES]["text"]


def test_the_map_asks_for_no_base_layer_from_the_network(two_towns):
    geo = figures.map_figure_dict(two_towns, view("2016-06-01"))["layout"]["geo"]
    assert not any(value for key, value in geo.items() if key.startswith("show"))
    assert geo["projection"]["type"] == "mercator"


def test_focus_zooms_the_map_to_the_place(two_towns):
    geo = figures.map_figure_dict(two_towns, view("2016-06-01", focus_place="alpha"))["layout"]
    west, east = geo["geo"]["lonaxis"]["range"]
    assert west < 37.0 < east and east - west < 2
