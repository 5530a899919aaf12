"""Benchmark the static map export (issue 5).

    python benchmarks/bench_export.py [--quick] [--memory] [--long]

Measures: one 1600x1000 PNG cold (`syria-map export` in a new process: imports, data,
Chromium start and the first render) and warm (server running, data loaded); and a monthly
series 2016-2019 (48 frames) to GIF, sampling this process's resident memory after each frame
to show that it stays flat (frames stream to the file; none is kept).

And the same 48 months at the article preset (700x500 at 2x, issue 12), whose GIF size is the
one an editor gets.

And the renderer's memory over a series (issue 14): the summed RSS of the Chromium tree under
this process, at the article preset over 48 months (and, with --long, 209 weeks of 2016-2019),
once never recycling the renderer and once recycling it every `renderer.RECYCLE_EVERY` frames;
then whether any of the browser's processes outlived it. --memory runs only this part.

Targets: cold <= 4 s, warm <= 0.5 s, 48-frame GIF <= 45 s with flat memory; 48-frame article
GIF <= 3 MB; recycled, the browser tree's peak stays within 0.6 GB of its start.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import export
from dashboard.core.view import MapView
from dashboard.export import renderer
from dashboard.io.dataset import load_dataset
from dashboard.settings import Settings

DATE = "2017-06-01"


def rss_mb() -> float:
    """This process's current resident set size, MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def descendants(pid: int) -> list[int]:
    """Every live descendant of `pid`, by walking /proc/PID/task/*/children recursively."""
    found, todo = [], [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            try:
                kids = [int(kid) for kid in (task / "children").read_text().split()]
            except OSError:  # the process or thread ended meanwhile
                continue
            found += kids
            todo += kids
    return found


def status(pid: int) -> dict[str, str]:
    """/proc/PID/status as a dict ({} once the process has gone)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in lines if ":\t" in line)


def cmdline(pid: int) -> bytes:
    """/proc/PID/cmdline (b"" once the process has gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def browser_tree() -> tuple[float, list[int]]:
    """(summed RSS in MB of this process's descendants, the PIDs of their Chromium browser
    processes): kaleido's wrapper, Chromium and its zygotes, renderers, GPU and utilities."""
    kb, browsers = 0, []
    for pid in descendants(os.getpid()):
        fields = status(pid)
        kb += int(fields.get("VmRSS", "0 kB").split()[0])
        if fields.get("Name") == "chromium" and b"--type=" not in cmdline(pid):
            browsers.append(pid)
    return kb / 1024, browsers


def alive(pids: set[int]) -> set[int]:
    """Those of `pids` still running (a zombie, or a reused PID that is not Chromium, is not)."""
    return {
        pid
        for pid in pids
        if (fields := status(pid)) and not fields["State"].startswith("Z")
        and fields["Name"] in ("chromium", "python3", "python")
    }  # fmt: skip


def chromium_count() -> int:
    """Live Chromium processes on the machine (others' too: only a before/after check)."""
    return sum(
        1
        for proc in Path("/proc").glob("[0-9]*")
        if (fields := status(int(proc.name))).get("Name", "").startswith(("chromium", "chrome"))
        and not fields["State"].startswith("Z")
    )


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


def memory_series(dataset, folder: Path, end: str, every: str, recycle: int | None) -> dict:
    """An article-preset GIF from 2016-01-01 to `end`, the renderer recycled every `recycle`
    frames (None: never), from a fresh renderer: the browser tree and the time after each frame."""
    renderer.stop()
    renderer.RECYCLE_EVERY = recycle
    width, height, scale = export.page_size("article")
    dates = export.frame_dates(dataset, pd.Timestamp("2016-01-01"), pd.Timestamp(end), every)
    tree_mb, own_mb, ticks, seen, browsers = [], [], [], set(), set()

    def sample(_) -> None:
        ticks.append(time.perf_counter())
        mb, main = browser_tree()
        tree_mb.append(mb)
        own_mb.append(rss_mb())
        seen.update(descendants(os.getpid()))
        browsers.update(main)

    before = chromium_count()
    start = time.perf_counter()
    export.export_series(
        dataset, MapView(date=dates[0]), dates, folder / "memory.gif", fps=4,
        width=width, height=height, scale=scale, on_frame=sample,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    renderer.stop()
    time.sleep(0.5)  # orphaned helpers (crashpad) are reaped by init
    return {
        "frames": len(dates), "seconds": seconds, "tree": tree_mb, "own": own_mb,
        "durations": list(np.diff([start, *ticks])), "recycle": recycle,
        "starts": len(browsers), "left": alive(seen), "chromium": (before, chromium_count()),
    }  # fmt: skip


def restart_cost(run: dict) -> tuple[int, float]:
    """(restarts, seconds): how much longer than the other frames (but the first) took those
    around each restart: frame k*N, which closes the old browser, and the two after it."""
    every, took = run["recycle"], run["durations"]
    if not every:
        return 0, 0.0
    closing = range(every - 1, len(took) - 1, every)  # 0-based, each followed by a frame
    near = {i + k for i in closing for k in range(3) if i + k < len(took)}
    typical = statistics.mean(t for i, t in enumerate(took) if i and i not in near)
    return len(closing), sum(took[i] - typical for i in near)


def report_memory(label: str, run: dict) -> None:
    """Start, peak and end of the browser tree and of this process, what restarts cost and
    what outlived the run. The end is the last frame with a browser open (after its last
    frame a recycled browser may already be closed)."""
    tree, own, frames = run["tree"], run["own"], run["frames"]
    last = max(i for i, mb in enumerate(tree) if mb > 0)
    step = max(1, frames // 8)
    print(
        f"  {label}: {frames} frames in {run['seconds']:.1f} s "
        f"({run['seconds'] / frames:.2f} s a frame), {run['starts']} renderer start(s)"
    )
    print(
        f"    browser tree RSS MB: start {tree[0]:.0f}, peak {max(tree):.0f} "
        f"(frame {tree.index(max(tree)) + 1}), end {tree[last]:.0f} (frame {last + 1}); "
        f"this process: start {own[0]:.0f}, peak {max(own):.0f}, end {own[-1]:.0f}"
    )
    print(
        "    tree after frames "
        + ", ".join(f"{i + 1}: {tree[i]:.0f}" for i in range(0, frames, step))
        + f", {frames}: {tree[-1]:.0f}"
    )
    restarts, extra = restart_cost(run)
    if restarts:
        print(f"    {restarts} restart(s) cost {extra:.1f} s ({extra / restarts:.1f} s each) "
              f"over the other frames' mean; the first frame (cold start) took "
              f"{run['durations'][0]:.1f} s")  # fmt: skip
    before, after = run["chromium"]
    print(f"    left running after stop: {len(run['left'])} of its processes; Chromium processes "
          f"on the machine before {before}, after {after}")  # fmt: skip


def memory(dataset, folder: Path, long: bool) -> None:
    """The browser tree over a monthly (and with `long` a weekly) series, without and with
    recycling the renderer."""
    every = renderer.RECYCLE_EVERY
    runs = [("monthly", "2019-12-01", "month")]
    if long:
        runs.append(("weekly", "2019-12-31", "week"))
    print(f"renderer memory over a series at --preset article (recycle every {every} frames):")
    try:
        for name, end, step in runs:
            for recycle in (None, every):
                run = memory_series(dataset, folder, end, step, recycle)
                report_memory(f"{name}, {'never recycled' if recycle is None else 'recycled'}", run)
    finally:
        renderer.RECYCLE_EVERY = every


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, a 12-frame series")
    parser.add_argument("--memory", action="store_true", help="only the renderer memory part")
    parser.add_argument("--long", action="store_true", help="and a 209-frame weekly series")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.memory:
            memory(load_dataset(Settings()), folder, args.long)
            return
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
        memory(dataset, folder, args.long)


if __name__ == "__main__":
    main()
