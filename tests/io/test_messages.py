"""Messages about input files are said once per language, from one table, with the same values."""

from __future__ import annotations

import re
import string

import pandas as pd
import pytest

from dashboard.core.schema import (
    COLUMNS,
    CONFIDENCE_LEVELS,
    DATE_PRECISIONS,
    EVENT_TYPES,
    FACTION_CODES,
    SOURCE_DATE_KINDS,
)
from dashboard.errors import DataFileError
from dashboard.export.errors import ExportError
from dashboard.io.events import check_file
from dashboard.io.geography import load_gazetteer
from dashboard.io.messages import MESSAGES, Said, data_error, problem_text, say
from dashboard.io.validate import validate_table

# The words an Arabic message keeps in Latin letters: column names and the codes a file writes,
# formats and encodings.
KEPT = {*COLUMNS, *EVENT_TYPES, *FACTION_CODES, *CONFIDENCE_LEVELS, *DATE_PRECISIONS}
KEPT |= {*SOURCE_DATE_KINDS, "WKT", "CSV", "UTF-8", "UTF-16", "BOM", "CRLF"}
KEPT |= {"Windows", "Windows-1256", "Excel", "GeoPackage", "ACLED", "UCDP", "syria-map", "import"}
KEPT |= {"upload_quota_mb", "Chromium", "layer", "NAME"}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# Values only the English says: the operating system's own (English) reason.
ENGLISH_ONLY = {"os_error": {"reason"}}


def test_every_message_is_in_both_languages_with_the_same_values():
    assert MESSAGES["en"].keys() == MESSAGES["ar"].keys()
    for key, english in MESSAGES["en"].items():
        expected = _fields(english) - ENGLISH_ONLY.get(key, set())
        assert _fields(MESSAGES["ar"][key]) == expected, key


def _latin(text: str, values: set[str]) -> set[str]:
    """The Latin words of a message that are neither kept words nor the file's own values."""
    for value in sorted({v for v in values if v} | {"http(s)"}, key=len, reverse=True):
        text = text.replace(value, " ")
    return set(re.findall(r"[A-Za-z][\w.-]*", text)) - KEPT


BROKEN = [
    # event_id, date, event_type, place, lat, lon, controller_after, source_title, source_date
    ("e1", "2019-13-45", "control_change", "Raqqa", "", "", "sdf", "Report", "2019-01-01"),
    ("e1", "2019-02-01", "battel", "Raqa", "", "", "", "Report", "2019-02-02"),
    ("e3", "2019-03-01", "control_change", "", "38.5", "", "", "", ""),
    ("e4", "2019-03-01", "control_change", "", "39.0", "35.9", "sdf", "Report", "2019-02-01"),
    ("e5", "2019-03-01", "control_change", "", "95", "400", "hts", "Report", "2019-03-02"),
    ("e6", "1900-03-01", "control_change", "", "abc", "inf", "government", "Report", "2019-03-02"),
    ("", "2030-01-01", "", "", "", "", "sna", "Report", "2031-01-01"),
    ("e8", "2010-01-01", "control_change", "Raqqa", "", "", "transitional", "Report", "2010"),
]  # fmt: skip


def test_each_problem_of_a_broken_table_is_said_in_arabic_as_in_english():
    names = [
        "event_id", "date", "event_type", "place", "lat", "lon", "controller_after",
        "source_title", "source_date",
    ]  # fmt: skip
    raw = pd.DataFrame(BROKEN, columns=names, dtype=str)
    raw["source_url"] = ["ftp://x", *[""] * (len(BROKEN) - 1)]
    result = validate_table(raw, load_gazetteer(), "broken.csv")
    keys = {p.key for p in result.problems}
    assert len(keys) >= 15, sorted(keys)
    values = {cell for row in BROKEN for cell in row} | {"ftp://x", "Raqqa"}
    for problem in result.problems:
        assert problem.key, problem
        assert problem_text(problem, "en") == problem.message
        arabic = problem_text(problem, "ar")
        assert re.search("[\u0600-\u06ff]", arabic), arabic
        assert _latin(arabic, values) == set(), (problem.key, arabic)


def test_a_hint_and_a_faction_are_put_into_each_languages_words():
    problem = data_error("f.csv", "unknown_place", place="Raqa", suggestions=("Raqqa",), quote=True)
    assert problem.message == "unknown place 'Raqa'; did you mean 'Raqqa'?"
    assert (
        say("unknown_place", "ar", **dict(problem.values))
        == "مكان غير معروف «Raqa»؛ هل تقصد Raqqa؟"
    )
    english = say("faction_period", code="transitional", date="2010-01-01")
    arabic = say("faction_period", "ar", code="transitional", date="2010-01-01")
    assert "from 2024-12-08" in english and "منذ 2024-12-08" in arabic


def test_a_file_that_cannot_be_read_keeps_its_message_for_other_languages(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    (problem,) = check_file(path, load_gazetteer()).problems
    assert problem.message == "this is a binary file, not a text (CSV) table"
    assert problem_text(problem, "ar") == "هذا ملف ثنائي، لا جدول نصي (CSV)"
    with pytest.raises(DataFileError) as caught:
        raise data_error(path, "field_count", row=3, got=5, want=4)
    assert str(caught.value).endswith(":3: error: row has 5 fields but the header has 4")


def test_a_readers_note_is_a_warning_in_the_pages_language(tmp_path):
    path = tmp_path / "semicolons.csv"
    path.write_text("event_id;date;event_type;place;source_title;source_date\n"
                    "a;2019-01-01;clashes;Raqqa;T;2019-01-02\n")  # fmt: skip
    (note,) = [p for p in check_file(path, load_gazetteer()).problems if p.key == "note_delimiter"]
    assert note.severity == "warning"
    assert note.message == "columns are separated by ';', not commas; read them as such"
    assert problem_text(note, "ar") == "الأعمدة مفصولة بـ«;» لا بفواصل؛ وقد قُرئت كذلك"


def test_an_export_error_made_from_a_message_keeps_it():
    error = ExportError(Said("renderer_slow", (("seconds", 60),)))
    assert str(error) == "Chromium did not start within 60 s"
    assert error.said.text("ar") == "لم يبدأ متصفح Chromium خلال 60 ثانية"
    assert ExportError("plain").said is None
