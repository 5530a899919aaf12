"""Dashboard benchmarks on the bundled data: slider step, page load, play rate, memory.

Starts the real app (`syria-map serve`) on a free port and drives Debian's Chromium with
Playwright. The slider step is measured by replaying, over HTTP, the very callback requests
the browser sends for one step (all of them, summed), with ~50 different dates.

Usage: python benchmarks/bench_dashboard.py [--data PATH ...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser.helpers import open_map
from support import CHROMIUM, CHROMIUM_FLAGS, free_port, start_app

from dashboard.web import ids

TARGETS = {
    "slider step, server time (median)": (15.0, "ms", "<="),  # HTTP round trip
    "slider step, response size": (10.0, "KB", "<="),  # uncompressed
    "page load to complete map": (3.0, "s", "<="),
    "play rate": (15.0, "dates/s", ">="),
    "server memory (RSS)": (400.0, "MB", "<="),
}


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def post(url: str, body: bytes, gzip: bool = False) -> tuple[float, int]:
    """Milliseconds of one POST and the bytes of its answer (compressed, with `gzip`)."""
    headers = {"Content-Type": "application/json"}
    if gzip:
        headers["Accept-Encoding"] = "gzip"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    start = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        size = len(response.read())
    return (time.perf_counter() - start) * 1000, size


def step_requests(page) -> list[tuple[str, dict]]:
    """The callback POSTs one keyboard step on the slider makes."""
    captured: list[tuple[str, dict]] = []

    def keep(request):
        if "_dash-update-component" in request.url and request.method == "POST":
            captured.append((request.url, json.loads(request.post_data)))

    page.on("request", keep)
    page.focus("#date-slider [role=slider]")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(1500)
    page.remove_listener("request", keep)
    return captured


def with_day(body: dict, day: int, start: str) -> bytes:
    """The request for `day`, from a map that holds the day before (ids.FRAME_BASE)."""
    held = (pd.Timestamp(start) + pd.Timedelta(days=day - 1)).strftime("%Y-%m-%d")
    for group in ("inputs", "state"):
        for item in body.get(group, []):
            if isinstance(item, dict) and item.get("id") == ids.SLIDER:
                item["value"] = day
            if isinstance(item, dict) and item.get("id") == ids.FRAME_BASE and item.get("value"):
                item["value"] = {**item["value"], "date": held}
    return json.dumps(body).encode()


def slider_steps(page, base: str, steps: int = 50) -> tuple[float, float, float, int]:
    """Median server time (ms), raw and gzip size (KB) of a one-day step, at 50 dates."""
    requests = step_requests(page)
    start = page.evaluate("() => window.syriaKey.start")
    times, sizes, packed = [], [], []
    per_call: dict[str, list] = {body["output"]: [] for _, body in requests}
    start_day = 200
    for day in range(start_day, start_day + 7 * steps, 7):
        total_ms, total_bytes, total_packed = 0.0, 0, 0
        for url, body in requests:
            ms, size = post(url, with_day(body, day, start))
            _, gz = post(url, with_day(body, day, start), gzip=True)
            per_call[body["output"]].append((ms, size))
            total_ms += ms
            total_bytes += size
            total_packed += gz
        times.append(total_ms)
        sizes.append(total_bytes)
        packed.append(total_packed)
    for output, runs in per_call.items():
        ms = statistics.median(r[0] for r in runs)
        kb = statistics.median(r[1] for r in runs) / 1024
        print(f"  step callback {output[:60]:<60} {ms:6.1f} ms {kb:6.1f} KB")
    kb = statistics.median(sizes) / 1024
    return statistics.median(times), kb, statistics.median(packed) / 1024, len(requests)


def page_load(browser, url: str, runs: int = 3) -> float:
    seconds = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        start = time.perf_counter()
        open_map(page, url)
        seconds.append(time.perf_counter() - start)
        context.close()
    return statistics.median(seconds)


def play_rate(page, seconds: float = 6.0) -> float:
    """Dates the map actually drew per second while playing at the default rate (steady)."""
    page.evaluate(
        """() => {
            window.__drawn = [];
            const read = () => {
                const node = document.querySelector('#map .annotation-text');
                const text = node ? node.textContent : '';
                const last = window.__drawn[window.__drawn.length - 1];
                if (!last || last[0] !== text) window.__drawn.push([text, performance.now()]);
                window.__frame = requestAnimationFrame(read);
            };
            read();
        }"""
    )
    page.click("#play")
    page.wait_for_timeout(seconds * 1000)
    drawn = page.evaluate("() => window.__drawn.map(d => d[1])")
    page.click("#play")
    # steady state: from the first drawn step to the last (the first step waits for the click)
    return (len(drawn) - 2) / ((drawn[-1] - drawn[1]) / 1000)


def step_in_process(base_app, steps: int = 50) -> float:
    """Median time (ms) of the step callback's own function, called in this process."""
    from dashboard.core.calendar import calendar
    from dashboard.io.dataset import load_dataset
    from dashboard.settings import Settings
    from dashboard.web.state import DASHBOARD_LAYERS
    from dashboard.web.steps import state_from_controls, step_frame

    dataset = load_dataset(Settings(data=tuple(base_app)))
    dates = calendar(dataset.table.coverage, dataset.model.events)
    times = []
    for day in range(200, 200 + 7 * steps, 7):
        start = time.perf_counter()
        state = state_from_controls(dates, day, [], "", None, list(DASHBOARD_LAYERS), "en")
        held = {"date": f"{dates.date(day - 1):%Y-%m-%d}", "data": "|en"}
        json.dumps(step_frame(dataset, state, None, 30, held), default=str)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", default=[])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    port = free_port()
    process = start_app(port, args.data)
    base = f"http://127.0.0.1:{port}"
    results: dict[str, float] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            results["page load to complete map"] = page_load(browser, base + "/?date=2016-07-01")
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            open_map(page, base + "/?date=2016-07-01")
            ms, kb, gz, calls = slider_steps(page, base)
            results["slider step, server time (median)"] = ms
            results["slider step, response size"] = kb
            print(f"slider step compressed (gzip, as the browser gets it): {gz:.2f} KB")
            open_map(page, base + "/?date=2016-02-01")
            results["play rate"] = play_rate(page)
            browser.close()
        results["server memory (RSS)"] = rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=20)
    print(f"slider step = {calls} callback request(s), HTTP round trip, all summed")
    print(f"step callback function in-process: {step_in_process(args.data):.2f} ms (median)")
    print(f"{'measure':<36} {'value':>10} {'target':>14}  ok")
    failed = False
    for name, (target, unit, sense) in TARGETS.items():
        value = results[name]
        ok = value <= target if sense == "<=" else value >= target
        failed |= not ok
        goal = f"{sense} {target:g} {unit}"
        print(f"{name:<36} {value:>10.2f} {goal:>14}  {'yes' if ok else 'NO'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
