"""Hover text from the data is text: <, > and & are escaped, so an event's description or actor
cannot bold, link or script anything on the map (plotly reads hover text as HTML)."""

from __future__ import annotations

import pandas as pd
import pytest
from support import source, table_from_csv, two_towns_gazetteer

from dashboard.core.view import MapView
from dashboard.figures import map as figures
from dashboard.figures import traces
from dashboard.figures.frames import date_frame, frame_rows
from dashboard.figures.wording import plain

HOSTILE = "<b>bold</b> <a href='https://evil.example'>click</a> & <!--<script>"


@pytest.fixture(scope="module")
def hostile():
    from dashboard.io.dataset import Dataset, model_for

    gazetteer = two_towns_gazetteer()
    events = (
        f"a1,2016-01-01,Alpha,,,control_change,x,government,start,{source()}\n"
        f'b1,2017-10-25,Beta,,,battle,x,,"{HOSTILE}",{source()}\n'
        f'p1,2016-02-01,Gamma,,,presence,"<i>US</i> & co",,a base,{source()}\n'
    )
    table = table_from_csv(events, gazetteer)
    return Dataset(gazetteer, table, model_for(table, gazetteer, 40.0))


def test_plain_escapes_markup_characters():
    assert plain("<b>a</b> & b") == "&lt;b&gt;a&lt;/b&gt; &amp; b"


def test_event_hover_escapes_the_description(hostile):
    updates = figures.date_updates(hostile, MapView(date=pd.Timestamp("2017-11-01")))
    battle = traces.TRACE_EVENTS + traces.EVENT_TYPES_SHOWN.index("battle")
    (hover,) = updates[battle]["hovertext"]
    assert "<" not in hover and ">" not in hover
    assert "&lt;b&gt;bold&lt;/b&gt;" in hover and "&amp;" in hover


def test_presence_hover_escapes_the_actor(hostile):
    updates = figures.date_updates(hostile, MapView(date=pd.Timestamp("2017-11-01")))
    (hover,) = updates[traces.TRACE_PRESENCE]["hovertext"]
    assert hover.startswith("&lt;i&gt;US&lt;/i&gt; &amp; co: ")


def test_the_event_list_keeps_the_raw_text(hostile):
    """The list renders text nodes (escaped by the browser), so it gets the text as written."""
    rows = frame_rows(date_frame(hostile, MapView(date=pd.Timestamp("2017-11-01"))))
    assert HOSTILE in [row["description"] for row in rows.values()]


def test_an_arabic_frame_gives_the_date_type_and_since_of_each_hover_in_arabic(hostile):
    rows = frame_rows(date_frame(hostile, MapView(date=pd.Timestamp("2017-11-01"), lang="ar")))
    battle = next(row for row in rows.values() if row["kind"] == "battle")
    assert battle["title"] == "25 تشرين الأول 2017 · معركة"
    presence = next(row for row in rows.values() if row["kind"] == "presence")
    assert "منذ 1 شباط 2016" in presence["hover"]
    english = frame_rows(date_frame(hostile, MapView(date=pd.Timestamp("2017-11-01"))))
    assert (
        next(r for r in english.values() if r["kind"] == "battle")["title"]
        == "25 Oct 2017 · battle"
    )


def test_hovering_a_zone_says_whose_zone_it_is_in_the_maps_language(hostile):
    day = pd.Timestamp("2017-11-01")
    shown = {
        lang: figures.map_figure_dict(hostile, MapView(date=day, lang=lang))["data"][
            traces.TRACE_ZONES
        ]["text"]
        for lang in ("en", "ar")
    }
    assert shown["en"][:2] == ["zone of Alpha", "Alpha (inferred: 139 km from it)"]
    assert shown["ar"][:2] == ["منطقة ألفا", "ألفا (مستنتج: على بعد \u2066139\u2069 كم منها)"]
    assert len(shown["ar"]) == len(shown["en"])
    assert not [text for text in shown["ar"] if "zone of" in text or "inferred" in text]
