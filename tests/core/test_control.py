"""Locality control at a date, from small tables whose answers are known."""

from __future__ import annotations

from support import source, table_from_csv

from dashboard.core.control import ControlHistory, locality_control


def test_a_locality_changing_hands_twice_has_the_controller_of_its_last_change():
    table = table_from_csv(
        f"a1,2016-01-01,Alpha,,,control_change,x,isis,start,{source()}\n"
        f"a2,2017-03-10,Alpha,,,control_change,x,government,taken,{source()}\n"
        f"a3,2018-07-01,Alpha,,,control_change,x,sdf,taken again,{source()}\n"
    )
    history = ControlHistory.from_events(table.events)

    def controller(date):
        frame = locality_control(history, table.events, date)
        return frame.set_index("place_id").loc["alpha", ["controller", "event_id"]].tolist()

    assert controller("2016-06-01") == ["isis", "a1"]
    assert controller("2017-03-09") == ["isis", "a1"]
    assert controller("2017-03-10") == ["government", "a2"]
    assert controller("2018-06-30") == ["government", "a2"]
    assert controller("2019-12-31") == ["sdf", "a3"]


def test_a_locality_has_no_controller_before_its_first_event():
    table = table_from_csv(f"b1,2017-01-01,Beta,,,control_change,x,hts,start,{source()}\n")
    frame = locality_control(ControlHistory.from_events(table.events), table.events, "2016-12-31")
    assert frame["controller"].tolist() == [""]
    assert frame["event_id"].tolist() == [""]


def test_an_event_dated_before_the_coverage_still_decides_control():
    table = table_from_csv(f"c1,2012-07-19,Beta,,,control_change,x,opposition,old,{source()}\n")
    frame = locality_control(ControlHistory.from_events(table.events), table.events, "2016-01-01")
    assert frame["controller"].tolist() == ["opposition"]


def test_events_that_are_not_control_changes_never_change_control():
    table = table_from_csv(
        f"d1,2016-01-01,Alpha,,,control_change,x,government,start,{source()}\n"
        f"d2,2016-05-01,Alpha,,,battle,x,isis,attack,{source()}\n"
        f"d3,2016-06-01,Alpha,,,airstrike,x,,strike,{source()}\n"
    )
    frame = locality_control(ControlHistory.from_events(table.events), table.events, "2017-01-01")
    assert frame["controller"].tolist() == ["government"]


def test_two_changes_on_one_day_resolve_to_the_later_row():
    table = table_from_csv(
        f"e1,2016-01-01,Alpha,,,control_change,x,isis,start,{source()}\n"
        f"e2,2016-02-01,Alpha,,,control_change,x,contested,fighting,{source()}\n"
        f"e3,2016-02-01,Alpha,,,control_change,x,government,taken,{source()}\n"
    )
    frame = locality_control(ControlHistory.from_events(table.events), table.events, "2016-02-01")
    assert frame["controller"].tolist() == ["government"]


def test_coordinates_without_a_place_make_their_own_locality():
    table = table_from_csv(
        f"f1,2016-01-01,,35.2,38.2,control_change,x,isis,start,{source()}\n"
        f"f2,2016-01-01,Alpha,,,control_change,x,government,start,{source()}\n"
    )
    history = ControlHistory.from_events(table.events)
    assert sorted(history.localities["locality_id"]) == ["35.2,38.2", "alpha"]
