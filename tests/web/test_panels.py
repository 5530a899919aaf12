"""The server-side panels: the compare summary's signs and amounts, why a zone has its colour,
and which click explains what.

The compare summary runs on two towns placed mirror-symmetrically about 38.5 E, the central
meridian of the equal-area projection, in a box from 36.5 to 40.5 E: the border between their
cells is that meridian, so each town's cell is exactly half the box.
"""

from __future__ import annotations

import pandas as pd
import pytest
import shapely
from support import source, table_from_csv, texts

from dashboard.core.cells import to_metres
from dashboard.core.factions import faction
from dashboard.core.gazetteer import Gazetteer
from dashboard.core.model import build_model
from dashboard.core.why import explain_locality, locality_index
from dashboard.figures.traces import TRACE_PLACES, TRACE_ZONES
from dashboard.io.dataset import Dataset
from dashboard.web.panels import compare_summary, explain_click, why_panel

BOX = shapely.box(36.5, 34.0, 40.5, 36.0)
HALF_BOX_KM2 = float(shapely.area(to_metres(BOX))) / 2e6  # 40,497 km²
FSI, PDI = "\u2068", "\u2069"  # the isolates around each faction name


def mirrored_towns(events: str) -> Dataset:
    places = pd.DataFrame(
        {
            "place_id": ["alpha", "beta"],
            "name": ["Alpha", "Beta"],
            "name_ar": ["ألفا", "بيتا"],
            "aliases": ["", ""],
            "lat": [35.0, 35.0],
            "lon": [37.5, 39.5],
            "kind": ["town", "town"],
            "governorate": ["", ""],
            "country": ["SY", "SY"],
            "population": ["1000", "2000"],
            "coord_source": ["test", "test"],
        }
    )
    gazetteer = Gazetteer.from_frame(places)
    table = table_from_csv(events, gazetteer)
    places = gazetteer.places.reset_index(drop=True)
    return Dataset(gazetteer, table, build_model(table, BOX, places, reach_km=1000))


START = (
    f"a1,2016-01-01,Alpha,,,control_change,x,government,start,{source()}\n"
    f"b1,2016-01-01,Beta,,,control_change,x,isis,start,{source()}\n"
)


@pytest.fixture(scope="module")
def sdf_takes_beta() -> Dataset:
    return mirrored_towns(START + f"b2,2017-10-20,Beta,,,control_change,SDF,sdf,taken,{source()}\n")


def name(text: str) -> str:
    return f"{FSI}{text}{PDI}"


def test_the_compare_summary_gives_the_sdf_plus_and_islamic_state_minus_half_the_box(
    sdf_takes_beta,
):
    amount = f"{HALF_BOX_KM2:,.0f}"
    assert amount == "40,497"
    summary = compare_summary(
        sdf_takes_beta, pd.Timestamp("2017-01-01"), pd.Timestamp("2018-01-01"), "en"
    )
    assert summary == (
        f"1 Jan 2017 → 1 Jan 2018: {name('SDF')} +{amount} km², "
        f"{name('Islamic State')} −{amount} km², 1 locality changed hands"
    )


def test_the_compare_summary_reads_from_the_earlier_date_whichever_is_the_compare_date(
    sdf_takes_beta,
):
    forward = compare_summary(
        sdf_takes_beta, pd.Timestamp("2017-01-01"), pd.Timestamp("2018-01-01"), "en"
    )
    backward = compare_summary(
        sdf_takes_beta, pd.Timestamp("2018-01-01"), pd.Timestamp("2017-01-01"), "en"
    )
    assert backward == forward


def test_the_compare_summary_names_the_factions_in_arabic(sdf_takes_beta):
    summary = compare_summary(
        sdf_takes_beta, pd.Timestamp("2017-01-01"), pd.Timestamp("2018-01-01"), "ar"
    )
    sdf, isis = faction("sdf").name_ar, faction("isis").name_ar
    assert summary.startswith(
        f"1 كانون الثاني 2017 ← 1 كانون الثاني 2018: {name(sdf)} +40,497 كم²، {name(isis)} −"
    )
    assert summary.endswith("بلدة واحدة تغيّرت السيطرة عليها")


def test_the_compare_summary_of_dates_with_no_change_only_counts_zero_localities(sdf_takes_beta):
    summary = compare_summary(
        sdf_takes_beta, pd.Timestamp("2016-02-01"), pd.Timestamp("2017-10-19"), "en"
    )
    assert summary == "1 Feb 2016 → 19 Oct 2017: 0 localities changed hands"


def test_a_swap_of_two_equal_towns_moves_no_net_area_but_two_localities():
    swap = mirrored_towns(
        START
        + f"a2,2017-05-01,Alpha,,,control_change,x,isis,swap,{source()}\n"
        + f"b2,2017-05-01,Beta,,,control_change,x,government,swap,{source()}\n"
    )
    summary = compare_summary(swap, pd.Timestamp("2017-04-01"), pd.Timestamp("2017-06-01"), "en")
    assert summary == "1 Apr 2017 → 1 Jun 2017: 2 localities changed hands"


