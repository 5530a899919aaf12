"""Every word of the dashboard's interface, in English and Arabic, in one place.

The page is built in English (page.py, panels.py); the language radio swaps each marked
element's words from this table in the browser (assets/dashboard.js reads it as
window.syriaText), and sets the page's direction (right-to-left for Arabic).
"""

from __future__ import annotations

import pandas as pd

from dashboard.figures.wording import format_date

__all__ = ["PLOTLY_WORDS_AR", "UI", "short_date", "ui"]

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
        "find_place": "Find a place",
        "date_placeholder": "YYYY-MM-DD",
        "time": "Time",
        "step_day": "1 day",
        "step_week": "1 week",
        "step_month": "1 month",
        "per_second": "{rate}/s",
        "fastest": "max",
        "compare_date": "Compare date",
        "download_format": "Download format",
        "format_png": "PNG",
        "format_svg": "SVG",
        "format_pdf": "PDF",
        "area_title": "{unit}, of which inferred",
        "localities_title": "localities",
        "layer_title": "data layer",
        "summary": "{start} → {end}: {parts}",
        "changed_hands_one": "1 locality changed hands",
        "changed_hands": "{count} localities changed hands",
        "list_sep": ", ",
        "decided_by": "Decided by: ",
        "source": "Source: ",
        "a_source": "source",
        "undecided": "No event decides this area: {no_data}.",
        "inferred_from": "Inferred from {place}, {km} km away.",
        "timeline": "Control timeline",
        "not_a_date": "{text!r} is not a date; type YYYY-MM-DD.",
        "outside": "{date} is outside the data; showing {shown}.",
        "compare_not_a_date": "Compare date {text!r} is not a date; type YYYY-MM-DD.",
        "compare_outside": "Compare date {date} is outside the data; comparing with {shown}.",
        "no_place": "No place called {text!r}{hint}",
        "the_date": "date",
        "the_compare_date": "compare date",
        "link_not_a_date": "The {what} {text!r} in the link is not a date (YYYY-MM-DD); ignored.",
        "link_outside": (
            "The {what} {date} in the link is outside the data ({start} – {end}); "
            "showing {shown} instead."
        ),
        "link_place": "Unknown place {text!r} in the link, ignored{hint}",
        "link_view": (
            "The map view {text!r} in the link is not west,south,east,north in degrees; ignored."
        ),
        "data_layers": "Data layers",
        "layer_col": "Layer",
        "events_col": "Events",
        "changes_col": "Control changes",
        "localities_col": "Localities",
        "dates_col": "Dates",
        "upload_add": "Add your own file…",
        "upload_drop": " or drop it here",
        "upload_hint": (
            "Our schema, ACLED or UCDP GED; CSV, GeoJSON, GeoPackage or GeoParquet, up to "
            "{limit} MB. It is added for you only, in this tab."
        ),
        "upload_remove": "Remove uploaded data",
        "upload_checking": "Checking {name}…",
        "upload_too_large": (
            "{name} is {size} MB; the limit is {limit} MB (max_upload_mb). Nothing was loaded."
        ),
        "upload_unreadable": "{name} could not be read as an uploaded file.",
        "upload_unknown_type": "{name}: unknown file type; give one of {known}.",
        "upload_not_kept": "{name} could not be kept: {reason}. Nothing was loaded.",
        "upload_not_stored": "{name} could not be stored ({reason}). Nothing was loaded.",
        "upload_not_checked": "{name} could not be checked ({reason}). Nothing was loaded.",
        "upload_not_loaded": "{name} was not loaded: {errors} error(s).",
        "upload_loaded": "{name}: {rows} events loaded as a layer of your own.",
        "upload_removed": "Uploaded data removed; showing the server's data.",
        "upload_gone": "{name} is no longer on the server; showing the server's data.",
        "problems": "{errors} error(s), {warnings} warning(s) in {file}:",
        "problems_more": "… and {more} more.",
        "row": "row {row}",
        "error": "error",
        "warning": "warning",
        "download_failed": "The map could not be downloaded: {reason}.",
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
        "find_place": "ابحث عن مكان",
        "date_placeholder": "سنة-شهر-يوم",
        "time": "الزمن",
        "step_day": "يوم",
        "step_week": "أسبوع",
        "step_month": "شهر",
        "per_second": "{rate}/ث",
        "fastest": "الأسرع",
        "compare_date": "تاريخ المقارنة",
        "download_format": "صيغة التنزيل",
        "format_png": "صورة PNG",
        "format_svg": "رسم SVG",
        "format_pdf": "مستند PDF",
        "area_title": "{unit}، منها المستنتج",
        "localities_title": "البلدات",
        "layer_title": "طبقة البيانات",
        "summary": "{start} ← {end}: {parts}",
        "changed_hands_one": "بلدة واحدة تغيّرت السيطرة عليها",
        "changed_hands": "{count} بلدة تغيّرت السيطرة عليها",
        "list_sep": "، ",
        "decided_by": "حسمه: ",
        "source": "المصدر: ",
        "a_source": "مصدر",
        "undecided": "لا حدث يحسم هذه المنطقة: {no_data}.",
        "inferred_from": "مستنتج من {place}، على بعد {km} كم.",
        "timeline": "تسلسل السيطرة",
        "not_a_date": "«{text}» ليس تاريخاً؛ اكتب التاريخ بالشكل سنة-شهر-يوم.",
        "outside": "{date} خارج نطاق البيانات؛ يُعرض {shown}.",
        "compare_not_a_date": "تاريخ المقارنة «{text}» ليس تاريخاً؛ اكتبه بالشكل سنة-شهر-يوم.",
        "compare_outside": "تاريخ المقارنة {date} خارج نطاق البيانات؛ تجري المقارنة مع {shown}.",
        "no_place": "لا مكان باسم «{text}»{hint}",
        "the_date": "التاريخ",
        "the_compare_date": "تاريخ المقارنة",
        "link_not_a_date": "{what} «{text}» في الرابط ليس تاريخاً (سنة-شهر-يوم)؛ تم تجاهله.",
        "link_outside": (
            "{what} {date} في الرابط خارج نطاق البيانات ({start} – {end})؛ يُعرض {shown} بدلاً منه."
        ),
        "link_place": "المكان «{text}» في الرابط غير معروف، تم تجاهله{hint}",
        "link_view": (
            "عرض الخريطة «{text}» في الرابط ليس غرباً,جنوباً,شرقاً,شمالاً بالدرجات؛ تم تجاهله."
        ),
        "data_layers": "طبقات البيانات",
        "layer_col": "الطبقة",
        "events_col": "الأحداث",
        "changes_col": "تغيّرات السيطرة",
        "localities_col": "البلدات",
        "dates_col": "التواريخ",
        "upload_add": "أضف ملفاً خاصاً بك…",
        "upload_drop": " أو أفلته هنا",
        "upload_hint": (
            "بصيغتنا أو ACLED أو UCDP GED؛ ملف CSV أو GeoJSON أو GeoPackage أو GeoParquet، "
            "حتى {limit} ميغابايت. يُضاف لك وحدك، في هذه النافذة."
        ),
        "upload_remove": "إزالة البيانات المرفوعة",
        "upload_checking": "جارٍ فحص {name}…",
        "upload_too_large": (
            "حجم {name} هو {size} ميغابايت، والحد {limit} ميغابايت (max_upload_mb). لم يُحمَّل شيء."
        ),
        "upload_unreadable": "تعذّرت قراءة {name} كملف مرفوع.",
        "upload_unknown_type": "{name}: نوع ملف غير معروف؛ استخدم أحد الأنواع {known}.",
        "upload_not_kept": "تعذّر الاحتفاظ بـ{name}: {reason}. لم يُحمَّل شيء.",
        "upload_not_stored": "تعذّر حفظ {name} ({reason}). لم يُحمَّل شيء.",
        "upload_not_checked": "تعذّر فحص {name} ({reason}). لم يُحمَّل شيء.",
        "upload_not_loaded": "لم يُحمَّل {name}: {errors} خطأ.",
        "upload_loaded": "{name}: حُمّل {rows} حدثاً كطبقة خاصة بك.",
        "upload_removed": "أُزيلت البيانات المرفوعة؛ تُعرض بيانات الخادم.",
        "upload_gone": "لم يعد {name} على الخادم؛ تُعرض بيانات الخادم.",
        "problems": "{errors} خطأ و{warnings} تحذير في {file}:",
        "problems_more": "… و{more} أخرى.",
        "row": "السطر {row}",
        "error": "خطأ",
        "warning": "تحذير",
        "download_failed": "تعذّر تنزيل الخريطة: {reason}.",
    },
}


