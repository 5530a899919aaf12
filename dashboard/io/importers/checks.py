"""Row checks shared by the source importers; each returns a reason per row ("" = fine)."""

from __future__ import annotations

import pandas as pd

__all__ = ["coordinate_reasons", "id_reasons", "join_reasons", "text", "when"]


def text(raw: pd.DataFrame, name: str) -> pd.Series:
    """A column as stripped text; all "" when the column is absent (older layouts)."""
    if name not in raw:
        return pd.Series("", index=raw.index, dtype=object)
    return raw[name].fillna("").astype(str).str.strip().astype(object)


def join_reasons(*reasons: pd.Series) -> pd.Series:
    """All reasons of a row in one string, separated by "; "."""
    out = pd.Series("", index=reasons[0].index, dtype=object)
    for reason in reasons:
        both = (out != "") & (reason != "")
        out = out.where(reason == "", reason.where(~both, out + "; " + reason))
    return out


def when(mask: pd.Series, message: str, values: pd.Series | None = None) -> pd.Series:
    """`message` on the rows where `mask` holds, "" elsewhere; with `values`, each row's
    value (repr'd) fills the message's {}."""
    out = pd.Series("", index=mask.index, dtype=object)
    if values is None:
        out[mask] = message
    else:
        out[mask] = [message.format(repr(v)) for v in values[mask]]
    return out


def id_reasons(ids: pd.Series, column: str) -> pd.Series:
    """Empty or repeated source ids; the first of a repeated id is kept."""
    empty = when(ids == "", f"empty {column}")
    repeated = (ids != "") & ids.duplicated(keep="first")
    dup = when(repeated, f"duplicate {column} {{}} (the first one is kept)", ids)
    return join_reasons(empty, dup)


def coordinate_reasons(
    lat_text: pd.Series, lon_text: pd.Series, lat_name: str, lon_name: str
) -> pd.Series:
    """Missing, unreadable or impossible coordinates, naming the source's columns."""
    lat = pd.to_numeric(lat_text, errors="coerce")
    lon = pd.to_numeric(lon_text, errors="coerce")
    return join_reasons(
        when((lat_text == "") | (lon_text == ""), f"no coordinates ({lat_name}/{lon_name} empty)"),
        _unreadable(lat_text, lat, lat_name),
        _unreadable(lon_text, lon, lon_name),
        when(~lat.between(-90, 90) & lat.notna(), f"{lat_name} is not between -90 and 90"),
        when(~lon.between(-180, 180) & lon.notna(), f"{lon_name} is not between -180 and 180"),
    )


def _unreadable(text: pd.Series, value: pd.Series, name: str) -> pd.Series:
    return when((text != "") & value.isna(), f"cannot read {name} {{}} as a number", text)
