"""Fiches actions and activity blocks (`ingest/fiches.py`): what starts a block, what its labels mean.

Patterns marked "on match_key" are matched against `core.text.match_key` (no accents, lower
case, ’ -> '); the others against the cleaned source text, so that their groups keep the text
as written. Add a label here, never an `if` in the reader.
"""

from __future__ import annotations

import re

_CODE = r"\d{1,3}(?:\.\d{1,3}){0,3}"

# A block header: "Activité 1.1 : title", "Action n°3 – title", "Mesure 2.4 :", "Fiche action n°2",
# "FICHE-ACTION 2", "Fiche 2", "Fiche action 1.1 Title" (on the cleaned text). The number is
# required: a bare "Action :" is a label. Without a separator, the title must start with a capital
# letter: a wrapped line of prose ("activité 2.3. partenaires ...") is no header.
_KIND = r"(?:activit[ée]|action|mesure|projet|op[ée]ration)s?"
BLOCK_HEADER = re.compile(
    rf"^(?:fiches?(?:[\s-]+{_KIND})?|{_KIND})\s*(?:n\s*°|n[o°]\.?|num[ée]ro)?\s*"
    rf"(?P<code>{_CODE})\.?"
    r"(?:\s*[:\-–—)]\s*(?P<title>.*)|\s+(?P<bare>[A-ZÀ-ÝÉÈ«\"“].*)|\s*)$",
    re.IGNORECASE | re.DOTALL,
)
# A fiche title without number ("FICHE ACTION", "Fiche-projet : title"), on match_key.
FICHE_TITLE = re.compile(r"^fiches?[\s-]+(?:action|projet)s?\b\s*(?:n°\s*)?[:\-–—]?\s*(?P<title>.*)$")

# A numbered section heading of a report or form ("4.3 Pilotage du projet", "V. STRATÉGIE ..."), on
# the cleaned text: it ends the block above, and it is no action.
SECTION_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?|[IVX]{1,5}\.)\s+[A-ZÀ-Ý][^:]{0,120}$")
# Hierarchy headings that frame the blocks (on match_key). A number is required: "Objectif
# général : ..." inside a fiche is one of its answers, not a heading.
HIERARCHY_HEADINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:axe|orientation|priorite|pilier)s?\s*(?:n°\s*)?(?P<number>\d{1,2})\b"), "axis"),
    (
        re.compile(
            r"^(?:objectifs?\s+(?:specifiques?|strategiques?|generaux|general)|os|og)\s*(?:n°\s*)?(?P<number>\d{1,2})\b"
        ),
        "strategic_objective",
    ),
    (
        re.compile(
            r"^(?:objectifs?\s+operationnels?|resultats?(?:\s+attendus?)?|r)\s*(?:n°\s*)?(?P<number>\d{1,2}(?:\.\d{1,2})?)\b\s*[:\-–—.]"
        ),
        "operational_objective",
    ),
)

