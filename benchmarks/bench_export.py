"""Benchmark the static map export (issue 5).

    python benchmarks/bench_export.py [--quick]

Measures: one 1600x1000 PNG cold (`syria-map export` in a new process: imports, data,
Chromium start and the first render) and warm (server running, data loaded); and a monthly
series 2016-2019 (48 frames) to GIF, sampling this process's resident memory after each frame
to show that it stays flat (frames stream to the file; none is kept).

And the same 48 months at the article preset (700x500 at 2x, issue 12), whose GIF size is the
one an editor gets.

Targets: cold <= 4 s, warm <= 0.5 s, 48-frame GIF <= 45 s with flat memory; 48-frame article
GIF <= 3 MB.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from dashboard import export
from dashboard.core.view import MapView
from dashboard.io.dataset import load_dataset
from dashboard.settings import Settings

DATE = "2017-06-01"


def rss_mb() -> float:
    """This process's current resident set size, MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cold(folder: Path, runs: int) -> list[float]:
    """Wall time of `python -m dashboard export --date D --out F.png`, each in a new process."""
    times = []
    for i in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "dashboard", "export", "--date", DATE, "--out",
             str(folder / f"cold{i}.png")],
            check=True, capture_output=True,
        )  # fmt: skip
        times.append(time.perf_counter() - start)
    return times


def warm(dataset, folder: Path, runs: int) -> list[float]:
    """Wall time of export_map with the render server warm and the data loaded."""
    view = MapView(date=pd.Timestamp(DATE))
    export.export_map(dataset, view, folder / "warmup.png")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        export.export_map(dataset, view, folder / "warm.png")
        times.append(time.perf_counter() - start)
    return times


def series(
    dataset, folder: Path, end: str, preset: str | None = None, name: str = "series.gif"
) -> tuple[float, int, list[float]]:
    """A monthly GIF from 2016-01-01 to `end` (at a preset's size): seconds, frames and RSS
    after each frame."""
    width, height, scale = export.page_size(preset)
    dates = export.frame_dates(dataset, pd.Timestamp("2016-01-01"), pd.Timestamp(end), "month")
    samples: list[float] = []
    start = time.perf_counter()
    export.export_series(
        dataset,
        MapView(date=dates[0]),
        dates,
        folder / name,
        fps=4,
        width=width,
        height=height,
        scale=scale,
        on_frame=lambda _: samples.append(rss_mb()),
    )
    return time.perf_counter() - start, len(dates), samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, a 12-frame series")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cold_times = cold(folder, 1 if args.quick else 3)
        print(f"cold PNG 1600x1000 (new process): {', '.join(f'{t:.2f}' for t in cold_times)} s"
              f"  best {min(cold_times):.2f} s  (target <= 4 s)")  # fmt: skip
        export.start_renderer()
        dataset = load_dataset(Settings())
        warm_times = warm(dataset, folder, 3 if args.quick else 10)
        print(f"warm PNG 1600x1000: median {statistics.median(warm_times):.3f} s, "
              f"best {min(warm_times):.3f} s  (target <= 0.5 s)")  # fmt: skip
        seconds, frames, samples = series(dataset, folder, "2016-12-01" if args.quick else
                                          "2019-12-01")  # fmt: skip
        size = (folder / "series.gif").stat().st_size / 1e6
        print(
            f"monthly series to GIF: {frames} frames in {seconds:.1f} s "
            f"({seconds / frames:.2f} s a frame), {size:.1f} MB  (target 48 frames <= 45 s)"
        )
        quarter = max(1, len(samples) // 4)
        print("RSS after frames " + ", ".join(
            f"{i + 1}: {samples[i]:.0f} MB" for i in range(0, len(samples), quarter)
        ) + f", {len(samples)}: {samples[-1]:.0f} MB")  # fmt: skip
        growth = samples[-1] - samples[min(4, len(samples) - 1)]
        print(f"RSS growth from frame 5 to the last: {growth:+.0f} MB "
              f"(peak {max(samples):.0f} MB)")  # fmt: skip
        end = "2016-12-01" if args.quick else "2019-12-01"
        seconds, frames, _ = series(dataset, folder, end, "article", "article.gif")
        size = (folder / "article.gif").stat().st_size / 1e6
        limit = 3 * frames / 48
        print(
            f"monthly series to GIF at --preset article (1400x1000 px): {frames} frames in "
            f"{seconds:.1f} s, {size:.2f} MB  (target {frames} frames <= {limit:.2f} MB)"
        )


if __name__ == "__main__":
    main()
