"""What the tests and the benchmarks share: tiny tables, the CLI runner, the app and browser.

Imported as `support` (tests/ is on the path); never from a conftest.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.core.gazetteer import Gazetteer
from dashboard.core.table import EventTable, table_digest
from dashboard.io.validate import validate_table

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"
GEODATA = ROOT / "geodata"
# The real UCDP GED Syria file the project is given beside the repository (shared/data).
REAL_UCDP = ROOT.parent / "shared" / "data" / "ucdp_ged_syria_2016-2019.csv"
UCDP_SUBSET = TEST_DATA / "ucdp_ged_subset.csv"

HEADER = (
    "event_id,date,place,lat,lon,event_type,actor,controller_after,description,"
    "source_title,source_publisher,source_date,source_url,confidence\n"
)


def two_towns_gazetteer() -> Gazetteer:
    """Two made-up towns on the same parallel, 2 degrees of longitude apart."""
    places = pd.DataFrame(
        {
            "place_id": ["alpha", "beta", "gamma"],
            "name": ["Alpha", "Beta", "Gamma"],
            "name_ar": ["ألفا", "بيتا", "غاما"],
            "aliases": ["Al-Alpha;Alfa", "", ""],
            "lat": [35.0, 35.0, 35.5],
            "lon": [37.0, 39.0, 38.0],
            "kind": ["town", "town", "village"],
            "governorate": ["", "", ""],
            "country": ["SY", "SY", "SY"],
            "population": ["1000", "2000", "500"],
            "coord_source": ["test", "test", "test"],
        }
    )
    return Gazetteer.from_frame(places)


def table_from_csv(text: str, gazetteer: Gazetteer | None = None) -> EventTable:
    """Validate a CSV written in a test and wrap it as an EventTable."""
    raw = pd.read_csv(io.StringIO(HEADER + text), dtype=str, keep_default_na=False)
    result = validate_table(raw, gazetteer or two_towns_gazetteer(), source="test.csv")
    assert result.table is not None, [str(p) for p in result.problems]
    return EventTable(result.table, ("test",), table_digest(result.table))


def source(title: str = "Test report") -> str:
    return f"{title},Test Agency,2026-01-01,https://example.org/{title.replace(' ', '-')},high"


# Alpha held by the government; Beta by IS until the SDF takes it on 20 October 2017.
TWO_TOWN_EVENTS = (
    f"a1,2016-01-01,Alpha,,,control_change,x,government,start,{source()}\n"
    f"b1,2016-01-01,Beta,,,control_change,x,isis,start,{source()}\n"
    f"b2,2017-10-20,Beta,,,control_change,SDF,sdf,taken,{source()}\n"
    f"b3,2017-10-25,Beta,,,battle,SDF,,fighting,{source()}\n"
    f"p1,2016-02-01,Gamma,,,presence,US,,a base,{source()}\n"
)


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture, *args: str) -> Run:
    """Call `syria-map ARGS` and return its exit status, stdout and stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    captured = capsys.readouterr()
    code = exit_info.value.code
    return Run(code if isinstance(code, int) else 1, captured.out, captured.err)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_app(port: int, data: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start `syria-map serve` (with extra environment variables) and wait until it answers."""
    command = [sys.executable, "-m", "dashboard", "serve", "--port", str(port)]
    for path in data:
        command += ["--data", path]
    environ = {**os.environ, **(env or {})}
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environ
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("the app did not answer within 120 s")


def texts(component) -> list[str]:
    """Every string in a Dash component tree (or a plain string), depth first."""
    if component is None:
        return []
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [t for child in component for t in texts(child)]
    return texts(getattr(component, "children", None))
