"""An area event and a point event on the same day: the README's rule decides.

"A polygon geometry is an area changing hands as a whole: it takes precedence over the cells
it covers when it is at least as recent as their own deciding event." So on a tie the area
wins, whichever row comes first; a strictly later point event wins back the cell.

The map is the 4 x 2 degree test box, Alpha (37 E) government and Beta (39 E) Islamic State
from 2016; the area is the 1-degree square around Beta. The reach (300 km) covers the whole
box, so every atom is held, not inferred (inferred land would yield to any area event).
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from support import source, two_towns_gazetteer

from dashboard.core.factions import FACTION_CODES
from dashboard.core.model import build_model
from dashboard.core.table import EventTable, table_digest
from dashboard.core.why import explain_atom
from dashboard.io.readers import from_wkt
from dashboard.io.validate import validate_table

HEADER = (
    "event_id,date,place,geometry,event_type,actor,controller_after,description,"
    "source_title,source_publisher,source_date,source_url,confidence\n"
)
SQUARE = '"POLYGON ((38.5 34.5, 39.5 34.5, 39.5 35.5, 38.5 35.5, 38.5 34.5))"'
START = [
    f"a1,2016-01-01,Alpha,,control_change,x,government,start,{source()}",
    f"b1,2016-01-01,Beta,,control_change,x,isis,start,{source()}",
]
BETA = (39.0, 35.0)  # inside the square
EAST = (39.8, 35.0)  # Beta's cell, outside the square
WEST = (37.0, 35.0)  # Alpha's cell


def point(event_id: str, date: str, controller: str) -> str:
    return f"{event_id},{date},Beta,,control_change,x,{controller},point,{source()}"


def area(event_id: str, date: str, controller: str) -> str:
    return f"{event_id},{date},,{SQUARE},control_change,x,{controller},area,{source()}"


def model_of(rows: list[str], box_outline):
    raw = pd.read_csv(io.StringIO(HEADER + "\n".join(START + rows) + "\n"), dtype=str)
    raw = raw.fillna("")
    raw["geometry"] = from_wkt(raw["geometry"])
    result = validate_table(raw, two_towns_gazetteer(), source="areas.csv")
    assert result.table is not None, [str(p) for p in result.problems]
    table = EventTable(result.table, ("areas",), table_digest(result.table))
    return build_model(table, box_outline, reach_km=300)


def holder(model, where: tuple[float, float], date: str) -> tuple[str, str]:
    """The faction at a point and the id of the event that decided it."""
    atom = model.atom_at(*where)
    faction = model.atom_control(date).factions[atom]
    event = explain_atom(model, atom, date).deciding_event
    return FACTION_CODES[faction], event["event_id"]


@pytest.mark.parametrize("area_first", [True, False], ids=["area row first", "point row first"])
def test_on_a_tie_the_area_event_beats_the_point_event_of_the_cell_it_covers(
    box_outline, area_first
):
    rows = [area("sq", "2017-06-01", "hts"), point("b2", "2017-06-01", "sdf")]
    model = model_of(rows if area_first else rows[::-1], box_outline)
    assert not model.tessellation.atom_inferred.any()
    assert holder(model, BETA, "2017-05-31") == ("isis", "b1")
    assert holder(model, BETA, "2017-06-01") == ("hts", "sq")
    assert holder(model, EAST, "2017-06-01") == ("sdf", "b2")  # the rest of the cell
    assert holder(model, WEST, "2017-06-01") == ("government", "a1")


def test_a_point_event_a_day_after_the_area_takes_the_covered_cell_back(box_outline):
    model = model_of(
        [area("sq", "2017-06-01", "hts"), point("b2", "2017-06-02", "sdf")], box_outline
    )
    assert holder(model, BETA, "2017-06-01") == ("hts", "sq")
    assert holder(model, BETA, "2017-06-02") == ("sdf", "b2")


def test_an_area_event_a_day_after_the_point_event_takes_the_covered_cell(box_outline):
    model = model_of(
        [point("b2", "2017-06-01", "sdf"), area("sq", "2017-06-02", "hts")], box_outline
    )
    assert holder(model, BETA, "2017-06-01") == ("sdf", "b2")
    assert holder(model, BETA, "2017-06-02") == ("hts", "sq")
    assert holder(model, EAST, "2017-06-02") == ("sdf", "b2")


def test_two_changes_of_one_area_on_one_day_resolve_to_the_later_row(box_outline):
    # As for a locality (test_control.py): the later of two same-day rows stands.
    model = model_of(
        [area("sq1", "2017-06-01", "contested"), area("sq2", "2017-06-01", "hts")], box_outline
    )
    assert holder(model, BETA, "2017-06-01") == ("hts", "sq2")
