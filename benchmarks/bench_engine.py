"""Benchmark the control engine (issue 3): per-date control and zones, precomputing cells,
and the `syria-map control` command end to end.

    python benchmarks/bench_engine.py [--quick]

Targets: one date <= 20 ms (bundled) and <= 100 ms (5,000 localities, 200,000 events) with
cells precomputed; cells <= 2 s (bundled); `control --date D --place Raqqa` <= 1.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import shapely

from dashboard.core.control import ControlHistory, locality_control
from dashboard.core.factions import FACTION_CODES
from dashboard.core.model import build_model
from dashboard.core.table import EventTable
from dashboard.core.zones import front_line_mask, zones
from dashboard.io.dataset import load_dataset
from dashboard.io.geography import load_barriers, load_outline
from dashboard.settings import Settings


def timed(function, repeat: int = 1) -> float:
    """Median seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def one_date(model, date) -> None:
    """What a date costs with cells precomputed: locality and zone control, front-line mask."""
    locality_control(model.history, model.events, date)
    factions = model.atom_control(date).factions
    front_line_mask(model, factions)


def per_date_ms(model, dates) -> float:
    times = [timed(lambda d=d: one_date(model, d)) for d in dates]
    return statistics.median(times) * 1000


def synthetic_table(localities: int, events: int, outline, seed: int = 7) -> EventTable:
    """Random localities inside the outline, each starting on 2016-01-01, random changes after."""
    rng = np.random.default_rng(seed)
    west, south, east, north = outline.bounds
    points = []
    while len(points) < localities:
        lon = rng.uniform(west, east, localities * 2)
        lat = rng.uniform(south, north, localities * 2)
        inside = shapely.contains_xy(outline, lon, lat)
        points += list(zip(lon[inside], lat[inside], strict=True))
    lon, lat = np.array(points[:localities]).T
    which = np.concatenate(
        [np.arange(localities), rng.integers(0, localities, events - localities)]
    )
    days = np.concatenate(
        [np.zeros(localities, int), rng.integers(1, 4 * 365, events - localities)]
    )
    frame = pd.DataFrame(
        {
            "event_id": [f"s{i}" for i in range(events)],
            "date": pd.Timestamp("2016-01-01") + pd.to_timedelta(days, unit="D"),
            "event_type": "control_change",
            "controller_after": np.array(FACTION_CODES)[rng.integers(0, 6, events)],
            "place_id": "",
            "place": "",
            "lat": lat[which].round(4),
            "lon": lon[which].round(4),
            "geometry": None,
        }
    )
    frame = frame.sort_values(["date", "event_id"]).reset_index(drop=True)
    return EventTable(frame, ("synthetic",), "synthetic")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the larger growth sizes")
    args = parser.parse_args()
    dates = pd.date_range("2016-01-01", "2019-12-31", periods=60)
    outline = load_outline()

    print("== bundled data")
    start = time.perf_counter()
    dataset = load_dataset(Settings())
    print(f"load events + gazetteer + cells: {time.perf_counter() - start:.2f} s")
    table = dataset.table
    places = dataset.model.places
    barriers = load_barriers()
    cells_s = timed(lambda: build_model(table, outline, places, barriers=barriers), repeat=3)
    model = dataset.model
    print(
        f"localities: {len(model.localities)}, atoms: {len(model.tessellation.atoms)}, "
        f"edges: {len(model.tessellation.edge_a)}"
    )
    print(f"precompute cells (median of 3): {cells_s:.3f} s   target <= 2 s")
    print(
        f"one date, control + zones (median of 60 dates): {per_date_ms(model, dates):.2f} ms"
        "   target <= 20 ms"
    )
    dissolve = statistics.median(timed(lambda d=d: zones(model, d)) for d in dates[:10]) * 1000
    print(f"merged zone geometry for one date (export/CLI only): {dissolve:.1f} ms")

    print("== synthetic: cells precompute growth and one date")
    sizes = (500, 1000, 2000, 5000) if not args.quick else (500, 5000)
    for size in sizes:
        synthetic = synthetic_table(size, 200_000 if size == 5000 else size * 40, outline)
        start = time.perf_counter()
        history = ControlHistory.from_events(synthetic.events)
        index_s = time.perf_counter() - start
        start = time.perf_counter()
        big = build_model(synthetic, outline, None, barriers=barriers)
        cells = time.perf_counter() - start
        print(
            f"{size:5d} localities, {len(synthetic.events):6d} events: index {index_s:.2f} s, "
            f"index+cells {cells:.2f} s, one date {per_date_ms(big, dates):.2f} ms"
            + ("   target <= 100 ms" if size == 5000 else "")
        )
        del history, big

    print("== CLI end to end: syria-map control --date 2018-01-01 --place Raqqa")
    command = [
        sys.executable,
        "-m",
        "dashboard",
        "control",
        "--date",
        "2018-01-01",
        "--place",
        "Raqqa",
    ]
    runs = [
        timed(lambda: subprocess.run(command, check=True, capture_output=True)) for _ in range(5)
    ]
    print(f"median of 5: {statistics.median(runs):.2f} s   target <= 1.5 s")


if __name__ == "__main__":
    main()
