"""ACLED, UCDP GED and custom tables through `import_file`: counts, mapping and rejects."""

from __future__ import annotations

import pandas as pd
import pytest
from importer_fixtures import BAD_ACLED_ROWS, GOOD_ACLED_IDS, small_linker, write_acled
from support import REAL_UCDP, TEST_DATA

from dashboard.core.schema import COLUMNS
from dashboard.errors import DataFileError, UsageProblem
from dashboard.io.geography import load_gazetteer
from dashboard.io.importers import (
    convert_if_foreign,
    detect_format,
    import_file,
    import_frame,
)
from dashboard.io.validate import validate_table

DATA = TEST_DATA
UCDP_SUBSET = DATA / "ucdp_ged_subset.csv"


@pytest.fixture
def acled_file(tmp_path):
    return write_acled(tmp_path / "acled_export.csv")


@pytest.fixture
def acled(acled_file):
    return import_file(acled_file, places=small_linker())


@pytest.fixture(scope="module")
def ucdp():
    return import_file(UCDP_SUBSET, places=small_linker())


def by_id(result) -> pd.DataFrame:
    return result.table.set_index("event_id")


def test_acled_import_counts_read_imported_and_rejected_rows(acled):
    assert (acled.rows_read, acled.imported, acled.rejected) == (13, 9, 4)
    assert acled.fmt == "acled"
    assert sorted(acled.table["event_id"]) == GOOD_ACLED_IDS


def test_acled_table_has_our_columns_first_then_the_extras(acled):
    columns = list(acled.table.columns)
    ours = [c for c in COLUMNS if c != "geometry"]
    assert columns[: len(ours)] == ours
    assert {"source_place", "location_precision", "fatalities", "origin", "source_row"} <= set(
        columns
    )
    assert set(acled.table["origin"]) == {"acled"}


def test_acled_dates_in_all_three_spellings_become_iso(acled):
    dates = by_id(acled)["date"]
    assert dates["acled-SYR1001"] == "2017-03-02"  # 2017-03-02
    assert dates["acled-SYR1002"] == "2017-05-10"  # 10 May 2017
    assert dates["acled-SYR1003"] == "2017-05-09"  # 9-May-17
    assert dates["acled-SYR1006"] == "2018-01-21"  # 21 January 2018


def test_acled_territory_events_become_control_changes_held_by_actor1s_faction(acled):
    table = by_id(acled)
    changes = table[table["event_type"] == "control_change"]["controller_after"].to_dict()
    assert changes == {
        "acled-SYR1001": "government",
        "acled-SYR1002": "sdf",
        "acled-SYR1003": "opposition",  # Jaysh al-Islam in 2017
        "acled-SYR1004": "turkey",  # Jaysh al-Islam after it joined the SNA in 2018
    }
    assert (table.loc[table["event_type"] != "control_change", "controller_after"] == "").all()


def test_acled_sub_event_types_map_to_our_event_types(acled):
    kinds = by_id(acled)["event_type"]
    assert kinds["acled-SYR1005"] == "battle"
    assert kinds["acled-SYR1006"] == "airstrike"  # Air/drone strike
    assert kinds["acled-SYR1007"] == "airstrike"  # Shelling/artillery/missile attack
    assert kinds["acled-SYR1008"] == "agreement"
    assert kinds["acled-SYR1009"] == "other"


def test_acled_precision_confidence_and_sources_follow_the_documented_rules(acled):
    table = by_id(acled)
    assert table.loc["acled-SYR1001", ["date_precision", "confidence"]].tolist() == ["day", "high"]
    assert table.loc["acled-SYR1003", ["date_precision", "confidence"]].tolist() == [
        "month",
        "medium",
    ]
    assert table.loc["acled-SYR1007", ["date_precision", "confidence"]].tolist() == ["month", "low"]
    row = table.loc["acled-SYR1001"]
    assert row["source_title"] == "ACLED event SYR1001 (source: Test Observatory)"
    assert row["source_publisher"] == "Test Observatory"
    assert table.loc["acled-SYR1002", "source_publisher"] == "ACLED"
    assert row["source_date"] == row["date"] and row["source_url"] == ""
    assert row["actor"] == "Military Forces of Syria (2000-) vs Islamic State (Syria)"
    assert row["description"] == "Made-up event 1."
    assert row[["faction_1", "faction_2"]].tolist() == ["government", "isis"]


