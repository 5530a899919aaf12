"""One headless-Chromium render server (kaleido), started once per process and reused for
RECYCLE_EVERY renders, then replaced by a fresh one (kaleido's Chromium grows with every render).

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
from dashboard.io.messages import Said
from dashboard.io.paths import ASSETS_DIR

__all__ = ["FORMATS", "INSTALL_HINT", "RECYCLE_EVERY", "browser_path", "render", "start", "stop"]

FORMATS = ("png", "svg", "pdf")
INSTALL_HINT = "install it with `apt-get install chromium` (or set BROWSER_PATH to Chrome)"
TOPOJSON_URL = (ASSETS_DIR / "topojson").as_uri() + "/"
_START_TIMEOUT_S = 60
_RENDER_TIMEOUT_S = 90
# Renders one Chromium serves before it is closed and the next render starts a fresh one (None:
# never). Its tree grows by ~0.6 GB over 48 article frames and ~1.8 GB over 209; every 24 keeps
# it within ~0.5 GB of a fresh one's for ~3 s a restart (benchmarks/bench_export.py --memory).
RECYCLE_EVERY: int | None = 24

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
        self.renders = 0  # finished on this server
        self.active = 0  # under way on it
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
                # let the last tab reload finish, so closing interrupts nothing
                await asyncio.gather(*getattr(kaleido, "_reloads", ()), return_exceptions=True)
        except BaseException as exc:  # reported to the caller by calc()
            self.error = exc
        finally:
            self.ready.set()

    def calc(self, spec: dict, opts: dict) -> bytes:
        if not self.ready.wait(_START_TIMEOUT_S):
            raise ExportError(Said("renderer_slow", (("seconds", _START_TIMEOUT_S),)))
        if self.error is not None or self.kaleido is None:
            raise ExportError(Said("renderer_broken", (("reason", str(self.error)),)))
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
    with _lock:
        _started()


def _started() -> _Server:
    """The running server, started if need be (the caller holds `_lock`)."""
    global _server
    if _server is None or not _server.thread.is_alive():
        if browser_path() is None:
            raise ChromiumMissing(Said("chromium_missing", (("hint", INSTALL_HINT),)))
        _server = _Server()
    return _server


def _checkout() -> _Server:
    """The server to render on, counting the render as under way on it."""
    with _lock:
        server = _started()
        server.active += 1
        return server


def _checkin(server: _Server) -> None:
    """Count the render as done; after RECYCLE_EVERY of them retire the server (the next render
    starts a fresh one) and close its Chromium once no render is under way on it."""
    global _server
    with _lock:
        server.active -= 1
        server.renders += 1
        if server is _server and RECYCLE_EVERY and server.renders >= RECYCLE_EVERY:
            _server = None
        retired = server is not _server and server.active == 0
    if retired:
        server.stop()


def render(figure: Any, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """The figure (a plotly figure or its dict) as PNG, SVG or PDF bytes."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown image format {fmt!r} (one of: {', '.join(FORMATS)})")
    start()  # a fresh Chromium boots while the figure is serialised
    spec = figure.to_dict() if hasattr(figure, "to_dict") else figure
    opts = {"format": fmt, "width": int(width), "height": int(height), "scale": float(scale)}
    server = _checkout()
    try:
        return server.calc(spec, opts)
    except ExportError:
        raise
    except Exception as exc:  # kaleido and choreographer errors have no common type
        reason = f"{type(exc).__name__}: {exc}"
        raise ExportError(Said("renderer_failed", (("reason", reason),))) from exc
    finally:
        _checkin(server)


def stop() -> None:
    """Stop the render server and its Chromium (the next render starts a new one)."""
    global _server
    with _lock:
        if _server is not None:
            _server.stop()
            _server = None


atexit.register(stop)
