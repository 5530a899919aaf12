"""One headless-Chromium render server (kaleido), started once per process and reused.

Offline by construction: MathJax is off and geo base layers come from the bundled topojson
(see ../shared/OFFLINE-RENDERING.md). The server runs kaleido in its own thread and event
loop, like `kaleido.start_sync_server`, with two differences that matter here: `start()` returns
at once, so Chromium boots while the caller loads data; and a failed start is reported instead
of leaving every render waiting forever.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import threading
from typing import Any

from dashboard.export.errors import ChromiumMissing, ExportError
from dashboard.io.paths import ASSETS_DIR

__all__ = ["FORMATS", "INSTALL_HINT", "browser_path", "render", "start", "stop"]

FORMATS = ("png", "svg", "pdf")
INSTALL_HINT = "install it with `apt-get install chromium` (or set BROWSER_PATH to Chrome)"
TOPOJSON_URL = (ASSETS_DIR / "topojson").as_uri() + "/"
_START_TIMEOUT_S = 60
_RENDER_TIMEOUT_S = 90

_lock = threading.Lock()
_server: _Server | None = None


def browser_path() -> str | None:
    """The Chromium/Chrome binary kaleido would use, or None when there is none."""
    from choreographer.browsers.chromium import Chromium

    path = Chromium.find_browser(skip_local=False)
    if path and os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    return None


def _kaleido_class() -> type:
    """kaleido.Kaleido, returning each image before its tab reloads (the reload then overlaps
    the caller's work instead of adding ~0.15 s to every render)."""
    from kaleido import Kaleido

    class _Kaleido(Kaleido):
        async def _return_kaleido_tab(self, tab) -> None:
            parent = super()._return_kaleido_tab
            task = asyncio.ensure_future(parent(tab))
            self._reloads = getattr(self, "_reloads", set())
            self._reloads.add(task)
            task.add_done_callback(self._reloads.discard)

    return _Kaleido


class _Server:
    """kaleido in a daemon thread with its own event loop."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.kaleido: Any = None
        self._stop: asyncio.Event | None = None
        self.thread = threading.Thread(target=self._run, name="kaleido-render", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        try:
            self.loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            async with _kaleido_class()(mathjax=False, timeout=_RENDER_TIMEOUT_S) as kaleido:
                self.kaleido = kaleido
                self.ready.set()
                await self._stop.wait()
        except BaseException as exc:  # reported to the caller by calc()
            self.error = exc
        finally:
            self.ready.set()

    def calc(self, spec: dict, opts: dict) -> bytes:
        if not self.ready.wait(_START_TIMEOUT_S):
            raise ExportError(f"Chromium did not start within {_START_TIMEOUT_S} s")
        if self.error is not None or self.kaleido is None:
            raise ExportError(f"Chromium failed to start: {self.error}")
        job = self.kaleido.calc_fig(spec, opts=opts, topojson=TOPOJSON_URL)
        future = asyncio.run_coroutine_threadsafe(job, self.loop)
        try:
            return future.result()
        except BaseException:
            future.cancel()
            raise

    def stop(self) -> None:
        """Close Chromium (it removes its temporary profile) and end the thread."""
        if self.loop is not None and self._stop is not None and self.thread.is_alive():
            self.loop.call_soon_threadsafe(self._stop.set)
            self.thread.join(timeout=10)


def start() -> None:
    """Start the render server in the background if it is not running (checks for Chromium)."""
    global _server
    with _lock:
        if _server is not None and _server.thread.is_alive():
            return
        if browser_path() is None:
            raise ChromiumMissing(f"exporting needs Chromium, which was not found: {INSTALL_HINT}")
        _server = _Server()
        atexit.register(_server.stop)


def render(figure: Any, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """The figure (a plotly figure or its dict) as PNG, SVG or PDF bytes."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown image format {fmt!r} (one of: {', '.join(FORMATS)})")
    start()
    spec = figure.to_dict() if hasattr(figure, "to_dict") else figure
    opts = {"format": fmt, "width": int(width), "height": int(height), "scale": float(scale)}
    try:
        return _server.calc(spec, opts)
    except ExportError:
        raise
    except Exception as exc:  # kaleido and choreographer errors have no common type
        raise ExportError(f"the renderer failed: {type(exc).__name__}: {exc}") from exc


def stop() -> None:
    """Stop the render server and its Chromium (the next render starts a new one)."""
    global _server
    with _lock:
        if _server is not None:
            _server.stop()
            _server = None
