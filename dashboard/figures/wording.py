"""The words an exported map prints, in English and Arabic: title, dates, legend and footer."""

from __future__ import annotations

import html
import re

import pandas as pd

__all__ = [
    "MONTHS_AR",
    "NOTE",
    "embed_rtl",
    "event_name",
    "format_area",
    "format_date",
    "isolate_ltr",
    "plain",
    "text",
]


def plain(value: object) -> str:
    """Text from the data, shown as text in plotly's hover and labels (which read <b>, <a>
    and entities as markup): & < > become entities, which plotly shows as the characters."""
    return html.escape(str(value), quote=False)


NOTE = "Zones are approximations derived from locality control"
_ARABIC = re.compile("[\u0600-\u06ff]")

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Territorial control in Syria",
        "compare": "changes since {date} highlighted",
        "legend": "Area held in Syria, {date}",
        "front": "Front line",
        "km": "km",
        "km2": "km²",
        "event": "Event: {kind}",
        "changed_since": "changed hands since {date}",
        "note": NOTE,
        "data": "Data version {digest}; events {first} to {last}",
        "credits": "Credits",
        "stale": "nothing is known after {date}",
        "inferred": "Lighter: inferred from the nearest locality",
        "zone_of": "zone of {place}",
        "zone_inferred": "{place} (inferred: {km} km from it)",
        "since": "since {date}",
        "changed_area": "Changed hands since {date} (hatched)",
        "changed_places": "Localities that changed hands",
        "presence": "Foreign presence: {country}",
        "area_axis": "Area held (km²)",
        "population_axis": "People in the zones",
        "population_note": (
            "Population: the recorded population of the gazetteer's places inside each "
            "faction's zones on the date (not an estimate of who lives there then)."
        ),
        "area_note": "Area: km² of Syria inside each faction's zones on the date.",
        "caption_held": "Shares of Syria held on {date}: {first} {share}",
        "caption_next": "{name} {share}",
        "caption_derived": "(zones derived from {events} dated events; approximate)",
        "caption_between": "Between {start} and {end}",
        "caption_gained": "{name} gained {area}",
        "caption_lost": "{name} lost {area}",
        "caption_steady": "no faction gained or lost more than 100 km²",
        "alt": "Map of Syria on {date}, coloured by who held each area: {parts}.",
        "alt_focus": "Map of the area around {place} on {date}, coloured by who held it: {parts}.",
        "caption_label": "Caption",
        "alt_label": "Alt text",
        "big_gif": (
            "note: {out} is {size} MB; an .mp4 of the same series is far smaller "
            "(--out {mp4}), or use --preset article"
        ),
    },
    "ar": {
        "title": "مناطق السيطرة في سوريا",
        "compare": "مع إبراز التغييرات منذ {date}",
        "legend": "المساحة المسيطر عليها في سوريا، {date}",
        "front": "خط الجبهة",
        "km": "كم",
        "km2": "كم²",
        "event": "حدث: {kind}",
        "changed_since": "تغيّرت السيطرة منذ {date}",
        "note": "المناطق تقديرية مستمدة من السيطرة على البلدات",
        "data": "إصدار البيانات {digest}؛ الأحداث من {first} إلى {last}",
        "credits": "المصادر",
        "stale": "لا معلومات بعد {date}",
        "inferred": "الأفتح: مستنتج من أقرب موقع",
        "zone_of": "منطقة {place}",
        "zone_inferred": "{place} (مستنتج: على بعد {km} كم منها)",
        "since": "منذ {date}",
        "changed_area": "تغيّرت السيطرة عليها منذ {date} (مظللة)",
        "changed_places": "بلدات تغيّرت السيطرة عليها",
        "presence": "الوجود الأجنبي: {country}",
        "area_axis": "المساحة المسيطر عليها (كم²)",
        "population_axis": "السكان في المناطق",
        "population_note": (
            "السكان: عدد السكان المسجل لمواقع المعجم الجغرافي داخل مناطق كل فصيل في ذلك التاريخ "
            "(وليس تقديراً لمن يعيش فيها حينها)."
        ),
        "area_note": "المساحة: كم² من سوريا داخل مناطق كل فصيل في ذلك التاريخ.",
        "caption_held": "في {date} سيطر {first} على {share} من سوريا",
        "caption_next": "{name} {share}",
        "caption_derived": "(مناطق مستمدة من {events} حدثاً مؤرخاً؛ تقديرية)",
        "caption_between": "بين {start} و{end}",
        "caption_gained": "كسب {name} {area}",
        "caption_lost": "خسر {name} {area}",
        "caption_steady": "لم يكسب أي فصيل أو يخسر أكثر من 100 كم²",
        "alt": "خريطة سوريا في {date}، ملوّنة بحسب من سيطر على كل منطقة: {parts}.",
        "alt_focus": (
            "خريطة المنطقة المحيطة بـ{place} في {date}، ملوّنة بحسب من سيطر عليها: {parts}."
        ),
        "caption_label": "التعليق",
        "alt_label": "النص البديل",
        "big_gif": (
            "ملاحظة: حجم {out} هو {size} ميغابايت؛ ملف ‎.mp4‎ للسلسلة نفسها أصغر بكثير "
            "(‎--out {mp4}‎)، أو استخدم ‎--preset article‎"
        ),
    },
}

# Each event type's name (core.schema.EVENT_TYPES), for the map's legend and the event list.
_EVENT_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "control_change": "control change",
        "battle": "battle",
        "airstrike": "airstrike",
        "agreement": "agreement",
        "talks": "talks",
        "announcement": "announcement",
        "presence": "presence",
        "other": "other",
    },
    "ar": {
        "control_change": "تغيّر السيطرة",
        "battle": "معركة",
        "airstrike": "غارة جوية",
        "agreement": "اتفاق",
        "talks": "محادثات",
        "announcement": "إعلان",
        "presence": "وجود عسكري",
        "other": "أخرى",
    },
}

MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# Levantine month names, as used in Syria.
MONTHS_AR = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)


def isolate_ltr(value: object) -> str:
    """Latin text or numbers kept left-to-right inside Arabic (Unicode isolates)."""
    return f"\u2066{value}\u2069"


def embed_rtl(line: str) -> str:
    """A line laid out right-to-left whatever the page's direction (Unicode embedding)."""
    return f"\u202b{line}\u202c"


def text(key: str, lang: str = "en", **values: object) -> str:
    """One phrase in `lang` ("en" or "ar"), with its {placeholders} filled in."""
    if lang == "ar":
        values = {k: v if _ARABIC.search(str(v)) else isolate_ltr(v) for k, v in values.items()}
    return _TEXT.get(lang, _TEXT["en"])[key].format(**values)


def event_name(kind: str, lang: str = "en") -> str:
    """An event type's name: 'control change' (or its Arabic)."""
    names = _EVENT_NAMES.get(lang, _EVENT_NAMES["en"])
    return names.get(kind, kind.replace("_", " "))


def format_date(date: object, lang: str = "en") -> str:
    """'1 June 2017' (or its Arabic form)."""
    stamp = pd.Timestamp(date)
    months = MONTHS_AR if lang == "ar" else MONTHS_EN
    return f"{stamp.day} {months[stamp.month - 1]} {stamp.year}"


def format_area(area_km2: float, share: float, lang: str = "en") -> str:
    """'62,300 km² (34%)': areas rounded to 100 km², shares to whole percent."""
    rounded = round(area_km2, -2) if area_km2 >= 1000 else round(area_km2)
    percent = f"{share:.0%}" if share >= 0.005 or share == 0 else "<1%"
    return f"{rounded:,.0f} {text('km2', lang)} ({percent})"
