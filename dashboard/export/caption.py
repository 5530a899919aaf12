"""A caption, alt text and credit line written beside an exported map, from the same data.

On 1 June 2017 the Syrian government held 38% of Syria, Islamic State 29%, ... (zones
derived from 494 dated events; approximate).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.core.factions import NO_DATA, faction_name
from dashboard.figures.wording import format_date, text

__all__ = [
    "GIF_NOTE_BYTES",
    "caption_lines",
    "caption_path",
    "shares",
    "size_note",
    "write_caption",
]

GIF_NOTE_BYTES = 3 * 1024 * 1024  # a GIF above this gets a note pointing to MP4


def shares(dataset: Any, date: object) -> list[tuple[str, int]]:
    """(faction code, whole percent of Syria) held at `date`, largest first, no data left out:
    the percentages of the legend (`held_at` area over Syria's area, rounded)."""
    from dashboard.core.stats import held_at

    held = held_at(dataset.model, date)
    total = float(held["area_km2"].sum()) or 1.0
    held = held[(held["faction"] != NO_DATA.code) & (held["area_km2"] > 0)]
    held = held.sort_values("area_km2", ascending=False)
    rounded = [
        (code, round(100 * float(area) / total))
        for code, area in zip(held["faction"], held["area_km2"], strict=True)
    ]
    return [(code, share) for code, share in rounded if share > 0]  # "0%" says nothing


def _changes(dataset: Any, start: object, end: object, lang: str) -> str:
    from dashboard.core.stats import held_at

    before = held_at(dataset.model, start).set_index("faction")["area_km2"]
    after = held_at(dataset.model, end).set_index("faction")["area_km2"]
    delta = after.sub(before, fill_value=0).drop(NO_DATA.code, errors="ignore")
    delta = delta[delta.abs() >= 100].sort_values(key=abs, ascending=False)
    parts = [
        text(
            "caption_gained" if km2 > 0 else "caption_lost",
            lang,
            name=faction_name(code, lang),
            area=f"{round(abs(km2), -2):,.0f} {text('km2', lang)}",
        )
        for code, km2 in delta.items()
    ]
    sep = "، " if lang == "ar" else ", "
    return sep.join(parts) if parts else text("caption_steady", lang)


def caption_lines(dataset: Any, view: Any, dates: pd.DatetimeIndex | None = None) -> dict[str, str]:
    """{'caption', 'alt', 'credits'} for the view's map (a series: its last date, with the
    changes from its first), in the view's language."""
    from dashboard.figures.layout import credits_line

    lang = "ar" if view.lang == "ar" else "en"
    date = pd.Timestamp(dates[-1] if dates is not None else view.date)
    held = shares(dataset, date)
    named = [(faction_name(code, lang), f"{share}%") for code, share in held]
    sep = "، " if lang == "ar" else ", "
    events = int((pd.DatetimeIndex(dataset.table.events["date"]) <= date).sum())
    if named:
        first, *rest = named
        line = text("caption_held", lang, date=format_date(date, lang), first=first[0],
                    share=first[1])  # fmt: skip
        line += "".join(sep + text("caption_next", lang, name=n, share=s) for n, s in rest)
    else:
        line = format_date(date, lang)
    caption = f"{line} {text('caption_derived', lang, events=events)}."
    start = dates[0] if dates is not None and len(dates) > 1 else view.compare_date
    if start is not None and pd.Timestamp(start) != date:
        early, late = sorted([pd.Timestamp(start), date])
        between = text(
            "caption_between", lang, start=format_date(early, lang), end=format_date(late, lang)
        )
        caption += f" {between} {_changes(dataset, early, late, lang)}."
    parts = sep.join(f"{n} {s}" for n, s in named)
    if view.focus_place or view.bbox is not None:  # the frame's factions, not Syria's shares
        from dashboard.export.image import factions_in_frame

        present = factions_in_frame(dataset, view, date)
        parts = sep.join(faction_name(code, lang) for code, _ in held if code in present)
    if view.focus_place:
        place = dataset.gazetteer.place(view.focus_place)
        name = place.get("name_ar" if lang == "ar" else "name", view.focus_place)
        alt = text("alt_focus", lang, place=name, date=format_date(date, lang), parts=parts)
    else:
        alt = text("alt", lang, date=format_date(date, lang), parts=parts)
    return {
        "caption": caption,
        "alt": alt,
        "credits": f"{text('credits', lang)}: {credits_line(lang)}",
    }


def caption_path(out: str | Path) -> Path:
    """OUT's caption file: map.png -> map.caption.txt; a folder DIR/ -> DIR/caption.txt."""
    path = Path(out)
    if str(out).endswith(("/", "\\")) or path.is_dir() or not path.suffix:
        return path / "caption.txt"
    return path.with_name(f"{path.stem}.caption.txt")


def write_caption(
    dataset: Any, view: Any, out: str | Path, dates: pd.DatetimeIndex | None = None
) -> Path:
    """Write the caption, alt text and credits beside `out` (atomically); returns its path."""
    from dashboard.errors import DataFileError
    from dashboard.export.errors import ExportError
    from dashboard.io.writers import atomic_write

    lines = caption_lines(dataset, view, dates)
    lang = "ar" if view.lang == "ar" else "en"
    body = (
        f"{text('caption_label', lang)}: {lines['caption']}\n\n"
        f"{text('alt_label', lang)}: {lines['alt']}\n\n{lines['credits']}\n"
    )
    side = caption_path(out)
    try:
        atomic_write(side, lambda tmp: tmp.write_text(body, encoding="utf-8"))
    except DataFileError as exc:
        raise ExportError(f"{side}: {exc.message}") from None
    except OSError as exc:
        raise ExportError(f"{side}: cannot write: {exc.strerror or exc}") from None
    return side


def size_note(out: str | Path, lang: str = "en") -> str | None:
    """A line pointing to MP4 when `out` is a GIF above GIF_NOTE_BYTES, else None."""
    path = Path(out)
    if path.suffix.lower() != ".gif" or not path.is_file():
        return None
    size = path.stat().st_size
    if size <= GIF_NOTE_BYTES:
        return None
    mp4 = str(path.with_suffix(".mp4"))
    return text("big_gif", lang, out=str(path), size=f"{size / 1e6:.1f}", mp4=mp4)
