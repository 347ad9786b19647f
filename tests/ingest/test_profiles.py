"""Mapping profiles (ingest/profiles.py): a TOML file names the roles of a layout no rule can guess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from core.records import LayoutHints
from ingest import excel, extract
from ingest.profiles import Mismatch, Profile, ProfileError, load_profile, load_profiles, match
from plans.cli import main
from plans.pipeline import FileReport, IngestOptions, ingest

PROFILE = """
name = "chantiers"
match = ["Chantier", "Tenant", "Horizon"]
[columns]
label = "chantier"          # header texts are compared without case or accents
pilot = "Tenant"
deadline = "Horizon"
axis = "A"                  # the band column has no header text: given by letter
[status_words]
"Bouclé" = "done"
"""
ROWS = (
    ("Bloc 1", "Ouvrir un lieu d'accueil de jour", "Pôle social", "2025"),
    ("", "Recruter deux travailleurs pairs", "DRH", "2026"),
    ("Bloc 2", "Publier le rapport annuel en FALC", "Communication", "2025"),
)


def _workbook(path: Path, header: tuple[str, ...] = ("", "Chantier", "Tenant", "Horizon"), top: int = 3) -> Path:
    """A sheet whose header words no rule knows: a title, a blank row, then the table at row `top`."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Suivi"
    sheet["A1"] = f"Nos chantiers 2025-2026 ({path.stem})"  # one title per file: other bytes
    for col, text in enumerate(header, start=1):
        sheet.cell(top, col, text)
    for row, values in enumerate(ROWS, start=top + 1):
        for col, value in enumerate(values, start=1):
            sheet.cell(row, col, value or None)
    book.save(path)
    return path


def _profile(folder: Path, text: str = PROFILE, name: str = "chantiers.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_layout_no_rule_guesses_is_read_with_its_profile(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "suivi.xlsx")
    assert excel.extract(path).actions == ()  # without the profile: no header row found
    [profile] = load_profiles(_profile(tmp_path / "profiles"))
    raw = excel.extract(path, profiles=(profile,))
    labels = [a.text("label") for a in raw.actions]
    assert labels == [row[1] for row in ROWS]
    assert [a.text("pilot") for a in raw.actions] == ["Pôle social", "DRH", "Communication"]
    assert [a.text("deadline") for a in raw.actions] == ["2025", "2026", "2025"]
    assert raw.actions[0].cells["label"].ref == "Suivi!B4"
    assert raw.actions[0].text("axis") == "Bloc 1"
    [used] = [f for f in raw.findings if f.kind == "profile-used"]
    assert "'chantiers'" in used.message and "chantiers.toml" in used.message
    assert used.location == "Suivi!A3"


def test_match_finds_the_header_row_and_gives_layout_hints(tmp_path: Path) -> None:
    profile = load_profile(_profile(tmp_path) / "chantiers.toml")
    rows = [["Titre"], [], ["", "CHANTIER", "tenant", "Horizon", "Notes"], ["", "x", "y", "z"]]
    hints = match(profile, "Suivi", rows)
    assert isinstance(hints, LayoutHints)
    assert (hints.sheet, hints.header_row) == ("Suivi", 2)
    assert dict(hints.columns) == {1: "label", 2: "pilot", 3: "deadline", 0: "axis"}
    assert dict(hints.status_words) == {"boucle": "done"}


def test_a_profile_that_does_not_fit_says_why_in_one_line(tmp_path: Path) -> None:
    profile = load_profile(_profile(tmp_path) / "chantiers.toml")
    found = match(profile, "Suivi", [["", "Chantier", "Tenant", "Échéance"]])
    assert isinstance(found, Mismatch)
    assert "'Horizon'" in found.reason and "\n" not in found.reason
    on_sheet = Profile("p", "p.toml", ("Chantier",), {"label": "Chantier"}, sheet="Budget")
    assert match(on_sheet, "Suivi", [["Chantier"]]) == Mismatch("it reads sheet 'Budget', not 'Suivi'")
    at_row = Profile("p", "p.toml", ("Chantier",), {"label": "Chantier"}, header_row=0)
    assert isinstance(match(at_row, "Suivi", [["Titre"], ["Chantier"]]), Mismatch)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('colour = "red"\n' + PROFILE, "unknown key 'colour'"),
        (PROFILE.replace("pilot = ", "pilote = "), "unknown field 'columns.pilote'"),
        (PROFILE.replace('label = "chantier"', ""), "'label'"),
        (PROFILE.replace('"done"', '"finished"'), "'status_words.Bouclé'"),
        ('header_row = 0\n[columns]\nlabel = "A"\n', "'header_row'"),
        ('[columns]\nlabel = "A"\n', "'match'"),
        ('planned_fill = "orange"\n' + PROFILE, "'planned_fill'"),
        ("match = [", "invalid profile"),
    ],
)
def test_a_wrong_profile_is_a_clear_error_naming_file_and_key(tmp_path: Path, text: str, says: str) -> None:
    path = _profile(tmp_path, text, "faux.toml") / "faux.toml"
    with pytest.raises(ProfileError) as error:
        load_profile(path)
    assert says in str(error.value)
    assert "faux.toml" in str(error.value)


