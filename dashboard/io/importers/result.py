"""What an import gives back: the table in our schema, the rejected rows and a report."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.core.schema import COLUMNS

__all__ = ["EXTRA_COLUMNS", "UNMAPPED_TERRITORY_COLUMNS", "Converted", "ImportResult", "finish"]

# Columns the importers add after ours; validation keeps unknown columns as they are.
EXTRA_COLUMNS = (
    "source_row",  # the row's line number in the imported file (feature number for geo files)
    "source_place",  # the source's own place name (ACLED location, UCDP where_coordinates)
    "location_precision",  # ACLED geo_precision 1-3, UCDP where_prec 1-7, as given
    "source_date_precision",  # ACLED time_precision 1-3, UCDP date_prec 1-5, as given
    "fatalities",  # ACLED fatalities, UCDP best estimate
    "faction_1",  # faction of ACLED actor1 / UCDP side_a at the date ("" if unmapped)
    "faction_2",  # faction of ACLED actor2 / UCDP side_b at the date
    "origin",  # acled, ucdp or custom
)

UNMAPPED_TERRITORY_COLUMNS = ("row", "event_id", "date", "actor", "reason")


@dataclass(frozen=True)
class Converted:
    """A source table mapped row by row: `reasons` is "" for a good row, else why it is out.

    `unmapped_territory`, when given, is "" per row or why a territory row (imported without a
    controller) could not be mapped to a faction.
    """

    table: pd.DataFrame
    reasons: pd.Series
    unmapped_actors: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    unmapped_territory: pd.Series | None = None


@dataclass(frozen=True)
class ImportResult:
    """The imported table, the rejects (row, reason, original values) and the counts.

    `unmapped_territory` lists the imported territory rows whose actor has no faction on the
    row's date (row, event_id, date, actor, reason): they are in `table` as `other` events with
    no controller, and the report counts and lists them.
    """

    table: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int
    fmt: str
    source: str
    unmapped_actors: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    unmapped_territory: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(UNMAPPED_TERRITORY_COLUMNS))
    )

    @property
    def imported(self) -> int:
        return len(self.table)

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    def report(self, limit: int = 20) -> str:
        """A few lines for a person: counts, the first rejects and the unmapped actors."""
        lines = [
            f"{self.source} ({self.fmt}): {self.rows_read} rows read, "
            f"{self.imported} imported, {self.rejected} rejected"
        ]
        for row, reason in self.rejects[["row", "reason"]].head(limit).itertuples(index=False):
            lines.append(f"  rejected row {row}: {reason}")
        if self.rejected > limit:
            lines.append(f"  ... and {self.rejected - limit} more rejected rows")
        lines.extend(self._territory_lines(limit))
        if self.unmapped_actors:
            total = sum(self.unmapped_actors.values())
            lines.append(
                f"unmapped actors ({len(self.unmapped_actors)} names, {total} mentions; "
                "add them to geodata/actor_factions.csv):"
            )
            for name, count in list(self.unmapped_actors.items())[:limit]:
                lines.append(f"  {count:6d}  {name}")
            if len(self.unmapped_actors) > limit:
                lines.append(f"  ... and {len(self.unmapped_actors) - limit} more")
        lines.extend(f"note: {note}" for note in self.notes)
        return "\n".join(lines)

    def _territory_lines(self, limit: int) -> list[str]:
        flagged = self.unmapped_territory
        if flagged.empty:
            return []
        lines = [
            f"territory rows with unmapped actors: {len(flagged)} (imported as 'other' with no "
            "controller; add their actors to geodata/actor_factions.csv):"
        ]
        for row, event_id, reason in (
            flagged[["row", "event_id", "reason"]].head(limit).itertuples(index=False)
        ):
            lines.append(f"  row {row} ({event_id}): {reason}")
        if len(flagged) > limit:
            lines.append(f"  ... and {len(flagged) - limit} more territory rows")
        return lines


def finish(raw: pd.DataFrame, converted: Converted, fmt: str, source: str) -> ImportResult:
    """Split a converted table into imported rows and rejects, keeping the original values."""
    reasons = converted.reasons
    good = reasons == ""
    offset = int(raw.attrs.get("row_offset", 2))
    table = converted.table.assign(source_row=(raw.index + offset).astype(str))
    table = table[good].reset_index(drop=True)
    text_columns = [c for c in table if c != "geometry"]
    table[text_columns] = table[text_columns].astype(str)
    for name in COLUMNS:  # every column of our schema, so writers and readers agree
        if name not in table and name != "geometry":
            table[name] = ""
    known = [*COLUMNS, *EXTRA_COLUMNS]
    ordered = [c for c in known if c in table] + [c for c in table if c not in known]
    original = raw[~good].copy()
    if "geometry" in original:
        original["geometry"] = [
            getattr(g, "wkt", "") if g is not None else "" for g in original["geometry"]
        ]
    rejects = pd.concat(
        [
            pd.DataFrame(
                {"row": original.index.to_numpy() + offset, "reason": reasons[~good].to_numpy()},
                index=original.index,
            ),
            original.rename(columns=lambda c: c if c not in ("row", "reason") else f"original_{c}"),
        ],
        axis=1,
    ).reset_index(drop=True)
    counts = sorted(converted.unmapped_actors.items(), key=lambda kv: (-kv[1], kv[0]))
    flags = converted.unmapped_territory
    flagged = good & (flags != "") if flags is not None else good & False
    rows = converted.table.loc[flagged]
    column = lambda name: rows[name].astype(str).to_numpy() if name in rows else [""] * len(rows)  # noqa: E731
    unmapped_territory = pd.DataFrame(
        {
            "row": (raw.index[flagged] + offset).to_numpy(),
            "event_id": column("event_id"),
            "date": column("date"),
            "actor": column("actor"),
            "reason": flags[flagged].to_numpy() if flags is not None else [],
        },
        columns=list(UNMAPPED_TERRITORY_COLUMNS),
    )
    return ImportResult(
        table=table[ordered],
        rejects=rejects,
        rows_read=len(raw),
        fmt=fmt,
        source=source,
        unmapped_actors=dict(counts),
        notes=converted.notes,
        unmapped_territory=unmapped_territory,
    )
