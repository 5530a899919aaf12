"""Write the README's tables from the code's registries: settings, schema columns, factions.

    python docs/readme_tables.py          # rewrite README.md in place
    python docs/readme_tables.py --check  # exit 1 if README.md differs (the tests run this)

Each table sits between `<!-- table:NAME -->` and `<!-- /table:NAME -->` markers.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.core.factions import FACTIONS  # noqa: E402
from dashboard.core.schema import COLUMNS, REQUIRED_COLUMNS  # noqa: E402
from dashboard.io.messages import period_text  # noqa: E402
from dashboard.settings import ENV_PREFIX, SETTINGS  # noqa: E402

README = ROOT / "README.md"


def _default(value: object) -> str:
    return '`""`' if value == "" else f"`{value}`"


def settings_table() -> str:
    rows = [
        f"| `{s.name}` | `{ENV_PREFIX}{s.name.upper()}` | {_default(s.default)} | {s.help} |"
        for s in SETTINGS
    ]
    return "\n".join(["| setting | variable | default | meaning |", "|---|---|---|---|", *rows])


def columns_table() -> str:
    rows = [
        f"| `{name}` | {'yes' if name in REQUIRED_COLUMNS else ''} | {text} |"
        for name, text in COLUMNS.items()
    ]
    return "\n".join(["| column | required | meaning |", "|---|---|---|", *rows])


def factions_table() -> str:
    rows = [
        f"| `{f.code}` | {f.name} | {period_text(f) or 'always'} | {f.covers} |" for f in FACTIONS
    ]
    return "\n".join(["| code | name | exists | covers |", "|---|---|---|---|", *rows])


TABLES = {"settings": settings_table, "columns": columns_table, "factions": factions_table}


def rendered(text: str) -> str:
    """The README text with every marked table regenerated."""
    for name, build in TABLES.items():
        pattern = re.compile(rf"(<!-- table:{name} -->\n).*?(\n<!-- /table:{name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"README.md has no <!-- table:{name} --> markers")
        text = pattern.sub(lambda m, b=build: m.group(1) + b() + m.group(2), text)
    return text


def main() -> int:
    current = README.read_text(encoding="utf-8")
    fresh = rendered(current)
    if "--check" in sys.argv[1:]:
        if fresh != current:
            print("README.md tables are out of date: run python docs/readme_tables.py")
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
