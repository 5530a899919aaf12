"""A date's frame: which events it lists (the window), where front lines run, zone colours.

The two-town table (tests/support.py) has, by row: a1 Alpha and b1 Beta (2016-01-01), p1 a
presence at Gamma (2016-02-01), b2 the SDF taking Beta (2017-10-20), b3 a battle at Beta
(2017-10-25). a1 and b1, on the table's first day, are starting states, not events.

The map draws (and the list shows first) the events of the `window_days` before the date and
the date itself, newest first: one exactly `window_days` before is in, one a day earlier is
out. The events of the `window_days` after the date are listed only ("later"), oldest first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support import source, table_from_csv, two_towns_gazetteer

from dashboard.core.factions import FACTION_CODES, FACTIONS
from dashboard.core.view import MapView
from dashboard.figures.frames import (
    date_frame,
    expand,
    frame_rows,
    frame_updates,
    map_key,
    runs,
    zone_z,
)
from dashboard.figures.traces import EVENT_TYPES_SHOWN, TRACE_EVENTS, TRACE_FRONT
from dashboard.io.dataset import Dataset, model_for

A1, B1, P1, B2, B3 = range(5)  # event rows of the two-town table
N = len(FACTIONS)  # the z of "no data"; inferred land of faction i is N + 1 + i
GOVERNMENT, SDF, ISIS = (FACTION_CODES.index(c) for c in ("government", "sdf", "isis"))


def frame(dataset, date: str, window_days: int = 30, base=None, **changes) -> dict:
    view = MapView(date=pd.Timestamp(date), **changes)
    return date_frame(dataset, view, window_days, base)


@pytest.mark.parametrize(
    ("date", "rows"),
    [
        ("2016-02-01", [P1]),  # the day's own event
        ("2016-03-02", [P1]),  # p1 exactly 30 days before
        ("2016-03-03", []),  # p1 31 days before
        ("2017-10-25", [B3, B2]),  # newest first
        ("2017-11-19", [B3, B2]),  # b2 exactly 30 days before
        ("2017-11-20", [B3]),  # b2 31 days before
        ("2017-11-24", [B3]),  # b3 exactly 30 days before
        ("2017-11-25", []),
        ("2017-10-19", []),  # b2 is tomorrow: listed later, never drawn before it happens
    ],
)
def test_the_map_draws_the_events_of_the_window_days_up_to_the_date(two_towns, date, rows):
    assert expand(frame(two_towns, date)["events"]) == rows


@pytest.mark.parametrize(
    ("date", "rows"),
    [
        ("2016-01-02", [P1]),  # p1 exactly 30 days after
        ("2016-01-01", []),  # p1 31 days after
        ("2016-02-01", []),  # the day's own event is drawn, not later
        ("2017-09-20", [B2]),  # b2 exactly 30 days after, b3 35 days after
        ("2017-09-19", []),  # b2 31 days after
        ("2017-09-25", [B2, B3]),  # oldest first; b3 exactly 30 days after
        ("2017-10-22", [B3]),
    ],
)
def test_the_events_of_the_window_days_after_the_date_are_listed_later(two_towns, date, rows):
    assert expand(frame(two_towns, date)["later"]) == rows


def test_the_starting_states_on_the_first_day_are_never_events(two_towns):
    first = frame(two_towns, "2016-01-01")
    assert (expand(first["events"]), expand(first["later"])) == ([], [])
    assert A1 not in expand(frame(two_towns, "2016-01-20")["events"])


def test_a_window_of_zero_days_draws_only_the_days_own_events(two_towns):
    assert expand(frame(two_towns, "2017-10-20", window_days=0)["events"]) == [B2]
    assert expand(frame(two_towns, "2017-10-21", window_days=0)["events"]) == []
    assert expand(frame(two_towns, "2017-10-21", window_days=1)["events"]) == [B2]
    assert expand(frame(two_towns, "2017-10-19", window_days=0)["later"]) == []
    assert expand(frame(two_towns, "2017-10-19", window_days=1)["later"]) == [B2]


def test_the_frame_records_its_window(two_towns):
    assert frame(two_towns, "2017-10-20", window_days=7)["window"] == 7


def test_the_battle_in_the_window_is_drawn_at_beta(two_towns):
    updates = frame_updates(frame(two_towns, "2017-11-24"), map_key(two_towns))
    battle = updates[TRACE_EVENTS + EVENT_TYPES_SHOWN.index("battle")]
    assert (battle["lon"], battle["lat"]) == ([39.0], [35.0])
    assert [row[0] if isinstance(row, list) else row for row in battle["customdata"]] == ["b3"]
    taken = updates[TRACE_EVENTS + EVENT_TYPES_SHOWN.index("control_change")]
    assert taken["lon"] == []


def test_presence_shows_from_its_report_on(two_towns):
    assert expand(frame(two_towns, "2016-01-31")["presence"]) == []
    assert expand(frame(two_towns, "2016-02-01")["presence"]) == [P1]
    assert expand(frame(two_towns, "2019-01-01")["presence"]) == [P1]


def alpha_beta_edges(model) -> list[int]:
    """The edges between an atom of Alpha's cell and an atom of Beta's."""
    owner = model.tessellation.atom_locality
    a, b = owner[model.tessellation.edge_a], owner[model.tessellation.edge_b]
    return np.flatnonzero((a >= 0) & (b >= 0) & (a != b)).tolist()


@pytest.mark.parametrize("date", ["2016-06-01", "2017-10-20", "2018-01-01"])
def test_a_front_line_runs_wherever_alpha_and_beta_are_held_by_different_factions(two_towns, date):
    front = frame(two_towns, date)["front"]
    assert front == alpha_beta_edges(two_towns.model)
    assert front != []


def test_the_front_line_trace_runs_along_38_east_between_the_towns(two_towns):
    updates = frame_updates(frame(two_towns, "2018-01-01"), map_key(two_towns))
    lon, lat = updates[TRACE_FRONT]["lon"], updates[TRACE_FRONT]["lat"]
    points = [(x, y) for x, y in zip(lon, lat, strict=True) if x is not None]
    assert len(points) >= 2
    assert {x for x, _ in points} == {38.0}  # the meridian halfway between 37 E and 39 E
    assert min(y for _, y in points) < 34.0 and max(y for _, y in points) > 36.0


def test_towns_of_one_faction_have_no_front_line_between_them():
    gazetteer = two_towns_gazetteer()
    table = table_from_csv(
        f"a1,2016-01-01,Alpha,,,control_change,x,government,start,{source()}\n"
        f"b1,2016-01-01,Beta,,,control_change,x,government,start,{source()}\n"
        f"b2,2017-01-01,Beta,,,control_change,x,sdf,taken,{source()}\n",
        gazetteer,
    )
    allies = Dataset(gazetteer, table, model_for(table, gazetteer, 40.0))
    assert frame(allies, "2016-06-01")["front"] == []
    updates = frame_updates(frame(allies, "2016-06-01"), map_key(allies))
    assert updates[TRACE_FRONT] == {"lon": [], "lat": []}
    assert frame(allies, "2017-06-01")["front"] == alpha_beta_edges(allies.model) != []


def test_zone_z_is_the_faction_index_no_data_after_them_and_inferred_land_after_that():
    factions = np.array([GOVERNMENT, GOVERNMENT, ISIS, -1, -1, SDF])
    inferred = np.array([False, True, False, False, True, True])
    assert zone_z(factions, inferred).tolist() == [
        GOVERNMENT,
        N + 1 + GOVERNMENT,
        ISIS,
        N,
        N,  # no data stays no data, inferred or not
        N + 1 + SDF,
    ]


def expected_z(model, holders: dict[str, int]) -> list[int]:
    """Per atom: its locality's faction, shifted to the inferred colours beyond the reach."""
    names = model.localities["name"].tolist()
    tessellation = model.tessellation
    z = []
    for owner, far in zip(tessellation.atom_locality, tessellation.atom_inferred, strict=True):
        if owner < 0:
            z.append(N)
        else:
            z.append(holders[names[owner]] + (N + 1 if far else 0))
    return z


