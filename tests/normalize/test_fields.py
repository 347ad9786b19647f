"""Property tests for the field parsers: codes and labels, deadlines, statuses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from normalize.fields import is_open_ended, normalize_code, parse_deadline, parse_progress, parse_status, split_label

codes = st.lists(st.integers(min_value=1, max_value=99), min_size=2, max_size=4).map(
    lambda parts: ".".join(map(str, parts))
)
labels = st.text(alphabet=st.sampled_from("abcdeéèàçô ABCÉ'’\u00a0"), min_size=1, max_size=40).filter(
    lambda t: t.strip() and not t.startswith(("\u00a0", " ")) and not t.endswith(("\u00a0", " "))
)


@given(codes, labels, st.sampled_from(["Action {c} : {l}", "{c}. {l}", "{c} - {l}", "✓ {c}. {l}", "Action {c} {l}"]))
def test_a_code_written_in_front_of_a_label_is_split_off(code: str, label: str, pattern: str) -> None:
    if "  " in label:
        return  # whitespace runs are collapsed by design; covered below
    assert split_label(pattern.format(c=code, l=label)) == (code, label)


@given(codes, st.sampled_from(["{c}", "{c}.", " {c} ", "Action {c}", "action n°{c}"]))
def test_code_cells_normalize_to_dotted_numbers(code: str, pattern: str) -> None:
    assert normalize_code(pattern.format(c=code)) == code


@given(
    st.integers(min_value=1990, max_value=2090),
    st.integers(min_value=0, max_value=8),
    st.sampled_from(["-", " - ", "–", " à "]),
)
def test_a_year_range_gives_every_year(start: int, length: int, dash: str) -> None:
    assert parse_deadline(f"{start}{dash}{start + length}") == tuple(
        (y, None) for y in range(start, start + length + 1)
    )


def test_deadline_words() -> None:
    assert parse_deadline("Début 2021") == ((2021, 1),)
    assert parse_deadline("fin 2022") == ((2022, 2),)
    assert parse_deadline("2021- 2022") == ((2021, None), (2022, None))
    assert parse_deadline("bientôt") == ()


def test_status_and_progress_words() -> None:
    assert [parse_status(w) for w in ("En cours", "Finalisé", "A programmer", "Abandonné", "peut-être")] == [
        "in_progress",
        "done",
        "planned",
        "abandoned",
        None,
    ]
    assert [parse_progress(t) for t in ("25%", "25 %", "0,5", "100")] == [25.0, 25.0, 50.0, 100.0]


def test_a_start_date_gives_the_start_period_and_no_end() -> None:
    assert parse_deadline("depuis 2017") == ((2017, None),)
    assert parse_deadline("depuis le second semestre 2016") == ((2016, 2),)
    assert parse_deadline("Depuis le 1er semestre 2019") == ((2019, 1),)
    assert parse_deadline("depuis début 2019") == ((2019, None),)
    assert [is_open_ended(t) for t in ("depuis 2017", "Depuis le second semestre 2016", "2017-2018", "fin 2022")] == [
        True,
        True,
        False,
        False,
    ]


def test_section_labels_of_narrative_plans_are_statuses() -> None:
    labels = ("Projets déjà engagés", "ACTIONS DU PRÉCÉDENT PROJET", "PISTES D’ACTIONS", "Pistes d'action")
    assert [parse_status(label) for label in labels] == ["in_progress", "done", "planned", "planned"]
