"""ACLED exports (the current 31-column layout and the older one) to our event table.

Event types: the three territory sub-event types become `control_change` rows held afterwards
by actor1's faction on the event's date (geodata/actor_factions.csv, see actors.py). A territory
row whose actor1 has no faction that day (an unknown name, an unidentified group, Assad's army
after 8 December 2024) is still imported, never lost: as `other`, with no controller, its actor
kept and its description saying the territory change could not be mapped to a faction; the
import report counts and lists these rows ("territory rows with unmapped actors: N").

"Air/drone strike" and "Shelling/artillery/missile attack" both become `airstrike`: in our
vocabulary that is any strike from a distance, which says the target was held by someone other
than the striker but not who. "Armed clash" is a `battle` (fighting on the ground at the
place), "Agreement" an `agreement`, "Headquarters or base established" a `presence`;
everything else (protests, riots, violence against civilians, bombs, arrests ...) is `other`.

Precision: time_precision 1 (the day is known) is "day"; 2 (within a week) and 3 (the month)
are "month", the finest of our precisions that does not overstate them. geo_precision 1 (the
town itself) lets an event be linked to the nearest gazetteer locality; 2 and 3 do not.
Confidence: "high" for time_precision 1 with geo_precision 1, "low" if either is 3, else
"medium".
"""

from __future__ import annotations

import pandas as pd

from dashboard.io.importers.actors import ActorMap
from dashboard.io.importers.checks import coordinate_reasons, id_reasons, join_reasons, text, when
from dashboard.io.importers.dates import ACLED_DATE_FORMATS, parse_dates
from dashboard.io.importers.places import PlaceLinker, link_places
from dashboard.io.importers.result import Converted

__all__ = ["ACLED_COLUMNS", "ACLED_OLD_COLUMNS", "ACLED_REQUIRED", "SUB_EVENT_TYPES", "from_acled"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
ACLED_OLD_COLUMNS = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
    "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "timestamp", "iso3",
)  # fmt: skip
ACLED_REQUIRED = (
    "event_id_cnty",
    "event_date",
    "sub_event_type",
    "actor1",
    "latitude",
    "longitude",
)

SUB_EVENT_TYPES = {
    "government regains territory": "control_change",
    "non-state actor overtakes territory": "control_change",
    "non-violent transfer of territory": "control_change",
    "armed clash": "battle",
    "air/drone strike": "airstrike",
    "shelling/artillery/missile attack": "airstrike",
    "agreement": "agreement",
    "headquarters or base established": "presence",
}
_UNMAPPED_TERRITORY = (
    "Territory change not mapped to a faction: ACLED {sub!r}, but actor1 {actor!r} {why}; "
    "imported as 'other' with no controller."
)
_TIME_PRECISION = {"1": "day", "2": "month", "3": "month"}


def from_acled(raw: pd.DataFrame, actors: ActorMap, places: PlaceLinker | None) -> Converted:
    """Map an ACLED table (lower-case column names) row by row to our schema."""
    col = lambda name: text(raw, name)  # noqa: E731
    ids, source = col("event_id_cnty"), col("source")
    dates_in = col("event_date")
    dates = parse_dates(dates_in, ACLED_DATE_FORMATS)
    sub_event_type = col("sub_event_type")
    event_type = sub_event_type.str.lower().map(SUB_EVENT_TYPES).fillna("other")
    actor1, actor2 = col("actor1"), col("actor2")
    faction_1, faction_2 = actors.factions(actor1, dates), actors.factions(actor2, dates)
    territory = event_type == "control_change"
    unmapped_territory = territory & (faction_1 == "") & (dates != "")
    event_type = event_type.mask(unmapped_territory, "other")
    is_change = territory & ~unmapped_territory
    territory_notes = pd.Series("", index=raw.index, dtype=object)
    territory_notes[unmapped_territory] = [
        _UNMAPPED_TERRITORY.format(sub=sub, actor=actor, why=_why_unmapped(actors, actor, day))
        for sub, actor, day in zip(
            sub_event_type[unmapped_territory],
            actor1[unmapped_territory],
            dates[unmapped_territory],
            strict=True,
        )
    ]
    notes = col("notes")
    time_precision, geo_precision = col("time_precision"), col("geo_precision")
    table = pd.DataFrame(
        {
            "event_id": "acled-" + ids,
            "date": dates,
            "date_precision": time_precision.map(_TIME_PRECISION).fillna("day"),
            "place": link_places(places, col("latitude"), col("longitude"), geo_precision == "1"),
            "lat": col("latitude"),
            "lon": col("longitude"),
            "event_type": event_type,
            "actor": actor1.where(actor2 == "", actor1 + " vs " + actor2),
            "controller_after": faction_1.where(is_change, ""),
            "description": notes.mask(
                unmapped_territory, (territory_notes + " " + notes).str.strip()
            ),
            "source_title": "ACLED event "
            + ids
            + source.map(lambda s: f" (source: {s})" if s else ""),
            "source_publisher": source.where(source != "", "ACLED"),
            "source_date": dates,
            "source_url": "",
            "confidence": _confidence(time_precision, geo_precision),
            "source_place": col("location"),
            "location_precision": geo_precision,
            "source_date_precision": time_precision,
            "fatalities": col("fatalities"),
            "faction_1": faction_1,
            "faction_2": faction_2,
            "origin": "acled",
        },
        index=raw.index,
    )
    reasons = join_reasons(
        id_reasons(ids, "event_id_cnty"),
        when(dates == "", "cannot read event_date {} (write 2020-05-09 or 09 May 2020)", dates_in),
        coordinate_reasons(col("latitude"), col("longitude"), "latitude", "longitude"),
    )
    unmapped = actors.unmapped(pd.concat([actor1, actor2]))
    return Converted(table, reasons, dict(unmapped), unmapped_territory=territory_notes)


def _why_unmapped(actors: ActorMap, actor: str, day: str) -> str:
    if not actor:
        return "is empty"
    if not actors.rules_for(actor):
        return "is not in geodata/actor_factions.csv"
    return f"has no faction on {day} in geodata/actor_factions.csv"


def _confidence(time_precision: pd.Series, geo_precision: pd.Series) -> pd.Series:
    high = (time_precision == "1") & (geo_precision == "1")
    low = (time_precision == "3") | (geo_precision == "3")
    return pd.Series("medium", index=high.index, dtype=object).mask(high, "high").mask(low, "low")
