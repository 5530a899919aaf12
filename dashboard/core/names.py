"""Name normalisation shared by the gazetteer, the validator and the importers."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["did_you_mean", "normalise_name", "slugify"]

_APOSTROPHES = re.compile(r"['’‘`ʿʾ´]")
_NON_ALNUM = re.compile(r"[^0-9a-z\u0600-\u06ff]+")


def normalise_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: 'Al-Raqqah' -> 'al raqqah'."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _APOSTROPHES.sub("", stripped.casefold())
    return _NON_ALNUM.sub(" ", stripped).strip()


def did_you_mean(suggestions: list[str], quote: bool = False, lang: str = "en") -> str:
    """'; did you mean 'Raqqa', 'Rastan'?' for the suggestions (or its Arabic), or '' when
    there are none."""
    if not suggestions:
        return ""
    if lang == "ar":
        return f"؛ هل تقصد {'، '.join(suggestions)}؟"
    names = ", ".join(repr(s) if quote else s for s in suggestions)
    return f"; did you mean {names}?"


def slugify(name: str) -> str:
    """Lowercase ASCII slug: 'Deir ez-Zor' -> 'deir-ez-zor'."""
    return normalise_name(name).encode("ascii", "ignore").decode().strip().replace(" ", "-")
