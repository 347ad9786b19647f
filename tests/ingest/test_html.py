"""Web pages: the article is kept (headings, paragraphs, lists), the site around it is dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import ExtractError
from ingest import extract
from ingest.detect import detect_format
from ingest.html import read_document
from ingest.narrative import Block
from normalize import normalize
from tests.conftest import FEDERAL_SAMPLE, REUSSIR_SAMPLE


def _page(tmp_path: Path, body: str, head: str = "<title>Page</title>") -> Path:
    path = tmp_path / "page.html"
    path.write_text(f'<!DOCTYPE html>\n<html lang="fr">\n<head>{head}</head>\n<body>\n{body}\n</body>\n</html>\n')
    return path


def _texts(blocks: tuple[Block, ...]) -> list[str]:
    return [block.text for block in blocks]


def test_boilerplate_of_the_saved_page_is_dropped() -> None:
    document = read_document(REUSSIR_SAMPLE)
    text = "\n".join(_texts(document.blocks))
    for boilerplate in (
        "Dans la même rubrique",  # the section's other articles
        "Hommage à André RENE-CORAIL",
        "PACTE AMBITION IAE",
        "Accueil > Actualité",  # breadcrumb
        "Vie du réseau",
        "Partager",  # share links
        "Facebook",
        "LinkedIn",
        "Entreprises Sociales Apprenantes\n",  # main menu entry
        "Réseau des Entreprises Sociales Apprenantes",  # slogan of the header
        "Plan du site",  # footer
        "_paq",  # scripts
        "jquery",
    ):
        assert boilerplate not in text, boilerplate
    assert document.blocks[0] == Block(
        "heading", "Réussir 2020, le nouveau plan d’actions stratégiques de CHANTIER école", "line 48", 1
    )
    assert [b.text for b in document.blocks if b.kind == "heading"][1:] == [
        "Trois piliers pour consolider et poursuivre le rayonnement du Réseau",
        "Une volonté affirmée de se doter de moyens pour la réussite de ce nouveau plan",
    ]
    assert len([b for b in document.blocks if b.kind == "paragraph"]) == 9  # 2 + 1 + 4 + 2, as in the seed
    # A soft wrap in the source is a space; the location is the line where the paragraph starts.
    wrapped = next(b for b in document.blocks if b.text.startswith("Le premier de ces piliers"))
    assert "en matière d’amélioration" in wrapped.text
    source_lines = REUSSIR_SAMPLE.read_text(encoding="utf-8").splitlines()
    assert source_lines[int(wrapped.location.removeprefix("line ")) - 1].startswith("<p>Le premier de ces piliers")
    assert (document.title, document.organization) == (
        "Réussir 2020, le nouveau plan d’actions stratégiques de CHANTIER école",
        "CHANTIER école",
    )


def test_federal_page_keeps_its_headings_and_drops_the_skip_link() -> None:
    document = read_document(FEDERAL_SAMPLE)
    texts = _texts(document.blocks)
    assert "Aller au contenu principal" not in texts and "Accueil" not in texts
    assert not any("dataLayer" in t or "Tous droits réservés" in t for t in texts)
    headings = [(b.level, b.text) for b in document.blocks if b.kind == "heading"]
    assert headings[:3] == [
        (1, "Des organisations sur les territoires"),
        (2, "Impact social :"),
        (3, "CONTEXTE GLOBAL"),
    ]
    assert [text for level, text in headings if level == 2] == [
        "Impact social :",
        "Gouvernance :",
        "Fonction accueil :",
    ]
    assert "Projets déjà engagés :" in texts  # a bold paragraph, kept as a paragraph
    assert "\u00a0" not in texts and "" not in texts  # the &nbsp; spacers are not blocks


def test_lists_breaks_and_markup_without_semantics(tmp_path: Path) -> None:
    path = _page(
        tmp_path,
        """<div id="menu-principal"><a href="/">Accueil</a> <a href="/a">Actualités</a></div>
<div class="contenu">
<h2>Nos actions</h2>
<ul>
<li>Créer un <strong>comité</strong> de pilotage
  <ul><li>réunir le comité deux fois par an</li></ul>
