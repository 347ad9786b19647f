"""`plans list/show/query/search` on the samples warehouse, as a new user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from plans.cli import main
from plans.language import language

# The locale the commands run under (None unsets a variable): English unless a test says French.
ENGLISH: dict[str, str | None] = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}
FRENCH: dict[str, str | None] = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "fr_FR.UTF-8"}


def _run(*args: str, env: dict[str, str | None] = ENGLISH) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_list_counts_actions_anomalies_and_versions_per_plan(samples_db: Path) -> None:
    code, out, _ = _run("list", "--db", str(samples_db), "--format", "json")
    assert code == 0
    plan = next(p for p in json.loads(out) if p["file_name"] == "plan_strategique_entraide.xlsx")
    assert (plan["actions"], plan["anomalies"], plan["versions"]) == (57, 40, 1)
    code, out, _ = _run("list", "--db", str(samples_db))
    assert code == 0 and "Entraide et Solidarités" in out


def test_show_prints_the_outline_and_one_csv_row_per_action(samples_db: Path) -> None:
    code, out, _ = _run(
        "show", "entraide-et-solidarites/plan-strategique-entraide-et-solidarites-2021-2024", "--db", str(samples_db)
    )
    assert code == 0
    assert "Engagement n°1" in out and "1.1.1 Définir une trame commune" in out and "pilot: DG" in out
    code, out, _ = _run("show", "Entraide", "--db", str(samples_db), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 57 and rows[0]["schedule"] == "2022-S1 2023-S1 2024-S1 2025-S1"


def test_show_speaks_french_under_a_french_locale(samples_db: Path) -> None:
    code, out, _ = _run("show", "Entraide", "--db", str(samples_db), env=FRENCH)
    assert code == 0
    assert "pilote : DG" in out and "pas de statut" in out and "fichier plan_strategique_entraide.xlsx" in out
    assert "pilot:" not in out and "no status" not in out
    code, out, _ = _run(
        "show", "cpas-de-saint-ghislain/plan-strategique-transversal-2019-2024", "--db", str(samples_db), env=FRENCH
    )
    assert code == 0 and "statut : En cours" in out and "statut : À programmer" in out


def test_review_words_its_list_and_the_findings_in_the_locale_language(samples_db: Path) -> None:
    rows = {}
    for name, env in (("en", ENGLISH), ("fr", FRENCH)):
        code, out, _ = _run("review", "--db", str(samples_db), "--format", "json", env=env)
        assert code == 0
        rows[name] = next(r for r in json.loads(out) if r["kind"] == "count-mismatch")
    assert rows["en"]["location"] == rows["fr"]["location"] and rows["en"]["priority"] == rows["fr"]["priority"] == 3
    assert rows["en"]["what"].startswith("the document states 58 actions") and "more)" in rows["en"]["what"]
    assert rows["fr"]["what"].startswith("le document annonce 58 actions") and "autre(s))" in rows["fr"]["what"]


def test_query_is_read_only_and_errors_are_one_line(samples_db: Path) -> None:
    code, out, _ = _run(
        "query", "SELECT count(*) AS n FROM current_actions", "--db", str(samples_db), "--format", "csv"
    )
    assert code == 0 and out.splitlines()[0] == "n"
    code, _, err = _run("query", "DELETE FROM actions", "--db", str(samples_db))
    assert code == 1 and err.startswith("error: query:") and "read-only" in err
    code, _, err = _run("show", "no such plan", "--db", str(samples_db))
    assert code == 1 and "no such plan" in err
    code, _, err = _run("list", "--db", str(samples_db.parent / "missing.duckdb"))
    assert code == 1 and "run `plans ingest" in err


def test_search_ignores_accents_and_case_and_ranks(samples_db: Path) -> None:
    code, out, _ = _run("search", "bénévolat", "--db", str(samples_db), "--format", "json")
    assert code == 0
    found = json.loads(out)
    labels = [row["label"] for row in found]
    assert any("bénévolat" in label for label in labels)  # the word itself
    assert any("benevoles" in label for label in labels)  # no accents, another inflection
    assert any("bénévoles" in label for label in labels)
    assert [row["score"] for row in found] == sorted((row["score"] for row in found), reverse=True)
    assert found[0]["found_in"].startswith("label")
    code, out, _ = _run("search", "BENEVOLAT", "--db", str(samples_db), "--format", "json")
    assert [row["action_id"] for row in json.loads(out)] == [row["action_id"] for row in found]


def test_search_ranks_actions_with_more_words_first_and_says_where(samples_db: Path) -> None:
    code, out, _ = _run("search", "bénévolat RRH", "--db", str(samples_db), "--format", "json", "--limit", "2")
    assert code == 0
    both, one = json.loads(out)
    # 7.3.2: "bénévolat" inflected in its strategic objective (stem 0.8) and RRH as its pilot (exact word 1.0)
    assert (both["action_code"], both["words_found"], both["score"]) == ("7.3.2", 2, 1.8)
    assert both["found_in"] == "strategic_objective, pilot"
    assert one["words_found"] == 1 and one["score"] > both["score"] and one["found_in"] == "label"


def test_every_command_has_an_example() -> None:
    for command in ("list", "show", "query", "diff", "search"):
        code, out, _ = _run(command, "-h")
        assert code == 0 and "Example:" in out


def test_the_first_locale_variable_set_decides_the_language() -> None:
    assert language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert language({"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}) == "en"
    assert language({"LC_ALL": "", "LC_MESSAGES": "fr_BE", "LANG": "en_US.UTF-8"}) == "fr"
    assert language({}) == "en"
