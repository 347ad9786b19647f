"""How plans name periods, as data: period patterns, semester, quarter and month words, years.

Every string here is compared through `core.text.match_key` (no accents, lower case);
`core.periods` reads them.
"""

from __future__ import annotations

import re

# Period headers (match keys). Each pattern names what it reads through its groups: `year`
# (4 digits, or 2 after a month word), `sem`, `quarter`, `month` (a number), `mname` (a word
# of MONTH_WORDS), `day`, `week`, `rel` ("Mois 3": the third month of the plan). The finest
# group found is the grain. A pattern without `year` gives a relative period, whose year
# `periods.anchor_periods` finds. First match wins: today's semester spellings come first, so
# "S1 2024" stays a semester and only "S3".."S53" are weeks.
_ORDINAL = r"(?P<sem>1|2|premier|second|deuxieme)\s*(?:°|er|ere|e|eme|nd|nde)?"
_QUARTER_ORDINAL = r"(?P<quarter>[1-4]|premier|deuxieme|second|troisieme|quatrieme)\s*(?:°|er|ere|e|eme|nd|nde)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_SEP = r"\s*[-/ ]?\s*"
PERIOD_PATTERNS: tuple[re.Pattern[str], ...] = (
    # semesters and years (the spellings read before months and quarters existed)
    re.compile(rf"^{_ORDINAL}\s*semestre\s*(?P<year>\d{{4}})$"),
    re.compile(r"^s\s*(?P<sem>[12])\s*[-/ ]?\s*(?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})\s*[-/ ]?\s*s\s*(?P<sem>[12])$"),
    re.compile(r"^semestre\s*(?P<sem>[12])\s*[-/ ]?\s*(?P<year>\d{4})$"),
    re.compile(r"^(?:annee|en)?\s*(?P<year>(?:19|20)\d{2})$"),  # "2024", "Année 2024", "En 2024"
    # semesters without a year ("S1", "2e semestre", "1er sem.")
    re.compile(r"^(?:s|semestre)\s*(?P<sem>[12])$"),
    re.compile(rf"^{_ORDINAL}\s*sem(?:estre|\.)?(?:\s*{_YEAR})?$"),
    # a span of months that is a semester or a quarter ("Janv-Juin", "Juil. - Déc. 2024")
    re.compile(rf"^(?P<mfrom>[a-z]{{3,9}})\.?\s*(?:[-/–]|a)\s*(?P<mto>[a-z]{{3,9}})\.?(?:\s*{_YEAR})?$"),
    # quarters: "T1 2024", "Q2", "2024-T3", "1er trimestre 2024", "Trim. 4"
    re.compile(rf"^(?:t|q|trim|trimestre)\.?\s*(?P<quarter>[1-4])(?:{_SEP}{_YEAR})?$"),
    re.compile(rf"^{_YEAR}{_SEP}(?:t|q)\s*(?P<quarter>[1-4])$"),
    re.compile(rf"^{_QUARTER_ORDINAL}\s*trim(?:estre|\.)?(?:\s*{_YEAR})?$"),
    # days: "01/03/2024", "2024-03-01" (a date in a header or a date cell names its month)
    re.compile(r"^(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>(?:19|20)\d{2})$"),
    re.compile(r"^(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[ t]\d{2}:\d{2}(?::\d{2})?)?$"),
    # a day without its year ("02/01", a weekly Gantt's Mondays): its month, relative
    re.compile(r"^(?P<day>\d{1,2})/(?P<month>\d{1,2})$"),
    # months: "01/2024", "2024-01", "janv.", "janvier 2024", "janv-24", "Mois 3", "M3"
    re.compile(r"^(?P<month>0?[1-9]|1[0-2])\s*[/.-]\s*(?P<year>(?:19|20)\d{2})$"),
    re.compile(r"^(?P<year>(?:19|20)\d{2})\s*[/.-]\s*(?P<month>0[1-9]|1[0-2])$"),
    re.compile(r"^(?P<mname>[a-z]{3,9})\.?(?:\s*[-/ '.]?\s*(?P<year>(?:19|20)\d{2}|\d{2}))?$"),
    re.compile(r"^(?:mois|m)\s*(?P<rel>[1-9]\d?|1[0-1]\d|120)$"),
    # weeks: "Semaine 12", "Sem. 12", "W12", "2024-W12", "S12" (S1/S2 are semesters, above)
    re.compile(rf"^(?:semaine|sem|w|wk)\.?\s*(?P<week>[1-9]|[1-4]\d|5[0-3])(?:{_SEP}{_YEAR})?$"),
    re.compile(rf"^{_YEAR}{_SEP}w\s*(?P<week>[1-9]|[1-4]\d|5[0-3])$"),
    re.compile(rf"^s\s*(?P<week>[3-9]|[1-4]\d|5[0-3])(?:\s+{_YEAR})?$"),
)
SEMESTER_WORDS: dict[str, int] = {"1": 1, "premier": 1, "2": 2, "second": 2, "deuxieme": 2}
QUARTER_WORDS: dict[str, int] = {
    **{str(n): n for n in range(1, 5)},
    "premier": 1,
    "deuxieme": 2,
    "second": 2,
    "troisieme": 3,
    "quatrieme": 4,
}
# Month words (match keys, without the abbreviation dot), French first, then English.
MONTH_WORDS: dict[str, int] = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "avril": 4, "avr": 4, "apr": 4, "april": 4,
    "mai": 5, "may": 5,
    "juin": 6, "jun": 6, "june": 6,
    "juillet": 7, "juil": 7, "jul": 7, "july": 7,
    "aout": 8, "aou": 8, "aug": 8, "august": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}  # fmt: skip
# A two-digit year after a month word ("janv-24") is in this century.
TWO_DIGIT_CENTURY = 2000
# A year or a span of years in a title or a period field ("2024-2026", "2021 à 2024").
YEAR_RANGE = re.compile(r"(?P<start>(?:19|20)\d{2})(?:\s*[-–/à]\s*(?P<end>(?:19|20)\d{2}))?")

# Text (before a grid's header, on a cover) that labels a version ("MAJ : 12/01/2023", "Projet au 17/02/2022").
VERSION_PATTERN = re.compile(r"^(?:maj|mise a jour|version|projet au|actualise le|v\d)\b\s*:?\s*(?P<value>.*)$")
