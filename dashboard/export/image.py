"""One exported map: the dashboard's figure, decorated, rendered and written atomically."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.export.decorate import decorate
from dashboard.export.errors import ExportError
from dashboard.export.provenance import embed, provenance
from dashboard.export.renderer import FORMATS, render
from dashboard.export.scalebar import quiet_corner
from dashboard.figures.layout import view_extent
from dashboard.figures.wording import text
from dashboard.io.credits import data_credits

__all__ = [
    "base_figure",
    "check_dates",
    "design_size",
    "export_bytes",
    "export_map",
    "image_format",
    "publication_figure",
    "render_frame",
    "terminate_raises",
    "writable",
    "writable_folder",
    "write_atomically",
]

WIDTH, HEIGHT = 1600, 1000


def base_figure(dataset: Any, view: Any) -> Any:
    """The map exactly as the dashboard draws it: `dashboard.figures.map_figure`, taken as the
    plain dict the dashboard sends when the figures module offers one (no validation pass)."""
    from dashboard.figures import map as figures

    as_dict = getattr(figures, "map_figure_dict", None)
    return as_dict(dataset, view) if as_dict else figures.map_figure(dataset, view)


def image_format(path: str | Path) -> str:
    """'png', 'svg' or 'pdf' from the file's extension; anything else is an ExportError."""
    if Path(path).is_dir():
        raise ExportError(f"{path} is a folder; give a file name such as map.png")
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        found = f"unknown extension '.{suffix}'" if suffix else "no extension"
        raise ExportError(f"{path}: {found}; write .png, .svg or .pdf")
    return suffix


def check_dates(dataset: Any, *dates: object, allow_stale: bool = False) -> None:
    """Every date must fall within the data's coverage (first to last event).

    With `allow_stale`, a date after the last is allowed: the map then says nothing is known
    after the data's last date.
    """
    first, last = (pd.Timestamp(d) for d in dataset.table.coverage)
    for date in dates:
        if date is None:
            continue
        stamp = pd.Timestamp(date)
        if stamp < first or (stamp > last and not allow_stale):
            hint = "; --allow-stale maps a later date as of the last" if stamp > last else ""
            raise ExportError(
                f"{stamp:%Y-%m-%d} is outside the data's coverage "
                f"({first:%Y-%m-%d} to {last:%Y-%m-%d}){hint}"
            )


def publication_figure(
    dataset: Any,
    view: Any,
    width: int = WIDTH,
    height: int = HEIGHT,
    zoom: float = 1.0,
    halo: bool = True,
    legend_order: list[str] | None = None,
) -> dict:
    """The dashboard's figure for `view` with the publication decorations, as a figure dict.

    A focus or bbox view's legend lists only the factions whose zones reach into the frame;
    `legend_order` (a series) fixes the rows instead.
    """
    from dashboard.core.stats import held_at

    check_dates(dataset, view.date, view.compare_date, allow_stale=view.allow_stale)
    figure = base_figure(dataset, view)
    extent = view_extent(dataset, view)
    held = held_at(dataset.model, view.date)
    table = dataset.table
    corner = quiet_corner(extent, _outline())

    def places(map_px: float) -> dict:
        from dashboard.export.decorate import MIN_LABEL_PX
        from dashboard.figures.markers import places_trace

        return places_trace(dataset, view, extent, map_px, MIN_LABEL_PX)

    return decorate(
        figure, view, held, table.coverage, table.digest, extent, width, height, corner,
        zoom=zoom, halo=halo, legend_order=legend_order, places=places,
        in_frame=factions_in_frame(dataset, view, view.date) if zoomed(view) else None,
    )  # fmt: skip


def zoomed(view: Any) -> bool:
    """Whether the view shows part of Syria (a focus place or a bbox)."""
    return view.bbox is not None or bool(view.focus_place)


def factions_in_frame(dataset: Any, view: Any, date: object) -> set[str]:
    """Codes of the factions (and 'none') whose zones on `date` reach into the view's extent."""
    import numpy as np
    import shapely

    from dashboard.core.cells import to_metres
    from dashboard.core.stats import _labels

    model = dataset.model
    tree = _atom_tree(model)  # atoms are in metres (the equal-area CRS)
    frame = to_metres(shapely.segmentize(shapely.box(*view_extent(dataset, view)), 0.05))
    atoms = tree.query(frame, predicate="intersects")
    factions = model.atom_control(date).factions
    return set(_labels(np.asarray(factions)[atoms]).tolist())


_TREES: dict[int, Any] = {}


