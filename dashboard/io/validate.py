"""Check a raw event table against the schema and the gazetteer.

Every finding names the file, row and column. The result carries a clean table (typed dates,
resolved places and coordinates) only when there are no errors.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.core.factions import faction
from dashboard.core.gazetteer import Gazetteer
from dashboard.core.schema import (
    ANNOUNCED_TYPES,
    COLUMNS,
    CONFIDENCE_LEVELS,
    DATE_PRECISIONS,
    EVENT_TYPES,
    FACTION_CODES,
    REQUIRED_COLUMNS,
    SOURCE_DATE_KINDS,
    YEAR_RANGE,
)
from dashboard.errors import Problem
from dashboard.io.messages import Said, say

__all__ = ["MAP_BOUNDS", "ValidationResult", "parse_date", "validate_table"]

# lon_min, lat_min, lon_max, lat_max of the map (Syria and its borders).
MAP_BOUNDS = (34.0, 31.0, 44.0, 38.5)
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class ValidationResult:
    """The problems found, and the clean table when there is no error."""

    problems: list[Problem]
    table: pd.DataFrame | None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def parse_date(text: str) -> tuple[pd.Timestamp | None, str | None, str | None]:
    """Parse an ISO date, month or year: (timestamp, implied precision, error message)."""
    stamp, precision, error = _parse_one(text)
    return stamp, precision, (str(error) if error else None)


def _parse_one(text: str) -> tuple[pd.Timestamp | None, str | None, Said | None]:
    match = _DATE.match(text.strip())
    if not match:
        return None, None, Said("date_unreadable", (("text", text),))
    year, month, day = (int(g) if g else None for g in match.groups())
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        first, last = YEAR_RANGE
        return None, None, Said("date_years", (("text", text), ("first", first), ("last", last)))
    precision = "day" if day else "month" if month else "year"
    try:
        stamp = pd.Timestamp(year=year, month=month or 1, day=day or 1)
    except ValueError:
        return None, None, Said("date_not_real", (("text", text),))
    return stamp, precision, None


class _Checker:
    """Collects problems for one table; each check method handles one column."""

    def __init__(self, raw: pd.DataFrame, gazetteer: Gazetteer, source: str) -> None:
        self.raw = raw
        self.gazetteer = gazetteer
        self.source = source
        self.offset = int(raw.attrs.get("row_offset", 2))
        self.numbers = raw.attrs.get("row_numbers")  # a database table's row ids, if any
        self.problems: list[Problem] = []
        self._columns: dict[str, pd.Series] = {}

    def add(
        self, index: int | None, column: str | None, key: str, severity="error", **values
    ) -> None:
        """A problem of the row at `index` (None: the whole table): message `key` and values."""
        if index is None:
            row = None
        elif self.numbers is not None:
            row = int(self.numbers[int(index)])
        else:
            row = int(index) + self.offset
        message = say(key, **values)
        pairs = tuple(values.items())
        self.problems.append(Problem(self.source, row, column, severity, message, key, pairs))

    def said(self, index: int | None, column: str | None, said: Said, severity="error") -> None:
        self.add(index, column, said.key, severity, **dict(said.values))

    def column(self, name: str) -> pd.Series:
        """A column as stripped text ("" where missing); computed once."""
        if name not in self._columns:
            if name in self.raw:
                values = self.raw[name].fillna("").astype(str).str.strip()
            else:
                values = pd.Series("", index=self.raw.index, dtype=object)
            self._columns[name] = values
        return self._columns[name]


def validate_table(
    raw: pd.DataFrame, gazetteer: Gazetteer, source: str = "<table>"
) -> ValidationResult:
    """Validate a raw table; see the module docstring."""
    check = _Checker(raw.reset_index(drop=True), gazetteer, source)
    for note in raw.attrs.get("read_notes", []):
        check.said(None, None, note, "warning")
    if not _check_columns(check):
        return ValidationResult(check.problems, None)
    if check.raw.empty:
        check.add(None, None, "no_rows")
        return ValidationResult(check.problems, None)
    table = pd.DataFrame(index=check.raw.index)
    table["event_id"] = _check_ids(check)
    table["date"], table["date_precision"] = _check_dates(check)
    table["event_type"] = _check_vocabulary(check, "event_type", EVENT_TYPES, required=True)
    table["controller_after"] = _check_controllers(check, table["event_type"], table["date"])
    table["confidence"] = _check_vocabulary(check, "confidence", CONFIDENCE_LEVELS).replace(
        "", "medium"
    )
    _check_locations(check, table)
    _check_sources(check, table)
    for name in ("actor", "description"):
        table[name] = check.column(name)
    extras = [c for c in check.raw.columns if c not in COLUMNS and c not in table]
    for name in extras:
        table[name] = check.raw[name]
    problems = sorted(check.problems, key=lambda p: (p.row or 0, p.severity != "error"))
    if any(p.severity == "error" for p in problems):
        return ValidationResult(problems, None)
    table = table.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    return ValidationResult(problems, table)


def _check_columns(check: _Checker) -> bool:
    present = set(check.raw.columns)
    ok = True
    for name in REQUIRED_COLUMNS:
        if name not in present:
            close = difflib.get_close_matches(name, list(present), n=1, cutoff=0.7)
            if close:
                check.add(None, name, "column_missing_close", name=name, close=close[0])
            elif len(present) == 1:
                check.add(None, name, "column_missing_delimiter", name=name)
            else:
                check.add(None, name, "column_missing", name=name)
            ok = False
    has_location = present & {"place", "lat", "lon", "geometry"}
    if not has_location:
        check.add(None, "place", "no_location_column")
        ok = False
    return ok


def _check_ids(check: _Checker) -> pd.Series:
    ids = check.column("event_id")
    for index in ids.index[ids == ""]:
        check.add(index, "event_id", "empty_value", name="event_id")
    repeated = ids.duplicated(keep="first") & (ids != "")
    if repeated.any():
        seen = {value: index for index, value in ids[~ids.duplicated(keep="first")].items()}
        for index, value in ids[repeated].items():
            first = seen[value] + check.offset
            check.add(index, "event_id", "duplicate_id", value=value, first=first)
    return ids


def parse_dates(texts: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """`parse_date` for a whole column at once: (timestamps, implied precision, error).

    Each distinct text is parsed once, column-wise; only those that fail are parsed
    one by one, for their message (a Said). Empty text gives NaT, "" and "".
    """
    codes, distinct = pd.factorize(texts, use_na_sentinel=False)
    stamps, implied, errors = _parse_distinct(pd.Series(distinct, dtype=object))
    return tuple(
        pd.Series(column.to_numpy()[codes], index=texts.index, dtype=column.dtype)
        for column in (stamps, implied, errors)
    )


def _parse_distinct(texts: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    parts = texts.str.extract(_DATE)
    year = pd.to_numeric(parts[0], errors="coerce")
    month, day = parts[1].fillna("1"), parts[2].fillna("1")
    iso = parts[0].fillna("") + "-" + month.str.zfill(2) + "-" + day.str.zfill(2)
    first, last = YEAR_RANGE
    usable = year.between(first, last)
    stamps = pd.to_datetime(iso.where(usable), format="%Y-%m-%d", errors="coerce")
    implied = pd.Series(
        np.where(parts[2].notna(), "day", np.where(parts[1].notna(), "month", "year")),
        index=texts.index,
    ).where(stamps.notna(), "")
    errors = pd.Series("", index=texts.index, dtype=object)
    for index in texts.index[stamps.isna() & (texts != "")]:
        found = _parse_one(texts[index])[2]
        errors[index] = found or Said("date_not_real", (("text", texts[index]),))
    return stamps, implied, errors


def _check_dates(check: _Checker) -> tuple[pd.Series, pd.Series]:
    texts = check.column("date")
    given = check.column("date_precision")
    dates, implied, errors = parse_dates(texts)
    for index in texts.index[texts == ""]:
        check.add(index, "date", "empty_value", name="date")
    for index in errors.index[errors != ""]:
        check.said(index, "date", errors[index])
    ok = dates.notna()
    precision = given.where(given != "", implied)
    unknown = ok & (given != "") & ~given.isin(DATE_PRECISIONS)
    for index in given.index[unknown]:
        _unknown(check, index, "date_precision", given[index], DATE_PRECISIONS)
    rank = {name: i for i, name in enumerate(DATE_PRECISIONS)}
    finer = ok & given.isin(DATE_PRECISIONS) & (given.map(rank) < implied.map(rank))
    for index in given.index[finer]:
        check.add(index, "date_precision", "precision_finer", given=given[index], text=texts[index])
    for index in dates.index[dates > pd.Timestamp.now() + pd.Timedelta(days=1)]:
        check.add(index, "date", "in_future", "warning", text=texts[index])
    return dates.astype("datetime64[ns]"), precision


def _unknown(check: _Checker, index: int, name: str, value: str, allowed: tuple[str, ...]) -> None:
    close = tuple(difflib.get_close_matches(value.lower(), allowed, n=1, cutoff=0.5))
    words = {"value": value, "allowed": ", ".join(allowed), "suggestions": close, "quote": True}
    check.add(index, name, "unknown_value", **words)


def _check_vocabulary(
    check: _Checker, name: str, allowed: tuple[str, ...], required: bool = False
) -> pd.Series:
    values = check.column(name)
    wrong = (values == "") if required else pd.Series(False, index=values.index)
    wrong |= (values != "") & ~values.isin(allowed)
    for index, value in values[wrong].items():
        if value:
            _unknown(check, index, name, value, allowed)
        else:
            check.add(index, name, "empty_value", name=name)
    return values


def _check_controllers(check: _Checker, event_types: pd.Series, dates: pd.Series) -> pd.Series:
    values = _check_vocabulary(check, "controller_after", FACTION_CODES)
    missing = (event_types == "control_change") & (values == "")
    for index in values.index[missing]:
        check.add(index, "controller_after", "controller_needed")
    for code in values[values.isin(FACTION_CODES)].unique():
        group = faction(code)
        if not (group.valid_from or group.valid_to):
            continue
        early = dates < pd.Timestamp(group.valid_from) if group.valid_from else False
        late = dates > pd.Timestamp(group.valid_to) if group.valid_to else False
        for index in values.index[(values == code) & (early | late)]:
            date = f"{dates[index]:%Y-%m-%d}"
            check.add(index, "controller_after", "faction_period", code=code, date=date)
    return values


def _check_locations(check: _Checker, table: pd.DataFrame) -> None:
    places = check.column("place")
    lat_text, lon_text = check.column("lat"), check.column("lon")
    lat = pd.to_numeric(lat_text.replace("", np.nan), errors="coerce")
    lon = pd.to_numeric(lon_text.replace("", np.nan), errors="coerce")
    geometry = (
        check.raw["geometry"] if "geometry" in check.raw else pd.Series(None, index=lat.index)
    )
    geometry = _check_geometries(check, geometry)
    for name, text, value in (("lat", lat_text, lat), ("lon", lon_text, lon)):
        for index in text.index[(text != "") & value.isna()]:
            check.add(index, name, "not_a_number", text=text[index])
        for index in text.index[np.isinf(value)]:
            check.add(index, name, "not_finite", text=text[index])
    given = lat.notna() | lon.notna()
    names = places[places != ""]
    resolved = {name: check.gazetteer.lookup(name) for name in names.unique()}
    place_ids = names.map(resolved)
    for index in place_ids.index[place_ids.isna()]:
        close = tuple(check.gazetteer.suggest(places[index]))
        arabic = tuple(check.gazetteer.name(name, "ar") for name in close)
        words = {"place": places[index], "suggestions": close, "suggestions_ar": arabic}
        words["quote"] = True
        check.add(index, "place", "unknown_place", **words)
    place_ids = place_ids.dropna()
    gazetteer = check.gazetteer.places
    display = place_ids.map(gazetteer["name"])
    table["place_id"] = place_ids.reindex(table.index).astype(object).fillna("")
    table["place"] = display.reindex(table.index).astype(object).fillna("")
    fill = place_ids.index[~given[place_ids.index]]
    lat[fill] = gazetteer["lat"].reindex(place_ids[fill]).to_numpy(float)
    lon[fill] = gazetteer["lon"].reindex(place_ids[fill]).to_numpy(float)
    asked = given | (places == "")  # coordinates the table gives, not the gazetteer's
    _check_points(check, lat[asked], lon[asked], geometry[asked], places[asked])
    table["lat"] = lat
    table["lon"] = lon
    table["geometry"] = [
        g if _is_geometry(g) and g.geom_type != "Point" else None for g in geometry
    ]
    for index, shape in enumerate(geometry):
        if _is_geometry(shape) and shape.geom_type == "Point" and pd.isna(table.at[index, "lat"]):
            table.at[index, "lon"], table.at[index, "lat"] = shape.x, shape.y


def _check_geometries(check: _Checker, geometry: pd.Series) -> pd.Series:
    """Unreadable WKT text and non-finite coordinates are errors; such rows get no geometry."""
    import shapely

    clean = geometry.copy()
    for index, value in geometry.items():
        if isinstance(value, str):
            check.add(index, "geometry", "wkt_unreadable", text=value[:40])
            clean[index] = None
        elif _is_geometry(value) and not np.isfinite(shapely.get_coordinates(value)).all():
            check.add(index, "geometry", "geometry_not_finite")
            clean[index] = None
    return clean


def _is_geometry(value: object) -> bool:
    return value is not None and hasattr(value, "geom_type") and not value.is_empty


def _check_points(
    check: _Checker, lat: pd.Series, lon: pd.Series, geometry: pd.Series, places: pd.Series
) -> None:
    """Coordinates: both or neither, on Earth, not swapped, and on the map (column-wise)."""
    has_lat, has_lon = lat.notna(), lon.notna()
    for index in lat.index[has_lat != has_lon]:
        check.add(index, "lat" if has_lon[index] else "lon", "lat_lon_both")
    neither = ~has_lat & ~has_lon & (places == "")
    for index in lat.index[neither & ~geometry.map(_is_geometry).astype(bool)]:
        check.add(index, "place", "no_location")
    both = has_lat & has_lon
    on_earth = lat.between(-90, 90) & lon.between(-180, 180)
    for index in lat.index[both & ~on_earth]:
        check.add(index, "lat", "not_on_earth", lat=float(lat[index]), lon=float(lon[index]))
    lon_min, lat_min, lon_max, lat_max = MAP_BOUNDS
    inside = lon.between(lon_min, lon_max) & lat.between(lat_min, lat_max)
    swapped = lat.between(lon_min, lon_max) & lon.between(lat_min, lat_max)
    outside = both & on_earth & ~inside
    for index in lat.index[outside & swapped]:
        check.add(index, "lat", "lat_lon_swapped", lat=float(lat[index]), lon=float(lon[index]))
    for index in lat.index[outside & ~swapped & (places == "")]:
        check.add(
            index, "lat", "outside_map", "warning", lat=float(lat[index]), lon=float(lon[index])
        )


def _check_sources(check: _Checker, table: pd.DataFrame) -> None:
    for name in ("source_title", "source_publisher", "source_url"):
        table[name] = check.column(name)
    table["source_date"] = check.column("source_date")
    has_source = (table["source_title"] != "") | (table["source_url"] != "")
    for index in table.index[~has_source]:
        check.add(index, "source_title", "no_source")
    for index in table.index[has_source & (table["source_publisher"] == "")]:
        check.add(index, "source_publisher", "no_publisher", "warning")
    texts = table["source_date"]
    for index in texts.index[(texts == "") & has_source]:
        check.add(index, "source_date", "no_source_date", "warning")
    stamps, _, errors = parse_dates(texts.str[:10])
    for index in errors.index[errors != ""]:
        check.said(index, "source_date", errors[index])
    for index in stamps.index[stamps > pd.Timestamp.now() + pd.Timedelta(days=1)]:
        check.add(index, "source_date", "in_future", "warning", text=texts[index])
    kinds = _check_vocabulary(check, "source_date_kind", SOURCE_DATE_KINDS)
    table["source_date_kind"] = kinds.replace("", SOURCE_DATE_KINDS[0])
    _check_source_before_event(check, table)
    for index, url in table["source_url"].items():
        if url and not _URL.match(url):
            check.add(index, "source_url", "not_a_url", "warning", url=url)


def _check_source_before_event(check: _Checker, table: pd.DataFrame) -> None:
    """A source cannot report an event before it happened, unless it announced or agreed it."""
    published = pd.to_datetime(table["source_date"].str[:10], errors="coerce", format="%Y-%m-%d")
    early = (published < table["date"]) & ~table["event_type"].isin(ANNOUNCED_TYPES)
    for index in table.index[early]:
        source_date, date = table.at[index, "source_date"], f"{table.at[index, 'date']:%Y-%m-%d}"
        check.add(index, "source_date", "source_before_event", source_date=source_date, date=date)
