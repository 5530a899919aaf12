"""The dashboard's "Download map" control: the current view as a PNG, SVG or PDF download.

Same code path as `syria-map export` (`export_bytes`), so the file is the published map.
"""

from __future__ import annotations

from typing import Any

from dashboard.export.image import export_bytes

__all__ = ["MIME_TYPES", "download_data", "download_filename"]

MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def download_filename(view: Any, fmt: str) -> str:
    """'syria-control-2017-06-01.png', or '...-2018-03-01-since-2017-06-01.pdf' for a compare."""
    name = f"syria-control-{view.date:%Y-%m-%d}"
    if view.compare_date is not None:
        name += f"-since-{view.compare_date:%Y-%m-%d}"
    return f"{name}.{fmt}"


def download_data(dataset: Any, view: Any, fmt: str) -> dict:
    """What a `dcc.Download` component's `data` needs to save the exported map."""
    from dash import dcc

    data = export_bytes(dataset, view, fmt)
    return dcc.send_bytes(data, download_filename(view, fmt), type=MIME_TYPES[fmt])
