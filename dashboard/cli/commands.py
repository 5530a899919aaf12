"""The `syria-map` command line: one click group, one thin function per command."""

from __future__ import annotations

import sys

import click

from dashboard import __version__
from dashboard.cli.output import OUTPUT_FORMATS, emit, emit_json
from dashboard.errors import DataFileError, UsageProblem
from dashboard.io.importers import IMPORT_FORMATS
from dashboard.settings import ENV_PREFIX, SETTINGS, Settings

__all__ = ["cli", "main"]


class DateType(click.ParamType):
    """An ISO date (YYYY-MM-DD), checked when the command line is read."""

    name = "DATE"

    def convert(self, value, param, ctx):
        from dashboard.io.validate import parse_date

        stamp, precision, error = parse_date(str(value))
        if error or precision != "day":
            self.fail(error or f"{value!r} is not a full date; write YYYY-MM-DD", param, ctx)
        return stamp


DATE = DateType()


LAYER_HELP = next(s for s in SETTINGS if s.name == "layer").help


def data_option(command):
    """--data PATH (repeatable): the event tables to use; default the bundled table. With
    --layer NAME (a GeoPackage's layer), which `data_settings` reads."""
    if not any(p.name == "layer" for p in getattr(command, "__click_params__", ())):
        command = click.option(
            "--layer", default="", expose_value=False, callback=_keep_layer, help=LAYER_HELP
        )(command)
    return click.option(
        "--data",
        "data",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Event table(s): our schema, ACLED or UCDP, CSV/GeoJSON/GeoPackage/GeoParquet, "
        "or a PostgreSQL table, postgresql://[USER@][HOST]/DB[?host=SOCKET_DIR]#TABLE. "
        "Repeat to combine layers. Default: the bundled table.",
    )(command)


def _keep_layer(ctx: click.Context, _param, value: str) -> str:
    ctx.meta["layer"] = value or ""
    return value


def data_settings(data: tuple[str, ...]) -> Settings:
    """The settings of the --data tables and the --layer given on this command line."""
    layer = click.get_current_context().meta.get("layer", "")
    return Settings(data=data).with_values(layer=layer)


def format_option(command):
    return click.option(
        "--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True
    )(command)


def reach_option(command):
    reach = next(s for s in SETTINGS if s.name == "reach_km")
    return click.option(
        "--reach-km",
        type=click.FloatRange(min=0),
        default=reach.default,
        show_default=True,
        help=reach.help,
    )(command)


def setting_option(name: str, kind: click.ParamType):
    """--NAME for a registry setting, also read from the SYRIA_MAP_NAME environment variable."""
    setting = next(s for s in SETTINGS if s.name == name)
    return click.option(
        "--" + name.replace("_", "-"),
        name,
        type=kind,
        default=setting.default,
        show_default=bool(setting.default),
        envvar=ENV_PREFIX + name.upper(),
        show_envvar=True,
        help=setting.help,
    )


def every_setting_option(command):
    """A --NAME option (and SYRIA_MAP_NAME variable) for every setting of the registry."""
    kinds = {float: click.FloatRange(min=0), int: click.IntRange(min=0), str: click.STRING}
    for setting in reversed(SETTINGS):
        command = setting_option(setting.name, kinds[type(setting.default)])(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="syria-map")
