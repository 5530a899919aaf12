"""What can go wrong in an export, as messages a user can act on (the CLI exits 1 on these)."""

from __future__ import annotations

__all__ = ["ChromiumMissing", "ExportError"]


class ExportError(Exception):
    """An export that cannot be made as asked: bad format, date, place or path."""


class ChromiumMissing(ExportError):
    """No Chromium/Chrome binary to render with."""
