"""Pilot/partner cells cut into people and bodies; fingerprints and nearest-neighbour clusters."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import NormalizedPlan
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
