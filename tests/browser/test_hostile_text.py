"""A table whose description holds `<!--<script>` and markup is served as text: the page and
its map render with no console error, the list shows the text as written, and no markup runs."""

from __future__ import annotations

import csv

import pytest
from support import GEODATA, free_port, start_app

from browser.helpers import open_map, trace
from dashboard.figures import traces

pytestmark = pytest.mark.browser

HOSTILE = "Fighting <!--<script>window.pwned=1</script> <b>bold</b> <a href='x'>link</a> &"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    """The bundled table plus one battle at Raqqa whose description is hostile markup."""
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "events.csv"
    with (GEODATA / "events.csv").open(encoding="utf-8", newline="") as bundled:
        rows = list(csv.DictReader(bundled))
    row = dict.fromkeys(rows[0], "")
    row.update(event_id="hostile-1", date="2017-06-01", date_precision="day", place="Raqqa",
               event_type="battle", actor="<i>SDF</i>", description=HOSTILE,
               source_title="Test", source_publisher="Test", source_date="2017-06-02")  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([*rows, row])
    port = free_port()
    process = start_app(port, [str(path)], {"SYRIA_MAP_UPLOAD_DIR": str(folder / "uploads")})
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)


def test_a_script_in_a_description_renders_as_text_with_no_console_error(tab, hostile_url):
    open_map(tab, f"{hostile_url}/?date=2017-06-01")
    tab.wait_for_function(
        "t => document.querySelector('#event-list').innerText.includes(t)",
        arg="<!--<script>",
        timeout=30_000,
    )
    assert tab.evaluate("() => window.pwned") is None
    markup = tab.evaluate(
        """() => Array.from(document.querySelectorAll('#event-list *'))
            .filter(n => ['bold', 'link'].includes(n.textContent) || n.getAttribute('href') === 'x')
            .length"""
    )
    assert markup == 0
    battle = trace(tab, traces.TRACE_EVENTS + traces.EVENT_TYPES_SHOWN.index("battle"))
    hovers = [h for h in battle["hovertext"] if "Fighting" in h]
    assert hovers and "<" not in hovers[0] and "&lt;!--&lt;script&gt;" in hovers[0]
    # tab's fixture asserts no console error and no request to another host
