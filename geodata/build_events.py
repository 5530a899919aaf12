"""Build geodata/events.csv from the hand-curated files geodata/sources/events_*.csv.

Concatenates them, sorts by date and event id, and validates the result against the schema and
the gazetteer: the bundled table must have no errors and no warnings. `--check` rebuilds in
memory and exits 1 if the committed events.csv differs.

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
from dashboard.io.validate import validate_table  # noqa: E402

SOURCES = HERE / "sources"
OUTPUT = HERE / "events.csv"
EVENT_COLUMNS = [c for c in COLUMNS if c != "geometry"]


def curated_frames() -> list[pd.DataFrame]:
    """Every curated file, checked for exactly our columns."""
    frames = []
    for path in sorted(SOURCES.glob("events_*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        if list(frame.columns) != EVENT_COLUMNS:
            sys.exit(f"{path}: columns must be exactly: {','.join(EVENT_COLUMNS)}")
        frames.append(frame)
    if not frames:
        sys.exit(f"no curated files in {SOURCES}")
    return frames


def build() -> str:
    """The events.csv text built from the curated files."""
    events = pd.concat(curated_frames(), ignore_index=True)
    events = events.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    buffer = io.StringIO()
    events.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def validate(text: str) -> int:
    """Print every problem of the built table; the number of problems."""
    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
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