# Field labels (on match_key of the label part: before the colon, or the key cell of a row) ->
# what the block's field means. The first pattern that matches wins; a label is at most
# MAX_LABEL_CHARS long. "label" and "code" name the action; "objectives", "public" and
# "modalities" go to its comment.
FIELD_LABELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:n°|numero|no)\s*(?:de\s+(?:la\s+|l')?)?(?:fiche|action|projet)\b"), "code"),
    (re.compile(r"^fiche\s+(?:action|projet)\s*n°"), "code"),
    (
        re.compile(
            r"^(?:intitule|titre|nom|libelle|denomination)(?:\s+(?:de\s+l'|de\s+la\s+|du\s+|des\s+)?"
            r"(?:action|projet|activite|fiche|mesure|l'action|operation)s?)?(?:\s+ou\s+du\s+projet)?$"
        ),
        "label",
    ),
    (re.compile(r"^(?:action|activite|mesure|projet)$"), "label"),
    (
        re.compile(
            r"^(?:pilotes?|porteurs?|referents?|personnes?\s+referentes?|responsables?|qui|coordinat|"
            r"structure\s+porteuse|chef\s+de\s+projet|acteurs?\b.*\ben\s+charge\b|en\s+charge\b)"
        ),
        "pilot",
    ),
    (re.compile(r"^(?:partenaires?|partenariats?|acteurs?|contributeurs?|avec\s+qui)\b"), "partners"),
    (
        re.compile(
            r"^(?:indicateurs?|criteres?\s+d'evaluation|evaluation|modalites\s+d'evaluation|"
            r"quels?\s+indicateurs?|resultats?\s+attendus?)\b"
        ),
        "indicator",
    ),
    (
        re.compile(r"^(?:date\s+(?:previsionnelle\s+)?de\s+debut|debut|date\s+de\s+demarrage|demarrage)\b"),
        "start_date",
    ),
    (re.compile(r"^(?:date\s+(?:previsionnelle\s+)?de\s+fin|fin)\b"), "end_date"),
    (
        re.compile(
            r"^(?:echeances?|echeancier|calendrier|duree|periode|delais?|quand|planning)\b"
            r"|^dates?(?:\s+(?:de\s+realisation|de\s+mise\s+en\s+oeuvre|de\s+l'action|previsionnelles?))?$"
        ),
        "deadline",
    ),
    (re.compile(r"^(?:budget|cout|couts|financement|montant)\b"), "budget"),
    (re.compile(r"^(?:statut|etat(?:\s+d'avancement)?|avancement)\b"), "status"),
    (
        re.compile(r"^(?:objectifs?|quels?\s+sont\s+les\s+objectifs|finalite|enjeux?|but)\b"),
        "objectives",
    ),
    (re.compile(r"^(?:publics?|beneficiaires?|cibles?|quels?\s+(?:en\s+)?sont\s+le)"), "public"),
    (re.compile(r"^(?:modalites|description|contenu|deroulement|mise\s+en\s+oeuvre|moyens)\b"), "modalities"),
)
MAX_LABEL_CHARS = 90
# What ends a field's label on its line: a colon, or a dash between spaces ("Pilote – DG"); the
# first one after a known label wins.
FIELD_SEPARATORS: tuple[re.Pattern[str], ...] = (re.compile(r"\s*:"), re.compile(r"\s+[–—-]\s+"))
# A label alone on its line or cell ("Pilote", its answer below) is at most this long; the words of
# NOT_BARE_LABELS alone are column headers or headings, never a fiche's label.
MAX_BARE_LABEL_CHARS = 40
NOT_BARE_LABELS: frozenset[str] = frozenset({"action", "actions", "activite", "activites", "mesure", "projet"})
# A "Label : value" line with a short label: it never goes on a title, even when the label is unknown.
LABELLED_LINE = re.compile(r"^[^:]{2,40}:\s*\S")
# A field belongs to the block above only when at most this many pieces (lines, paragraphs, rows)
# separate it from what the block last took: the fields of a fiche come together, a far "Objectif
# global :" of a cover page's project is no field of it.
MAX_FIELD_GAP = 12
# After a numbered header ("Activité 1.1 :"), fields may follow prose (lists of a modality), but
# not pages later: the last block of a document does not take the tables of its annexes.
MAX_HEADED_FIELD_GAP = 60
# A line that looks like a label of a form ("Quel en est le contenu ? :", "Présentation de
# l'action :", "Téléphone : ........"): an unknown one ends the field above it, its answer is not kept.
UNKNOWN_LABEL = re.compile(r"^[^:]{3,90}\s:$|^[^:]{3,90}\?\s*:?$|^[^:]{2,90}:\s*[.…_\s]{3,}$")
# An answer that is a blank to fill in ("..........", "____", "[à compléter]"), on match_key: no
# answer (a form, or a blank fiche).
BLANK_ANSWER = re.compile(r"^[\s.…_\-–—/]*$|^[(\[]?\s*(?:a\s+completer|a\s+renseigner|x{3,})\s*[)\]]?$")

# Fields that say an action is planned (beyond its name): a block needs one of them, answered,
# or two of the fields that describe it (a report's "1. Introduction" then "Objectifs : ..." is
# no action; "Objectifs" with "Public cible" is a project sheet).
CARRIED_FIELDS: frozenset[str] = frozenset(
    {"pilot", "partners", "indicator", "start_date", "end_date", "deadline", "budget", "status"}
)
DESCRIBING_FIELDS: frozenset[str] = frozenset({"objectives", "public", "modalities"})
MIN_DESCRIBING_FIELDS = 2
# Fields written to the action's comment, with their French name.
COMMENT_FIELDS: dict[str, str] = {"objectives": "Objectifs", "public": "Public", "modalities": "Modalités"}
# Lines of a block title: the header line and at most this many lines after it (a title wraps).
MAX_TITLE_LINES = 3
# A title longer than this is prose, not a title.
MAX_TITLE_CHARS = 300
# How similar (difflib ratio of match keys) an annex block's title and an action's label must be
# for the annex to be taken as repeating that action.
ANNEX_LABEL_SIMILARITY = 0.75
# An annex title is compared on this many first characters (annex cells often cut titles).
ANNEX_PREFIX_CHARS = 40

# PDF page triage (ingest/pdf.py, on the match key of a whole page, newlines folded): a page is
# read when it may hold a block header or a field label followed by its colon (looser than the rules
# above, so that a page is never missed).
PDF_TRIAGE: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?:activite|action|mesure|operation|projet)s?\s*(?:n°\s*)?\d{1,3}(?:\.\d{1,3}){0,3}\b"),
    re.compile(
        r"\b(?:intitule|titre|nom|pilotes?|porteurs?|referents?|responsables?|en charge|partenaires|echeances?"
        r"|calendrier|duree|indicateurs?|budget|statut|date|objectifs?|public)\b[^:]{0,40}(?::|\s[–—-]\s)"
    ),
)
