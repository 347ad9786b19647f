"""Pilot/partner cells cut into people and bodies; fingerprints and nearest-neighbour clusters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import extract
from normalize import NormalizedPlan, normalize
from normalize.people import fingerprint, nearest_clusters, recluster, split_names


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("DG & Bureau", ["DG", "Bureau"]),
        ("Dir Hébergement, Dir IAE", ["Dir Hébergement", "Dir IAE"]),
        ("DG (appuyé par Codir)", ["DG", "Codir"]),
        ("Codir/Bureau", ["Codir", "Bureau"]),
        ("DG et Comm.Vie associative", ["DG", "Comm.Vie associative"]),
        ("Bureau-Codir", ["Bureau", "Codir"]),
        ("Pole ressources (Energies et Fluides)", ["Pole ressources (Energies et Fluides)"]),
        ("Dir Pôles, Resp Services, etc...", ["Dir Pôles", "Resp Services"]),
        ("services concernés,", ["services concernés"]),
        ("Jean-Pierre Martin", ["Jean-Pierre Martin"]),
        ("", []),
    ],
)
def test_split_names(cell: str, names: list[str]) -> None:
    assert split_names(cell) == names


def test_fingerprint_collides_on_spelling_variants() -> None:
    assert fingerprint("Comm.TES") == fingerprint("Comm. TES") == fingerprint("comm tes") == "comm tes"
    assert fingerprint("Comm.Bénévolat") == fingerprint("Comm.bénévolat")
    assert fingerprint("DG") != fingerprint("Dir")


def test_nearest_neighbours_join_close_keys_only() -> None:
    clusters = nearest_clusters({"pole ressource": 2, "pole ressources": 1, "dg": 5, "dir": 1, "rrh": 1})
    assert clusters["pole ressources"] == clusters["pole ressource"] == "pole ressource"
    assert len({clusters["dg"], clusters["dir"], clusters["rrh"]}) == 3


def test_sample_people(excel_plan: NormalizedPlan) -> None:
    people = excel_plan.people
    assert set(people["role"]) == {"pilot", "partner"}
    dg = people[(people["name_raw"] == "DG (appuyé par Codir)") & (people["role"] == "pilot")]
    assert dg[["position", "name"]].values.tolist() == [[1, "DG"], [2, "Codir"]]
    pilots = people[people["role"] == "pilot"]
    assert pilots["action_ref"].nunique() == 57  # every action of the sample has a pilot


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet="abcd ", min_size=1, max_size=6), min_size=1, max_size=8),
        min_size=1,
        max_size=5,
    )
)
def test_reclustering_batch_by_batch_gives_the_clusters_of_all_at_once(batches: list[list[str]]) -> None:
    similarity = 60.0  # low, so that random short keys do link into chains
    counts: Counter[str] = Counter()
    clusters: dict[str, str] = {}
    for batch in batches:
        counts.update(batch)
        clusters.update(recluster(clusters, counts, set(batch), similarity))
    assert clusters == nearest_clusters(counts, similarity)


ROWS = [
    ("Créer un jardin partagé", "Centre social, Mairie, Bailleur"),
    ("Organiser une fête de quartier", "Comité des fêtes"),
    ("Ouvrir une permanence juridique", "CESF ; CDAD (Conseil départemental de l'accès au droit)"),
]
LEADS = [
    ("Centre social", "Mairie, Bailleur"),
    ("Comité des fêtes", None),
    ("CESF", "CDAD (Conseil départemental de l'accès au droit)"),
]


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Action", "Responsables et partenaires", "Échéance"])
    for label, people in ROWS:
        sheet.append([label, people, "2025"])
    book.save(path)
    return path


def _document(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Plan d'actions 2025", 1)
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Action", "Pilote et partenaires", "Échéance"], strict=True):
        cell.text = text
    for label, people in ROWS:
        for cell, text in zip(table.add_row().cells, [label, people, "2025"], strict=True):
            cell.text = text
    document.save(str(path))
    return path


@pytest.mark.parametrize("write", [_workbook, _document], ids=["xlsx", "docx"])
def test_a_pilot_and_partners_column_gives_the_first_body_as_pilot_the_others_as_partners(
    tmp_path: Path, write: Callable[[Path], Path]
) -> None:
    plan = normalize(extract(write(tmp_path / ("plan.xlsx" if write is _workbook else "plan.docx"))))
    leads = [(row["pilot"], row["partners"]) for row in plan.actions.to_dict("records")]
    assert [(p, None if pd.isna(q) else q) for p, q in leads] == LEADS
