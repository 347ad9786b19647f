"""The catalogue of finding kinds is the one source of kinds: each is declared once and well
formed, the code makes findings only from it, the samples give no other kind, and every message
reads in English and in French."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from string import Formatter
from typing import get_args

import duckdb
import pandas as pd
import pandera.errors
import pytest

from core import findings
from core.findings import CATALOGUE, Kind, Role, Stage, Words
from normalize.schema import AnomalyModel
from tests.conftest import ROOT

PRODUCT = ("core", "ingest", "normalize", "warehouse", "export", "plans")
KEBAB = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


def _modules() -> list[tuple[Path, ast.Module]]:
    files = sorted(path for folder in PRODUCT for path in (ROOT / folder).rglob("*.py"))
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in files]


def test_each_kind_is_declared_once_under_its_own_constant_name() -> None:
    constants = {name: value for name, value in vars(findings).items() if isinstance(value, Kind)}
    assert len(constants) == len(CATALOGUE) >= 60
    for constant, kind in constants.items():
        assert constant == kind.name.upper().replace("-", "_")
        assert CATALOGUE[kind.name] is kind


@pytest.mark.parametrize("kind", list(CATALOGUE.values()), ids=lambda kind: kind.name)
def test_a_kind_is_well_formed(kind: Kind) -> None:
    assert KEBAB.match(kind.name)
    assert kind.stage in get_args(Stage) and kind.role in get_args(Role)
    assert kind.meaning.strip() and kind.label_fr.strip() and kind.label_fr == kind.label_fr.lower()
    assert (kind.role == "failure") == (kind.en == kind.fr == "{message}")


def test_findings_are_made_and_compared_only_through_the_catalogue() -> None:
    """No `Finding(...)` outside the catalogue, and no kind spelt as a string in a comparison
    (`finding.kind == "not-a-plan"`): the catalogue's constants are used, so a typo cannot hide."""
    made, compared = [], []
    for path, tree in _modules():
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Finding":
                made.append(where)
            if isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) and node.left.attr == "kind":
                # other records have a `kind` too (a block's "heading"); a finding kind has a hyphen
                spelt = [c for c in node.comparators if isinstance(c, ast.Constant) and "-" in str(c.value)]
                compared += [where] if spelt else []
    assert made and all(m.startswith("core/findings.py:") for m in made), made
    assert compared == []


def test_every_call_site_gives_the_parameters_of_both_templates() -> None:
    """A template field missing at a call site would raise only when that (maybe rare) finding is made."""
    calls: dict[str, list[tuple[str, set[str]]]] = {}
    for path, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "finding" and isinstance(func.value, ast.Attribute):
                given = {keyword.arg for keyword in node.keywords if keyword.arg}
                calls.setdefault(func.value.attr, []).append((f"{path.relative_to(ROOT)}:{node.lineno}", given))
    assert set(calls) <= {constant for constant, value in vars(findings).items() if isinstance(value, Kind)}
    missing = []
    for constant, sites in calls.items():
        kind = getattr(findings, constant)
        needed = {field for template in (kind.en, kind.fr) for _, field, _, _ in Formatter().parse(template) if field}
        missing += [(where, needed - given) for where, given in sites if needed - given]
    assert len(calls) >= 50 and missing == []


def test_a_finding_says_it_in_both_languages() -> None:
    shifted = findings.REALIGNED_ROW.finding(
        "Plan!E21",
        3,
        code="3.1.1",
        shift=1,
        direction=Words("right", "vers la droite"),
        code_column="E",
        label_column="F",
    )
    assert (shifted.kind, shifted.location, shifted.action) == ("realigned-row", "Plan!E21", 3)
    assert shifted.message.startswith("action 3.1.1: cells shifted 1 column(s) right (code in column E")
    assert shifted.message_fr.startswith("action 3.1.1 : cellules décalées de 1 colonne(s) vers la droite")


def test_pandera_refuses_a_kind_outside_the_catalogue() -> None:
    row = {"action_ref": None, "location": "A1", "message": "m", "message_fr": "m"}
    AnomalyModel.validate(pd.DataFrame([row | {"kind": "note-row"}]))
    with pytest.raises(pandera.errors.SchemaError):
        AnomalyModel.validate(pd.DataFrame([row | {"kind": "note-rows"}]))


def test_the_samples_give_only_catalogued_kinds_each_with_its_french_message(samples_db: Path) -> None:
    with duckdb.connect(str(samples_db), read_only=True) as con:
        rows = con.execute("SELECT kind, message, message_fr FROM anomalies").fetchall()
    assert len(rows) > 50
    for kind, message, message_fr in rows:
        assert kind in CATALOGUE and CATALOGUE[kind].role != "failure"
        assert message_fr and "{" not in message_fr and "{" not in message
        if CATALOGUE[kind].en != CATALOGUE[kind].fr:
            assert message_fr != message, (kind, message)
