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


def transferred(context, url: str) -> tuple[int, int, int]:
    """(bytes on the wire, bytes decoded, requests) of one page load until the map is drawn."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    wire: dict[str, int] = {}
    decoded: dict[str, int] = {}
    cdp.on("Network.dataReceived", lambda e: _add(decoded, e["requestId"], e["dataLength"]))
    cdp.on("Network.loadingFinished", lambda e: _add(wire, e["requestId"], e["encodedDataLength"]))
    open_map(page, url)
    page.wait_for_load_state("networkidle")
    page.close()
    return sum(wire.values()), sum(decoded.values()), len(wire)


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
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    for name, (wire, body, requests) in (("first load", first), ("second load", again)):
        print(
            f"{name:<12} {wire / 1e6:8.3f} MB transferred ({body / 1e6:.3f} MB decoded, "
            f"{requests} requests)"
        )
    ok = first[0] / 1e6 <= TARGET_MB
    print(f"target: first load <= {TARGET_MB} MB  {'yes' if ok else 'NO'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
