"""Name normalisation shared by the gazetteer, the validator and the importers."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise_name", "slugify"]

_APOSTROPHES = re.compile(r"['’‘`ʿʾ´]")
_NON_ALNUM = re.compile(r"[^0-9a-z\u0600-\u06ff]+")


def normalise_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: 'Al-Raqqah' -> 'al raqqah'."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _APOSTROPHES.sub("", stripped.casefold())
    return _NON_ALNUM.sub(" ", stripped).strip()


def slugify(name: str) -> str:
    """Lowercase ASCII slug: 'Deir ez-Zor' -> 'deir-ez-zor'."""
    return normalise_name(name).encode("ascii", "ignore").decode().strip().replace(" ", "-")
