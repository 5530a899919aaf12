"""Dates as the sources write them, to ISO YYYY-MM-DD strings ("" where unreadable)."""

from __future__ import annotations

import pandas as pd

from dashboard.core.schema import YEAR_RANGE

__all__ = ["ACLED_DATE_FORMATS", "parse_dates"]

# ACLED's API and current exports, its older exports, and a spreadsheet's re-save of them.
ACLED_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%b-%y", "%d %b %Y", "%d-%b-%Y", "%d %B, %Y")


def parse_dates(text: pd.Series, formats: tuple[str, ...] = ("%Y-%m-%d",)) -> pd.Series:
    """ISO dates from text in any of `formats` (tried in order); "" where none fits.

    A trailing time ("2016-01-01 00:00:00.000", as UCDP's current layout writes it) is ignored;
    a year outside the supported range (YEAR_RANGE, 1900-2100) is unreadable too.
    """
    clean = text.fillna("").astype(str).str.strip().str.replace(r"[ T]\d\d:\d\d.*$", "", regex=True)
    out = pd.Series("", index=text.index, dtype=object)
    pending = clean != ""
    for fmt in formats:
        if not pending.any():
            break
        parsed = pd.to_datetime(clean[pending], format=fmt, errors="coerce")
        hit = parsed.notna() & parsed.dt.year.between(*YEAR_RANGE)
        out[hit[hit].index] = parsed[hit].dt.strftime("%Y-%m-%d")
        pending[hit[hit].index] = False
    return out
