"""samples/synthetic.py: reproducible from its seed, and every plan it writes reads back whole."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from plans.pipeline import IngestOptions, ingest
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow  # generated corpora ingested whole

GENERATOR = SAMPLES / "synthetic.py"


def _generate(out: Path, count: int, seed: int) -> dict[str, int]:
    subprocess.run(
        [sys.executable, str(GENERATOR), str(out), str(count), "--seed", str(seed), "--scale", "0.5"],
        check=True,
        capture_output=True,
    )
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {entry["file"]: entry["expected_actions"] for entry in manifest}


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    _generate(tmp_path / "a", 5, seed=42)
    _generate(tmp_path / "b", 5, seed=42)
    _generate(tmp_path / "c", 5, seed=43)
    first, again, other = (_digests(tmp_path / name) for name in "abc")
    assert len(first) == 6  # 5 plans + manifest.json
    assert {name.rsplit(".", 1)[-1] for name in first} == {"xlsx", "docx", "pdf", "json"}
    assert first == again
    assert first.keys() == other.keys()
    assert all(first[name] != other[name] for name in first if name != "manifest.json")


def test_a_file_does_not_depend_on_the_corpus_size(tmp_path: Path) -> None:
    _generate(tmp_path / "small", 5, seed=5)
    _generate(tmp_path / "large", 7, seed=5)
    small, large = _digests(tmp_path / "small"), _digests(tmp_path / "large")
    assert all(small[name] == large[name] for name in small if name != "manifest.json")


def test_generated_plans_ingest_with_the_expected_actions_and_mess(tmp_path: Path) -> None:
    expected = _generate(tmp_path / "corpus", 6, seed=11)
    reports = ingest([tmp_path / "corpus"], IngestOptions(db=tmp_path / "w.duckdb", jobs=2))
    assert {r.file_name: r.actions for r in reports} == expected
    assert {r.format for r in reports} == {"xlsx", "docx", "pdf"}
    assert all(r.status in ("ok", "review") for r in reports)
    pdf_kinds = [r.anomaly_kinds for r in reports if r.format == "pdf"]
    assert len(pdf_kinds) == 1
    # The PDF's only mess: a pilot run over a page break, and the fiche annex's referent.
    assert set(pdf_kinds[0]) <= {"continued-row", "fiche-referent"}
    excel_kinds = [r.anomaly_kinds for r in reports if r.format == "xlsx" and r.actions >= 4]
    assert excel_kinds
    for kinds in excel_kinds:
        assert kinds.get("duplicate-row") == 1
        assert kinds.get("realigned-row") == 1
    assert any("repeated-header" in kinds for kinds in excel_kinds)