def _atom_tree(model: Any):
    import shapely

    key = id(model.tessellation)
    if key not in _TREES:
        _TREES.clear()
        _TREES[key] = shapely.STRtree(model.tessellation.atoms)
    return _TREES[key]


@cache
def _outline():
    """Syria's outline (read once: the scale bar avoids it)."""
    from dashboard.io.geography import load_outline

    return load_outline()


def _fields(dataset: Any, view: Any) -> dict[str, str]:
    table = dataset.table
    title = view.title or text("title", view.lang)
    return provenance(view, table.digest, table.coverage, table.layers, data_credits(), title)


def render_frame(
    dataset: Any,
    view: Any,
    fmt: str,
    width: int = WIDTH,
    height: int = HEIGHT,
    scale: float = 1,
    legend_order: list[str] | None = None,
) -> bytes:
    """Render the decorated map, without provenance (series frames add their own).

    The page is laid out at the 1600x1000 design size (same aspect as asked) and scaled to the
    asked size, so type, labels and map keep their proportions at every size.
    """
    if width < 200 or height < 150 or not 0 < scale <= 8:
        raise ExportError("the page must be at least 200x150 pixels and the scale in (0, 8]")
    layout_width, layout_height, zoom = design_size(width, height)
    figure = publication_figure(
        dataset, view, layout_width, layout_height, zoom, fmt != "pdf", legend_order
    )
    data = render(figure, fmt, layout_width, layout_height, scale * zoom)
    if fmt == "png":
        data = _exact_size(data, round(width * scale), round(height * scale))
    return data


def design_size(width: int, height: int) -> tuple[int, int, float]:
    """(layout width, layout height, zoom): the page at the design size, zoomed to the asked."""
    zoom = min(width / WIDTH, height / HEIGHT)
    return round(width / zoom), round(height / zoom), zoom


def _exact_size(png: bytes, width: int, height: int) -> bytes:
    """Trim or pad a PNG to exactly width x height (zooming can round a pixel either way)."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        if image.size == (width, height):
            return png
        canvas = Image.new(image.mode, (width, height), "white")
        canvas.paste(image, (0, 0))
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    return out.getvalue()


def export_bytes(
    dataset: Any,
    view: Any,
    fmt: str,
    width: int = WIDTH,
    height: int = HEIGHT,
    scale: float = 1,
) -> bytes:
    """The exported file's bytes (PNG, SVG or PDF) with its provenance: what the browser sends."""
    fmt = fmt.lower()
    data = render_frame(dataset, view, fmt, width, height, scale)
    return embed(data, fmt, _fields(dataset, view))


def export_map(
    dataset: Any,
    view: Any,
    out_path: str | Path,
    width: int = WIDTH,
    height: int = HEIGHT,
    scale: float = 1,
) -> Path:
    """Write the map for `view` to `out_path` (.png, .svg or .pdf), atomically."""
    out = Path(out_path)
    fmt = image_format(out)
    writable(out)
    with terminate_raises():
        data = export_bytes(dataset, view, fmt, width, height, scale)
        write_atomically(out, data)
    return out


def writable(out: Path) -> None:
    """Fail early, before rendering, on a path that can never be written."""
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name")
    if not out.parent.is_dir():
        raise ExportError(f"{out}: folder {out.parent} does not exist")
    writable_folder(out.parent, out)


def writable_folder(folder: Path, out: Path | None = None) -> None:
    """Fail early unless a file can be created in `folder` (tried: permissions lie to root)."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".syria-map-probe-"):
            pass
    except OSError as exc:
        raise ExportError(
            f"{out or folder}: cannot write in folder {folder} ({exc.strerror or exc})"
        ) from None


def write_atomically(out: Path, data: bytes) -> None:
    """Replace `out` with `data` only once it is all written and reads back whole (see
    `verify_written`); OS errors and broken files become ExportErrors."""
    from dashboard.errors import DataFileError
    from dashboard.export.verify import verify_written
    from dashboard.io.writers import atomic_write

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)
        verify_written(tmp, image_format(out))

    try:
        with terminate_raises():
            atomic_write(out, write)
    except ExportError as exc:
        raise ExportError(f"{out}: {exc}; the earlier file, if any, is untouched") from None
    except DataFileError as exc:
        raise ExportError(f"{out}: {exc.message}") from None
    except OSError as exc:
        raise ExportError(f"{out}: cannot write: {exc.strerror or exc}") from None


@contextmanager
def terminate_raises():
    """While exporting in the main thread, SIGTERM raises SystemExit (exit status 143) instead
    of killing the process outright, so the atomic write removes its temporary file."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
