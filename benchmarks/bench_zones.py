"""Benchmark the zones of issue 10: 'no data', the Euphrates barrier, speed, and Jusoor's shares.

    python benchmarks/bench_zones.py [--quick]

Prints the 'no data' share of Syria per month 2016-2019 (min / median / max; target <= 3 %),
the Euphrates bank-probe score on 2018-08-15 and 2019-04-01 (target >= 95 %), the per-date
cost of the zones (target <= 20 ms bundled, <= 100 ms at 5,000 localities), the slider step's
frame (target <= 15 ms, <= 10 KB), and, when benchmarks/jusoor_shares.csv exists, our shares
beside Jusoor for Studies' published ones (tolerance 5 points government, 4 the others).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import pandas as pd
from bench_engine import synthetic_table

from dashboard.core.model import build_model
from dashboard.core.stats import held_at
from dashboard.core.view import MapView
from dashboard.core.zones import front_line_mask, zones
from dashboard.io.dataset import load_dataset
from dashboard.io.geography import load_barriers, load_layer, load_outline
from dashboard.settings import Settings

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "core"))
from bank_probes import PROBE_DATES, euphrates_probes, probe_score  # noqa: E402

JUSOOR = HERE / "jusoor_shares.csv"
TOLERANCE = {"government": 5.0, "sdf": 4.0, "isis": 4.0, "rebels": 4.0}
REBELS = ("hts", "opposition", "turkey")


def timed_ms(function, repeat: int = 5) -> float:
    """Median milliseconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def shares(model, date) -> dict[str, float]:
    area = held_at(model, date).set_index("faction")["area_km2"]
    out = {code: 100 * float(value) / area.sum() for code, value in area.items()}
    out["rebels"] = sum(out.get(code, 0.0) for code in REBELS)
    return out


def one_date(model, date) -> None:
    """A date's zones: atom control and the front-line mask (what a slider step needs)."""
    front_line_mask(model, model.atom_control(date).factions)


def no_data_report(model) -> None:
    months = pd.date_range("2016-01-01", "2019-12-01", freq="MS")
    values = [shares(model, d).get("none", 0.0) for d in months]
    print(
        f"'no data' per month 2016-2019: min {min(values):.2f} %, median "
        f"{statistics.median(values):.2f} %, max {max(values):.2f} %   target <= 3 %"
    )


def probe_report(model) -> None:
    rivers = load_layer("rivers")
    river = rivers.geometry[rivers["name"] == "Euphrates"].iloc[0]
    probes = euphrates_probes(river, load_outline())
    for date in PROBE_DATES:
        scored = probe_score(model, probes, date)
        wrong = scored[~scored["right"]]
        print(
            f"Euphrates probes {date}: {scored['right'].mean():.1%} of {len(scored)} right"
            "   target >= 95 %"
        )
        for _, row in wrong.iterrows():
            print(
                f"    wrong: {row['lon']:.3f},{row['lat']:.3f} {row['bank']} "
                f"{row['km_from_raqqa']:.0f} km from Raqqa: {row['mapped']} "
                f"(expected {row['expected']})"
            )


def speed_report(dataset, quick: bool) -> None:
    model = dataset.model
    dates = pd.date_range("2016-01-01", "2019-12-31", periods=40)
    per_date = statistics.median(timed_ms(lambda d=d: one_date(model, d), 3) for d in dates)
    print(
        f"zones at a date, bundled ({len(model.localities)} localities, "
        f"{len(model.tessellation.atoms)} atoms, {len(model.tessellation.edge_a)} edges): "
        f"{per_date:.2f} ms   target <= 20 ms"
    )
    stats_ms = statistics.median(timed_ms(lambda d=d: held_at(model, d), 3) for d in dates[:10])
    print(f"held_at (stats) at a date: {stats_ms:.2f} ms")
    merged = statistics.median(timed_ms(lambda d=d: zones(model, d), 1) for d in dates[:5])
    print(f"merged zone geometry at a date (CLI/files only): {merged:.0f} ms")
    build = timed_ms(
        lambda: build_model(dataset.table, load_outline(), model.places, barriers=load_barriers()),
        1 if quick else 3,
    )
    print(f"build the model (cells, barriers, reach, areas, edges): {build / 1000:.2f} s")
    _step_report(dataset)
    synthetic = synthetic_table(5000, 200_000, load_outline())
    start = time.perf_counter()
    big = build_model(synthetic, load_outline(), None, barriers=load_barriers())
    built = time.perf_counter() - start
    big_ms = statistics.median(timed_ms(lambda d=d: one_date(big, d), 3) for d in dates)
    print(
        f"synthetic 5,000 localities / 200,000 events ({len(big.tessellation.atoms)} atoms): "
        f"build {built:.1f} s, zones at a date {big_ms:.2f} ms   target <= 100 ms"
    )


def _step_report(dataset) -> None:
    from dashboard.figures.frames import date_frame, map_key

    map_key(dataset)  # the static key is built once per model
    dates = pd.date_range("2016-01-01", "2019-12-31", periods=20)
    views = [MapView(date=d) for d in dates]
    date_frame(dataset, views[0])
    ms = statistics.median(timed_ms(lambda v=v: date_frame(dataset, v), 3) for v in views)
    size = max(len(json.dumps(date_frame(dataset, v), separators=(",", ":"))) for v in views)
    print(f"slider step frame: {ms:.2f} ms, largest {size / 1024:.1f} KB   target <= 15 ms, 10 KB")


def jusoor_report(model) -> None:
    if not JUSOOR.exists():
        print("benchmarks/jusoor_shares.csv not found: no comparison with Jusoor")
        return
    published = pd.read_csv(JUSOOR, parse_dates=["date"])
    published = published[(published["date"] >= "2017-08-01") & (published["date"] <= "2019-12-31")]
    print("date        " + "".join(f"{f:>22s}" for f in TOLERANCE))
    misses = total = 0
    for _, row in published.iterrows():
        ours = shares(model, row["date"])
        cells = []
        for faction, tolerance in TOLERANCE.items():
            theirs = row.get(f"{faction}_pct")
            if pd.isna(theirs):
                cells.append(f"{ours.get(faction, 0):6.1f} /    -        ")
                continue
            diff = ours.get(faction, 0.0) - theirs
            ok = abs(diff) <= tolerance
            total += 1
            misses += not ok
            cells.append(
                f"{ours.get(faction, 0):6.1f} /{theirs:5.1f} {diff:+5.1f} {'ok' if ok else 'NO'}"
            )
        print(f"{row['date']:%Y-%m-%d}  " + "".join(f"{c:>22s}" for c in cells))
    print(f"within tolerance: {total - misses} of {total} published shares (ours / Jusoor diff)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="build the bundled model once")
    args = parser.parse_args()
    dataset = load_dataset(Settings())
    model = dataset.model
    no_data_report(model)
    probe_report(model)
    speed_report(dataset, args.quick)
    jusoor_report(model)


if __name__ == "__main__":
    main()
