"""Benchmark: import the full UCDP GED Syria file (16,566 rows) with `import_file`.

Usage: python benchmarks/bench_import.py [PATH] [--repeat N]

Prints the wall time of the first (cold: it also loads the gazetteer and the actor table) and
the best later import, and the peak resident set size (RSS) of this whole process, read from
getrusage(RUSAGE_SELF).ru_maxrss: interpreter and libraries included, so it is an upper
bound on what the import itself needs. Targets (issue 6): <= 3 s and <= 500 MB.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "ucdp_ged_syria_2016-2019.csv"
TARGET_SECONDS, TARGET_MB = 3.0, 500.0


def peak_rss_mb() -> float:
    """Peak RSS of this process so far, in MB (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3, help="warm imports after the cold one")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from dashboard.io.importers import import_file

    baseline = peak_rss_mb()
    start = time.perf_counter()
    result = import_file(args.path)
    cold = time.perf_counter() - start
    warm = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        import_file(args.path)
        warm.append(time.perf_counter() - start)
    peak = peak_rss_mb()
    print(f"file: {args.path}")
    print(f"rows read {result.rows_read}, imported {result.imported}, rejected {result.rejected}")
    print(f"wall time: cold {cold:.2f} s, best warm {min(warm, default=cold):.2f} s")
    print(f"peak RSS (whole process): {peak:.0f} MB (after library imports: {baseline:.0f} MB)")
    ok = cold <= TARGET_SECONDS and peak <= TARGET_MB
    verdict = "met" if ok else "MISSED"
    print(f"targets <= {TARGET_SECONDS:.0f} s and <= {TARGET_MB:.0f} MB: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
