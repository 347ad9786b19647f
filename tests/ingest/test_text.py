"""`clean` keeps French typography; `match_key` only serves comparisons."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.text import clean, match_key

french = st.text(alphabet=st.sampled_from("aeéèêàçôÉÀ’'«»\u00a0 \t\n\r-.:0123456789"), max_size=60)


@given(french)
def test_clean_is_idempotent_and_keeps_typography(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    # NBSP inside the text is kept; at the edges it is trimmed like any space.
    assert once.count("\u00a0") == text.strip().count("\u00a0")
    assert once.count("’") == text.count("’")
    assert "\t" not in once and "\n" not in once and "  " not in once


@given(french)
def test_match_key_is_idempotent_and_accent_free(text: str) -> None:
    key = match_key(text)
    assert match_key(key) == key
    assert not any(ch in key for ch in "éèêàçôÉÀ’\u00a0")


def test_match_key_examples() -> None:
    assert match_key("  Échéance :") == "echeance"
    assert match_key("Pilote\u00a0Opérationnel") == "pilote operationnel"
    assert match_key("1° semestre 2022") == "1° semestre 2022"
