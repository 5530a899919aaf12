"""A read-only HTTP API beside the dashboard: the CLI's answers as JSON, under /api/v1/.

`control`, `zones`, `events` and `stats` answer the same questions as the commands of those
names, through the same query functions (`dashboard.io.queries`), with the same rules for bad
input: a bad date, an unknown parameter or value, `from` after `to` or a series of more than
MAX_SERIES_DATES dates is a 400 with a one-line JSON `error`; a date outside the data answers,
with a `warning`. Answers carry an ETag (the data version and the request) and may be cached
for an hour; a matching If-None-Match gets a 304 before anything is computed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

import flask

from dashboard.core.schema import EVENT_TYPES
from dashboard.core.stats import EVERY, series_dates
from dashboard.errors import UsageProblem
from dashboard.io.dataset import Dataset
from dashboard.io.queries import (
    CONTROL_COLUMNS,
    coverage_warnings,
    event_rows,
    locality_rows,
    records,
    stats_rows,
)
from dashboard.io.validate import parse_date
from dashboard.io.zone_files import zone_features, zones_geojson

__all__ = ["API_PREFIX", "CACHE_CONTROL", "api_blueprint"]

API_PREFIX = "/api/v1"
CACHE_CONTROL = "public, max-age=3600"


@dataclass(frozen=True)
class Endpoint:
    """One route: its parameters (name -> parser of the text) and the answer to a request."""

    parameters: dict[str, Callable[[str, str], object]]
    answer: Callable[[Dataset, dict], dict]
    mimetype: str = "application/json"
    check: Callable[[dict], None] = lambda _args: None


def api_blueprint(
    dataset: Dataset | Callable[[], Dataset], cache_control: str = CACHE_CONTROL
) -> flask.Blueprint:
    """The API's routes over `dataset` (read-only, shared by every request), or over the one
    a function gives at each request (a server whose database table may be edited)."""
    current = dataset if callable(dataset) else lambda: dataset
    blueprint = flask.Blueprint("api", __name__, url_prefix=API_PREFIX)
    for name, endpoint in ENDPOINTS.items():
        blueprint.add_url_rule(f"/{name}", name, _view(current, endpoint, cache_control))
    return blueprint


def _view(current: Callable[[], Dataset], endpoint: Endpoint, cache_control: str):
    def view() -> flask.Response:
        request = flask.request
        dataset = current()
        try:
            args = _arguments(request.args, endpoint.parameters)
            endpoint.check(args)
        except UsageProblem as exc:
            return _error(str(exc))
        etag = request_etag(dataset.table.digest, request.path, request.args)
        if request.if_none_match.contains_weak(etag):
            response = flask.Response(status=304)
        else:
            try:
                body = endpoint.answer(dataset, args)
            except UsageProblem as exc:
                return _error(str(exc))
            text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
            response = flask.Response(text, mimetype=endpoint.mimetype)
        response.set_etag(etag)
        response.headers["Cache-Control"] = cache_control
        return response

    return view


def request_etag(digest: str, path: str, args) -> str:
    """A tag for one answer: the data version, the route and its sorted parameters."""
    query = "&".join(f"{k}={v}" for k, v in sorted(args.items(multi=True)))
    return hashlib.sha256(f"{digest}\n{path}\n{query}".encode()).hexdigest()[:20]


def _error(reason: str) -> flask.Response:
    text = json.dumps({"error": " ".join(reason.split())}, ensure_ascii=False)
    return flask.Response(text, status=400, mimetype="application/json")


def _arguments(args, parameters: dict) -> dict:
    """The request's parameters parsed; unknown or repeated ones are a UsageProblem."""
    for name in args:
        if name not in parameters:
            known = ", ".join(parameters) or "none"
            raise UsageProblem(f"unknown parameter {name!r} (known: {known})")
        if len(args.getlist(name)) > 1:
            raise UsageProblem(f"give {name} once")
    return {name: parse(name, args[name]) for name, parse in parameters.items() if name in args}


def _date(name: str, text: str):
    stamp, precision, error = parse_date(text)
    if error or precision != "day":
        raise UsageProblem(f"{name}: {error or f'{text!r} is not a full date; write YYYY-MM-DD'}")
    return stamp


def _choice(*values: str):
    def parse(name: str, text: str) -> str:
        if text not in values:
            raise UsageProblem(f"unknown {name} {text!r} (one of: {', '.join(values)})")
        return text

    return parse


def _text(_name: str, text: str) -> str:
    return text


def _needs_date(args: dict) -> None:
    if "date" not in args:
        raise UsageProblem("give date=YYYY-MM-DD")


def _ordered(args: dict) -> None:
    if "from" in args and "to" in args and args["from"] > args["to"]:
        raise UsageProblem("from is after to")


def _one_date_or_range(args: dict) -> None:
    if "date" in args and ("from" in args or "to" in args):
        raise UsageProblem("give either date or from/to, not both")
    if "date" not in args and not ("from" in args and "to" in args):
        raise UsageProblem("give date, or from and to")
    _ordered(args)
    if "from" in args:
        series_dates(args["from"], args["to"], args.get("every", "month"))  # not too long


def _with_warning(body: dict, dataset: Dataset, *dates) -> dict:
    warnings = coverage_warnings(dataset.table.coverage, *dates)
    if warnings:
        body["warning"] = "; ".join(warnings)
    return body


def _about(dataset: Dataset) -> dict:
    return {"data_version": dataset.table.digest}


def control_answer(dataset: Dataset, args: dict) -> dict:
    """Every locality's controller at `date`, and the event that decided it."""
    model = dataset.model
    rows = locality_rows(model.history, model.events, args["date"])[CONTROL_COLUMNS]
    body = {**_about(dataset), "date": f"{args['date']:%Y-%m-%d}", "localities": records(rows)}
    return _with_warning(body, dataset, args["date"])


def zones_answer(dataset: Dataset, args: dict) -> dict:
    """The zones at `date` as a FeatureCollection: per faction, held and inferred land."""
    features = zone_features(dataset.model, args["date"], dataset.table.digest)
    body = {**zones_geojson(features), **_about(dataset), "date": f"{args['date']:%Y-%m-%d}"}
    return _with_warning(body, dataset, args["date"])


def events_answer(dataset: Dataset, args: dict) -> dict:
    """Events with their sources, oldest first, between `from` and `to` (both optional)."""
    place = args.get("place")
    place_id = dataset.gazetteer.resolve(place) if place else None
    start, end = args.get("from"), args.get("to")
    rows = event_rows(dataset.table.events, start, end, place_id, args.get("type"))
    return _with_warning({**_about(dataset), "events": records(rows)}, dataset, start, end)


def stats_answer(dataset: Dataset, args: dict) -> dict:
    """Area and population by faction at `date`, or every day, week or month of a range."""
    date, start, end = args.get("date"), args.get("from"), args.get("to")
    rows = stats_rows(dataset.model, date, start, end, args.get("every", "month"))
    return _with_warning({**_about(dataset), "stats": records(rows)}, dataset, date, start, end)


ENDPOINTS = {
    "control": Endpoint({"date": _date}, control_answer, check=_needs_date),
    "zones": Endpoint(
        {"date": _date, "format": _choice("geojson")},
        zones_answer,
        "application/geo+json",
        _needs_date,
    ),
    "events": Endpoint(
        {"from": _date, "to": _date, "place": _text, "type": _choice(*EVENT_TYPES)},
        events_answer,
        check=_ordered,
    ),
    "stats": Endpoint(
        {"date": _date, "from": _date, "to": _date, "every": _choice(*EVERY)},
        stats_answer,
        check=_one_date_or_range,
    ),
}
