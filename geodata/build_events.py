"""Build geodata/events.csv from the hand-curated files in geodata/sources/.

`events_*.csv` hold events at places or points; `areas_*.csv` hold areas that changed hands as
a whole, each drawn from a simple documented `shape` (a circle, a hull of named places, a
polygon) that `build_areas.py` turns into a polygon written as WKT in the `geometry` column.
The rows are sorted by date and event id and validated against the schema and the gazetteer:
the bundled table must have no errors and no warnings. `--check` rebuilds in memory and exits 1
if the committed events.csv differs.

    python geodata/build_events.py [--check]
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from dashboard.core.schema import COLUMNS  # noqa: E402
from dashboard.io.geography import load_gazetteer  # noqa: E402
from dashboard.io.readers import from_wkt  # noqa: E402
from dashboard.io.validate import validate_table  # noqa: E402

SOURCES = HERE / "sources"
OUTPUT = HERE / "events.csv"
# The curated files' columns: the schema's, with source_date_kind last and no geometry.
EVENT_COLUMNS = [c for c in COLUMNS if c not in ("geometry", "source_date_kind")]
EVENT_COLUMNS.append("source_date_kind")
AREA_COLUMNS = [*EVENT_COLUMNS, "shape"]


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(frame.columns) != columns:
        sys.exit(f"{path}: columns must be exactly: {','.join(columns)}")
    return frame


def curated_frames() -> list[pd.DataFrame]:
    """Every curated file, checked for exactly our columns; areas with their WKT geometry."""
    frames = [_read(path, EVENT_COLUMNS) for path in sorted(SOURCES.glob("events_*.csv"))]
    if not frames:
        sys.exit(f"no curated files in {SOURCES}")
    for path in sorted(SOURCES.glob("areas_*.csv")):
        frames.append(area_frame(path, _read(path, AREA_COLUMNS)))
    return frames


def area_frame(path: Path, areas: pd.DataFrame) -> pd.DataFrame:
    """Area rows with their `shape` drawn as a WKT polygon in the `geometry` column."""
    import shapely
    from build_areas import OUTLINE, PLACES, AreaShapeError, area_geometries

    places = pd.read_csv(PLACES, dtype=str, keep_default_na=False)
    try:
        shapes = area_geometries(areas, places, OUTLINE, source=str(path))
    except AreaShapeError as exc:
        sys.exit(str(exc))
    frame = areas.drop(columns="shape")
    frame["geometry"] = [shapely.to_wkt(s, rounding_precision=4) for s in shapes]
    return frame


def build() -> str:
    """The events.csv text built from the curated files."""
    events = pd.concat(curated_frames(), ignore_index=True).fillna("")
    events = events.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    buffer = io.StringIO()
    events.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def validate(text: str) -> int:
    """Print every problem of the built table; the number of problems."""
    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    if "geometry" in raw:
        raw["geometry"] = from_wkt(raw["geometry"])
    result = validate_table(raw, load_gazetteer(), source="geodata/events.csv")
    for problem in result.problems:
        print(problem, file=sys.stderr)
    return len(result.problems)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    args = parser.parse_args()
    text = build()
    problems = validate(text)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} differs from what the curated files build", file=sys.stderr)
            return 1
        return 1 if problems else 0
    OUTPUT.write_text(text, encoding="utf-8")
    rows = text.count("\n") - 1
    print(f"wrote {OUTPUT} ({rows} rows, {problems} problems)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
