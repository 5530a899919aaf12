"""The real dashboard in a subprocess, and Debian's Chromium driven by Playwright.

One app process per session on a free localhost port, on the bundled data (or the tables in
SYRIA_MAP_BROWSER_DATA, separated by the path separator). Each test gets a fresh page that
records console errors and every request its page makes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from support import CHROMIUM, CHROMIUM_FLAGS, LOCAL_HOSTS, free_port, start_app


def browser_data() -> list[str]:
    return [p for p in os.environ.get("SYRIA_MAP_BROWSER_DATA", "").split(os.pathsep) if p]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    port = free_port()
    uploads = str(tmp_path_factory.mktemp("uploads"))
    process = start_app(port, browser_data(), {"SYRIA_MAP_UPLOAD_DIR": uploads})
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def dataset():
    """The same data the app serves, for choosing dates to test with."""
    from dashboard.io.dataset import load_dataset
    from dashboard.settings import Settings

    return load_dataset(Settings(data=tuple(browser_data())))


@pytest.fixture(scope="session")
def chromium_browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make setup-browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@dataclass
class PageLog:
    """What a page did: console errors, uncaught errors and requests to other hosts."""

    errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    requests: int = 0

    def watch(self, tab) -> None:
        """Record the tab's console errors and uncaught errors here."""
        tab.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


def _watched_tab(chromium_browser, page_log: PageLog):
    """A 1366×768 tab in a fresh context, logging into `page_log`; closed (and the log checked:
    no console errors, no request leaving localhost) when the generator resumes."""
    context = chromium_browser.new_context(viewport={"width": 1366, "height": 768})
    tab = context.new_page()
    page_log.watch(tab)

    def record(request):
        page_log.requests += 1
        if urlparse(request.url).hostname not in LOCAL_HOSTS and request.url.startswith("http"):
            page_log.foreign_requests.append(request.url)

    tab.on("request", record)
    yield tab
    context.close()
    assert page_log.errors == [], page_log.errors
    assert page_log.foreign_requests == [], page_log.foreign_requests


@pytest.fixture
def tab(chromium_browser, page_log):
    yield from _watched_tab(chromium_browser, page_log)


@pytest.fixture(scope="session")
def june_map(chromium_browser, app_url):
    """The map of 1 June 2017, loaded once for the tests that only read it or hover over it
    (a page load is most of a browser test's time); they must leave it as they found it."""
    from browser.helpers import open_map

    tabs = _watched_tab(chromium_browser, PageLog())
    shown = next(tabs)
    open_map(shown, app_url + "/?date=2017-06-01")
    yield shown
    next(tabs, None)