</li>
<li>Former les bénévoles</li>
</ul>
<p>Première ligne<br>Deuxième ligne</p>
<div>Texte posé dans une div<br/>et sa suite</div>
<p style="display: none">caché</p><p hidden>caché aussi</p>
<!-- un commentaire -->
<div class="share-buttons"><a href="#">Twitter</a></div>
<p>Partager : <a href="#">Facebook</a></p>
</div>""",
    )
    blocks = read_document(path).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Nos actions"),
        ("item", "Créer un comité de pilotage"),
        ("item", "réunir le comité deux fois par an"),
        ("item", "Former les bénévoles"),
        ("paragraph", "Première ligne"),
        ("paragraph", "Deuxième ligne"),
        ("paragraph", "Texte posé dans une div"),
        ("paragraph", "et sa suite"),
    ]
    assert (blocks[0].location, blocks[1].location, blocks[2].location) == ("line 7", "line 9", "line 10")


def test_single_article_is_preferred_to_the_rest_of_the_body(tmp_path: Path) -> None:
    path = _page(
        tmp_path,
        "<div><p>Newsletter : inscrivez-vous</p></div>\n<article><h1>Titre</h1><p>Le texte.</p></article>",
        head='<title>Titre | Le site</title><meta property="og:site_name" content="Le site">',
    )
    document = read_document(path)
    assert _texts(document.blocks) == ["Titre", "Le texte."]
    assert (document.title, document.organization) == ("Titre", "Le site")


def test_deep_nesting_does_not_overflow(tmp_path: Path) -> None:
    path = _page(tmp_path, "<div>" * 5000 + "<p>Au fond</p>" + "</div>" * 5000)
    assert _texts(read_document(path).blocks) == ["Au fond"]


def test_html_is_detected_from_the_bytes_whatever_the_name(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(REUSSIR_SAMPLE.read_bytes())
    assert detect_format(path) == "html"
    assert extract(path).source.format == "html"


def test_page_in_latin1_declared_in_a_meta(tmp_path: Path) -> None:
    path = tmp_path / "ancienne.html"
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Éducation</title></head><body><p>Électricité</p></body></html>'
    )
    path.write_bytes(html.encode("latin-1"))
    document = read_document(path)
    assert (document.title, _texts(document.blocks)) == ("Éducation", ["Électricité"])


def test_markup_without_any_element_fails_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "vide.html"
    path.write_bytes(b"<!doctype html>")
    with pytest.raises(ExtractError) as error:
        extract(path)
    assert str(error.value) == "vide.html: the file holds no HTML element"


def test_loose_text_is_located_where_it_starts(tmp_path: Path) -> None:
    path = _page(tmp_path, "<div>\n\n<a href='/x'>Un lien</a> et du texte\n<p>Un paragraphe</p></div>")
    blocks = read_document(path).blocks
    assert [(b.text, b.location) for b in blocks] == [("Un lien et du texte", "line 7"), ("Un paragraphe", "line 8")]


# --- fragments, lists under a plan heading, numbered projects ----------------------------


def _fragment(tmp_path: Path, text: str, name: str = "fragment.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<div class='plan'><h2>Nos actions</h2></div>", "html"),
        ("\ufeff\n  <h1>Plan d'action</h1><p>Texte</p>", "html"),
        ("<!-- copié depuis le site -->\n<ul><li>Créer</li></ul>", "html"),
        ("<p>Un paragraphe</p>", "html"),
        ('<?xml version="1.0"?><PST><Action/></PST>', "unknown"),  # XML, not a page
        ("<PST><Action>x</Action></PST>", "unknown"),
        ("<!-- commentaire -->\n<plan><axe/></plan>", "unknown"),
        ("Plan d'action : <b>texte</b>", "unknown"),
    ],
)
def test_a_page_fragment_is_html(tmp_path: Path, text: str, expected: str) -> None:
    assert detect_format(_fragment(tmp_path, text)) == expected


def test_list_under_a_heading_naming_the_plan_in_a_fragment(tmp_path: Path) -> None:
    path = _fragment(
        tmp_path,
        """<div class="entry">
<h1>Association Les Tilleuls</h1>
<p>Notre association accompagne les familles depuis 1985.</p>
<h2>Le plan d'action 2023-2024</h2>
<h3>Axe 1 : La jeunesse</h3>
<ul>
  <li>Ouvrir un accueil de loisirs le mercredi
    <ul><li>recruter deux animateurs</li></ul>
  </li>
  <li>Créer un conseil des jeunes</li>
</ul>
<h3>Axe 2 : Les familles</h3>
<ol><li>Organiser des cafés des parents</li></ol>
<h2>Nous soutenir</h2>
<ul><li>Faire un don en ligne pour soutenir nos projets</li></ul>
</div>""",
        "plan.html",
    )
    plan = extract(path)
    assert plan.source.format == "html"
    assert [(a.text("label"), a.text("axis"), a.parent) for a in plan.actions] == [
        ("Ouvrir un accueil de loisirs le mercredi", "Axe 1 : La jeunesse", None),
        ("recruter deux animateurs", "Axe 1 : La jeunesse", 0),
        ("Créer un conseil des jeunes", "Axe 1 : La jeunesse", None),
        ("Organiser des cafés des parents", "Axe 2 : Les familles", None),
    ]
    assert plan.actions[0].location == "line 7"
    assert plan.metadata.title == "Association Les Tilleuls"


def test_numbered_project_headings_with_their_field_lines(tmp_path: Path) -> None:
    path = _page(
        tmp_path,
        """<nav><ul><li><a href="/">Accueil</a></li><li><a href="/projets">Nos projets</a></li></ul></nav>
