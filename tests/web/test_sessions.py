"""Uploads for one session: checked, stored by content hash, and added as a second layer."""

from __future__ import annotations

import pandas as pd
import pytest
from support import UCDP_SUBSET

from dashboard.io.dataset import load_dataset
from dashboard.io.events import add_layer, load_events
from dashboard.io.paths import BUNDLED_EVENTS
from dashboard.settings import Settings
from dashboard.web.data_panels import layer_summary
from dashboard.web.sessions import Sessions, checked
from dashboard.web.uploads import accept_upload, stored_path

HEADER = "event_id,date,date_precision,place,event_type,controller_after,source_title\n"


def raqqa_to_isis_csv(day: str = "2019-12-01") -> bytes:
    """One control change: Raqqa held by ISIS again (the bundled data says SDF)."""
    return (HEADER + f"my-1,{day},day,Raqqa,control_change,isis,My notes\n").encode()


@pytest.fixture(scope="module")
def sessions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("uploads")
    settings = Settings().with_values(upload_dir=str(folder), max_upload_mb=1.0)
    return Sessions(load_dataset(settings), settings), settings


def upload(sessions_and_settings, data: bytes, name: str):
    sessions, settings = sessions_and_settings
    gazetteer = sessions.bundled.dataset.gazetteer
    return accept_upload(data, name, settings, gazetteer, check=sessions.check)


def test_a_good_upload_is_stored_under_its_content_hash(sessions):
    result = upload(sessions, raqqa_to_isis_csv(), "my notes.csv")
    path = stored_path(sessions[0].root, result.key)
    assert result.key["name"] == "my notes.csv" and len(result.key["sha"]) == 64
    assert path is not None and path.parent.name == result.key["sha"]
    assert path.read_bytes() == raqqa_to_isis_csv()


def test_the_session_dataset_adds_the_upload_as_a_second_layer(sessions):
    key = upload(sessions, raqqa_to_isis_csv(), "mine.csv").key
    dataset = sessions[0].dataset_for(key)
    assert dataset.table.layers == ("events", "mine")
    assert sessions[0].session(key).labels == {"events": "events.csv", "mine": "mine.csv"}
    summary = layer_summary(dataset.table).set_index("layer")
    assert summary.loc["mine", "events"] == 1 and summary.loc["mine", "control_changes"] == 1


def test_the_same_hash_gives_the_same_dataset_object(sessions):
    first = upload(sessions, raqqa_to_isis_csv(), "mine.csv").key
    again = upload(sessions, raqqa_to_isis_csv(), "mine.csv").key
    assert first == again
    assert sessions[0].dataset_for(first) is sessions[0].dataset_for(dict(again))


def test_two_different_uploads_give_different_datasets(sessions):
    one = sessions[0].dataset_for(upload(sessions, raqqa_to_isis_csv("2019-12-01"), "a.csv").key)
    two = sessions[0].dataset_for(upload(sessions, UCDP_SUBSET.read_bytes(), "ucdp.csv").key)
    assert one is not two
    assert len(two.table.events) > len(one.table.events)
    assert two.table.layers == ("events", "ucdp")


def test_the_bundled_dataset_is_unaffected_by_uploads(sessions):
    bundled = sessions[0].bundled.dataset
    rows = len(bundled.table.events)
    upload(sessions, raqqa_to_isis_csv(), "mine.csv")
    assert sessions[0].dataset_for(None) is bundled
    assert len(bundled.table.events) == rows and bundled.table.layers == ("events",)


def test_the_upload_changes_who_holds_raqqa_only_in_its_session(sessions):
    key = upload(sessions, raqqa_to_isis_csv(), "mine.csv").key
    date = "2019-12-10"

    def holder(dataset):
        control = dataset.model.locality_control(date)
        return control.loc[control["name"] == "Raqqa", "controller"].iloc[0]

    assert holder(sessions[0].dataset_for(key)) == "isis"
    assert holder(sessions[0].bundled.dataset) != "isis"


def test_an_unknown_or_forged_key_falls_back_to_the_bundled_data(sessions):
    bundled = sessions[0].bundled.dataset
    assert sessions[0].dataset_for({"sha": "0" * 64, "name": "x.csv"}) is bundled
    assert sessions[0].dataset_for({"sha": "../../etc", "name": "passwd.csv"}) is bundled
    assert sessions[0].dataset_for({"sha": "a"}) is bundled


def test_a_broken_upload_is_refused_with_row_numbers_and_not_kept(sessions):
    bad = HEADER + "b-1,2019-13-45,day,Raqqa,control_change,isis,x\n"
    bad += "b-2,2018-01-01,day,Nowhere-on-earth,battle,,x\n"
    result = upload(sessions, bad.encode(), "bad.csv")
    assert result.key is None
    rows = {(p.row, p.column) for p in result.problems if p.severity == "error"}
    assert (2, "date") in rows and (3, "place") in rows
    assert all(p.file == "bad.csv" for p in result.problems)
    assert not list(sessions[0].root.glob("*/bad.csv"))


def test_an_oversize_upload_is_refused_with_the_limit(sessions):
    result = upload(sessions, b"x" * 1_100_000, "big.csv")
    assert result.key is None and "limit is 1 MB" in result.message


def test_an_unknown_file_type_is_refused(sessions):
    result = upload(sessions, b"hello", "notes.docx")
    assert result.key is None and "unknown file type" in result.message


def test_add_layer_gives_what_load_events_gives_for_both_files(sessions):
    gazetteer = sessions[0].bundled.dataset.gazetteer
    both = load_events([BUNDLED_EVENTS, UCDP_SUBSET], gazetteer)
    added = add_layer(
        load_events([BUNDLED_EVENTS], gazetteer),
        checked(UCDP_SUBSET, gazetteer).table,
        "ucdp_ged_subset",
    )
    assert added.layers == both.layers and added.digest == both.digest


def test_the_layers_panel_lists_every_data_table_with_its_file_name():
    from dashboard.web.data_panels import data_section

    settings = Settings(data=(str(BUNDLED_EVENTS), str(UCDP_SUBSET)))
    sessions = Sessions(load_dataset(settings), settings)
    section = data_section(sessions.bundled.dataset.table, sessions.bundled.labels, 25.0)
    rows = {row.to_plotly_json()["props"]["data-layer"]: row for row in _rows(section)}
    bundled = pd.read_csv(BUNDLED_EVENTS, dtype=str, keep_default_na=False)
    ucdp = pd.read_csv(UCDP_SUBSET, dtype=str, keep_default_na=False)
    cells = {layer: [td.children for td in row.children][:3] for layer, row in rows.items()}
    assert cells == {
        "events": [
            "events.csv",
            f"{len(bundled):,}",
            f"{(bundled['event_type'] == 'control_change').sum():,}",
        ],
        "ucdp_ged_subset": ["ucdp_ged_subset.csv", f"{len(ucdp):,}", "0"],  # no territory
    }


def _rows(component) -> list:
    """The body rows (one per layer) of the layers table inside a component tree."""
    if isinstance(component, list | tuple):
        return [r for child in component for r in _rows(child)]
    if component is None or isinstance(component, str):
        return []
    if type(component).__name__ == "Tbody":
        return list(component.children)
    return _rows(getattr(component, "children", None))
