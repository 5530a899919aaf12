"""Custom tables with a column mapping (dict, TOML or JSON file)."""

from __future__ import annotations

import json
import tomllib

import pytest
from support import TEST_DATA

from dashboard.errors import DataFileError
from dashboard.io.importers import import_file, load_mapping

DATA = TEST_DATA
EVENTS, MAPPING = DATA / "custom_events.csv", DATA / "custom_mapping.toml"


@pytest.fixture(scope="module")
def custom():
    return import_file(EVENTS, mapping=MAPPING)


def test_custom_csv_with_a_mapping_file_imports_the_good_rows(custom):
    assert (custom.rows_read, custom.imported, custom.rejected) == (6, 3, 3)
    assert custom.fmt == "custom"
    assert custom.table["event_id"].tolist() == ["F-1", "F-2", "F-3"]
    assert custom.table["date"].tolist() == ["2017-10-20", "2016-08-15", "2018-01-21"]
    assert set(custom.table["origin"]) == {"custom"}
    assert set(custom.table["confidence"]) == {"medium"}


def test_custom_controllers_given_as_names_or_missing_become_faction_codes(custom):
    controllers = custom.table.set_index("event_id")["controller_after"]
    assert controllers["F-1"] == "sdf"  # written "SDF"
    assert controllers["F-2"] == "sdf"  # empty: the actor's faction
    assert controllers["F-3"] == ""  # not a control change


def test_custom_rejects_carry_the_validators_message_and_the_original_row(custom):
    rejects = custom.rejects.set_index("row")
    assert sorted(rejects.index) == [5, 6, 7]
    assert "cannot read date '32/01/2018' as %d/%m/%Y" in rejects.loc[5, "reason"]
    assert "unknown place 'Atlantis'" in rejects.loc[6, "reason"]
    assert "unknown value 'skirmish'" in rejects.loc[7, "reason"]
    assert rejects.loc[7, "Ref"] == "F-6"


def test_a_mapping_as_dict_toml_or_json_gives_the_same_import(tmp_path, custom):
    spec = tomllib.loads(MAPPING.read_text())
    (tmp_path / "mapping.json").write_text(json.dumps(spec))
    for mapping in (spec, tmp_path / "mapping.json", load_mapping(MAPPING)):
        assert import_file(EVENTS, mapping=mapping).table.equals(custom.table)


def test_a_mapping_naming_a_missing_column_is_a_clear_error(tmp_path):
    with pytest.raises(DataFileError) as error:
        import_file(EVENTS, mapping={"columns": {"date": "When"}})
    assert error.value.column == "When"


def test_a_mapping_to_a_column_we_do_not_have_is_a_clear_error():
    with pytest.raises(DataFileError, match="'colour' is not one of our columns"):
        load_mapping({"columns": {"colour": "Held by"}})


def test_a_broken_mapping_file_is_a_clear_error(tmp_path):
    (tmp_path / "bad.toml").write_text("columns = [unclosed")
    with pytest.raises(DataFileError, match="cannot read the mapping"):
        load_mapping(tmp_path / "bad.toml")


def test_a_table_already_in_our_schema_needs_no_mapping(tmp_path, custom):
    from dashboard.io.writers import write_table

    write_table(custom.table, tmp_path / "ours.csv")
    again = import_file(tmp_path / "ours.csv")
    assert again.imported == 3 and again.rejected == 0


@pytest.mark.parametrize("suffix", [".csv", ".gpkg", ".parquet"])
def test_a_custom_import_written_and_read_back_is_the_same_table(tmp_path, custom, suffix):
    import pandas as pd

    from dashboard.io.readers import read_table
    from dashboard.io.writers import write_table

    write_table(custom.table, tmp_path / f"custom{suffix}")
    back = read_table(tmp_path / f"custom{suffix}").drop(columns="geometry", errors="ignore")
    pd.testing.assert_frame_equal(back, custom.table, check_dtype=False)


def test_a_custom_table_without_an_actor_column_imports(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text(
        "event_id,date,place,event_type,controller_after,source_title,source_publisher,source_date\n"
        "x1,2018-01-01,Raqqa,battle,,T,P,2018-02-01\n",
        encoding="utf-8",
    )
    result = import_file(path)
    assert (result.rows_read, result.imported, result.rejected) == (1, 1, 0)
