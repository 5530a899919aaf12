"""ACLED rows from the fall of Assad and after (2024-11 to 2025-07), in ACLED's naming forms.

The file is made up (ACLED's terms forbid redistributing its data) and written in ACLED's
current 31-column layout by `importer_fixtures.write_transition_acled`.
"""

from __future__ import annotations

import pandas as pd
import pytest
from importer_fixtures import TRANSITION_EVENTS, UNMAPPED_TERRITORY_IDS, write_transition_acled

from dashboard.core.factions import faction
from dashboard.io.geography import load_gazetteer
from dashboard.io.importers import convert_if_foreign, import_file
from dashboard.io.importers.acled import ACLED_COLUMNS
from dashboard.io.validate import validate_table

EXPECTED = {f"acled-{row[0]}": row[-1] for row in TRANSITION_EVENTS}


@pytest.fixture(scope="module")
def transition_file(tmp_path_factory):
    return write_transition_acled(tmp_path_factory.mktemp("acled") / "acled_syria_2024_2025.csv")


@pytest.fixture(scope="module")
def imported(transition_file):
    return import_file(transition_file)


def test_the_file_is_in_acleds_current_31_column_layout(transition_file):
    header = pd.read_csv(transition_file, dtype=str, nrows=0).columns.tolist()
    assert header == list(ACLED_COLUMNS) and len(header) == 31


def test_every_row_is_imported_none_rejected_not_even_unmapped_territory(imported):
    assert (imported.rows_read, imported.imported, imported.rejected) == (24, 24, 0)
    assert imported.fmt == "acled"
    assert sorted(imported.table["event_id"]) == sorted(EXPECTED)


@pytest.mark.parametrize("event_id", sorted(EXPECTED))
def test_each_row_maps_to_the_faction_of_its_date(imported, event_id):
    row = imported.table.set_index("event_id").loc[event_id]
    assert (row["event_type"], row["controller_after"], row["faction_1"]) == EXPECTED[event_id], (
        row["date"],
        row["actor"],
    )


def test_rows_cover_before_on_and_after_the_fall_and_the_sna_integration(imported):
    months = set(imported.table["date"].str[:7])
    assert {"2024-11", "2024-12", "2025-03", "2025-07"} <= months
    assert "2024-12-10" in set(imported.table["date"])


def test_no_imported_control_change_falls_outside_its_factions_validity(imported):
    changes = imported.table[imported.table["event_type"] == "control_change"]
    for date, code in zip(changes["date"], changes["controller_after"], strict=True):
        assert faction(code).valid_on(date), (code, date)
    result = validate_table(imported.table, load_gazetteer(), source="acled")
    assert result.errors == [], [str(p) for p in result.errors]


def test_factions_on_both_sides_of_the_fall(imported):
    table = imported.table.set_index("event_id")
    assert table.loc["acled-SYR2001", "faction_2"] == "government"  # Assad's army, 2024-11
    assert table.loc["acled-SYR2004", "faction_2"] == "opposition"  # "NLF: ..." in 2024-11
    assert table.loc["acled-SYR2009", "faction_2"] == ""  # Assad's army after the fall
    assert table.loc["acled-SYR2020", "faction_2"] == "suwayda"  # Druze militia, 2025-07
    assert table.loc["acled-SYR2021", "faction_2"] == "transitional"


def test_an_unmapped_territory_row_is_imported_with_its_actor_and_no_controller(imported):
    table = imported.table.set_index("event_id")
    flagged = table.loc[UNMAPPED_TERRITORY_IDS]
    assert (flagged["event_type"] == "other").all()
    assert (flagged["controller_after"] == "").all()
    assert flagged["description"].str.startswith("Territory change not mapped to a faction").all()
    assert table.loc["acled-SYR2022", "actor"] == "Liwa Made-Up Brigade"
    assert "is not in geodata/actor_factions.csv" in table.loc["acled-SYR2022", "description"]
    # Assad's army is known, but holds no ground after 8 December 2024
    assert "has no faction on 2024-12-10" in table.loc["acled-SYR2011", "description"]
    assert table.loc["acled-SYR2011", "description"].endswith("Made-up event 11.")


def test_unmapped_territory_rows_are_counted_and_listed_in_the_report(imported):
    flagged = imported.unmapped_territory
    assert flagged["event_id"].tolist() == UNMAPPED_TERRITORY_IDS
    assert flagged["row"].tolist() == [12, 17, 23]  # line numbers, header = 1
    report = imported.report()
    assert "territory rows with unmapped actors: 3" in report
    assert "row 23 (acled-SYR2022): " in report and "'Liwa Made-Up Brigade'" in report
    assert imported.unmapped_actors == {"Liwa Made-Up Brigade": 1}  # known names are not listed


def test_the_validator_hook_passes_the_unmapped_territory_count_on(transition_file):
    converted = convert_if_foreign(transition_file)
    assert len(converted) == 24
    notes = converted.attrs["read_notes"]
    assert len(notes) == 1 and "territory rows with unmapped actors: 3" in str(notes[0])