def test_acled_places_are_linked_only_where_geo_precision_is_1(acled):
    table = by_id(acled)
    assert table.loc["acled-SYR1001", "place"] == "Palmyra"
    assert table.loc["acled-SYR1005", "place"] == "Afrin"  # 2 km from the town
    assert table.loc["acled-SYR1003", "place"] == ""  # geo_precision 2
    assert table.loc["acled-SYR1006", "place"] == ""  # geo_precision 3
    assert table.loc["acled-SYR1005", "source_place"] == "Afrin outskirts"


def test_acled_rejects_give_the_line_number_and_the_reason(acled):
    rejects = acled.rejects.set_index("row")
    assert sorted(rejects.index) == sorted(BAD_ACLED_ROWS)
    for row, words in BAD_ACLED_ROWS.items():
        assert words in rejects.loc[row, "reason"], rejects.loc[row, "reason"]
    assert "faction" not in rejects.loc[12, "reason"]  # an unmapped actor alone rejects nothing
    assert rejects.loc[12, "actor1"] == "Liwa Made-Up Brigade"
    assert rejects.loc[11, "event_date"] == "31/31/2018"  # the original values are kept


def test_acled_unmapped_actors_are_listed_with_their_counts(acled):
    assert acled.unmapped_actors == {"Liwa Made-Up Brigade": 2}
    assert "Liwa Made-Up Brigade" in acled.report()


def test_acled_old_layout_gives_the_same_events_as_the_current_one(tmp_path, acled):
    old = import_file(write_acled(tmp_path / "old.csv", "old"), places=small_linker())
    assert old.fmt == "acled"
    assert old.table.equals(acled.table)


def test_acled_upper_case_headers_are_read_too(tmp_path, acled_file):
    text = acled_file.read_text().splitlines()
    (tmp_path / "upper.csv").write_text("\n".join([text[0].upper(), *text[1:]]) + "\n")
    assert import_file(tmp_path / "upper.csv", places=small_linker()).imported == 9


def test_an_imported_acled_table_passes_the_validator(acled):
    result = validate_table(acled.table, load_gazetteer(), source="acled")
    assert result.errors == [], [str(p) for p in result.errors]


def test_detect_format_tells_acled_and_ucdp_from_other_tables(acled_file):
    assert detect_format(acled_file) == "acled"
    assert detect_format(UCDP_SUBSET) == "ucdp"
    assert detect_format(list(COLUMNS)) is None
    assert detect_format(["EVENT_ID_CNTY", "EVENT_DATE", "SUB_EVENT_TYPE", "ACTOR1"]) == "acled"


def test_ucdp_subset_imports_every_row_as_battle_or_other_and_no_control_change(ucdp):
    raw = pd.read_csv(UCDP_SUBSET, dtype=str, keep_default_na=False)
    assert (ucdp.rows_read, ucdp.imported, ucdp.rejected) == (434, 434, 0)
    assert ucdp.table["event_id"].tolist() == ("ucdp-" + raw["id"]).tolist()
    expected = raw["type_of_violence"].map({"1": "battle", "2": "battle", "3": "other"})
    assert ucdp.table["event_type"].tolist() == expected.tolist()
    assert (ucdp.table["controller_after"] == "").all()


