"""`syria-map db load` fills a PostGIS table, and every command reads it with --data URL."""

from __future__ import annotations

import pytest
from support import run_cli


@pytest.fixture(scope="module")
def url(postgres) -> str:
    return postgres.new_database("cli_db")


def test_db_load_then_control_reads_the_table_and_sees_an_edit(capsys, postgres, url):
    loaded = run_cli(capsys, "db", "load", url)
    assert loaded.code == 0, loaded.err
    assert loaded.err.startswith("loaded 1349 rows from ") and loaded.err.rstrip().endswith(
        "#events"
    )
    asked = ("control", "--date", "2018-01-01", "--place", "Raqqa", "--format", "csv")
    before = run_cli(capsys, *asked, "--data", url)
    postgres.sql("cli_db", "UPDATE events SET controller_after = 'isis' WHERE event_id = 'ne-0092'")
    after = run_cli(capsys, *asked, "--data", url)
    assert (before.code, after.code) == (0, 0)
    assert "Raqqa,sdf," in before.out and "Raqqa,isis," in after.out


def test_db_load_refuses_a_table_with_rows_unless_told_to_replace_them(capsys, url):
    run_cli(capsys, "db", "load", url)
    again = run_cli(capsys, "db", "load", url)
    assert again.code == 2
    assert again.err.strip().endswith("the table has rows; --replace replaces them")
    replaced = run_cli(capsys, "db", "load", url, "--replace")
    assert replaced.code == 0, replaced.err


def test_db_load_refuses_a_table_with_errors_naming_the_file_row_and_column(
    capsys, tmp_path, postgres
):
    bad = tmp_path / "bad.csv"
    bad.write_text("event_id,date,event_type,place\nx1,soon,battle,Raqqa\n", encoding="utf-8")
    result = run_cli(capsys, "db", "load", postgres.url("cli_db", "bad"), "--data", str(bad))
    assert result.code == 1
    assert result.err.startswith(f"syria-map: {bad}:2: error [date]:")


@pytest.mark.parametrize(
    ("table", "host", "says"),
    [
        ("#no_such", None, "no table or view no_such in the database"),
        ("#a.b.c", None, "'a.b.c' is not a table name"),
        ("&tabel=x#events", None, 'bad database URL: invalid URI query parameter: "tabel"'),
        ("#events", "/nonexistent", "cannot connect: connection"),
    ],
)
def test_a_missing_table_a_bad_url_or_no_server_exit_2_with_one_line(
    capsys, postgres, url, table, host, says
):
    target = url.replace("#events", table)  # ...&user=postgres + the table or a bad parameter
    if host:
        target = target.replace(str(postgres.socket_dir), host)
    result = run_cli(capsys, "events", "--data", target)
    assert result.code == 2
    assert result.err.count("\n") == 1 and says in result.err, result.err
    assert result.err.startswith("syria-map: error: postgresql:///cli_db?")


def test_db_load_wants_a_postgresql_url(capsys):
    result = run_cli(capsys, "db", "load", "events.sqlite")
    assert result.code == 2 and "is not a postgresql:// URL" in result.err


def test_serve_refuses_an_unreachable_table_or_a_store_that_is_not_a_url_at_once(capsys, url):
    gone = url.replace("#events", "#gone")
    result = run_cli(capsys, "serve", "--data", gone, "--port", "1")
    assert result.code == 2 and "no table or view gone" in result.err
    result = run_cli(capsys, "serve", "--store", "/srv/uploads", "--port", "1")
    assert result.code == 2
    assert result.err.strip() == (
        "syria-map: error: store: '/srv/uploads' is not a postgresql:// URL (empty: upload_dir)"
    )
