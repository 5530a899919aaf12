"""Every word of the dashboard's interface, in English and Arabic, in one place.

The page is built in English (page.py, panels.py); the language radio swaps each marked
element's words from this table in the browser (assets/dashboard.js reads it as
window.syriaText), and sets the page's direction (right-to-left for Arabic).
"""

from __future__ import annotations

__all__ = ["UI", "ui"]

UI: dict[str, dict[str, str]] = {
    "en": {
        "title": "Syria: who controlled what, and when",
        "search_placeholder": "Find a place (any spelling)",
        "go": "Go",
        "reset": "Reset view",
        "prev": "◀ Prev. change",
        "next": "Next change ▶",
        "play": "▶ Play",
        "pause": "❚❚ Pause",
        "step": "Step",
        "speed": "Speed",
        "go_to_date": "Go to date",
        "compare_with": "Compare with",
        "download": "Download map",
        "layers": "Layers",
        "why": "Why this colour?",
        "why_hint": "Click a place or a zone to see who held it and why.",
        "events": "Events around this date",
        "trend": "Held by each faction",
        "area": "Area",
        "population": "Population",
        "trend_hint": "Click the chart to go to a date.",
        "embed": "Embed",
        "embed_hint": "Copy this into a web page to show the map as it is now:",
        "footer_more": "More",
        "faction": "Faction",
        "localities_short": "Loc.",
        "inferred": "inferred",
        "no_events": "No events in the {days} days up to this date.",
        "events_count": "{shown} of {total} events in the {days} days up to this date",
        "show_more": "Show {count} more",
        "after": "After this date (not on the map)",
        "localities": "{count} localities behind the zones",
        "data": "Data: {start} – {end}",
        "credits": "Credits: {credits}",
    },
    "ar": {
        "title": "سوريا: من سيطر على ماذا، ومتى",
        "search_placeholder": "ابحث عن مكان (بأي تهجئة)",
        "go": "اذهب",
        "reset": "إعادة العرض",
        "prev": "التغيير السابق ▶",
        "next": "◀ التغيير التالي",
        "play": "▶ تشغيل",
        "pause": "❚❚ إيقاف مؤقت",
        "step": "الخطوة",
        "speed": "السرعة",
        "go_to_date": "اذهب إلى تاريخ",
        "compare_with": "قارن مع",
        "download": "تنزيل الخريطة",
        "layers": "الطبقات",
        "why": "لماذا هذا اللون؟",
        "why_hint": "انقر على مكان أو منطقة لمعرفة من سيطر عليها ولماذا.",
        "events": "الأحداث حول هذا التاريخ",
        "trend": "ما يسيطر عليه كل فصيل",
        "area": "المساحة",
        "population": "السكان",
        "trend_hint": "انقر على الرسم للانتقال إلى تاريخ.",
        "embed": "تضمين",
        "embed_hint": "انسخ هذا في صفحة ويب لعرض الخريطة كما هي الآن:",
        "footer_more": "المزيد",
        "faction": "الفصيل",
        "localities_short": "بلدات",
        "inferred": "مستنتج",
        "no_events": "لا أحداث في الأيام الـ{days} حتى هذا التاريخ.",
        "events_count": "{shown} من {total} حدثاً في الأيام الـ{days} حتى هذا التاريخ",
        "show_more": "عرض {count} أخرى",
        "after": "بعد هذا التاريخ (ليست على الخريطة)",
        "localities": "{count} بلدة وراء المناطق",
        "data": "البيانات: {start} – {end}",
        "credits": "المصادر: {credits}",
    },
}


def ui(key: str, lang: str = "en", **values: object) -> str:
    """One interface phrase in `lang` ("en" or "ar"), with its {placeholders} filled in."""
    return UI.get(lang, UI["en"])[key].format(**values)