def test_ucdp_keeps_precision_and_maps_it_to_ours(ucdp):
    raw = pd.read_csv(UCDP_SUBSET, dtype=str, keep_default_na=False)
    table = ucdp.table
    assert table["location_precision"].tolist() == raw["where_prec"].tolist()
    assert table["source_date_precision"].tolist() == raw["date_prec"].tolist()
    assert set(table.loc[raw["date_prec"] == "1", "date_precision"]) == {"day"}
    assert set(table.loc[raw["date_prec"] == "5", "date_precision"]) == {"year"}
    assert set(table.loc[raw["event_clarity"] == "2", "confidence"]) == {"low"}
    assert (table.loc[~raw["where_prec"].isin(["1", "2"]), "place"] == "").all()


def test_ucdp_sides_map_to_factions_and_fill_the_source_columns(ucdp):
    row = by_id(ucdp).loc["ucdp-218040"]
    assert row["actor"] == "Government of Syria vs Syrian insurgents"
    assert row[["faction_1", "faction_2"]].tolist() == ["government", "opposition"]
    assert row["source_publisher"] == "SOHR"
    assert row["description"].startswith("Government of Syria - Syrian insurgents (state-based): ")
    assert ucdp.unmapped_actors == {}


def test_ucdp_current_49_column_layout_reads_like_the_19x_one(tmp_path, ucdp):
    raw = pd.read_csv(UCDP_SUBSET, dtype=str, keep_default_na=False)
    for name in ("relid", "code_status", "conflict_dset_id", "dyad_dset_id", "side_a_dset_id",
                 "side_b_dset_id", "where_description", "gwnoa"):  # fmt: skip
        raw[name] = ""
    for name in ("date_start", "date_end"):
        raw[name] = raw[name] + " 00:00:00.000"
    assert raw.shape[1] == 49
    raw.to_csv(tmp_path / "ged.csv", index=False)
    current = import_file(tmp_path / "ged.csv", places=small_linker())
    assert current.table.drop(columns="source_row").equals(ucdp.table.drop(columns="source_row"))


def test_an_imported_ucdp_table_passes_the_validator(ucdp):
    result = validate_table(ucdp.table, load_gazetteer(), source="ucdp")
    assert result.errors == [], [str(p) for p in result.errors[:5]]


@pytest.mark.parametrize("suffix", [".csv", ".gpkg", ".parquet", ".geojson"])
def test_import_write_and_read_back_gives_the_same_table(tmp_path, acled, suffix):
    from dashboard.io.readers import read_table
    from dashboard.io.writers import write_table

    write_table(acled.table, tmp_path / f"events{suffix}")
    back = read_table(tmp_path / f"events{suffix}").drop(columns="geometry", errors="ignore")
    pd.testing.assert_frame_equal(back, acled.table, check_dtype=False)


def test_convert_if_foreign_converts_acled_and_leaves_our_schema_alone(acled_file, tmp_path):
    ours = tmp_path / "ours.csv"
    ours.write_text(",".join(c for c in COLUMNS if c != "geometry") + "\n")
    assert convert_if_foreign(ours) is None
    converted = convert_if_foreign(acled_file)
    assert len(converted) == 9
    assert "rejected 4 of 13 rows" in str(converted.attrs["read_notes"][0])


def test_a_mapping_with_an_acled_format_is_a_usage_problem(acled_file):
    with pytest.raises(UsageProblem):
        import_file(acled_file, "acled", mapping={"columns": {}})


def test_forcing_the_wrong_source_format_names_the_missing_column(acled_file):
    with pytest.raises(DataFileError) as error:
        import_file(acled_file, "ucdp")
    assert error.value.column == "id"
    assert "UCDP" in str(error.value)


def test_import_frame_converts_a_frame_without_a_file(acled_file):
    raw = pd.read_csv(acled_file, dtype=str, keep_default_na=False)
    result = import_frame(raw, "acled", places=None)
    assert result.imported == 9
    assert (result.table["place"] == "").all()


def test_the_full_ucdp_file_imports_whole_with_almost_every_actor_mapped():
    assert REAL_UCDP.exists(), f"the real UCDP file belongs beside the repo: {REAL_UCDP}"
    result = import_file(REAL_UCDP)
    assert (result.rows_read, result.imported) == (16566, 16566)
    assert sum(result.unmapped_actors.values()) <= 10
