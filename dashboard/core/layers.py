"""The map's layers, in one table: every surface (URL, page, export, figures) reads it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DASHBOARD_LAYERS", "DEFAULT_LAYERS", "LAYERS", "LAYER_KEYS", "Layer", "layer_name"]


@dataclass(frozen=True)
class Layer:
    """One toggleable layer: its key, its names, and where it is on by default."""

    key: str
    name: str
    name_ar: str
    in_export: bool  # on in an export unless --layers says otherwise
    in_dashboard: bool  # ticked when the dashboard opens


# In the order the Layers menu lists them.
LAYERS: tuple[Layer, ...] = (
    Layer("zones", "Control zones", "مناطق السيطرة", True, True),
    Layer("front_lines", "Front lines", "خطوط الجبهة", True, True),
    Layer("places", "Cities and towns", "المدن والبلدات", True, True),
    Layer(
        "sites", "Bases, crossings, camps, oil fields", "القواعد والمعابر والمخيمات", False, True
    ),
    Layer("villages", "Villages", "القرى", False, False),
    Layer("events", "Events", "الأحداث", True, True),
    Layer("presence", "Foreign presence", "الوجود الأجنبي", True, True),
    Layer("governorates", "Governorates", "المحافظات", True, True),
    Layer("rivers", "Rivers and lakes", "الأنهار والبحيرات", True, True),
)
LAYER_KEYS: tuple[str, ...] = tuple(layer.key for layer in LAYERS)
DEFAULT_LAYERS: tuple[str, ...] = tuple(layer.key for layer in LAYERS if layer.in_export)
DASHBOARD_LAYERS: tuple[str, ...] = tuple(layer.key for layer in LAYERS if layer.in_dashboard)
_BY_KEY = {layer.key: layer for layer in LAYERS}


def layer_name(key: str, lang: str = "en") -> str:
    """The layer's name in English or Arabic."""
    layer = _BY_KEY[key]
    return layer.name_ar if lang == "ar" else layer.name
