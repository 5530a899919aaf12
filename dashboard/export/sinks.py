"""Where a series of frames goes: a folder of images, an animated GIF or an MP4.

Each sink takes one PNG at a time and never holds more than the current frame, so memory stays
flat however long the series.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from dashboard.export.errors import ExportError

__all__ = ["FolderSink", "GifSink", "Mp4Sink", "sink_kind"]

_ANIMATIONS = {".gif": "gif", ".mp4": "mp4"}


def sink_kind(out: str | Path) -> str:
    """'folder', 'gif' or 'mp4' from the output path (a folder ends with '/' or has no suffix)."""
    text = str(out)
    path = Path(text)
    if text.endswith(("/", "\\")) or path.is_dir() or not path.suffix:
        return "folder"
    try:
        return _ANIMATIONS[path.suffix.lower()]
    except KeyError:
        raise ExportError(
            f"{out}: a series goes to a folder (DIR/), an animated .gif or an .mp4"
        ) from None


class FolderSink:
    """One PNG per date, named YYYY-MM-DD.png, each written atomically with its provenance."""

    def __init__(self, folder: Path, fields: Callable[[Any], dict[str, str]]) -> None:
        self.folder, self.fields = folder, fields

    def open(self) -> None:
        try:
            self.folder.mkdir(exist_ok=True)
        except FileNotFoundError:
            raise ExportError(
                f"{self.folder}: folder {self.folder.parent} does not exist"
            ) from None
        except OSError as exc:
            raise ExportError(f"{self.folder}: cannot create: {exc.strerror}") from None
        from dashboard.export.image import writable_folder

        writable_folder(self.folder)

    def add(self, view: Any, png: bytes) -> None:
        from dashboard.export.image import write_atomically
        from dashboard.export.provenance import embed

        data = embed(png, "png", self.fields(view))
        write_atomically(self.folder / f"{view.date:%Y-%m-%d}.png", data)

    def close(self) -> None:
        pass


def _rgb(png: bytes):
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return image.convert("RGB")


def gif_palette() -> list[tuple[int, int, int]]:
    """The one palette every GIF frame uses: the map's own colours exactly (factions, their
    inferred tints, no data, sea, neighbours, water, change), a ramp of greys for text and
    lines, and a coarse colour cube for what anti-aliasing blends; index 255 is kept free."""
    from dashboard.core.factions import FACTIONS, NO_DATA_COLOUR
    from dashboard.figures.base_layers import NEIGHBOUR, WATER
    from dashboard.figures.layout import SEA
    from dashboard.figures.markers import CHANGE_COLOUR, INFERRED_SWATCH, inferred_colour

    fixed = [f.colour for f in FACTIONS] + [inferred_colour(f.colour) for f in FACTIONS]
    fixed += [NO_DATA_COLOUR, SEA, NEIGHBOUR, WATER, CHANGE_COLOUR, INFERRED_SWATCH, "#4A6F8A"]
    colours = [tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in fixed]
    colours += [(v, v, v) for v in range(0, 256, 8)] + [(255, 255, 255)]
    steps = (0, 64, 128, 192, 255)
    colours += [(r, g, b) for r in steps for g in steps for b in steps]
    return list(dict.fromkeys(colours))[:255]


_CLEAR = 255  # the palette index of "unchanged since the last frame" (transparent)


class GifSink:
    """An animated GIF streamed frame by frame with one fixed global palette (`gif_palette`).

    Each frame after the first stores only the rectangle that changed, with the pixels that did
    not change in it transparent, so a month that moves one front line costs a few kB.
    """

    def __init__(self, fp: BinaryIO, fps: float, comment: str = "") -> None:
        self.fp, self.duration, self.comment = fp, round(1000 / fps), comment
        self.palette = None
        self.previous = None

    def open(self) -> None:
        pass

    @staticmethod
    def _palette_image():
        from PIL import Image

        flat = [v for colour in gif_palette() for v in colour]
        image = Image.new("P", (1, 1))
        image.putpalette(flat + [0] * (768 - len(flat)))
        return image

    def add(self, view: Any, png: bytes) -> None:
        import numpy as np
        from PIL import GifImagePlugin, Image

        frame = _rgb(png)
        if self.palette is None:
            self.palette = self._palette_image()
        indexed = frame.quantize(palette=self.palette, dither=Image.Dither.NONE)
        pixels = np.asarray(indexed)
        params: dict[str, Any] = {"duration": self.duration, "disposal": 1}
        if self.fp.tell() == 0:
            info: dict[str, Any] = {"loop": 0, "duration": self.duration}
            if self.comment:
                info["comment"] = self.comment.encode("utf-8")[:255]
            header, _ = GifImagePlugin.getheader(indexed, None, info)
            self.fp.write(b"".join(header))
            part, offset = indexed, (0, 0)
        else:
            changed = pixels != self.previous
            if not changed.any():
                changed[0, 0] = True  # a frame must hold at least one pixel
            rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
            top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
            window = np.where(changed, pixels, _CLEAR)[top:bottom, left:right].astype(np.uint8)
            part = Image.frombytes("P", window.shape[::-1], np.ascontiguousarray(window).tobytes())
            part.putpalette(indexed.getpalette())
            part.info["transparency"] = _CLEAR
            params["transparency"] = _CLEAR
            offset = (int(left), int(top))
        self.previous = pixels
        for chunk in GifImagePlugin.getdata(part, offset=offset, **params):
            self.fp.write(chunk)

    def close(self) -> None:
        self.fp.write(b";")


class Mp4Sink:
    """An H.264 MP4 through the ffmpeg binary shipped in the imageio-ffmpeg wheel."""

    def __init__(self, path: Path, fps: float, size: tuple[int, int], comment: str = "") -> None:
        self.path, self.fps, self.size, self.comment = path, fps, size, comment
        self.writer = None

    def open(self) -> None:
        try:
            import imageio_ffmpeg
        except ImportError:
            raise ExportError(
                "MP4 export needs imageio-ffmpeg: install it with `pip install imageio-ffmpeg`"
            ) from None
        width, height = (v - v % 2 for v in self.size)  # H.264 in yuv420p needs even sizes
        self.size = (width, height)
        self.writer = imageio_ffmpeg.write_frames(
            str(self.path),
            self.size,
            fps=self.fps,
            codec="libx264",
            pix_fmt_out="yuv420p",
            macro_block_size=2,
            quality=8,
            output_params=["-metadata", f"comment={self.comment}", "-f", "mp4"],
            ffmpeg_log_level="error",
        )
        self.writer.send(None)

    def add(self, view: Any, png: bytes) -> None:
        frame = _rgb(png)
        if frame.size != self.size:
            frame = frame.crop((0, 0, *self.size))
        self.writer.send(frame.tobytes())

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