def test_two_profiles_with_one_name_are_refused(tmp_path: Path) -> None:
    folder = _profile(_profile(tmp_path), PROFILE, "copie.toml")
    with pytest.raises(ProfileError, match="also the name of"):
        load_profiles(folder)


def test_profiles_reach_the_workbook_reader_only(tmp_path: Path) -> None:
    profiles = load_profiles(_profile(tmp_path / "profiles"))
    assert len(extract(_workbook(tmp_path / "suivi.xlsx"), profiles=profiles).actions) == 3
    html = tmp_path / "page.html"
    html.write_text("<html><body><h1>Chantier</h1><p>Tenant</p></body></html>", encoding="utf-8")
    assert not any(f.kind.startswith("profile") for f in extract(html, profiles=profiles).findings)


def _run(tmp_path: Path, *files: Path, profiles: tuple[Profile, ...]) -> dict[str, FileReport]:
    reports = ingest(files, IngestOptions(db=tmp_path / "w.duckdb", jobs=1, profiles=profiles))
    return {r.file_name: r for r in reports}


def test_sidecar_names_the_profile_and_a_mismatch_is_a_finding(tmp_path: Path) -> None:
    other = Profile("autre", "autre.toml", ("Quoi",), {"label": "Quoi"})
    profiles = (*load_profiles(_profile(tmp_path / "profiles")), other)
    fits = _workbook(tmp_path / "fits.xlsx")
    sidecar = 'profil = "chantiers"\norganisation = "Les Chantiers"\n'  # French key names
    (tmp_path / "fits.xlsx.plan.toml").write_text(sidecar, encoding="utf-8")
    wrong = _workbook(tmp_path / "wrong.xlsx")
    (tmp_path / "wrong.xlsx.plan.toml").write_text('profile = "autre"\n', encoding="utf-8")
    unknown = _workbook(tmp_path / "unknown.xlsx")
    (tmp_path / "unknown.xlsx.plan.toml").write_text('profile = "absent"\n', encoding="utf-8")
    reports = _run(tmp_path, fits, wrong, unknown, profiles=profiles)
    assert reports["fits.xlsx"].actions == 3
    assert reports["fits.xlsx"].anomaly_kinds == {"profile-used": 1}
    # The named profile alone is tried: 'chantiers' would fit, but the sidecar says 'autre'.
    assert reports["wrong.xlsx"].actions == 0
    assert reports["wrong.xlsx"].anomaly_kinds.get("profile-mismatch") == 1
    assert reports["unknown.xlsx"].status == "failed"
    assert "'absent'" in str(reports["unknown.xlsx"].message)


def test_cli_reads_profiles_from_the_folder_given_or_beside_the_warehouse(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "suivi.xlsx")
    _profile(tmp_path / "mine")
    given = CliRunner().invoke(
        main, ["ingest", str(path), "--db", str(tmp_path / "a.duckdb"), "--profiles", str(tmp_path / "mine"), "--json"]
    )
    assert given.exit_code == 0, given.output
    assert json.loads(given.stdout)[0]["actions"] == 3
    _profile(tmp_path / "wh" / "profiles")
    default = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "wh" / "b.duckdb"), "--json"])
    assert json.loads(default.stdout)[0]["actions"] == 3
    _profile(tmp_path / "bad", "x = 1\n" + PROFILE)
    bad = CliRunner().invoke(
        main, ["ingest", str(path), "--db", str(tmp_path / "c.duckdb"), "--profiles", str(tmp_path / "bad")]
    )
    assert bad.exit_code == 1
    assert "unknown key 'x'" in bad.output