def test_the_frame_colours_each_atom_by_its_towns_faction(two_towns):
    model = two_towns.model
    before = {"Alpha": GOVERNMENT, "Beta": ISIS}
    after = {"Alpha": GOVERNMENT, "Beta": SDF}
    assert frame(two_towns, "2017-10-19")["z"] == expected_z(model, before)
    assert frame(two_towns, "2017-10-20")["z"] == expected_z(model, after)
    assert frame(two_towns, "2017-10-19")["z"] != frame(two_towns, "2017-10-20")["z"]


def test_the_frame_counts_each_factions_localities(two_towns):
    held = dict(zip([*FACTION_CODES, "none"], frame(two_towns, "2018-01-01")["held"], strict=True))
    localities = {code: entry[1] for code, entry in held.items()}  # [km², localities, ...]
    assert {code: n for code, n in localities.items() if n} == {"government": 1, "sdf": 1}
    assert set(held["isis"]) == {0}  # no area, no locality


def test_runs_keep_the_order_of_rows_and_expand_back():
    rows = [7, 8, 9, 3, 4, 12]
    assert runs(rows) == [[7, 3], [3, 2], [12, 1]]
    assert expand(runs(rows)) == rows
    assert runs([]) == []


def held_after(full: dict, delta: dict) -> dict:
    """What the browser holds after taking `delta` on top of `full` (dashboard.js `hold`)."""
    z = list(full["z"])
    for atom, value in zip(*delta["dz"], strict=True):
        z[atom] = value
    front = (set(full["front"]) - set(delta["front_drop"])) | set(delta["front_add"])
    rows = {r: v for r, v in frame_rows(full).items() if r not in expand(delta["drop"])}
    return {"z": z, "front": sorted(front), "rows": rows | frame_rows(delta)}


@pytest.mark.parametrize(
    ("base", "date"),
    [("2017-10-19", "2017-10-20"), ("2017-10-20", "2016-02-01"), ("2016-01-01", "2017-11-30")],
)
def test_a_delta_from_the_held_date_gives_what_a_full_frame_of_the_date_gives(
    two_towns, base, date
):
    delta = frame(two_towns, date, base=base)
    full = frame(two_towns, date)
    assert delta["base"] == base and full["base"] is None
    held = held_after(frame(two_towns, base), delta)
    assert held["z"] == full["z"] and held["front"] == full["front"]
    assert held["rows"] == frame_rows(full)  # every row it needs, and no other


def test_a_delta_sends_only_what_changed_since_the_held_date(two_towns):
    same = frame(two_towns, "2017-10-21", base="2017-10-21")
    assert same["dz"] == [[], []] and (same["front_add"], same["front_drop"]) == ([], [])
    assert expand(same["rows"]["i"]) == [] and same["drop"] == []
    taken = frame(two_towns, "2017-10-20", base="2017-09-01")  # the SDF takes Beta
    beta = two_towns.model.tessellation.atom_locality[taken["dz"][0]]
    assert set(beta.tolist()) <= {1} and taken["dz"][0] != []
    assert B2 in expand(taken["rows"]["i"])  # new to the map, with its text
    known = frame(two_towns, "2017-10-20", base="2017-10-19")  # b2 was listed as later
    assert B2 not in expand(known["rows"]["i"]) and expand(known["events"]) == [B2]
