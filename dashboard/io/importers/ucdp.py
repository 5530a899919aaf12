"""UCDP GED tables (the 41-column 19.x layout and the current 49-column one) to our events.

UCDP codes fighting and deaths, not territory, so no row is a `control_change`: state-based
(type_of_violence 1) and non-state (2) events are `battle`s, one-sided violence against
civilians (3) is `other`.

Precision: date_prec 1 (the day) is "day"; 2-4 (a period of up to a month) "month"; 5 (more
than a month) "year". where_prec 1 (exact place) and 2 (within about 25 km of it) let an event
be linked to the nearest gazetteer locality; 3-7 (district, governorate, country ...) do not.
Confidence: event_clarity 2 (UCDP itself unsure of the event) is "low"; a clear event with
the day and the exact or nearby place known is "high"; other clear events are "medium".
"""

from __future__ import annotations

import pandas as pd

from dashboard.core.schema import YEAR_RANGE
from dashboard.io.importers.actors import ActorMap
from dashboard.io.importers.checks import coordinate_reasons, id_reasons, join_reasons, text, when
from dashboard.io.importers.dates import parse_dates
from dashboard.io.importers.places import PlaceLinker, link_places
from dashboard.io.importers.result import Converted

__all__ = ["UCDP_REQUIRED", "VIOLENCE_TYPES", "from_ucdp"]

UCDP_REQUIRED = ("id", "date_start", "side_a", "side_b", "latitude", "longitude")
VIOLENCE_TYPES = {"1": "battle", "2": "battle", "3": "other"}
_VIOLENCE_NAMES = {"1": "state-based", "2": "non-state", "3": "one-sided"}
_DATE_PRECISION = {"1": "day", "2": "month", "3": "month", "4": "month", "5": "year"}


def from_ucdp(raw: pd.DataFrame, actors: ActorMap, places: PlaceLinker | None) -> Converted:
    """Map a UCDP GED table (lower-case column names) row by row to our schema."""
    col = lambda name: text(raw, name)  # noqa: E731
    ids, headline, office = col("id"), col("source_headline"), col("source_office")
    dates = parse_dates(col("date_start"))
    side_a, side_b = col("side_a"), col("side_b")
    faction_1, faction_2 = actors.factions(side_a, dates), actors.factions(side_b, dates)
    where_prec, date_prec = col("where_prec"), col("date_prec")
    source_dates, description = _source_dates(col("source_date"), dates, _description(raw))
    table = pd.DataFrame(
        {
            "event_id": "ucdp-" + ids,
            "date": dates,
            "date_precision": date_prec.map(_DATE_PRECISION).fillna("day"),
            "place": link_places(
                places, col("latitude"), col("longitude"), where_prec.isin(["1", "2"])
            ),
            "lat": col("latitude"),
            "lon": col("longitude"),
            "event_type": col("type_of_violence").map(VIOLENCE_TYPES).fillna("battle"),
            "actor": side_a.where(side_b == "", side_a + " vs " + side_b),
            "controller_after": "",
            "description": description,
            "source_title": headline.where(headline != "", "UCDP GED event " + ids),
            "source_publisher": office.where(office != "", "UCDP"),
            "source_date": source_dates,
            "source_url": "",
            "confidence": _confidence(col("event_clarity"), date_prec, where_prec),
            "source_place": col("where_coordinates"),
            "location_precision": where_prec,
            "source_date_precision": date_prec,
            "fatalities": col("best"),
            "faction_1": faction_1,
            "faction_2": faction_2,
            "origin": "ucdp",
        },
        index=raw.index,
    )
    reasons = join_reasons(
        id_reasons(ids, "id"),
        when(dates == "", "cannot read date_start {} as a date in 1900-2100", col("date_start")),
        coordinate_reasons(col("latitude"), col("longitude"), "latitude", "longitude"),
    )
    unmapped = actors.unmapped(pd.concat([side_a, side_b]))
    return Converted(table, reasons, dict(unmapped))


def _description(raw: pd.DataFrame) -> pd.Series:
    """'Government of Syria - IS (state-based): 4 deaths (low 3, high 6).'"""
    dyad = text(raw, "dyad_name")
    kind = text(raw, "type_of_violence").map(_VIOLENCE_NAMES).fillna("")
    best, low, high = text(raw, "best"), text(raw, "low"), text(raw, "high")
    deaths = (best.where(best != "", "unknown") + " deaths").where(
        (low == "") | (high == ""), best + " deaths (low " + low + ", high " + high + ")"
    )
    return dyad + kind.map(lambda k: f" ({k})" if k else "") + ": " + deaths + "."


def _source_dates(
    raw_dates: pd.Series, dates: pd.Series, description: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """The first of UCDP's ';'-separated source dates, as ISO, and the descriptions.

    A source date UCDP gives before the event (or past 2100) cannot be its publication date:
    it is left out, and the description says what UCDP gave, so the event is kept.
    """
    first = parse_dates(raw_dates.str.slice(0, 10))
    wrong = (first != "") & (dates != "") & ((first < dates) | (first > f"{YEAR_RANGE[1]}-12-31"))
    note = " UCDP dates its source " + first + ", which cannot be right; that date is left out."
    first = first.where(first != "", dates).mask(wrong, "")
    return first, description.mask(wrong, description + note)


def _confidence(clarity: pd.Series, date_prec: pd.Series, where_prec: pd.Series) -> pd.Series:
    high = (clarity == "1") & (date_prec == "1") & where_prec.isin(["1", "2"])
    low = clarity == "2"
    return pd.Series("medium", index=high.index, dtype=object).mask(high, "high").mask(low, "low")
