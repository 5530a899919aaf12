"""Upload benchmarks: the full UCDP Syria file (16,566 rows) as a session's second layer.

Measures the upload's handling (validate + store, then building the session's dataset and map
key), in this process and end to end in Chromium (drop to layer listed, with the bytes the file
went up in, multipart, and the size of the key the tab keeps), and the slider step's server
time with the file loaded by upload and by `--data geodata/events.csv --data FILE`.

Usage: python benchmarks/bench_upload.py [--file PATH]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_dashboard import slider_steps
from browser.helpers import open_map
from support import CHROMIUM, CHROMIUM_FLAGS, free_port, start_app

UCDP = Path(__file__).resolve().parent.parent.parent / "shared/data/ucdp_ged_syria_2016-2019.csv"
BUNDLED = Path(__file__).resolve().parent.parent / "geodata" / "events.csv"
TARGETS = {
    "slider step, server time, upload session (median)": (30.0, "ms", "<="),
    "slider step, server time, --data two tables (median)": (30.0, "ms", "<="),
    "step callback in-process, upload session (median)": (30.0, "ms", "<="),
}


def in_process(path: Path, folder: str) -> dict[str, float]:
    """Accept (validate + store), build the session, its map key and 50 steps, in-process."""
    from dashboard.io.dataset import load_dataset
    from dashboard.settings import Settings
    from dashboard.web.app import page_key
    from dashboard.web.sessions import Sessions
    from dashboard.web.state import DASHBOARD_LAYERS
    from dashboard.web.steps import state_from_controls, step_frame
    from dashboard.web.uploads import accept_upload

    settings = Settings().with_values(upload_dir=folder, max_upload_mb=100.0)
    sessions = Sessions(load_dataset(settings), settings)
    data = path.read_bytes()
    gazetteer = sessions.bundled.dataset.gazetteer
    start = time.perf_counter()
    upload = accept_upload(data, path.name, settings, gazetteer, check=sessions.check)
    accepted = time.perf_counter() - start
    assert upload.key is not None, upload.message
    start = time.perf_counter()
    session = sessions.session(upload.key)
    built = time.perf_counter() - start
    start = time.perf_counter()
    key_json = json.dumps(page_key(session.dataset, session.calendar, settings))
    keyed = time.perf_counter() - start
    times = []
    for day in range(200, 200 + 7 * 50, 7):
        start = time.perf_counter()
        state = state_from_controls(
            session.calendar, day, [], "", None, list(DASHBOARD_LAYERS), "en"
        )
        json.dumps(step_frame(session.dataset, state, None, 30), default=str)
        times.append((time.perf_counter() - start) * 1000)
    return {
        "upload accepted (validate + store), in-process": accepted,
        "session dataset built (layer + model), in-process": built,
        "session map key built, in-process": keyed,
        "upload key, bytes (in-process)": len(json.dumps(upload.key).encode()),
        "session map key size": len(key_json) / 1e6,
        "step callback in-process, upload session (median)": statistics.median(times[1:]),
    }


def in_browser(browser, path: Path, folder: str) -> dict[str, float]:
    """Upload through the page on the bundled app, then replay slider steps of that session;
    the upload's request body and the key the tab keeps are measured as sent."""
    from dashboard.web.callbacks.uploads import UPLOAD_ROUTE
    from dashboard.web.ids import UPLOAD_KEY

    port = free_port()
    env = {"SYRIA_MAP_UPLOAD_DIR": folder, "SYRIA_MAP_MAX_UPLOAD_MB": "100"}
    process = start_app(port, [], env)
    base = f"http://127.0.0.1:{port}"
    try:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        open_map(page, base + "/?date=2016-07-01")
        posts = []
        page.on("request", lambda r: posts.append(r) if r.method == "POST" else None)
        start = time.perf_counter()
        page.set_input_files(
            "#upload input[type=file]",
            {"name": path.name, "mimeType": "text/csv", "buffer": path.read_bytes()},
        )
        page.wait_for_function(
            "n => document.querySelector('#event-list').innerText.includes(n)",
            arg=path.stem,
            timeout=120_000,
        )
        seconds = time.perf_counter() - start
        sent = [r for r in posts if urlparse(r.url).path == UPLOAD_ROUTE]
        body = sum(int(r.all_headers().get("content-length", 0)) for r in sent)
        answered = sum(r.timing["responseEnd"] for r in sent) / 1000  # ms from its start
        dash = [len(r.post_data_buffer or b"") for r in posts if r not in sent]
        dash_kb = max(dash, default=0) / 1e3
        key = page.evaluate(f"() => sessionStorage.getItem({UPLOAD_KEY!r})") or ""
        ms = slider_steps(page, base)[0]  # median server time
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    return {
        "upload, drop to events listed (browser)": seconds,
        "upload request body (multipart), bytes (browser)": body,
        "upload request, sent to answered (browser)": answered,
        "largest Dash request during the upload, KB (browser)": dash_kb,
        "upload key in the tab's storage, bytes (browser)": len(key.encode()),
        "slider step, server time, upload session (median)": ms,
    }


def with_two_tables(browser, path: Path) -> dict[str, float]:
    """The slider step of `serve --data geodata/events.csv --data FILE`."""
    port = free_port()
    process = start_app(port, [str(BUNDLED), str(path)])
    base = f"http://127.0.0.1:{port}"
    try:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        open_map(page, base + "/?date=2016-07-01")
        ms = slider_steps(page, base)[0]  # median server time
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    return {"slider step, server time, --data two tables (median)": ms}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=UCDP)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        results.update(in_process(args.file, folder))
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        results.update(in_browser(browser, args.file, folder))
        results.update(with_two_tables(browser, args.file))
        browser.close()
    print(f"{args.file.name}: {args.file.stat().st_size:,} bytes")
    units = {"bytes": "B", "KB": "KB", "size": "MB", "(median)": "ms"}
    print(f"{'measure':<54} {'value':>10} {'target':>12}  ok")
    failed = False
    for name, value in results.items():
        unit = next((u for k, u in units.items() if k in name), "s")
        goal, ok = "", ""
        if name in TARGETS:
            target, unit, sense = TARGETS[name]
            good = value <= target if sense == "<=" else value >= target
            failed |= not good
            goal, ok = f"{sense} {target:g} {unit}", "yes" if good else "NO"
        print(f"{name:<54} {value:>8.2f} {unit:<2} {goal:>10}  {ok}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
