"""The `syria-map` command line: one click group, one thin function per command."""

from dashboard.cli.commands import cli, main

__all__ = ["cli", "main"]
