"""Bytes a browser transfers to load the dashboard (`/` with the map drawn), on the bundled data.

Starts the real app (`syria-map serve`) on a free port and loads `/` in Debian's headless
Chromium, summing what the network carried (Chrome's `encodedDataLength`: headers and body as
sent, so compressed when the server compresses) until the map is drawn. Then loads it again in
the same browser context, to show what the cache saves on a return visit.

Usage: python benchmarks/bench_page.py [--data PATH ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser.helpers import open_map
from support import CHROMIUM, CHROMIUM_FLAGS, free_port, start_app

TARGET_MB = 2.5  # first load of `/`, map drawn
PHONE_TARGET_S = 3.0  # first load on a phone viewport, to the map drawn
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def transferred(context, url: str) -> tuple[int, int, int, float]:
    """(bytes on the wire, bytes decoded, requests, seconds to the map drawn) of one load."""
    import time

    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    wire: dict[str, int] = {}
    decoded: dict[str, int] = {}
    cdp.on("Network.dataReceived", lambda e: _add(decoded, e["requestId"], e["dataLength"]))
    cdp.on("Network.loadingFinished", lambda e: _add(wire, e["requestId"], e["encodedDataLength"]))
    start = time.perf_counter()
    open_map(page, url)
    seconds = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    page.close()
    return sum(wire.values()), sum(decoded.values()), len(wire), seconds


def _add(totals: dict[str, int], key: str, value: int) -> None:
    totals[key] = totals.get(key, 0) + value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", default=[])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    port = free_port()
    process = start_app(port, args.data)
    url = f"http://127.0.0.1:{port}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            first = transferred(context, url)
            again = transferred(context, url)
            phone = [transferred(browser.new_context(**PHONE), url) for _ in range(3)]
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    loads = (("first load", first), ("second load", again), *(("phone", p) for p in phone))
    for name, (wire, body, requests, seconds) in loads:
        print(
            f"{name:<12} {wire / 1e6:8.3f} MB transferred ({body / 1e6:.3f} MB decoded, "
            f"{requests} requests), map drawn in {seconds:.2f} s"
        )
    ok = first[0] / 1e6 <= TARGET_MB and max(p[0] for p in phone) / 1e6 <= TARGET_MB
    print(f"target: first load <= {TARGET_MB} MB (desktop and phone)  {'yes' if ok else 'NO'}")
    median = sorted(p[3] for p in phone)[1]
    fast = median <= PHONE_TARGET_S
    print(
        f"phone load, median of 3: {median:.2f} s  target <= {PHONE_TARGET_S} s  "
        f"{'yes' if fast else 'NO'}"
    )
    sys.exit(0 if ok and fast else 1)


if __name__ == "__main__":
    main()
