"""Every message about an input file or a written one, in English and Arabic, in one place.

A message is a key and its values. The validator, the readers and the importers keep both in
the Problem (or DataFileError) they make, with the English text as its `message`, so the CLI
prints English and the dashboard can say the same thing in the page's language
(`problem_text`). Values are what the file holds (a quoted cell, a column name, a number);
a few are turned into words per language: `suggestions` (or `suggestions_ar`, their Arabic
names) into a "did you mean" hint, a faction `code` into its name and the period it may hold
ground.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.core.factions import Faction, faction
from dashboard.core.names import did_you_mean
from dashboard.errors import DataFileError, Problem

__all__ = ["MESSAGES", "Said", "data_error", "period_text", "problem_text", "say"]

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        # the table's columns
        "column_missing": "required column {name!r} is missing",
        "column_missing_close": "required column {name!r} is missing (is {close!r} meant to be "
        "{name!r}?)",
        "column_missing_delimiter": "required column {name!r} is missing (only one column was "
        "found: is the delimiter right?)",
        "no_location_column": "no location column: give place, or lat and lon, or a geometry",
        "no_rows": "the table has a header but no rows",
        # cells
        "empty_value": "empty {name}",
        "duplicate_id": "duplicate event_id {value!r} (first on row {first})",
        "date_unreadable": "cannot read {text!r} as a date; write YYYY-MM-DD",
        "date_years": "{text!r} is outside the supported years {first}-{last}",
        "date_not_real": "{text!r} is not a real date",
        "in_future": "{text} is in the future",
        "unknown_value": "unknown value {value!r} (allowed: {allowed}){hint}",
        "precision_finer": "says {given!r} but the date is only {text!r}",
        "controller_needed": "a control_change needs controller_after",
        "faction_period": "{code!r} ({faction_name}) holds ground only {period}, not on {date}",
        "period_between": "{start} to {end}",
        "period_from": "from {start}",
        "period_until": "until {end}",
        "wkt_unreadable": "cannot read {text!r} as a WKT geometry",
        "geometry_not_finite": "the geometry has NaN or infinite coordinates",
        "not_a_number": "cannot read {text!r} as a number",
        "not_finite": "{text!r} is not a finite number",
        "unknown_place": "unknown place {place!r}{hint}",
        "lat_lon_both": "give both lat and lon, or neither",
        "no_location": "no location: give place, or lat and lon, or a geometry",
        "not_on_earth": "lat {lat} / lon {lon} is not a position on Earth",
        "lat_lon_swapped": "lat {lat} and lon {lon} look swapped (Syria is near lat 35, lon 38)",
        "outside_map": "lat {lat}, lon {lon} is outside the map of Syria",
        "no_source": "row has no source: give source_title (and publisher, date, URL)",
        "no_publisher": "source has no publisher",
        "no_source_date": "source has no date",
        "not_a_url": "{url!r} is not an http(s) URL",
        "source_before_event": "the source ({source_date}) is dated before the event ({date}); "
        "only an announcement or agreement may be",
        # reading the file
        "unknown_extension": "unknown file extension {suffix!r} (known: {known})",
        "unknown_format": "unknown format {fmt!r} (known: {known})",
        "no_such_file": "no such file",
        "is_folder": "is a folder, not a file",
        "empty_file": "the file is empty",
        "broken_utf16": "broken UTF-16 text; save the file as UTF-8 CSV",
        "binary_file": "this is a binary file, not a text (CSV) table",
        "not_utf8": "not UTF-8 text (byte {byte}); save the file as UTF-8",
        "no_header": "the file has no header and no rows",
        "field_count": "row has {got} fields but the header has {want}",
        "malformed_csv": "malformed CSV: {detail}",
        "cannot_read_as": "cannot read as {fmt}: {detail}",
        "no_layer": "no layer {layer!r} in the GeoPackage (its layers: {layers})",
        "not_layout": "not in the {kind} layout: no column {columns}",
        # notes the readers make (warnings)
        "note_utf16": "the file is UTF-16 text (as Excel saves 'Unicode text'); it was read as "
        "such",
        "note_bom": "the file starts with a UTF-8 byte-order mark (BOM); it was ignored",
        "note_cp1256": "the file is Windows-1256 (Arabic) text, not UTF-8; it was read as such",
        "note_crlf": "Windows line endings (CRLF) were read as plain line endings",
        "note_delimiter": "columns are separated by {delimiter!r}, not commas; read them as such",
        "note_layers": "the GeoPackage has {count} layers ({layers}); all were read, one after "
        "another (--layer NAME reads one)",
        "note_rejected": "the {kind} importer rejected {rejected} of {rows} rows (first: "
        "{first}); `syria-map import` writes them all to a rejects file",
        "note_unmapped": "territory rows with unmapped actors: {count}, imported as 'other' "
        "with no controller (first: {first}); `syria-map import` lists them all in its report",
        "note_row": "row {row}: {text}",
        "note_actor": "row {row}: {actor!r} on {date}",
        # keeping an upload
        "disk_full": "the server's disk is full",
        "over_quota": "the server keeps at most {quota} MB of uploads (upload_quota_mb)",
        "os_error": "{reason} ({code})",
        # making a map
        "chromium_missing": "exporting needs Chromium, which was not found: {hint}",
        "renderer_slow": "Chromium did not start within {seconds} s",
        "renderer_broken": "Chromium failed to start: {reason}",
        "renderer_failed": "the renderer failed: {reason}",
        "unreadable_output": "the {fmt} written is unreadable ({detail})",
    },
    "ar": {
        "column_missing": "العمود المطلوب «{name}» غير موجود",
        "column_missing_close": "العمود المطلوب «{name}» غير موجود (هل المقصود بـ«{close}» "
        "العمود «{name}»؟)",
        "column_missing_delimiter": "العمود المطلوب «{name}» غير موجود (وُجد عمود واحد فقط: "
        "هل الفاصل بين الأعمدة صحيح؟)",
        "no_location_column": "لا عمود للموقع: أعطِ المكان place، أو خطّي العرض والطول lat "
        "وlon، أو شكلاً هندسياً geometry",
        "no_rows": "للجدول سطر عناوين ولكن لا صفوف فيه",
        "empty_value": "الخانة {name} فارغة",
        "duplicate_id": "المعرّف event_id «{value}» مكرر (ورد أولاً في السطر {first})",
        "date_unreadable": "تعذّرت قراءة «{text}» كتاريخ؛ اكتبه بالشكل سنة-شهر-يوم",
        "date_years": "«{text}» خارج السنوات المدعومة {first}–{last}",
        "date_not_real": "«{text}» ليس تاريخاً حقيقياً",
        "in_future": "{text} تاريخ في المستقبل",
        "unknown_value": "قيمة غير معروفة «{value}» (المسموح: {allowed}){hint}",
        "precision_finer": "الدقة «{given}» أدق من التاريخ «{text}»",
        "controller_needed": "تغيّر السيطرة control_change يحتاج إلى المسيطر بعده controller_after",
        "faction_period": "«{code}» ({faction_name}) لا يسيطر على أرض إلا {period}، لا في {date}",
        "period_between": "من {start} إلى {end}",
        "period_from": "منذ {start}",
        "period_until": "حتى {end}",
        "wkt_unreadable": "تعذّرت قراءة «{text}» كشكل هندسي بصيغة WKT",
        "geometry_not_finite": "في الشكل الهندسي إحداثيات غير محدودة أو غير رقمية",
        "not_a_number": "تعذّرت قراءة «{text}» كرقم",
        "not_finite": "«{text}» ليس رقماً محدوداً",
        "unknown_place": "مكان غير معروف «{place}»{hint}",
        "lat_lon_both": "أعطِ خطّي العرض والطول lat وlon معاً، أو لا تعطِ أياً منهما",
        "no_location": "لا موقع: أعطِ المكان place، أو خطّي العرض والطول lat وlon، أو شكلاً "
        "هندسياً geometry",
        "not_on_earth": "خط العرض {lat} وخط الطول {lon} ليسا موقعاً على الأرض",
        "lat_lon_swapped": "يبدو أن خط العرض {lat} وخط الطول {lon} مقلوبان (سوريا قرب خط العرض "
        "35 وخط الطول 38)",
        "outside_map": "خط العرض {lat} وخط الطول {lon} خارج خريطة سوريا",
        "no_source": "لا مصدر لهذا السطر: أعطِ عنوان المصدر source_title (والناشر والتاريخ والرابط)",
        "no_publisher": "لا ناشر للمصدر",
        "no_source_date": "لا تاريخ للمصدر",
        "not_a_url": "«{url}» ليس رابط http(s)",
        "source_before_event": "تاريخ المصدر ({source_date}) يسبق الحدث ({date})؛ ولا يجوز ذلك "
        "إلا لإعلان أو اتفاق",
        "unknown_extension": "امتداد ملف غير معروف «{suffix}» (المعروف: {known})",
        "unknown_format": "صيغة غير معروفة «{fmt}» (المعروف: {known})",
        "no_such_file": "لا يوجد ملف بهذا الاسم",
        "is_folder": "هذا مجلد، لا ملف",
        "empty_file": "الملف فارغ",
        "broken_utf16": "نص UTF-16 تالف؛ احفظ الملف كملف CSV بترميز UTF-8",
        "binary_file": "هذا ملف ثنائي، لا جدول نصي (CSV)",
        "not_utf8": "ليس نصاً بترميز UTF-8 (البايت {byte})؛ احفظ الملف بترميز UTF-8",
        "no_header": "لا سطر عناوين ولا صفوف في الملف",
        "field_count": "في السطر {got} خانة وفي سطر العناوين {want}",
        "malformed_csv": "ملف CSV غير سليم: {detail}",
        "cannot_read_as": "تعذّرت القراءة بصيغة {fmt}: {detail}",
        "no_layer": "لا طبقة «{layer}» في ملف GeoPackage (طبقاته: {layers})",
        "not_layout": "ليس بتنسيق {kind}: لا عمود {columns}",
        "note_utf16": "الملف نص UTF-16 (كما يحفظ Excel «النص الموحد»)؛ وقد قُرئ كذلك",
        "note_bom": "يبدأ الملف بعلامة ترتيب البايتات (BOM) لترميز UTF-8؛ وقد أُهملت",
        "note_cp1256": "الملف نص بترميز Windows-1256 (عربي)، لا UTF-8؛ وقد قُرئ كذلك",
        "note_crlf": "قُرئت نهايات الأسطر بنمط Windows (CRLF) كنهايات أسطر عادية",
        "note_delimiter": "الأعمدة مفصولة بـ«{delimiter}» لا بفواصل؛ وقد قُرئت كذلك",
        "note_layers": "في ملف GeoPackage {count} طبقات ({layers})؛ قُرئت كلها واحدة بعد أخرى "
        "(الخيار ‎--layer NAME‎ يقرأ واحدة)",
        "note_rejected": "رفض مستورد {kind} {rejected} من {rows} سطراً (أولها: {first})؛ "
        "والأمر ‎syria-map import‎ يكتبها كلها في ملف للمرفوضات",
        "note_unmapped": "أسطر سيطرة لفاعلين غير معروفين: {count}، استُوردت كـ«أخرى» بلا مسيطر "
        "(أولها: {first})؛ والأمر ‎syria-map import‎ يعددها كلها في تقريره",
        "note_row": "السطر {row}: {text}",
        "note_actor": "السطر {row}: «{actor}» في {date}",
        "disk_full": "قرص الخادم ممتلئ",
        "over_quota": "لا يحتفظ الخادم بأكثر من {quota} ميغابايت من الملفات المرفوعة "
        "(upload_quota_mb)",
        "os_error": "خطأ في نظام الملفات ({code})",
        "chromium_missing": "التصدير يحتاج إلى متصفح Chromium ولم يُعثر عليه: {hint}",
        "renderer_slow": "لم يبدأ متصفح Chromium خلال {seconds} ثانية",
        "renderer_broken": "تعذّر تشغيل متصفح Chromium: {reason}",
        "renderer_failed": "أخفق برنامج الرسم: {reason}",
        "unreadable_output": "ملف {fmt} المكتوب غير مقروء ({detail})",
    },
}


@dataclass(frozen=True)
class Said:
    """A message not yet put into words: its key and values; str() gives the English."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = "en") -> str:
        return say(self.key, lang, **dict(self.values))

    def __str__(self) -> str:
        return self.text()