def test_a_three_way_change_adds_and_subtracts_each_factions_own_cells():
    # Alpha: government -> IS; Beta: IS -> SDF. The government loses a half, the SDF gains a
    # half, and IS loses Beta's half while gaining Alpha's: no net change, so it is not listed.
    moves = mirrored_towns(
        START
        + f"a2,2017-05-01,Alpha,,,control_change,x,isis,taken,{source()}\n"
        + f"b2,2017-05-01,Beta,,,control_change,x,sdf,taken,{source()}\n"
    )
    summary = compare_summary(moves, pd.Timestamp("2017-04-01"), pd.Timestamp("2017-06-01"), "en")
    assert summary == (
        f"1 Apr 2017 → 1 Jun 2017: {name('SDF')} +40,497 km², "
        f"{name('Syrian government')} −40,497 km², 2 localities changed hands"
    )


def find(component, kind: str) -> list:
    """Every component of a type (e.g. "A", "Tr") in a tree, depth first."""
    if isinstance(component, list | tuple):
        return [f for child in component for f in find(child, kind)]
    if component is None or isinstance(component, str):
        return []
    own = [component] if type(component).__name__ == kind else []
    return own + find(getattr(component, "children", None), kind)


def beta_panel(dataset: Dataset, date: str, lang: str = "en") -> list:
    model = dataset.model
    return why_panel(explain_locality(model, locality_index(model, "beta"), date), lang)


def test_the_why_panel_names_the_place_its_controller_and_the_deciding_event(two_towns):
    heading, controller, deciding, *_ = beta_panel(two_towns, "2018-01-01")
    assert texts(heading) == ["Beta"]
    assert "".join(texts(controller)) == " SDF"
    assert controller.children[0].style == {"background": faction("sdf").colour}
    assert "".join(texts(deciding)) == (
        "Decided by: 2017-10-20 takenSource: Test report (Test Agency)"
    )
    (link,) = find(deciding, "A")
    assert link.href == "https://example.org/Test-report"


def test_the_why_panel_lists_the_whole_control_timeline_oldest_first(two_towns):
    panel = beta_panel(two_towns, "2016-06-01")
    assert "".join(texts(panel[1])) == " Islamic State"
    assert texts(panel[3]) == ["Control timeline"]
    rows = [texts(row) for row in find(panel[4], "Tr")]
    assert rows == [
        ["2016-01-01", " ", "Islamic State", "Test report (Test Agency)"],
        ["2017-10-20", " ", "SDF", "Test report (Test Agency)"],
    ]


def test_the_why_panel_speaks_arabic_when_asked(two_towns):
    panel = beta_panel(two_towns, "2018-01-01", "ar")
    assert "".join(texts(panel[1])) == " " + faction("sdf").name_ar


def test_the_why_panel_before_any_click_asks_for_one():
    (hint,) = why_panel(None, "en")
    assert texts(hint) == ["Click a place or a zone to see who held it and why."]


def click(**point) -> dict:
    return {"points": [point]}


def test_a_click_on_a_zone_explains_that_zone(two_towns):
    atom = two_towns.model.atom_at(39.0, 35.0)
    explanation = explain_click(
        two_towns, click(curveNumber=TRACE_ZONES, location=str(atom)), pd.Timestamp("2018-01-01")
    )
    assert (explanation.place, explanation.controller, explanation.basis) == (
        "Beta",
        "sdf",
        "zone of Beta",
    )
    assert explanation.deciding_event["event_id"] == "b2"


def test_a_click_on_a_place_with_a_history_explains_that_place(two_towns):
    explanation = explain_click(
        two_towns,
        click(curveNumber=TRACE_PLACES, customdata="alpha", lon=37.0, lat=35.0),
        pd.Timestamp("2018-01-01"),
    )
    assert (explanation.place, explanation.controller) == ("Alpha", "government")
    assert explanation.deciding_event["event_id"] == "a1"
    assert explanation.timeline["event_id"].tolist() == ["a1"]


def test_a_click_anywhere_else_on_the_map_explains_the_zone_under_it(two_towns):
    explanation = explain_click(
        two_towns, click(curveNumber=0, lon=37.05, lat=35.0), pd.Timestamp("2016-06-01")
    )
    assert (explanation.place, explanation.controller, explanation.basis) == (
        "Alpha",
        "government",
        "zone of Alpha",
    )


def test_a_click_on_a_place_without_history_and_no_position_explains_nothing(two_towns):
    point = click(curveNumber=TRACE_PLACES, customdata="gamma")
    assert explain_click(two_towns, point, pd.Timestamp("2018-01-01")) is None


def test_a_click_outside_the_map_or_no_click_explains_nothing(two_towns):
    date = pd.Timestamp("2018-01-01")
    assert explain_click(two_towns, click(curveNumber=0, lon=10.0, lat=50.0), date) is None
    assert explain_click(two_towns, None, date) is None
    assert explain_click(two_towns, {"points": []}, date) is None
