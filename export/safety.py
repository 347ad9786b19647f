"""Text that a spreadsheet would run as a formula is neutralised on export.

CSV: such a cell gets a leading apostrophe (OWASP's advice), which spreadsheets show
as text. Excel files written here never contain formulas (strings are written as
strings) and such cells also carry Excel's "quote prefix" style, so that editing the
cell later does not turn it into a formula; their value stays intact for the round trip.
"""

from __future__ import annotations

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    return "'" + text if is_formula_like(text) else text
