"""`syria-map control` on dated facts of 2020-2026, across the country (the bundled table)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from support import run_cli

FACTS = [
    # The 2020 Idlib offensive and the Moscow ceasefire.
    ("Maarat al-Numan", "2020-01-27", "hts"),
    ("Maarat al-Numan", "2020-01-29", "government"),
    ("Saraqib", "2020-02-28", "opposition"),
    ("Saraqib", "2020-03-03", "government"),
    ("Idlib", "2022-01-01", "hts"),
    # The offensive of November-December 2024 and the fall of Assad.
    ("Aleppo", "2024-11-28", "government"),
    ("Aleppo", "2024-12-01", "hts"),
    ("Hama", "2024-12-04", "government"),
    ("Hama", "2024-12-06", "hts"),
    ("Homs", "2024-12-07", "government"),
    ("Daraa", "2024-12-07", "opposition"),
    ("Damascus", "2024-12-07", "government"),
    ("Damascus", "2024-12-08", "transitional"),
    ("Latakia", "2024-12-09", "transitional"),
    # The SNA's moves in the north, then its dissolution into the new army.
    ("Tell Rifaat", "2024-11-25", "sdf"),
    ("Tell Rifaat", "2024-12-03", "turkey"),
    ("Manbij", "2024-12-01", "sdf"),
    ("Manbij", "2024-12-10", "turkey"),
    ("Manbij", "2025-02-01", "transitional"),
    # Israel beyond the 1974 line; Suwayda in July 2025.
    ("Quneitra", "2024-12-15", "israel"),
    ("Suwayda", "2025-07-16", "contested"),
    ("Suwayda", "2025-08-01", "suwayda"),
    # The east: Deir ez-Zor in December 2024, Raqqa and Tabqa in January 2026.
    ("Deir ez-Zor", "2024-12-07", "sdf"),
    ("Deir ez-Zor", "2025-01-01", "transitional"),
    ("Raqqa", "2025-12-01", "sdf"),
    ("Raqqa", "2026-02-01", "transitional"),
    ("Tabqa", "2026-02-01", "transitional"),
    ("Qamishli", "2026-03-01", "sdf"),
    ("Kobani", "2026-03-01", "sdf"),
    # The south-east: al-Tanf and Bosra.
    ("Al-Tanf", "2026-01-01", "opposition"),
    ("Al-Tanf", "2026-03-01", "transitional"),
    ("Bosra", "2025-05-01", "transitional"),
]


@pytest.fixture(scope="module")
def answers():
    """`control_table` (what `syria-map control` prints) for each fact, the data loaded once."""
    from dashboard.core.control import ControlHistory, locality_control
    from dashboard.io.dataset import load_dataset
    from dashboard.settings import Settings

    dataset = load_dataset(Settings())
    history = ControlHistory.from_events(dataset.table.events)
    by_date = {
        date: locality_control(history, dataset.table.events, date).set_index("place_id")
        for date in {d for _, d, _ in FACTS}
    }
    return lambda place, date: by_date[date].at[dataset.gazetteer.resolve(place), "controller"]


@pytest.mark.parametrize("place,date,expected", FACTS, ids=[f"{p} {d}" for p, d, _ in FACTS])
def test_control_gives_the_documented_controller(answers, place, date, expected):
    assert answers(place, date) == expected


def test_the_command_line_gives_the_same_answer(capsys):
    result = run_cli(
        capsys, "control", "--date", "2024-12-10", "--place", "Manbij", "--format", "csv"
    )
    assert result.code == 0, result.err
    assert pd.read_csv(io.StringIO(result.out)).iloc[0]["controller"] == "turkey"


def test_a_date_after_the_coverage_end_warns_on_one_line_and_answers_the_last_state(capsys):
    result = run_cli(capsys, "control", "--date", "2026-09-01", "--place", "Raqqa")
    assert result.code == 0
    assert result.err.strip() == (
        "syria-map: warning: 2026-09-01 is after the data's last date (2026-03-10); "
        "this is the state on 2026-03-10, nothing later is known"
    )
    assert "transitional" in result.out


def test_the_export_refuses_a_date_after_the_coverage_end_unless_asked(capsys, tmp_path):
    out = tmp_path / "late.png"
    result = run_cli(capsys, "export", "--date", "2026-09-01", "--out", str(out))
    assert result.code == 1
    assert "--allow-stale" in result.err and not out.exists()


def test_stats_after_the_fall_of_assad_lists_only_the_factions_of_the_date(capsys):
    result = run_cli(capsys, "stats", "--date", "2025-08-01", "--format", "csv")
    factions = set(pd.read_csv(io.StringIO(result.out))["faction"])
    assert {"transitional", "sdf", "israel", "suwayda", "none"} <= factions
    assert not {"government", "hts"} & factions
