"""The wiring of the date callbacks, called as Dash would call them but without a browser.

Each callback is registered on a bare app over the two-town table (days 0 to 663, changes of
control on days 0 and 658 = 2017-10-20) and called through `__wrapped__`, with the trigger set
the way Dash's own docs show for unit-testing callbacks.
"""

from __future__ import annotations

import dash
import pytest
from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict
from support import texts

from dashboard.core.layers import DASHBOARD_LAYERS
from dashboard.settings import Settings
from dashboard.web import ids
from dashboard.web.callbacks.map import register
from dashboard.web.sessions import Sessions


@pytest.fixture(scope="module")
def app(two_towns, tmp_path_factory):
    settings = Settings().with_values(upload_dir=str(tmp_path_factory.mktemp("uploads")))
    app = dash.Dash(__name__)
    register(app, Sessions(two_towns, settings), settings)
    return app


def callback(app, first_input: str):
    """The undecorated function of the callback whose first input is `first_input`."""
    for spec in app.callback_map.values():
        if "callback" in spec and spec["inputs"][0]["id"] == first_input:
            return spec["callback"].__wrapped__
    raise AssertionError(f"no callback starts with {first_input}")


def triggered_by(component: str, prop: str) -> None:
    context_value.set(AttributeDict(triggered_inputs=[{"prop_id": f"{component}.{prop}"}]))


def set_date(app, trigger: str, day: int, text: str = "", trend_click=None):
    prop = {ids.PREV_CHANGE: "n_clicks", ids.NEXT_CHANGE: "n_clicks", ids.TREND: "clickData"}
    triggered_by(trigger, prop.get(trigger, "n_submit"))
    return callback(app, ids.PREV_CHANGE)(1, 1, 1, None, trend_click, day, text, None, "en")


def test_next_change_moves_the_slider_to_the_next_change_of_control(app):
    assert set_date(app, ids.NEXT_CHANGE, 100) == (658, "")


def test_prev_change_moves_the_slider_back_to_the_previous_change(app):
    assert set_date(app, ids.PREV_CHANGE, 660) == (658, "")
    assert set_date(app, ids.PREV_CHANGE, 658) == (0, "")


def test_prev_and_next_change_start_from_a_date_typed_but_not_yet_shown(app):
    assert set_date(app, ids.PREV_CHANGE, 100, "2017-10-22") == (658, "")
    assert set_date(app, ids.NEXT_CHANGE, 660, "2016-03-01") == (658, "")


def test_next_change_after_the_last_change_stays_put(app):
    assert set_date(app, ids.NEXT_CHANGE, 660) == (660, "")


def test_a_typed_date_moves_the_slider_to_its_day(app):
    assert set_date(app, ids.DATE_INPUT, 5, " 2016-03-01 ") == (60, "")


def test_a_typed_date_outside_the_data_is_clamped_with_a_notice(app):
    assert set_date(app, ids.DATE_INPUT, 5, "2020-01-01") == (
        663,
        "2020-01-01 is outside the data; showing 25 Oct 2017.",
    )


def test_retyping_the_shown_date_leaves_the_slider_alone(app):
    assert set_date(app, ids.DATE_INPUT, 60, "2016-03-01") == (no_update, "")


def test_a_click_on_the_trend_goes_to_that_date(app):
    click = {"points": [{"x": "2017-10-20 12:00"}]}
    assert set_date(app, ids.TREND, 5, trend_click=click) == (658, "")


def test_a_link_restores_the_slider_day_and_the_controls(app):
    triggered_by(ids.URL, "pathname")
    restore = callback(app, ids.URL)
    assert restore("/", "?date=2016-03-01&compare=2016-02-01&place=beta&lang=ar", None) == (
        60,
        ["on"],
        "2016-02-01",
        "beta",
        list(DASHBOARD_LAYERS),
        "ar",
        "",
        None,  # no panned or zoomed extent (ids.VIEW)
    )


def test_a_link_with_a_view_restores_the_panned_and_zoomed_extent(app):
    triggered_by(ids.URL, "pathname")
    restore = callback(app, ids.URL)
    *_, notice, extent = restore("/", "?date=2016-03-01&view=36.5,34,38.5,35.5", None)
    assert (notice, extent) == ("", [36.5, 34.0, 38.5, 35.5])
    *_, notice, extent = restore("/", "?date=2016-03-01&view=east,of,eden", None)
    assert extent is None and "map view" in notice


def test_the_frame_callback_turns_the_controls_into_a_frame_of_that_date(app):
    triggered_by(ids.SLIDER, "value")
    send_frame = callback(app, ids.SLIDER)
    frame = send_frame(60, ["on"], "2016-02-01", None, ["zones"], "en", None, None, None, None)
    assert frame["date"] == "2016-03-01" and frame["base"] is None
    held = {"date": "2016-02-29", "data": frame["data"]}
    step = send_frame(60, ["on"], "2016-02-01", None, ["zones"], "en", None, None, 1, held)
    assert step["base"] == "2016-02-29" and "z" not in step  # what changed since the 29th
    held = {"date": "2016-02-29", "data": "another|en"}
    assert send_frame(60, [], "", None, ["zones"], "en", None, None, 2, held)["base"] is None
    assert frame["query"] == "?date=2016-03-01&compare=2016-02-01&layers=zones"
    assert "1 Feb 2016 → 1 Mar 2016: 0 localities changed hands" in texts(frame["summary"])


@pytest.mark.parametrize(
    ("lang", "notice"),
    [
        ("en", "The map could not be downloaded: Chromium did not start within 60 s."),
        ("ar", "تعذّر تنزيل الخريطة: لم يبدأ متصفح Chromium خلال 60 ثانية."),
    ],
)
def test_a_download_that_fails_says_why_in_the_pages_language(app, monkeypatch, lang, notice):
    from dashboard.export import ExportError
    from dashboard.io.messages import Said
    from dashboard.web import download

    def slow(*args):
        raise ExportError(Said("renderer_slow", (("seconds", 60),)))

    monkeypatch.setattr(download, "download_data", slow)
    controls = (100, [], None, None, list(DASHBOARD_LAYERS), lang)
    answer = callback(app, ids.DOWNLOAD_BUTTON)(1, "png", None, None, *controls)
    assert answer == (no_update, notice)
