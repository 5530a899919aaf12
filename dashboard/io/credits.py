"""Credit lines for the footer and the metadata, read from geodata/SOURCES.md."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from dashboard.io.paths import GEODATA_DIR

__all__ = ["DEFAULT_CREDITS", "arabic_credits", "credits_from_markdown", "data_credits"]

# Used when geodata/SOURCES.md is missing or names no credits.
DEFAULT_CREDITS: tuple[str, ...] = (
    "Natural Earth",
    "GeoNames, geonames.org (CC BY 4.0)",
    "GSHHG 2.3.6 (Wessel & Smith)",
    "events: cited public reports",
)

_CREDIT_PARAGRAPH = re.compile(
    r"^\s*\*\*credits?\b[^*\n]*\*\*\s*(.+?)(?:\n\s*\n|\Z)", re.IGNORECASE | re.DOTALL | re.MULTILINE
)
_ARABIC_PARAGRAPH = re.compile(
    r"^\s*\*\*arabic credit line\b[^*\n]*\*\*\s*(.+?)(?:\n\s*\n|\Z)",
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
)
_CREDIT_LINE = re.compile(r"^\s*(?:[-*+]\s*)?\**credit(?:s)?\**\s*:\**\s*(.+?)\s*$", re.IGNORECASE)
_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")


def _plain(text: str) -> str:
    return _MARKUP.sub(lambda m: m.group(1) or "", text).strip().strip('"').strip()


def _table_credits(markdown: str) -> list[str]:
    """The cells of a table column headed 'credit', split at ';'."""
    found: list[str] = []
    column: int | None = None
    for line in markdown.splitlines():
        if not line.lstrip().startswith("|"):
            column = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        lowered = [c.lower().strip("* ") for c in cells]
        if "credit" in lowered:
            column = lowered.index("credit")
        elif column is not None and column < len(cells):
            found += [_plain(part) for part in cells[column].split(";")]
    return [c for c in found if c and not set(c) <= set("-—–: ")]


def credits_from_markdown(markdown: str) -> tuple[str, ...]:
    """Credit lines of a SOURCES file.

    A bold 'Credit line ...:' paragraph comes first; then 'Credit: ...' lines and the cells of
    a 'credit' table column that name something the paragraph does not (by their first word).
    """
    found: list[str] = []
    paragraph = _CREDIT_PARAGRAPH.search(markdown)
    if paragraph:
        found.append(_plain(" ".join(paragraph.group(1).split())))
    for line in markdown.splitlines():
        match = _CREDIT_LINE.match(line)
        if match:
            found.append(_plain(match.group(1)))
    covered = " ".join(found).casefold()
    for credit in _table_credits(markdown):
        first_word = credit.split()[0].strip(":,.").casefold()
        if first_word not in covered:
            found.append(credit)
            covered += " " + credit.casefold()
    return tuple(dict.fromkeys(c for c in found if c))


@cache
def data_credits(path: Path | None = None) -> tuple[str, ...]:
    """The credits to print: those of geodata/SOURCES.md, or the defaults."""
    path = path or GEODATA_DIR / "SOURCES.md"
    try:
        markdown = Path(path).read_text(encoding="utf-8")
    except OSError:
        return DEFAULT_CREDITS
    return credits_from_markdown(markdown) or DEFAULT_CREDITS


@cache
def arabic_credits(path: Path | None = None) -> str | None:
    """The whole credit line in Arabic ('**Arabic credit line …:**' in geodata/SOURCES.md),
    or None when there is none."""
    path = path or GEODATA_DIR / "SOURCES.md"
    try:
        markdown = Path(path).read_text(encoding="utf-8")
    except OSError:
        return None
    found = _ARABIC_PARAGRAPH.search(markdown)
    return _plain(" ".join(found.group(1).split())) if found else None
