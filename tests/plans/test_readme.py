"""The README stays true: its schema reference matches the schema, its cookbook SQL runs."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from plans.docs import KINDS, README, cookbook_queries, kinds_reference, readme_section, schema_reference
from warehouse.dictionary import undocumented
from warehouse.load import create_schema


def _cookbook() -> list[str]:
    return cookbook_queries()


def test_every_table_view_and_column_has_a_meaning() -> None:
    with duckdb.connect() as con:
        create_schema(con)
        assert undocumented(con) == []


def test_readme_schema_reference_matches_the_schema(samples_db: Path) -> None:
    expected = schema_reference(samples_db)
    assert readme_section(README.read_text(encoding="utf-8")) == expected, "run `make docs` and commit the README"


def test_the_cookbook_has_at_least_ten_questions() -> None:
    assert len(_cookbook()) >= 10


@pytest.mark.parametrize("sql", _cookbook(), ids=lambda sql: sql.split("\n")[0][:40])
def test_cookbook_query_runs_and_answers(samples_db: Path, sql: str) -> None:
    with duckdb.connect(str(samples_db), read_only=True) as con:
        rows = con.execute(sql).fetchall()
    assert rows, "the question has no answer on the samples"


def test_readme_kinds_table_is_the_catalogue(samples_db: Path) -> None:
    expected = kinds_reference(samples_db)
    assert readme_section(README.read_text(encoding="utf-8"), KINDS) == expected, (
        "run `make docs` and commit the README"
    )
