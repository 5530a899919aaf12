"""The README stays true to the code: every schema column, setting and command is documented."""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.cli import cli
from dashboard.core.factions import FACTION_CODES
from dashboard.core.schema import COLUMNS
from dashboard.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT / "docs"))

from readme_tables import rendered  # noqa: E402


def test_the_readme_tables_are_what_the_registries_generate():
    assert rendered(README) == README, "run python docs/readme_tables.py"


def test_every_schema_column_is_documented_in_the_readme():
    missing = [name for name in COLUMNS if f"| `{name}` |" not in README]
    assert not missing


def test_every_setting_is_documented_with_its_variable_and_default():
    for s in SETTINGS:
        assert f"| `{s.name}` | `SYRIA_MAP_{s.name.upper()}` |" in README


def test_every_faction_code_is_documented_in_the_readme():
    assert all(f"| `{code}` |" in README for code in FACTION_CODES)


def test_every_cli_command_appears_in_the_readme():
    missing = [name for name in cli.commands if f"syria-map {name}" not in README]
    assert not missing


def test_the_readme_gives_the_two_setup_commands():
    assert "make run" in README and "make test" in README
