"""Bring your own data in the browser: upload, see the layer and its effect, problems, limits."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from support import UCDP_SUBSET, free_port, start_app

from browser.helpers import open_map, zone_fills
from dashboard.web.callbacks.uploads import UPLOAD_ROUTE
from dashboard.web.ids import UPLOAD_KEY

pytestmark = pytest.mark.browser

HEADER = "event_id,date,date_precision,place,event_type,controller_after,source_title\n"
RAQQA_TO_ISIS = (HEADER + "my-1,2019-12-01,day,Raqqa,control_change,isis,My field notes\n").encode()
BROKEN = (
    HEADER
    + "b-1,2019-13-45,day,Raqqa,control_change,isis,x\n"
    + "b-2,2018-01-01,day,Nowhere-on-earth,battle,,x\n"
).encode()


def csv_file(name: str, data: bytes) -> dict:
    return {"name": name, "mimeType": "text/csv", "buffer": data}


def upload(page, name: str, data: bytes) -> None:
    page.set_input_files("#upload input[type=file]", csv_file(name, data))


def posts(page) -> list:
    """Every POST request the page makes from now on (read them once the page has settled)."""
    made = []
    page.on("request", lambda request: made.append(request) if request.method == "POST" else None)
    return made


def path_of(request) -> str:
    return urlparse(request.url).path


def wait_for_text(page, selector: str, text: str, timeout: int = 30_000) -> None:
    page.wait_for_function(
        "([s, t]) => { const n = document.querySelector(s); return n && n.innerText.includes(t); }",
        arg=[selector, text],
        timeout=timeout,
    )


def wait_for_new_fills(page, fills: list[str]) -> list[str]:
    """The zone fills once they differ from `fills` and hold still for 300 ms."""
    now = zone_fills(page)
    for _ in range(100):
        if now != fills:
            page.wait_for_timeout(300)
            settled = zone_fills(page)
            if settled == now:
                return now
            now = settled
            continue
        page.wait_for_timeout(100)
        now = zone_fills(page)
    return now


def test_an_uploaded_table_is_listed_as_a_layer_and_recolours_its_zone(tab, app_url):
    open_map(tab, app_url + "/?date=2019-12-10")
    fills = zone_fills(tab)
    assert "raqqa-isis.csv" not in tab.inner_text("#data-layers")
    with tab.expect_file_chooser() as chooser:  # keyboard: focus the button, press Enter
        tab.focus("#upload-button")
        tab.keyboard.press("Enter")
    chooser.value.set_files(csv_file("raqqa-isis.csv", RAQQA_TO_ISIS))
    wait_for_text(tab, "#data-layers", "raqqa-isis.csv")
    assert "1 events loaded" in tab.inner_text("#upload-status")
    assert wait_for_new_fills(tab, fills) != fills
    wait_for_text(tab, "#event-list", "raqqa-isis")  # each event names its layer
    assert "My field notes" in tab.inner_text("#event-list")


def test_a_ucdp_upload_adds_its_events_to_the_list(tab, app_url):
    open_map(tab, app_url + "/?date=2016-06-01")
    made = posts(tab)
    data = UCDP_SUBSET.read_bytes()
    upload(tab, "ucdp_ged_subset.csv", data)
    wait_for_text(tab, "#data-layers", "ucdp_ged_subset.csv")
    wait_for_text(tab, "#event-list", "ucdp_ged_subset")
    row = tab.locator("#data-layers tr[data-layer=ucdp_ged_subset] td").all_inner_texts()
    assert row[:3] == ["ucdp_ged_subset.csv", "434", "0"]  # its events, no control changes
    # the file went up once, as itself (multipart), and Dash's own requests stayed small
    sent = [r for r in made if path_of(r) == UPLOAD_ROUTE]
    assert len(sent) == 1
    headers = sent[0].all_headers()
    assert headers["content-type"].startswith("multipart/form-data; boundary=")
    assert len(data) < int(headers["content-length"]) < len(data) + 1_000  # not base64's 4/3
    updates = [r for r in made if path_of(r) == "/_dash-update-component"]
    assert updates and max(len(r.post_data_buffer or b"") for r in updates) < 4_000
    stored = tab.evaluate(f"() => sessionStorage.getItem({UPLOAD_KEY!r})")
    assert "ucdp_ged_subset.csv" in stored and len(stored.encode()) < 200  # the key, no data


def test_a_file_dropped_on_the_zone_is_uploaded_and_the_zone_looks_idle_again(tab, app_url):
    open_map(tab, app_url + "/?date=2019-12-10")
    zone = "#upload > div"
    idle = tab.get_attribute(zone, "style")
    dropped = tab.evaluate_handle(
        "text => { const d = new DataTransfer();"
        " d.items.add(new File([text], 'dropped.csv', {type: 'text/csv'})); return d; }",
        RAQQA_TO_ISIS.decode(),
    )
    tab.dispatch_event(zone, "dragenter", {"dataTransfer": dropped})
    tab.wait_for_function(
        "([s, i]) => document.querySelector(s).getAttribute('style') !== i", arg=[zone, idle]
    )  # the drop zone shows the drag
    tab.dispatch_event(zone, "drop", {"dataTransfer": dropped})
    wait_for_text(tab, "#data-layers", "dropped.csv")
    assert "1 events loaded" in tab.inner_text("#upload-status")
    assert tab.get_attribute(zone, "style") == idle


def test_a_broken_file_shows_its_problems_and_keeps_the_previous_upload(tab, app_url):
    open_map(tab, app_url + "/?date=2019-12-10")
    bundled = zone_fills(tab)
    upload(tab, "raqqa-isis.csv", RAQQA_TO_ISIS)
    wait_for_text(tab, "#data-layers", "raqqa-isis.csv")
    fills = wait_for_new_fills(tab, bundled)
    upload(tab, "broken.csv", BROKEN)
    wait_for_text(tab, "#upload-problems", "row 2, date")
    problems = tab.inner_text("#upload-problems")
    assert "row 3, place" in problems and "broken.csv" in problems
    assert "not loaded" in tab.inner_text("#upload-status")
    layers = tab.inner_text("#data-layers")
    assert "raqqa-isis.csv" in layers and "broken.csv" not in layers
    assert zone_fills(tab) == fills


def test_removing_the_upload_returns_to_the_bundled_data(tab, app_url):
    open_map(tab, app_url + "/?date=2019-12-10")
    fills = zone_fills(tab)
    upload(tab, "raqqa-isis.csv", RAQQA_TO_ISIS)
    wait_for_text(tab, "#data-layers", "raqqa-isis.csv")
    changed = wait_for_new_fills(tab, fills)
    assert changed != fills
    tab.click("#remove-upload")
    tab.wait_for_function(
        "() => !document.querySelector('#data-layers').innerText.includes('raqqa-isis.csv')"
    )
    assert wait_for_new_fills(tab, changed) == fills
    assert tab.locator("#remove-upload").is_hidden()


def test_the_upload_stays_with_the_tab_after_a_reload(tab, app_url):
    open_map(tab, app_url + "/?date=2019-12-10")
    upload(tab, "raqqa-isis.csv", RAQQA_TO_ISIS)
    wait_for_text(tab, "#data-layers", "raqqa-isis.csv")
    open_map(tab, app_url + "/?date=2019-12-10")
    wait_for_text(tab, "#data-layers", "raqqa-isis.csv")


@pytest.fixture(scope="module")
def small_limit_url(tmp_path_factory):
    """An app whose upload limit is 1 KB (SYRIA_MAP_MAX_UPLOAD_MB)."""
    port = free_port()
    env = {
        "SYRIA_MAP_MAX_UPLOAD_MB": "0.001",
        "SYRIA_MAP_UPLOAD_DIR": str(tmp_path_factory.mktemp("small-uploads")),
    }
    process = start_app(port, [], env)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)


def test_a_file_over_the_limit_gets_the_size_message(tab, small_limit_url):
    open_map(tab, small_limit_url + "/")
    made = posts(tab)
    upload(tab, "big.csv", RAQQA_TO_ISIS + b"#" * 5000)
    wait_for_text(tab, "#upload-status", "the limit is 0.001 MB")
    assert "big.csv" in tab.inner_text("#upload-status")
    assert "big.csv" not in tab.inner_text("#data-layers")
    assert [r for r in made if path_of(r) == UPLOAD_ROUTE] == []  # refused before sending
