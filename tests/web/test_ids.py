"""Component ids come from dashboard/web/ids.py everywhere, the page's JavaScript included."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dashboard.web import ids

ROOT = Path(__file__).resolve().parents[2]
WEB = sorted((ROOT / "dashboard" / "web").rglob("*.py"))
SCRIPT = (ROOT / "assets" / "dashboard.js").read_text(encoding="utf-8")
# Calls whose argument names a component.
_JS_ID_CALLS = re.compile(
    r"""(getElementById|set_props|show)\(\s*["']([^"']+)["']|querySelector(All)?\(\s*["']#([\w-]+)"""
)


def test_every_id_is_unique_and_sent_to_the_page():
    values = list(ids.as_dict().values())
    assert len(values) == len(set(values))
    assert ids.as_dict()["SLIDER"] == ids.SLIDER


def test_the_script_types_no_component_id_by_hand():
    typed = [m.group(2) or m.group(4) for m in _JS_ID_CALLS.finditer(SCRIPT)]
    assert typed == [], f"ids typed in assets/dashboard.js: {typed}"


def test_the_script_reads_ids_from_the_page():
    assert "window.syriaIds" in SCRIPT
    assert "ids().SLIDER" in SCRIPT and "ids().MAP" in SCRIPT


def _literal_ids(path: Path) -> list[str]:
    """id="..." keywords and Input/Output/State("...") calls with a string literal."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg == "id" and isinstance(keyword.value, ast.Constant):
                found.append(keyword.value.value)
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if (
            name in ("Input", "Output", "State")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append(node.args[0].value)
    return found


@pytest.mark.parametrize("path", WEB, ids=lambda p: p.name)
def test_no_python_module_types_a_component_id(path):
    assert _literal_ids(path) == []


def test_the_page_carries_the_ids_the_script_reads():
    from dashboard.settings import Settings
    from dashboard.web.app import create_app

    page = create_app(Settings()).server.test_client().get("/").get_data(as_text=True)
    assert f'"SLIDER": "{ids.SLIDER}"' in page