<h1>Projet social 2024-2027</h1>
<h2>Vivre ensemble</h2>
<h3>1- Projet jardin partagé</h3>
<p>Objectifs : créer du lien entre voisins ; cultiver ensemble</p>
<p>Public : les habitants du quartier</p>
<p>Porteur : le centre social</p>
<h3>Projet 2 : Les ateliers numériques</h3>
<p>Objectifs :</p>
<ul><li>réduire la fracture numérique</li><li>accompagner les démarches</li></ul>
<footer><p>Contact</p><ul><li><a href="/mentions">Mentions légales</a></li></ul></footer>""",
    )
    plan = extract(path)
    assert [(a.text("action_code"), a.text("label"), a.text("axis")) for a in plan.actions] == [
        ("1", "Projet jardin partagé", "Vivre ensemble"),
        ("2", "Les ateliers numériques", "Vivre ensemble"),
    ]
    first, second = plan.actions
    assert first.text("operational_objective") == "créer du lien entre voisins ; cultiver ensemble"
    assert (first.text("comment"), first.text("pilot")) == ("Public : les habitants du quartier", "le centre social")
    assert second.text("operational_objective") == "réduire la fracture numérique ; accompagner les démarches"


def test_menus_and_site_words_stay_out(tmp_path: Path) -> None:
    path = _page(
        tmp_path,
        """<div class="top"><ul><li><a href="/">Accueil</a></li><li><a href="/c">Contact</a></li>
<li><a href="/a">Qui sommes-nous</a></li></ul></div>
<h2>Nos actions</h2>
<ul><li><a href="/fb">Facebook</a></li><li><a href="/tw">Twitter</a></li></ul>
<ul><li>Développer l'aide aux devoirs</li><li>Créer une ludothèque</li></ul>
<p>Accueil</p>""",
    )
    document = read_document(path)
    assert _texts(document.blocks) == ["Nos actions", "Développer l'aide aux devoirs", "Créer une ludothèque"]
    assert [a.text("label") for a in extract(path).actions] == ["Développer l'aide aux devoirs", "Créer une ludothèque"]


def test_a_numbered_heading_without_plan_words_is_no_project(tmp_path: Path) -> None:
    path = _page(tmp_path, "<h1>Rapport</h1><h2>1. Introduction</h2><p>Objectifs : présenter l'année.</p>")
    plan = extract(path)
    assert plan.actions == ()
    assert "not-a-plan" in {f.kind for f in plan.findings}


GUIDE_STEPS = """<p>Ce guide vous aide à construire le plan d'action de votre structure.</p>
<h3>1- Préparer la démarche</h3><p>Conseils :</p>
<ul><li>Associez les équipes dès le début.</li><li>Nommez un pilote pour chaque action.</li></ul>
<h3>2- Rédiger les actions</h3><p>Conseils :</p>
<ul><li>Fixez une échéance réaliste.</li><li>Prévoyez des indicateurs de suivi.</li>
<li>Limitez le nombre d'actions prioritaires.</li></ul>"""


@pytest.mark.parametrize("title", ["Fiche conseil", "Comment rédiger votre plan d'action ?"])
def test_a_guides_numbered_steps_are_no_projects_and_its_advice_no_plan(tmp_path: Path, title: str) -> None:
    """'2- Rédiger les actions' speaks of actions, it is not one; a heading addressing the reader
    ('votre plan d'action') does not name the steps below as a plan's; the list under 'les actions',
    advice to the reader, is read (by layout) and then judged not a plan."""
    raw = extract(_page(tmp_path, f"<h1>{title}</h1>{GUIDE_STEPS}"))
    assert [a.text("label") for a in raw.actions] == [
        "Fixez une échéance réaliste.",
        "Prévoyez des indicateurs de suivi.",
        "Limitez le nombre d'actions prioritaires.",
    ]
    plan = normalize(raw)
    assert len(plan.actions) == 0
    [finding] = plan.anomalies[plan.anomalies["kind"] == "not-a-plan"].itertuples()
    assert "advice to the reader" in str(finding.message)


def test_a_numbered_heading_opening_with_a_project_word_is_a_project(tmp_path: Path) -> None:
    plan = extract(_page(tmp_path, "<h1>Bilan</h1><h2>3. Les projets jardin</h2><p>Porteur : le centre social</p>"))
    assert [(a.text("label"), a.text("pilot")) for a in plan.actions] == [("Les projets jardin", "le centre social")]


def test_a_list_of_values_under_a_project_title_is_not_its_plan(tmp_path: Path) -> None:
    body = (
        "<h1>Projet social</h1><h2>Nos valeurs</h2><ul><li>Solidarité</li><li>Laïcité</li><li>Respect</li></ul>"
        "<h2>Le plan d'action 2025-2027</h2><ul><li>Créer un atelier numérique</li>"
        "<li>Former les bénévoles</li><li>Ouvrir une épicerie solidaire</li></ul>"
    )
    plan = extract(_page(tmp_path, body))
    assert [a.text("label") for a in plan.actions] == [
        "Créer un atelier numérique",
        "Former les bénévoles",
        "Ouvrir une épicerie solidaire",
    ]