def say(key: str, lang: str = "en", /, **values: object) -> str:
    """The message `key` in `lang` ("en" or "ar") with its values filled in."""
    words = MESSAGES.get(lang, MESSAGES["en"])
    return words[key].format(**_in_words(values, lang))


def problem_text(problem: Problem, lang: str = "en") -> str:
    """A problem's message in `lang`; one made without a key keeps its own (English) text."""
    return say(problem.key, lang, **dict(problem.values)) if problem.key else problem.message


def data_error(
    path: object, key: str, row: int | None = None, column: str | None = None, **values: object
) -> DataFileError:
    """A DataFileError with the English message of `key`, keeping the key for other languages."""
    message = say(key, **values)
    return DataFileError(path, message, row, column, key=key, values=tuple(values.items()))


def _in_words(values: dict[str, object], lang: str) -> dict[str, object]:
    """The values a template reads, with suggestions, a faction and notes put into words."""
    out = {k: _said(v, lang) for k, v in values.items()}
    if "suggestions" in values:
        names = list(values.get(f"suggestions_{lang}") or values["suggestions"])
        out["hint"] = did_you_mean(names, quote=bool(values.get("quote")), lang=lang)
    if "code" in values and "date" in values:
        group = faction(str(values["code"]))
        out["faction_name"] = group.name_ar if lang == "ar" else group.name
        out["period"] = period_text(group, lang)
    return out


def _said(value: object, lang: str) -> object:
    """A value that is itself a message (or a list of them, joined by '; ') in `lang`."""
    if isinstance(value, Said):
        return value.text(lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Said) for v in value):
        return ("؛ " if lang == "ar" else "; ").join(v.text(lang) for v in value)
    return value


def period_text(group: Faction, lang: str = "en") -> str:
    """When a faction may hold ground: 'from 2024-12-08', 'until …', or '' when always."""
    start, end = group.valid_from, group.valid_to
    if start and end:
        return say("period_between", lang, start=start, end=end)
    if start:
        return say("period_from", lang, start=start)
    return say("period_until", lang, end=end) if end else ""
