"""The zones of the bundled data against what is known: little 'no data', the Euphrates as the
line between the SDF and the government, and Jusoor for Studies' published monthly shares.

These read the real bundled table, so a failure may be the data's (a missing locality or area
event) rather than the engine's; each message lists what is wrong.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from bank_probes import PROBE_DATES, euphrates_probes, probe_score
from support import run_cli

from dashboard.core.stats import held_at
from dashboard.io.geography import load_layer, load_outline

JUSOOR = Path(__file__).resolve().parents[2] / "benchmarks" / "jusoor_shares.csv"
TOLERANCE = {"government": 5.0, "sdf": 4.0, "isis": 4.0, "rebels": 4.0}
REBELS = ("hts", "opposition", "turkey")


@pytest.fixture(scope="module")
def model():
    from dashboard.io.dataset import load_dataset
    from dashboard.settings import Settings

    return load_dataset(Settings()).model


def shares(model, date) -> dict[str, float]:
    """Percent of Syria per faction at a date, with `rebels` = hts + opposition + turkey."""
    area = held_at(model, date).set_index("faction")["area_km2"]
    total = area.sum()
    out = {code: 100 * float(area.get(code, 0.0)) / total for code in area.index}
    out["rebels"] = sum(out.get(code, 0.0) for code in REBELS)
    return out


def test_no_data_is_at_most_3_percent_of_syria_on_every_date_2016_to_2019(model):
    dates = pd.date_range("2016-01-01", "2019-12-31", freq="SMS")  # the 1st and 15th
    high = {f"{d:%Y-%m-%d}": round(shares(model, d).get("none", 0.0), 1) for d in dates}
    high = {d: v for d, v in high.items() if v > 3.0}
    assert not high, f"'no data' above 3 % of Syria on {len(high)} dates: {high}"


@pytest.mark.parametrize("date", PROBE_DATES)
def test_the_euphrates_divides_sdf_and_government_at_95_percent_of_bank_probes(model, date):
    rivers = load_layer("rivers")
    river = rivers.geometry[rivers["name"] == "Euphrates"].iloc[0]
    scored = probe_score(model, euphrates_probes(river, load_outline()), date)
    wrong = scored[~scored["right"]]
    columns = ["lon", "lat", "bank", "km_from_raqqa", "expected", "mapped"]
    assert len(scored) >= 30, "too few probes: is the Euphrates in geodata/rivers.geojson?"
    assert scored["right"].mean() >= 0.95, (
        f"{scored['right'].mean():.1%} of {len(scored)} probes right on {date}; wrong:\n"
        + wrong[columns].to_string(index=False)
    )


@pytest.mark.skipif(not JUSOOR.exists(), reason="benchmarks/jusoor_shares.csv not written yet")
def test_faction_shares_are_within_tolerance_of_jusoors_monthly_figures(model):
    published = pd.read_csv(JUSOOR, parse_dates=["date"])
    published = published[(published["date"] >= "2017-08-01") & (published["date"] <= "2019-12-31")]
    misses = []
    for _, row in published.iterrows():
        ours = shares(model, row["date"])
        for faction, tolerance in TOLERANCE.items():
            theirs = row.get(f"{faction}_pct")
            if pd.notna(theirs) and abs(ours.get(faction, 0.0) - theirs) > tolerance:
                misses.append(
                    f"{row['date']:%Y-%m-%d} {faction}: ours {ours.get(faction, 0.0):.1f} %, "
                    f"Jusoor {theirs:.1f} % (tolerance {tolerance:g})"
                )
    assert not misses, f"{len(misses)} shares off Jusoor's figures:\n" + "\n".join(misses)


def test_stats_csv_gives_total_held_and_inferred_area_with_a_none_row(capsys):
    import csv
    import io

    result = run_cli(capsys, "stats", "--date", "2018-08-15", "--format", "csv")
    rows = {r["faction"]: r for r in csv.DictReader(io.StringIO(result.out))}
    assert result.code == 0 and "none" in rows
    for row in rows.values():
        held, inferred = float(row["held_km2"]), float(row["inferred_km2"])
        assert np.isclose(held + inferred, float(row["area_km2"]), atol=0.2)
    total = sum(float(r["area_km2"]) for r in rows.values())
    assert 184_000 < total < 188_000
