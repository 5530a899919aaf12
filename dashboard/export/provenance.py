"""Provenance written into every exported file: PNG text chunks, SVG <metadata>, PDF info."""

from __future__ import annotations

import io
import struct
import zlib
from xml.sax.saxutils import escape

import pandas as pd

from dashboard import __version__
from dashboard.figures.wording import NOTE

__all__ = ["NAMESPACE", "embed", "provenance"]

NAMESPACE = "https://github.com/syria-control-map/provenance"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def provenance(
    view, digest: str, coverage: tuple[object, object], layers, credits, title: str
) -> dict[str, str]:
    """The fields every export carries, as plain strings (empty compare date when none)."""
    first, last = (pd.Timestamp(d).strftime("%Y-%m-%d") for d in coverage)
    compare = view.compare_date
    return {
        "Title": title,
        "Date": pd.Timestamp(view.date).strftime("%Y-%m-%d"),
        "CompareDate": "" if compare is None else pd.Timestamp(compare).strftime("%Y-%m-%d"),
        "DataVersion": digest,
        "DataLayers": ", ".join(layers),
        "Coverage": f"{first} to {last}",
        "Sources": "; ".join(credits),
        "Note": NOTE,
        "Software": f"syria-control-map {__version__}",
    }


def embed(data: bytes, fmt: str, fields: dict[str, str]) -> bytes:
    """`data` (an image in `fmt`) with `fields` added to its metadata."""
    return {"png": _png, "svg": _svg, "pdf": _pdf}[fmt](data, fields)


def _chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def _png(data: bytes, fields: dict[str, str]) -> bytes:
    """Insert tEXt chunks (iTXt for non-Latin-1 text) right after the IHDR chunk."""
    if not data.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG")
    ihdr_end = len(_PNG_SIGNATURE) + 8 + struct.unpack(">I", data[8:12])[0] + 4
    chunks = []
    for key, value in fields.items():
        try:
            chunks.append(_chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1")))
        except UnicodeEncodeError:
            payload = key.encode("latin-1") + b"\0\0\0\0\0" + value.encode("utf-8")
            chunks.append(_chunk(b"iTXt", payload))
    return data[:ihdr_end] + b"".join(chunks) + data[ihdr_end:]


def _svg(data: bytes, fields: dict[str, str]) -> bytes:
    """Insert a <metadata> element (Dublin Core plus our own fields) after the <svg> tag."""
    text = data.decode("utf-8")
    start = text.find("<svg")
    close = text.find(">", start)
    if start < 0 or close < 0:
        raise ValueError("not an SVG")
    items = "".join(
        f'<sm:field name="{escape(k)}">{escape(v)}</sm:field>' for k, v in fields.items()
    )
    dublin = (
        f"<dc:title>{escape(fields['Title'])}</dc:title><dc:date>{fields['Date']}</dc:date>"
        f"<dc:source>{escape(fields['Sources'])}</dc:source>"
        f"<dc:identifier>{fields['DataVersion']}</dc:identifier>"
    )
    block = (
        f'<metadata id="provenance" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:sm="{NAMESPACE}">{dublin}<sm:provenance>{items}</sm:provenance></metadata>'
    )
    return (text[: close + 1] + block + text[close + 1 :]).encode("utf-8")


def _pdf(data: bytes, fields: dict[str, str]) -> bytes:
    """Set the PDF document info: Title, Subject, Keywords, Creator and our own keys."""
    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError as exc:  # pragma: no cover - pypdf is a runtime dependency
        raise ImportError("PDF export needs pypdf: install it with `pip install pypdf`") from exc
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    info = {f"/{key}": value for key, value in fields.items()}
    info["/Subject"] = f"Territorial control on {fields['Date']}"
    info["/Keywords"] = f"data version {fields['DataVersion']}; sources: {fields['Sources']}"
    info["/Creator"] = fields["Software"]
    writer.add_metadata(info)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
