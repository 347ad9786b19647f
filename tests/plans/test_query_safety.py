"""`plans query` reads the warehouse and nothing else: every other statement is refused in one
line, files and the network are out of reach, and the SQL comes from an argument, a file or stdin."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from plans.cli import main


def _query(db: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["query", *args, "--db", str(db), "--format", "csv"], input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("sql", "says"),
    [
        ("COPY actions TO '{out}/stolen.csv'", "COPY refused"),
        ("EXPORT DATABASE '{out}/dump'", "EXPORT refused"),
        ("ATTACH '{out}/other.duckdb' AS other", "ATTACH refused"),
        ("INSTALL httpfs", "refused"),
        ("LOAD httpfs", "refused"),
        ("SET enable_external_access = true", "SET refused"),
        ("CREATE TABLE t AS SELECT 1", "CREATE refused"),
        ("DELETE FROM actions", "DELETE refused"),
        ("SELECT * FROM read_csv('/etc/passwd')", "disabled by configuration"),
        ("SELECT * FROM read_text('/etc/hostname')", "disabled by configuration"),
        ("SELECT * FROM glob('/etc/*')", "disabled by configuration"),
        ("SELECT 1; DROP TABLE actions", "one statement at a time"),
        ("CALL load_extension('httpfs')", ""),
    ],
)
def test_anything_but_reading_is_refused_in_one_line(samples_db: Path, tmp_path: Path, sql: str, says: str) -> None:
    code, out, err = _query(samples_db, sql.format(out=tmp_path))
    assert code == 1 and out == ""
    assert err.startswith("error: query:") and says in err and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_the_configuration_is_locked_for_the_connection(samples_db: Path) -> None:
    code, out, _ = _query(
        samples_db,
        "SELECT current_setting('enable_external_access') AS external, current_setting('lock_configuration') AS locked",
    )
    assert code == 0 and out.split() == ["external,locked", "False,True"]
    code, _, err = _query(samples_db, "PRAGMA enable_profiling")  # PRAGMA runs, but cannot change a setting
    assert code == 1 and "configuration" in err


def test_sql_from_argument_file_or_stdin_comments_allowed(samples_db: Path, tmp_path: Path) -> None:
    sql = "-- how many current actions?\nSELECT count(*) AS n FROM current_actions -- all plans\n"
    expected = _query(samples_db, "SELECT count(*) AS n FROM current_actions")
    assert expected[0] == 0 and expected[1].startswith("n\n")
    assert _query(samples_db, sql) == expected  # starts with `--`: not taken for an option
    (tmp_path / "q.sql").write_text(sql, encoding="utf-8")
    assert _query(samples_db, "-f", str(tmp_path / "q.sql")) == expected
    assert _query(samples_db, stdin=sql) == expected
    assert _query(samples_db, "-f", "-", stdin=sql) == expected


@pytest.mark.parametrize("sql", ["", "   ", "-- nothing but a comment", "/* nor this */"])
def test_empty_sql_is_a_one_line_usage_error(samples_db: Path, sql: str) -> None:
    code, out, err = _query(samples_db, sql)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "usage error" in err
    code, _, err = _query(samples_db, stdin=sql)
    assert code == 2 and len(err.strip().splitlines()) == 1
