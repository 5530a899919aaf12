"""What the server sends over the wire: gzip for text of 1 KB or more when the client accepts it,
and year-long caching of files whose URL changes with their content.

Dash's component suites carry a fingerprint in their file name (`dash_table.v6_0_0m17.js`) and
its assets a `?m=<stamp>` that changes with the file, so either URL always names the same bytes:
`Cache-Control: public, max-age=31536000, immutable`. A compressed response's ETag is made weak
(as nginx does), and a request whose If-None-Match matches an ETag, weakly, is answered 304.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict

import flask
from dash.fingerprint import check_fingerprint

__all__ = ["IMMUTABLE", "MIN_COMPRESS_BYTES", "register_transfer"]

MIN_COMPRESS_BYTES = 1024
IMMUTABLE = "public, max-age=31536000, immutable"
_TEXT_TYPES = (
    "application/javascript",
    "application/json",
    "application/geo+json",
    "application/xml",
    "image/svg+xml",
    "image/vnd.microsoft.icon",
    "image/x-icon",
)
_LEVEL = 6
_CACHE_FROM_BYTES = 64 * 1024  # bodies this large (static files) are compressed once
_CACHE_ENTRIES = 64
_SUITES = "/_dash-component-suites/"


class _GzipCache:
    """Compressed bodies of large responses by content hash, least recently used dropped."""

    def __init__(self, entries: int = _CACHE_ENTRIES) -> None:
        self.entries = entries
        self._bodies: OrderedDict[bytes, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def compress(self, body: bytes) -> bytes:
        if len(body) < _CACHE_FROM_BYTES:
            return gzip.compress(body, _LEVEL, mtime=0)
        key = hashlib.blake2b(body, digest_size=16).digest()
        with self._lock:
            if key in self._bodies:
                self._bodies.move_to_end(key)
                return self._bodies[key]
        packed = gzip.compress(body, _LEVEL, mtime=0)
        with self._lock:
            self._bodies[key] = packed
            while len(self._bodies) > self.entries:
                self._bodies.popitem(last=False)
        return packed


def register_transfer(server: flask.Flask) -> None:
    """Compress and cache-mark every response `server` sends."""
    cache = _GzipCache()

    def after(response: flask.Response) -> flask.Response:
        if response.status_code != 200:
            return response
        if is_versioned(flask.request):
            response.headers["Cache-Control"] = IMMUTABLE
        if response.get_etag()[0]:
            response.make_conditional(flask.request)  # a weak If-None-Match matches too: 304
        return compressed(response, flask.request, cache)

    server.after_request(after)


def is_versioned(request: flask.Request) -> bool:
    """Whether the URL names one version of a file: a fingerprinted component suite, or an
    asset with Dash's `?m=` stamp."""
    path = request.path
    if _SUITES in path:
        return check_fingerprint(path.rsplit("/", 1)[-1])[1]
    return "/assets/" in path and bool(request.args.get("m"))


def is_text(mimetype: str | None) -> bool:
    return bool(mimetype) and (mimetype.startswith("text/") or mimetype in _TEXT_TYPES)


def compressed(response: flask.Response, request: flask.Request, cache: _GzipCache):
    """`response` gzipped when it is a whole 200 of text ≥ MIN_COMPRESS_BYTES and the client
    accepts gzip; otherwise unchanged."""
    if (
        response.status_code != 200
        or (response.is_streamed and not response.direct_passthrough)
        or not is_text(response.mimetype)
        or "Content-Encoding" in response.headers
        or "Content-Range" in response.headers
    ):
        return response
    response.direct_passthrough = False  # a file response is read into memory to compress it
    body = response.get_data()
    if len(body) < MIN_COMPRESS_BYTES:
        return response
    response.vary.add("Accept-Encoding")
    if not request.accept_encodings["gzip"]:
        return response
    response.set_data(cache.compress(body))
    response.headers["Content-Encoding"] = "gzip"
    tag, weak = response.get_etag()
    if tag and not weak:
        response.set_etag(tag, weak=True)
    return response