def cli() -> None:
    """Who controlled which parts of Syria on any date, derived from dated events.

    Zones are approximations derived from locality control (cells of the localities on each
    bank of the Euphrates, areas that changed hands as a whole, and land beyond reach_km
    inferred from its nearest locality), not surveyed front lines.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--layer", default="", help=LAYER_HELP)
def validate(paths: tuple[str, ...], layer: str) -> None:
    """Check event tables against the schema and the gazetteer (the files are never changed).

    Prints every problem with file, row and column. Exit status 1 if there are errors,
    0 if there are only warnings or nothing.
    """
    from dashboard.io.events import check_file
    from dashboard.io.geography import load_gazetteer

    gazetteer = load_gazetteer()
    errors = 0
    for path in paths:
        result = check_file(path, gazetteer, layer=layer)
        for problem in result.problems:
            click.echo(str(problem), err=problem.severity == "error")
        errors += len(result.errors)
        rows = "" if result.table is None else f", {len(result.table)} rows"
        click.echo(
            f"{path}: {len(result.errors)} errors, {len(result.warnings)} warnings{rows}",
            err=True,
        )
    sys.exit(1 if errors else 0)


@cli.command()
@click.option("--date", "date", type=DATE, required=True, help="The date (YYYY-MM-DD).")
@click.option("--place", "places", multiple=True, help="A place name (any spelling); repeatable.")
@click.option("--at", "points", multiple=True, help="A point LAT,LON; repeatable.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*OUTPUT_FORMATS, "geojson"]),
    default="table",
    show_default=True,
    help="geojson: the localities (or places, points) as a FeatureCollection of points.",
)
@data_option
@reach_option
def control(date, places, points, fmt, data, reach_km) -> None:
    """Who held each locality (or each asked place or point) on a date, and why."""
    from dashboard.cli import queries
    from dashboard.io.zone_files import points_geojson

    settings = data_settings(data).with_values(reach_km=reach_km)
    frame = queries.control_table(settings, date, places, points, positions=fmt == "geojson")
    if fmt == "geojson":
        columns = ["place", "controller", "event_date", "event_id"]
        emit_json(points_geojson(frame, [c for c in [*columns, "basis"] if c in frame]))
    else:
        emit(frame, fmt)


@cli.command()
@click.option("--date", "date", type=DATE, required=True, help="The date (YYYY-MM-DD).")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False),
    help="FILE.geojson, FILE.gpkg or FILE.csv (geometry as WKT).",
)
@data_option
@reach_option
def zones(date, out, data, reach_km) -> None:
    """Write the zones on a date as GIS features: per faction, held and inferred land.

    Each feature has its faction, kind (held or inferred), area in km² (equal-area) and the
    data version (the event table's digest). The file is written atomically.
    """
    from dashboard.cli import queries
    from dashboard.io.zone_files import check_zones_path, write_zones

    check_zones_path(out)
    features = queries.zone_table(data_settings(data).with_values(reach_km=reach_km), date)
    write_zones(features, out)
    click.echo(f"wrote {len(features)} zones to {out}", err=True)


@cli.command()
@click.option("--from", "start", type=DATE, help="First date (inclusive).")
@click.option("--to", "end", type=DATE, help="Last date (inclusive).")
@click.option("--place", help="Only events at this place (any spelling).")
@click.option("--type", "event_type", help="Only this event_type.")
@format_option
@data_option
def events(start, end, place, event_type, fmt, data) -> None:
    """List events with their sources, oldest first."""
    from dashboard.cli import queries

    emit(queries.event_list(data_settings(data), start, end, place, event_type), fmt)


@cli.command()
@click.option("--date", "date", type=DATE, help="One date.")
@click.option("--from", "start", type=DATE, help="Series start.")
@click.option("--to", "end", type=DATE, help="Series end.")
@click.option(
    "--every",
    type=click.Choice(["day", "week", "month"]),
    default="month",
    show_default=True,
    help="Series step.",
)
@format_option
@data_option
@reach_option
def stats(date, start, end, every, fmt, data, reach_km) -> None:
    """Area (km², equal-area) and population held by each faction, at a date or as a series."""
    from dashboard.cli import queries

    if date is None and (start is None or end is None):
        raise click.UsageError("give --date, or --from and --to")
    if date is not None and (start is not None or end is not None):
        raise click.UsageError("give either --date or --from/--to, not both")
    settings = data_settings(data).with_values(reach_km=reach_km)
    emit(queries.stats_table(settings, date, start, end, every), fmt)


@cli.command()
@click.option("--from", "start", type=DATE, required=True, help="Earlier date.")
@click.option("--to", "end", type=DATE, required=True, help="Later date.")
@click.option("--summary", is_flag=True, help="Print area and population moved per faction pair.")
@format_option
@data_option
@reach_option
def diff(start, end, summary, fmt, data, reach_km) -> None:
    """What changed hands between two dates: localities (default) or the area summary."""
    from dashboard.cli import queries

    settings = data_settings(data).with_values(reach_km=reach_km)
    localities, moved = queries.change_tables(settings, start, end)
    emit(moved if summary else localities, fmt)


@cli.command(name="import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(IMPORT_FORMATS), default="auto", show_default=True
)
@click.option("--mapping", type=click.Path(dir_okay=False), help="Column mapping (TOML/JSON).")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Output table.")
@click.option("--layer", default="", help=LAYER_HELP)
def import_(path, fmt, mapping, out, layer) -> None:
    """Convert an ACLED, UCDP GED or custom table to our schema (OUT's format by extension).

    Rejected rows go to OUT's stem + ".rejects.csv" with their row and reason; an existing
    OUT is only replaced once the new one is fully written.
    """
    from dashboard.io.importers import import_file, output_paths, save_import

    output_paths(out, path)
    result = import_file(path, fmt, mapping, layer=layer)
    rejects = save_import(result, out)
    click.echo(result.report())
    click.echo(f"wrote {result.imported} rows to {out}, {result.rejected} rejects to {rejects}")


@cli.group()
def db() -> None:
    """A PostgreSQL/PostGIS table as the shared event table of several servers.

    A table is named postgresql://[USER@][HOST][:PORT]/DB[?host=SOCKET_DIR]#[SCHEMA.]TABLE
    (a libpq URL, then #TABLE; default #events). Give it to any --data.
    """


@db.command(name="load")
@click.argument("url")
@click.option(
    "--data",
    "path",
    type=click.Path(dir_okay=False),
    help="The table to load (anything --data reads). Default: the bundled table.",
)
@click.option("--layer", default="", help=LAYER_HELP)
@click.option("--replace", is_flag=True, help="Replace the rows of a table that has some.")
def db_load(url, path, layer, replace) -> None:
    """Load a validated table into URL's PostGIS table, made if missing.

    Creates PostGIS, the table (geometry in EPSG:4326, GiST-indexed) and the trigger that
    tells the servers of every edit; the rows are written in one transaction."""
    from dashboard.io.events import store_events
    from dashboard.io.geography import load_gazetteer
    from dashboard.io.paths import BUNDLED_EVENTS
    from dashboard.io.postgis import DatabaseSource, is_database

    if not is_database(url):
        raise click.UsageError(f"{url!r} is not a postgresql:// URL")
    source = path or str(BUNDLED_EVENTS)
    rows = store_events(source, url, load_gazetteer(), layer, replace)
    click.echo(f"loaded {rows} rows from {source} into {DatabaseSource.parse(url).name}", err=True)


@cli.command()
@data_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8050, show_default=True, type=int, help="Port to listen on.")
@click.option("--debug", is_flag=True, help="Dash debug mode (reloads, error pages).")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Server processes; each loads the data (same answers from any).",
)
@every_setting_option
def serve(data, host, port, debug, workers, **values) -> None:
    """Start the dashboard in the browser (http://HOST:PORT).

    Serves through uvicorn (asyncio: slow clients hold no worker); --debug uses Dash's own
    server. Every setting has a flag and a SYRIA_MAP_* variable, and reaches every worker.
    Visitors can add a file of their own to their session (a second layer over --data).
    """
    from dashboard.web.serve import run

    run(Settings(data=data).with_values(**values), host, port, debug, workers)


@cli.command()
@click.option("--date", "date", type=DATE, help="The date of one map.")
@click.option("--from", "start", type=DATE, help="First date of a series.")
@click.option("--to", "end", type=DATE, help="Last date of a series.")
@click.option(
    "--every",
    type=click.Choice(["day", "week", "month", "change"]),
    default="month",
    show_default=True,
    help="Series step; 'change' = only dates where control changed.",
)
@click.option(
    "--out", required=True, help="FILE.png|svg|pdf for one map; DIR/, anim.gif or anim.mp4."
)
@click.option(
    "--preset",
    type=click.Choice(["article", "social", "square", "print-a4", "print-letter"]),
    help="Page size: article 700x500 at 2x, social 1200x630, square 1080x1080, "
    "print-a4/print-letter a landscape PDF page. --width/--height/--scale override it.",
)
@click.option("--width", type=click.IntRange(200, 10000), help="CSS px  [default: 1600]")
@click.option("--height", type=click.IntRange(150, 10000), help="CSS px  [default: 1000]")
@click.option("--scale", type=click.FloatRange(0.1, 8), help="Pixel multiplier  [default: 1]")
@click.option(
    "--caption",
    is_flag=True,
    help="Also write OUT.caption.txt: a caption and alt text from the data, and the credits.",
)
@click.option("--title", help="Title printed on the map.")
@click.option("--lang", type=click.Choice(["en", "ar"]), default="en", show_default=True)
@click.option("--focus", help="Centre on this place (any spelling).")
@click.option("--radius", "radius_km", default=50.0, show_default=True, help="Focus radius, km.")
@click.option("--bbox", help="Show W,S,E,N (degrees) instead of all Syria.")
@click.option("--layers", help="Comma-separated layers, e.g. zones,front_lines,places.")
@click.option("--compare", type=DATE, help="Highlight what changed hands since this date.")
@click.option("--fps", default=2.0, show_default=True, help="Frames per second (GIF, MP4).")
@click.option(
    "--allow-stale",
    is_flag=True,
    help="Map a date after the data's last date (the map says nothing is known after it).",
)
@data_option
@reach_option
def export(
    date, start, end, every, out, preset, width, height, scale, caption, fps, data, reach_km,
    **view,
):  # fmt: skip
    """Publishable maps: one date to PNG/SVG/PDF, or a series to a folder, GIF or MP4."""
    from dashboard import export as exporting
    from dashboard.cli.queries import say_notes

    settings = data_settings(data).with_values(reach_km=reach_km)
    try:
        width, height, scale = exporting.page_size(preset, width, height, scale, out)
        job = exporting.plan_export(settings, out, date, start, end, every, **view)
        say_notes(job.dataset.table)
        if job.dates is None:
            exporting.export_map(job.dataset, job.view, out, width, height, scale)
        else:
            with click.progressbar(
                length=len(job.dates), label="Rendering maps", file=sys.stderr
            ) as bar:
                exporting.export_series(
                    job.dataset, job.view, job.dates, out, fps, width, height, scale,
                    on_frame=lambda _: bar.update(1),
                )  # fmt: skip
        if caption:
            side = exporting.write_caption(job.dataset, job.view, out, job.dates)
            click.echo(f"wrote {side}", err=True)
    except exporting.ExportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {out}", err=True)
    note = exporting.size_note(out)
    if note:
        click.echo(note, err=True)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; usage errors exit 2 and data errors exit 1, each with one clear line."""
    try:
        code = cli.main(args=argv, prog_name="syria-map", standalone_mode=False)
    except click.UsageError as exc:
        click.echo(f"syria-map: error: {exc.format_message()}", err=True)
        sys.exit(2)
    except UsageProblem as exc:
        click.echo(f"syria-map: error: {exc}", err=True)
        sys.exit(2)
    except DataFileError as exc:
        click.echo(f"syria-map: {exc}", err=True)
        for problem in exc.problems[1:10]:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    except click.Abort:
        click.echo("syria-map: aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        click.echo(f"syria-map: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(code if isinstance(code, int) else 0)
