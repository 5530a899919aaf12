"""What can go wrong in an export, as messages a user can act on (the CLI exits 1 on these)."""

from __future__ import annotations

from dashboard.io.messages import Said

__all__ = ["ChromiumMissing", "ExportError"]


class ExportError(Exception):
    """An export that cannot be made as asked: bad format, date, place or path.

    Made from a Said, it keeps it (`said`) so the dashboard can give it in the page's language.
    """

    def __init__(self, message: str | Said) -> None:
        self.said = message if isinstance(message, Said) else None
        super().__init__(str(message))


class ChromiumMissing(ExportError):
    """No Chromium/Chrome binary to render with."""
