"""Generate a synthetic corpus of plans, reproducibly from a seed.

    python samples/synthetic.py OUT_DIR N --seed 42 [--scale 1.0]

Plans alternate between an Excel workbook (two in three) and a Word roadmap (one in
three). Both are written by the builders of ``build_samples.py`` (``write_workbook``,
``write_document``), so they carry the same layout and the same mess as the samples:

* Excel: a title row, "MAJ :", "Total" / "Nbre Filtre" count formulas, the header
  row repeated by block (each block after the first re-states title and counts),
  vertically merged Axe / Objectif cells, "X" marks over the semesters (and in the
  headerless column P), one row shifted one column to the right and one action row
  duplicated verbatim.
* Word: a Title, "Axe n : ..." Heading 1 paragraphs with their vision statement,
  ``List Bullet`` actions, nested italic ``List Bullet 2`` sub-actions and
  ``List Number`` themes followed by italic bullets.

Sizes vary from about 10 to 200 actions (times ``--scale``). Each file has its own
random generator seeded with ``"{seed}-{index}"``, so file i is the same whatever N;
its title holds its number, so that no two plans are versions of one another.
PDF plans are not generated: the PDF builder (``pdf_sample.py``) is bound to the
layout of its one seed, and reportlab + pdfplumber would dominate the corpus time.

``manifest.json`` in OUT_DIR lists every file with the number of actions it holds
(``expected_actions``): one per distinct action row (the duplicated row is read once,
with a ``duplicate-row`` anomaly), one per bullet.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from build_samples import (  # noqa: E402  (the builders live next to this script)
    EXCEL_SEED,
    FILTER_LABEL,
    TITLE_PREFIX,
    TOTAL_LABEL,
    Grid,
    read_seed,
    write_document,
    write_workbook,
)

VERBS = (
    "Définir",
    "Mettre en place",
    "Évaluer",
    "Renforcer",
    "Développer",
    "Créer",
    "Former",
    "Structurer",
    "Accompagner",
    "Recenser",
    "Favoriser",
    "Organiser",
    "Piloter",
    "Consolider",
    "Élaborer",
)
OBJECTS = (
    "une trame commune de rapport d’activité",
    "les partenariats locaux",
    "l’accueil des personnes accompagnées",
    "la politique de formation des salariés",
    "un outil de suivi des bénévoles",
    "la démarche qualité",
    "la communication interne",
    "les conseils de la vie sociale",
    "un plan de mobilité durable",
    "l’habitat inclusif",
    "la gestion des déchets",
    "les fiches de poste",
    "le dossier de l’usager dématérialisé",
    "une charte de partenariat",
    "l’observatoire social",
)
COMPLEMENTS = (
    "avec les pôles",
    "dans chaque territoire",
    "avant l’assemblée générale",
    "en lien avec la DRH",
    "pour les personnes accompagnées",
    "au sein de l’association",
    "avec les financeurs",
    "à l’échelle départementale",
    "",
)
PILOTS = ("DG", "Codir", "Directeurs de Pôles", "DRH", "Resp. Services", "Comm. Vie associative", "Pôle ressources")
PARTNERS = ("Groupes Prospectives", "Bénévoles", "Caf", "Conseil départemental", "URIOPSS", "Équipes projet", "")
INDICATORS = (
    "Taux de réalisation",
    "Nombre de réunions",
    "Nbre de personnes formées",
    "Satisfaction des équipes",
    "Document approuvé par le CA",
    "",
)
THEMES = (
    "Développement de l’offre",
    "RH, Qualité",
    "Représentativité, droit des usagers",
    "Communication, plaidoyer",
    "Transition écologique",
    "Gouvernance et vie associative",
    "Stratégie financière",
)
PLACES = ("Nord", "Sud", "Est", "Ouest", "Centre", "Littoral", "Montagne", "Vallée", "Plaine", "Métropole")
SEMESTERS = 7  # columns I..O; P (index 15) has no header
ROWS_PER_BLOCK = 25


@dataclass(frozen=True)
class Generated:
    file_name: str
    expected_actions: int


def label(rng: random.Random, seen: set[str]) -> str:
    """A label not yet used in this plan (a repeated label would be a duplicate action)."""
    parts = (rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(COMPLEMENTS))
    text = " ".join(part for part in parts if part)
    if text in seen:
        text += f" (volet {len(seen) + 1})"
    seen.add(text)
    return text


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(OBJECTS) for _ in range(words)).capitalize()


def action_count(rng: random.Random, scale: float) -> int:
    """Varied sizes: mostly small plans, some large ones."""
    return max(3, round(rng.choice((10, 20, 30, 50, 80, 120, 200)) * rng.uniform(0.7, 1.3) * scale))


# --------------------------------------------------------------------------
# Excel
# --------------------------------------------------------------------------


def excel_rows(rng: random.Random, actions: int) -> list[list[str]]:
    """The action rows (16 fields): hierarchy on the first row of its group only."""
    rows: list[list[str]] = []
    seen: set[str] = set()
    engagement = 0
    while len(rows) < actions:
        engagement += 1
        axis = f"Axe {engagement} : {rng.choice(THEMES)}" if engagement == 1 or rng.random() < 0.4 else ""
        general = f"Engagement n°{engagement} : {sentence(rng, 2)}"
        for objective in range(1, rng.randint(1, 4) + 1):
            operational = sentence(rng, 1)
            for number in range(1, rng.randint(1, 5) + 1):
                first_of_group = number == 1
                marks = ["X" if rng.random() < 0.4 else "" for _ in range(SEMESTERS)]
                rows.append(
                    [
                        axis if first_of_group and objective == 1 else "",
                        general if first_of_group and objective == 1 else "",
                        operational if first_of_group else "",
                        f"{engagement}.{objective}.{number}",
                        label(rng, seen),
                        rng.choice(PILOTS),
                        rng.choice(PARTNERS),
                        rng.choice(INDICATORS),
                        *marks,
                        "X" if rng.random() < 0.05 else "",
                    ]
                )
                axis = general = ""
                if len(rows) == actions:
                    return rows
    return rows


def mess_up(rng: random.Random, rows: list[list[str]]) -> None:
    """One row shifted one column to the right (code in E), one row duplicated after itself."""
    if len(rows) < 4:
        return
    shifted = rng.randrange(1, len(rows))
    fields = rows[shifted]
    rows[shifted] = ["", "", "", "", *fields[3:15]]
    duplicated = rng.randrange(1, len(rows))
    while duplicated == shifted:
        duplicated = rng.randrange(1, len(rows))
    rows.insert(duplicated + 1, list(rows[duplicated]))


def excel_grid(rng: random.Random, title: str, actions: int) -> tuple[Grid, int]:
    """The seed-like grid of a workbook and the last Excel row of its data."""
    header = next(fields for fields in read_seed(EXCEL_SEED) if fields[:1] == ["Axe"])
    rows = excel_rows(rng, actions)
    mess_up(rng, rows)
    counts = [str(sum(1 for row in rows if len(row) > col and row[col])) for col in range(1, 16)]
    counts = [count if count != "0" else "" for count in counts]
    grid: Grid = [[""], [""], [title], [""], ["MAJ :"], [""], [TOTAL_LABEL, *counts], [FILTER_LABEL, *counts]]
    for start in range(0, len(rows), ROWS_PER_BLOCK):
        if start:
            grid += [[""], [title], [""], [FILTER_LABEL, *counts]]
        grid.append(list(header))
        grid += rows[start : start + ROWS_PER_BLOCK]
    return grid, len(grid)


def write_excel(rng: random.Random, out: Path, scale: float, number: int) -> int:
    actions = action_count(rng, scale)
    title = f"{TITLE_PREFIX} {rng.choice(PLACES)} {number} {rng.randint(2019, 2024)}-{rng.randint(2025, 2028)}"
    grid, last_row = excel_grid(rng, title, actions)
    write_workbook(grid, out, title, last_row)
    return actions  # the duplicated row is read once (a duplicate-row anomaly)


# --------------------------------------------------------------------------
# Word
# --------------------------------------------------------------------------


def word_lines(rng: random.Random, title: str, actions: int) -> tuple[list[str], int]:
    lines = [
        title,
        f"Projet au {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2020, 2024)}",
        "Objet & Calendrier de la feuille de route",
        sentence(rng, 3) + ".",
    ]
    seen: set[str] = set()
    bullets = 0
    axis = 0
    while bullets < actions:
        axis += 1
        lines += [f"Axe {axis} : {rng.choice(THEMES)}", "En 2025, la Résidence sociale :", sentence(rng, 2) + "."]
        for _ in range(rng.randint(2, 8)):
            lines.append(f"- {label(rng, seen)}")
            bullets += 1
            if rng.random() < 0.15:
                for _ in range(rng.randint(1, 3)):
                    lines.append(f" - *{label(rng, seen)}*")
                    bullets += 1
        if rng.random() < 0.3:
            for theme in range(1, rng.randint(1, 3) + 1):
                lines.append(f"{theme}. {rng.choice(THEMES)}")
                for _ in range(rng.randint(1, 3)):
                    lines.append(f"- *{label(rng, seen)}*")
                    bullets += 1
    return lines, bullets


def write_word(rng: random.Random, out: Path, scale: float, number: int) -> int:
    title = f"FEUILLE DE ROUTE {rng.choice(PLACES).upper()} {number} {rng.randint(2020, 2025)}"
    lines, bullets = word_lines(rng, title, action_count(rng, scale))
    write_document(lines, out, title)
    return bullets


# --------------------------------------------------------------------------


def generate(out_dir: Path, count: int, seed: int = 42, scale: float = 1.0) -> list[Generated]:
    """Write `count` plans into `out_dir` (and manifest.json); return what was written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Generated] = []
    for index in range(count):
        rng = random.Random(f"{seed}-{index}")
        if index % 3 == 2:
            name = f"{index:05d}_feuille_de_route.docx"
            expected = write_word(rng, out_dir / name, scale, index + 1)
        else:
            name = f"{index:05d}_plan_strategique.xlsx"
            expected = write_excel(rng, out_dir / name, scale, index + 1)
        written.append(Generated(name, expected))
    manifest = [{"file": g.file_name, "expected_actions": g.expected_actions} for g in written]
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every plan's size")
    args = parser.parse_args(argv)
    written = generate(args.out_dir, args.count, args.seed, args.scale)
    print(f"{len(written)} plans, {sum(g.expected_actions for g in written)} actions in {args.out_dir}")


if __name__ == "__main__":
    main()
