"""The issue-14 table again: page transferred, slider step and server start on the bundled data
and on synthetic tables of 2,000 and 5,000 localities with 200,000 events, beside the figures
measured before the change (issue 14), plus the server's memory.

Each table is written as a CSV in our schema (lat/lon localities) and served by the real
`syria-map serve`; the page is loaded in Debian's Chromium (bytes on the wire, compressed),
the step is the one-day slider step's callback replayed over HTTP (bench_dashboard), and the
start is the time from launching the server to its first answer, with an empty model cache
(cold) and again with the cache it wrote (warm).

Usage: python benchmarks/bench_scale.py [--quick]   (--quick: the bundled data only)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_dashboard import rss_mb, slider_steps
from bench_engine import synthetic_table
from bench_page import transferred
from browser.helpers import open_map
from support import CHROMIUM, CHROMIUM_FLAGS, free_port, start_app

from dashboard.io.geography import load_outline

# Issue 14, as measured before: (page MB, step KB, start s).
BEFORE = {
    "bundled": (7.9, 1.6, "1.5-1.8"),
    "2,000 localities, 200k events": (55.0, 85.0, "36"),
    "5,000 localities, 200k events": (57.0, 131.0, "31"),
}
MEMORY_BEFORE_MB = 506  # the server at 2,000 localities
TARGETS = (
    "page <= 2.5 MB bundled, <= 5 MB at 5,000; step <= 10 KB, <= 15 ms; start <= 5 s; "
    "memory <= 400 MB at 2,000"
)


def write_table(folder: Path, localities: int, events: int) -> str:
    """A synthetic table (bench_engine.synthetic_table) as a CSV with a source per row."""
    table = synthetic_table(localities, events, load_outline()).events
    frame = table.drop(columns=["place_id", "geometry"])
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    frame["source_title"] = "Synthetic benchmark table"
    frame["source_publisher"] = "syria-control-map benchmarks"
    frame["source_date"] = "2026-12-01"
    path = folder / f"synthetic_{localities}.csv"
    frame.to_csv(path, index=False)
    return str(path)


def started(data: list[str], cache: Path) -> tuple[object, int, float]:
    """A server on `data` with its model cache in `cache`, and seconds to its first answer."""
    port = free_port()
    start = time.perf_counter()
    process = start_app(port, data, {"SYRIA_MAP_CACHE_DIR": str(cache)})
    return process, port, time.perf_counter() - start


def measure(browser, data: list[str], folder: Path) -> dict[str, float]:
    cache = folder / f"cache-{len(list(folder.iterdir()))}"
    process, _, cold = started(data, cache)
    process.terminate()
    process.wait(timeout=20)
    process, port, warm = started(data, cache)
    base = f"http://127.0.0.1:{port}"
    try:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        wire, _, _, drawn = transferred(context, base + "/?date=2016-07-01")
        page = context.new_page()
        open_map(page, base + "/?date=2016-07-01")
        ms, kb, gz, _ = slider_steps(page, base, steps=30)
        memory = rss_mb(process.pid)
        context.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    return {"page": wire / 1e6, "drawn": drawn, "step_kb": kb, "step_gz": gz, "step_ms": ms,
            "cold": cold, "warm": warm, "memory": memory}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the bundled data only")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        folder = Path(tmp)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        results["bundled"] = measure(browser, [], folder)
        if not args.quick:
            for size, name in ((2000, "2,000"), (5000, "5,000")):
                table = write_table(folder, size, 200_000)
                results[f"{name} localities, 200k events"] = measure(browser, [table], folder)
        browser.close()
    print(f"\ntargets: {TARGETS}")
    columns = ("page transferred", "step (raw, gzip, server)", "server start (cold, cached)")
    print(f"{'table':<31} {columns[0]:>22} {columns[1]:>34} {columns[2]:>34} {'memory':>8}")
    for name, r in results.items():
        page_mb, step_kb, start_s = BEFORE[name]
        page = f"{page_mb:g} -> {r['page']:.2f} MB"
        step = f"{step_kb:g} -> {r['step_kb']:.1f} KB, {r['step_gz']:.1f} KB, {r['step_ms']:.1f} ms"
        start = f"{start_s} -> {r['cold']:.1f} s, {r['warm']:.1f} s"
        print(f"{name:<31} {page:>22} {step:>34} {start:>34} {r['memory']:>5.0f} MB")
    print(
        f"(memory before: {MEMORY_BEFORE_MB} MB at 2,000 localities; map drawn on first load "
        + ", ".join(f"{n.split(',')[0]} {r['drawn']:.1f} s" for n, r in results.items())
        + ")"
    )


if __name__ == "__main__":
    main()
