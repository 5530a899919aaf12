"""Check a written export before it replaces anything: reopen it as a reader would.

A full disk or a dying encoder can leave a file that looks written but is cut short (an MP4
with no "moov atom", a PNG missing its end); each check reads the file back and raises an
ExportError saying so, so the atomic write keeps the earlier file.
"""

from __future__ import annotations

from pathlib import Path

from dashboard.export.errors import ExportError
from dashboard.io.messages import Said

__all__ = ["verify_written"]


def verify_written(path: Path, fmt: str, frames: int | None = None) -> None:
    """Raise ExportError unless `path` reads back as a whole `fmt` file (with `frames` frames)."""
    check = {"png": _image, "gif": _image, "svg": _svg, "pdf": _pdf, "mp4": _mp4}[fmt]
    try:
        found = check(path)
    except ExportError:
        raise
    except Exception as exc:  # each reader raises its own types for a cut-short file
        detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        values = (("fmt", fmt.upper()), ("detail", detail[:200]))
        raise ExportError(Said("unreadable_output", values)) from None
    if frames is not None and found != frames:
        raise ExportError(
            f"the {fmt.upper()} written holds {found} of {frames} frames (is the disk full?)"
        )


def _image(path: Path) -> int:
    from PIL import Image

    with Image.open(path) as image:
        image.verify()  # PNG: every chunk's checksum, through to the end chunk
    with Image.open(path) as image:
        count = getattr(image, "n_frames", 1)
        image.seek(count - 1)
        image.load()  # decodes the last frame: a truncated file fails here
    return count


def _svg(path: Path) -> int:
    from xml.etree import ElementTree

    root = ElementTree.parse(path).getroot()
    if not root.tag.endswith("svg"):
        raise ExportError(f"the SVG written has <{root.tag}> at its root, not <svg>")
    return 1


def _pdf(path: Path) -> int:
    from pypdf import PdfReader

    pages = len(PdfReader(path, strict=True).pages)
    if pages < 1:
        raise ExportError("the PDF written has no page")
    return 1


def _mp4(path: Path) -> int:
    import imageio_ffmpeg

    frames, _seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    return frames
