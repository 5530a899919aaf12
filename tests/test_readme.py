"""The README stays true to the code: every schema column, setting and command is documented."""

from __future__ import annotations

from pathlib import Path

from dashboard.cli import cli
from dashboard.core.factions import FACTION_CODES
from dashboard.core.schema import COLUMNS
from dashboard.settings import SETTINGS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_schema_column_is_documented_in_the_readme():
    missing = [name for name in COLUMNS if f"| `{name}` |" not in README]
    assert not missing


def test_every_setting_is_documented_in_the_readme():
    missing = [s.name for s in SETTINGS if f"| `{s.name}` |" not in README]
    assert not missing


def test_every_faction_code_is_documented_in_the_readme():
    assert all(f"| `{code}` |" in README for code in FACTION_CODES)


def test_every_cli_command_appears_in_the_readme():
    missing = [name for name in cli.commands if f"syria-map {name}" not in README]
    assert not missing


def test_the_readme_gives_the_two_setup_commands():
    assert "make run" in README and "make test" in README
