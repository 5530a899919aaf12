"""Publishable static maps: single images (PNG, SVG, PDF), series and animations.

Every export is the dashboard's own figure (`dashboard.figures.map_figure`) with a title, a
legend of areas, a scale bar and a footer of credits added, rendered offline by kaleido.
"""

from __future__ import annotations

from dashboard.export.caption import caption_lines, size_note, write_caption
from dashboard.export.errors import ChromiumMissing, ExportError
from dashboard.export.image import export_bytes, export_map, image_format, publication_figure
from dashboard.export.options import PRESETS, Job, page_size, plan_export, view_for
from dashboard.export.renderer import FORMATS, browser_path
from dashboard.export.renderer import start as start_renderer
from dashboard.export.series import EVERY, export_series, frame_dates

__all__ = [
    "EVERY",
    "FORMATS",
    "PRESETS",
    "ChromiumMissing",
    "ExportError",
    "Job",
    "browser_path",
    "caption_lines",
    "export_bytes",
    "export_map",
    "export_series",
    "frame_dates",
    "image_format",
    "page_size",
    "plan_export",
    "publication_figure",
    "size_note",
    "start_renderer",
    "view_for",
    "write_caption",
]