# plotly's own words on the map (its toolbar, its hints), for its "ar" locale.
PLOTLY_WORDS_AR: dict[str, str] = {
    "Zoom in": "تكبير",
    "Zoom out": "تصغير",
    "Zoom": "تكبير منطقة",
    "Pan": "تحريك الخريطة",
    "Reset": "إعادة الضبط",
    "Reset view": "إعادة العرض",
    "Reset views": "إعادة العرض",
    "Reset axes": "إعادة المحاور",
    "Autoscale": "ملاءمة تلقائية",
    "Box Select": "تحديد بمستطيل",
    "Lasso Select": "تحديد حر",
    "Download plot as a PNG": "تنزيل الخريطة صورةً",
    "Download plot": "تنزيل الخريطة",
    "Toggle Spike Lines": "خطوط الإسقاط",
    "Show closest data on hover": "أقرب بيانات عند المرور",
    "Compare data on hover": "مقارنة البيانات عند المرور",
    "Double-click on legend to isolate one trace": "انقر مرتين على عنصر في المفتاح لعزله",
    "Double-click to zoom back out": "انقر مرتين للعودة",
}


def ui(key: str, lang: str = "en", **values: object) -> str:
    """One interface phrase in `lang` ("en" or "ar"), with its {placeholders} filled in."""
    return UI.get(lang, UI["en"])[key].format(**values)


def short_date(date: object, lang: str = "en") -> str:
    """A date in a notice or a summary: '1 Jun 2017' (in Arabic the month's full name)."""
    stamp = pd.Timestamp(date)
    return format_date(stamp, "ar") if lang == "ar" else f"{stamp:%-d %b %Y}"
