"""Plans written as text: thematic sections, prose with pillars, and pages that are no plan."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ingest import extract
from ingest.narrative import sentences
from normalize import normalize
from plans.cli import main

NEWS = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Assemblée Générale Ordinaire de CHANTIER école - 14 Juin 2019 - CHANTIER école</title>
<meta property="og:site_name" content="CHANTIER école"></head>
<body>
<div id="navigation"><ul><li><a href="/">Le réseau</a></li><li><a href="/a">Actualité</a></li></ul></div>
<p class="arbo"><a href="/">Accueil</a> &gt; <a href="/a">Actualité</a> &gt; Assemblée Générale</p>
<div class="texte">
<h1>Assemblée Générale Ordinaire de CHANTIER école - 14 Juin 2019</h1>
<p>L’assemblée générale ordinaire se tiendra le 14 juin 2019 à Paris. Le réseau souhaite y accueillir
tous ses adhérents, qui doivent confirmer leur présence avant le 1er juin.</p>
<p>Le bilan du plan d’actions sera présenté et un catalogue de formations sera proposé aux participants.</p>
<ul><li>Rapport moral</li><li>Rapport financier</li></ul>
</div>
<div class="partage">Partager : <a href="#">Facebook</a></div>
</body></html>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_news_page_is_not_a_plan(tmp_path: Path) -> None:
    raw = extract(_write(tmp_path, "actualite.html", NEWS))
    assert raw.actions == () and raw.axes == ()
    assert [f.kind for f in raw.findings] == ["not-a-plan"]
    assert "4 paragraph(s)" in raw.findings[0].message
    plan = normalize(raw)
    assert len(plan.actions) == 0 and plan.anomaly_counts() == {"not-a-plan": 1}


def test_a_news_page_ends_not_a_plan_with_zero_actions(tmp_path: Path) -> None:
    page = _write(tmp_path, "actualite.html", NEWS)
    result = CliRunner().invoke(main, ["ingest", str(page), "--db", str(tmp_path / "plans.duckdb"), "--json"])
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.stdout)
    assert (report["status"], report["actions"], report["anomaly_kinds"]) == ("not-a-plan", 0, {"not-a-plan": 1})


THEMATIC = """<!DOCTYPE html><html><head><title>Projet associatif 2020-2024</title></head><body><article>
<h1>Projet associatif</h1>
<p>Un paragraphe avant tout thème.</p>
<h2>Jeunesse :</h2>
<p>Un mot d’introduction du thème.</p>
<h3>ACTIONS DU PRÉCÉDENT PROJET</h3>
<p>Néant.</p>
<h3>OBJECTIFS OPÉRATIONNELS</h3>
<p>Accompagner les jeunes vers l’autonomie.</p>
<p><strong>Pistes d’actions :</strong></p>
<p>Nous proposons :</p>
<ul><li>Ouvrir un point information jeunesse (depuis début 2019)</li>
<li>Créer un conseil de jeunes (2021-2022).</li></ul>
<h2>Familles</h2>
<h3>Actions réalisées</h3>
<p>• Ateliers parents-enfants (2018)</p>
<h3>Pistes d’action</h3>
<p>Un séjour familles.</p>
</article></body></html>
"""


def test_thematic_sections_give_status_deadline_and_objective(tmp_path: Path) -> None:
    raw = extract(_write(tmp_path, "projet.html", THEMATIC))
    plan = normalize(raw)
    rows = plan.actions[["label", "axis", "operational_objective", "status", "start_year", "end_year"]]
    assert rows.astype(object).where(rows.notna(), None).values.tolist() == [
        [
            "Ouvrir un point information jeunesse",
            "Jeunesse",
            "Accompagner les jeunes vers l’autonomie.",
            "planned",
            2019,
            None,
        ],
        ["Créer un conseil de jeunes", "Jeunesse", "Accompagner les jeunes vers l’autonomie.", "planned", 2021, 2022],
        ["Ateliers parents-enfants", "Familles", None, "done", 2018, 2018],
        ["Un séjour familles.", "Familles", None, "planned", None, None],
    ]
    # Before the first theme; "Nous proposons :". The page names no organisation (no og:site_name).
    assert plan.anomaly_counts() == {"skipped-paragraph": 2, "no-organization": 1}
    notes = [(n.axis, n.description) for n in raw.axes]
    assert notes == [
        ("Jeunesse", "Un mot d’introduction du thème."),
        ("Jeunesse", "ACTIONS DU PRÉCÉDENT PROJET : Néant."),
        ("Jeunesse", "OBJECTIFS OPÉRATIONNELS : Accompagner les jeunes vers l’autonomie."),
    ]
    assert (plan.plan["period_start"], plan.plan["period_end"], plan.plan["plan_kind"]) == (2020, 2024, "project")
    assert set(plan.actions["confidence"]) == {0.8}


PROSE = """<!DOCTYPE html><html><head><title>Notre feuille de route</title></head><body><main>
<h1>Notre feuille de route</h1>
<p>Quatre axes guident notre action.</p>
<p>Le premier axe porte sur l’accueil. Nous souhaitons ouvrir le samedi. Le bâtiment date de 1990.</p>
<ul><li>Former l’équipe d’accueil</li></ul>
<p>Le second axe concerne les finances. Les comptes sont publiés chaque année.</p>
</main></body></html>
"""


def test_prose_pillars_candidates_items_and_the_announced_count(tmp_path: Path) -> None:
    raw = extract(_write(tmp_path, "feuille.html", PROSE))
    assert [(a.text("axis"), a.text("label"), a.confidence) for a in raw.actions] == [
        ("Le premier axe porte sur l’accueil", "Nous souhaitons ouvrir le samedi.", 0.5),
        ("Le premier axe porte sur l’accueil", "Former l’équipe d’accueil", 0.8),
    ]
    kinds = [f.kind for f in raw.findings]
    assert kinds == ["skipped-paragraph", "needs-review", "count-mismatch"]
    assert raw.findings[2].message == "the text announces 4 pillars; 2 were read"
    # "Les comptes sont publiés chaque année." has no cue of the list: it stays in the axis description only.
    assert raw.axes[1].description == "Le second axe concerne les finances. Les comptes sont publiés chaque année."
    assert "Le bâtiment date de 1990." in raw.axes[0].description


def test_sentences_split_on_a_capital_after_a_full_stop() -> None:
    assert sentences("Une visée : Faire ceci. Une autre : « Cela ». 3 actions. fin. Suite") == [
        "Une visée : Faire ceci.",
        "Une autre : « Cela ».",
        "3 actions. fin.",
        "Suite",
    ]
