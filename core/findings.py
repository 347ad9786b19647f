"""The catalogue of finding kinds: each kind declared once, as data.

A kind says which stage reports it, what the verdict makes of it (`role`: a repair leaves a
file `ok`, a doubt sends it to `review`, `not-a-plan` loads no action, a failure means the
file could not be read), what it means, its French name, and the message templates in
English and French. Findings are made from it (`NOTE_ROW.finding(where, row=3)`), so a kind
is never a free string; the README's table of kinds is generated from it (`make docs`).

Templates are `str.format` strings over named parameters. A template may ignore some of
them: a parameter whose wording differs by language is given as `Words(en, fr)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

from core.errors import ExtractError, PlansError, UnsupportedFormat, WarehouseError
from core.limits import LimitExceeded
from core.records import Finding

Stage = Literal["ingest", "normalize", "warehouse", "pipeline"]
Role = Literal["repair", "doubt", "not-a-plan", "failure"]
Language = Literal["en", "fr"]


@dataclass(frozen=True)
class Words:
    """A parameter said differently in each language ("right" / "vers la droite")."""

    en: str
    fr: str


@dataclass(frozen=True)
class Kind:
    name: str  # stable kebab-case word, stored in `anomalies.kind` / `sources.failure_kind`
    stage: Stage
    role: Role
    meaning: str  # one line, English (README)
    label_fr: str  # the kind as an association reads it ("À vérifier" sheet)
    en: str = "{message}"
    fr: str = "{message}"

    def message(self, language: Language, params: dict[str, object]) -> str:
        values = {key: getattr(value, language) if isinstance(value, Words) else value for key, value in params.items()}
        return (self.en if language == "en" else self.fr).format(**values)

    def finding(self, location: str, action: int | None = None, **params: object) -> Finding:
        return Finding(self.name, self.message("en", params), location, action, self.message("fr", params))


def _kind(*fields: str) -> Kind:
    """name, stage, role, meaning, French name, then the English and French templates (a failure's
    message is the error's own)."""
    name, stage, role, meaning, label_fr, *templates = fields
    en, fr = templates or ("{message}", "{message}")
    return Kind(name, cast("Stage", stage), cast("Role", role), meaning, label_fr, en, fr)


# --- Excel grids and tables (ingest) -----------------------------------------------------------
REALIGNED_ROW = _kind(
    "realigned-row", "ingest", "repair",
    "a row's cells were shifted sideways; re-aligned under the header, anchored on the action code",
    "ligne réalignée",
    "action {code}: cells shifted {shift} column(s) {direction} (code in column {code_column}, label in column "
    "{label_column}); re-aligned under the header",
    "action {code} : cellules décalées de {shift} colonne(s) {direction} (code en colonne {code_column}, libellé en "
    "colonne {label_column}) ; réalignées sous l'en-tête",
)  # fmt: skip
MISPLACED_CODE = _kind(
    "misplaced-code", "ingest", "repair",
    "the action code was in another column; moved to the code column",
    "code d'action déplacé",
    "action code {code} was in column {found} instead of {expected}; moved",
    "le code d'action {code} était en colonne {found} au lieu de {expected} ; déplacé",
)  # fmt: skip
REPEATED_HEADER = _kind(
    "repeated-header", "ingest", "repair",
    "a block repeating the title/count/header rows below the header; skipped",
    "en-tête répété",
    "{rows} {repeat} the {what}; skipped",
    "{rows} {repeat} {what} ; ignorée(s)",
)  # fmt: skip
NOTE_ROW = _kind(
    "note-row", "ingest", "repair",
    "a row (or block of title/count rows) holding no action; skipped",
    "ligne sans action",
    "{rows} {holds}; skipped",
    "{rows} {holds} ; ignorée(s)",
)  # fmt: skip
INFERRED_PERIOD_COLUMN = _kind(
    "inferred-period-column", "ingest", "repair",
    "an unlabelled column after the last period holds marks; read as the next period",
    "colonne de période déduite",
    "column {column} has no header but holds {marks} mark(s); read as {period}, the period after column {previous}",
    "la colonne {column} n'a pas d'en-tête mais porte {marks} marque(s) ; lue comme {period}, la période après la "
    "colonne {previous}",
)  # fmt: skip
UNKNOWN_MARK = _kind(
    "unknown-mark", "ingest", "repair",
    "a period cell holds something that is not a mark (`X`, `✓`, `1`, `oui`…); ignored",
    "marque non comprise",
    "'{value}' in the {period} column is not a mark{examples}; ignored",
    "« {value} » dans la colonne {period} n'est pas une marque{examples} ; ignoré",
)  # fmt: skip
HIDDEN_COLUMN = _kind(
    "hidden-column", "ingest", "repair",
    "a hidden column holds values; read like the others",
    "colonne masquée",
    "column {column} is hidden but holds {count} value(s); read like the others",
    "la colonne {column} est masquée mais porte {count} valeur(s) ; lue comme les autres",
)  # fmt: skip
SHEET_WITHOUT_HEADER = _kind(
    "sheet-without-header", "ingest", "doubt",
    "a non-empty sheet has no header row; not read",
    "feuille sans en-tête",
    "sheet '{sheet}' has {rows} non-empty row(s) but no header row; not read",
    "la feuille « {sheet} » a {rows} ligne(s) remplie(s) mais pas de ligne d'en-tête ; non lue",
)  # fmt: skip
GUESSED_COLUMNS = _kind(
    "guessed-columns", "ingest", "doubt",
    "the label column was chosen from what its cells hold, not from a header synonym; the message lists the roles "
    "read (a doubt: check it)",
    "colonnes devinées",
    "the label column {column} was chosen from what its cells hold, not from its header; columns read as: {roles}",
    "la colonne des libellés {column} a été choisie d'après son contenu, pas d'après son en-tête ; colonnes lues : "
    "{roles}",
)  # fmt: skip
UNANCHORED_PERIOD = _kind(
    "unanchored-period", "ingest", "doubt",
    'a table\'s period columns name months or quarters ("janv.", "T1", "Mois 3") and no year row above them, '
    "title or sheet name gives their year; not read as a schedule",
    "période sans année",
    "period column(s) {columns} name months or quarters without a year, and no year row nor title gives one; "
    "not read as a schedule",
    "les colonnes de période {columns} nomment des mois ou des trimestres sans année, et aucune ligne d'années ni "
    "le titre n'en donne ; non lues comme un calendrier",
)  # fmt: skip
PROFILE_USED = _kind(
    "profile-used", "ingest", "repair",
    "a sheet was read with a mapping profile (informational: which profile, from which file)",
    "profil de lecture utilisé",
    "sheet '{sheet}' read with profile '{profile}' ({path})",
    "feuille « {sheet} » lue avec le profil « {profile} » ({path})",
)  # fmt: skip
PROFILE_MISMATCH = _kind(
    "profile-mismatch", "ingest", "doubt",
    "the profile the sidecar names fits no sheet of the file; why, in one line; read without it",
    "profil inadapté",
    "profile '{profile}' does not fit this file: {reason}; columns guessed",
    "le profil « {profile} » ne convient pas à ce fichier : {reason} ; colonnes devinées",
)  # fmt: skip
TEMPLATE_ROW = _kind(
    "template-row", "ingest", "repair",
    'TeT: the template\'s field-type row ("Champ texte") or instruction row ("Si vos axes sont numérotés…"); skipped',
    "ligne du modèle",
    "rows {rows} are the template's field types or instructions; skipped",
    "les lignes {rows} sont les types de champ ou les consignes du modèle ; ignorées",
)  # fmt: skip
# --- Word documents (ingest) ---------------------------------------------------------------------
NOTE_PARAGRAPH = _kind(
    "note-paragraph", "ingest", "repair",
    "Word: paragraphs (or a section heading with no action under it) that are neither action, heading, vision "
    "nor metadata; skipped",
    "paragraphe sans action",
    "{where} {holds} text, not actions ('{text}'); skipped",
    "{where} : {paragraphs} paragraphe(s) de texte, pas des actions (« {text} ») ; ignoré(s)",
)  # fmt: skip
VISION_WITHOUT_ACTIONS = _kind(
    "vision-without-actions", "ingest", "repair",
    'Word: an "En 2025, …" vision followed by no action; kept in the `axes` table as a description of its axis',
    "vision sans action",
    "vision '{vision}' is followed by no action; kept as a description of the axis{axis}",
    "la vision « {vision} » n'est suivie d'aucune action ; gardée comme description de l'axe{axis}",
)  # fmt: skip
EMPTY_AXIS = _kind(
    "empty-axis", "ingest", "repair",
    'Word: an "Axe …" heading with no action under it',
    "axe sans action",
    "axis '{axis}' has no action under it",
    "l'axe « {axis} » n'a aucune action",
)  # fmt: skip
ORPHAN_SUB_ACTION = _kind(
    "orphan-sub-action", "ingest", "doubt",
    "Word: a nested or italic bullet with no action above it; read as a top-level action",
    "sous-action orpheline",
    "nested or italic bullet '{text}' has no action above it; read as an action",
    "la puce imbriquée ou en italique « {text} » n'a pas d'action au-dessus ; lue comme une action",
)  # fmt: skip
TABLE_WITHOUT_HEADER = _kind(
    "table-without-header", "ingest", "doubt",
    'Word: a table with no header row ("Action | Pilote | Échéance") and no "Pilote | …" key/value rows; not read',
    "tableau sans en-tête",
    "table {table} ({rows} non-empty row(s)) has no header row naming 'Action', 'Pilote', 'Échéance'... nor "
    "'Pilote : ...' rows; not read",
    "le tableau {table} ({rows} ligne(s) remplie(s)) n'a ni ligne d'en-tête nommant « Action », « Pilote », "
    "« Échéance »…, ni lignes « Pilote : … » ; non lu",
)  # fmt: skip
NO_ACTIONS_FOUND = _kind(
    "no-actions-found", "ingest", "not-a-plan",
    "Word: nothing in the document reads as an action (a letter, a report); the file gets status `not-a-plan` and "
    "loads no action",
    "aucune action trouvée",
    "no bullet list, action table or 'Action N :' paragraph among {paragraphs} non-empty paragraph(s) and {tables} "
    "table(s); nothing read as an action",
    "ni liste à puces, ni tableau d'actions, ni paragraphe « Action N : » parmi {paragraphs} paragraphe(s) "
    "rempli(s) et {tables} tableau(x) ; rien n'a été lu comme une action",
)  # fmt: skip
# --- PDF documents (ingest) ----------------------------------------------------------------------
CONTINUED_ROW = _kind(
    "continued-row", "ingest", "repair",
    "PDF: a table row with an empty label cell continues the action (or objective) above it, possibly on the "
    "previous page; its cells were appended",
    "ligne prolongée",
    "row with an empty label cell continues {subject} ({where}); {fields} appended",
    "une ligne au libellé vide prolonge {subject} ({where}) ; {fields} ajouté(s)",
)  # fmt: skip
HEADING_VALUES = _kind(
    "heading-values", "ingest", "repair",
    "PDF: an axis/objective row holds a deadline, pilot or status; not given to its actions",
    "valeurs sur un intitulé",
    "the heading '{heading}' holds {values}; not given to its actions, which keep their own",
    "l'intitulé « {heading} » porte {values} ; non transmis à ses actions, qui gardent les leurs",
)  # fmt: skip
OUTLINE_MISMATCH = _kind(
    "outline-mismatch", "ingest", "repair",
    "PDF: the outline list numbers an action differently from the planning table (matched by label); the table's "
    "number is kept",
    "numérotation divergente",
    "the outline numbers '{label}' {outline_code} ({where}); the table numbers it {code}; kept the table's number",
    "le sommaire numérote « {label} » {outline_code} ({where}) ; le tableau le numérote {code} ; numéro du "
    "tableau gardé",
)  # fmt: skip
OUTLINE_ONLY_ACTION = _kind(
    "outline-only-action", "ingest", "doubt",
    "PDF: an outline item has no row in the planning table; not loaded",
    "action du sommaire seulement",
    "outline item {code} '{label}' has no row in the planning table; not loaded",
    "l'élément {code} « {label} » du sommaire n'a pas de ligne dans le tableau de planification ; non chargé",
)  # fmt: skip
MISSING_FROM_OUTLINE = _kind(
    "missing-from-outline", "ingest", "doubt",
    "PDF: a table action is not in the outline list",
    "absente du sommaire",
    "action {code} '{label}' is in the table but not in the outline list",
    "l'action {code} « {label} » est dans le tableau mais pas dans le sommaire",
)  # fmt: skip
FICHE_REFERENT = _kind(
    "fiche-referent", "ingest", "repair",
    'PDF: the "fiche action" names a referent while the table has a pilot; the pilot is kept',
    "référent de la fiche",
    "the fiche names the project referent '{referent}'; the table's pilot is kept",
    "la fiche nomme le référent de projet « {referent} » ; le pilote du tableau est gardé",
)  # fmt: skip
FICHE_CONFLICT = _kind(
    "fiche-conflict", "ingest", "repair",
    "PDF: the fiche's status, progress or partners differ from the table's; the table's are kept",
    "fiche divergente",
    "the fiche says {field} '{fiche}', the table '{table}'; kept the table's",
    "la fiche indique {field} « {fiche} », le tableau « {table} » ; valeur du tableau gardée",
)  # fmt: skip
FICHE_WITHOUT_ACTION = _kind(
    "fiche-without-action", "ingest", "doubt",
    "PDF: a fiche names an action code that is not in the plan",
    "fiche sans action",
    "the fiche action names action '{code}', not in the plan",
    "la fiche action nomme l'action « {code} », absente du plan",
)  # fmt: skip
CONFLICTING_STATUS = _kind(
    "conflicting-status", "ingest", "repair",
    "PDF: several status columns are marked on one row; the last is kept",
    "statuts contradictoires",
    "several status columns are marked ({names}); kept the last, '{kept}'",
    "plusieurs colonnes de statut sont cochées ({names}) ; la dernière est gardée, « {kept} »",
)  # fmt: skip
RESULT_REACHED = _kind(
    "result-reached", "ingest", "repair",
    'PDF: the "Résultat atteint" column holds text (the schema has no field for it)',
    "résultat atteint",
    "'result reached' column holds '{text}'; the schema has no such field, kept here",
    "la colonne « Résultat atteint » contient « {text} » ; pas de champ pour elle, gardé ici",
)  # fmt: skip
UNREAD_TABLE = _kind(
    "unread-table", "ingest", "doubt",
    "PDF: a ruled table without a header naming an action column; not read",
    "tableau non lu",
    "a table of {rows} row(s) has no header naming an action column ('Action', 'Objectifs et actions'...); not read",
    "un tableau de {rows} ligne(s) n'a pas d'en-tête nommant une colonne d'actions (« Action », « Objectifs et "
    "actions »…) ; non lu",
)  # fmt: skip
ORPHAN_ROW = _kind(
    "orphan-row", "ingest", "repair",
    "PDF: a row without label before any action or objective; skipped",
    "ligne orpheline",
    "row without label before any action: '{text}'; skipped",
    "ligne sans libellé avant toute action : « {text} » ; ignorée",
)  # fmt: skip
PAGE_WITHOUT_TEXT = _kind(
    "page-without-text", "ingest", "doubt",
    "PDF: a page has no text layer (a scanned page among text pages); nothing read from it",
    "page sans texte",
    "the page has no text layer (a scanned page?); nothing read from it",
    "la page n'a pas de couche texte (une page numérisée ?) ; rien n'en a été lu",
)  # fmt: skip
NUMBERING_RESTARTS = _kind(
    "numbering-restarts", "ingest", "repair",
    "fiches: the numbering of activity blocks restarts under another objective; codes are prefixed by the "
    "objective's number",
    "numérotation reprise",
    "the numbering of the blocks restarts under another heading; codes are prefixed by its number",
    "la numérotation des blocs reprend sous un autre intitulé ; les codes sont préfixés par son numéro",
)  # fmt: skip
REPEATED_BLOCK = _kind(
    "repeated-block", "ingest", "repair",
    "fiches: a block (logframe annex) repeats an action read above; it completes its empty fields and is not added",
    "bloc répété",
    "{block} repeats the action {read}; not added{added}",
    "{block} répète l'action {read} ; non ajouté{added}",
)  # fmt: skip
NO_PLAN_FOUND = _kind(
    "no-plan-found", "ingest", "not-a-plan",
    "a workbook or PDF holds nothing read as a plan (no header row, no planning table, outline or fiche); the file "
    "gets status `not-a-plan` and loads no action",
    "aucun plan trouvé",
    "{reason}",
    "{reason}",
)  # fmt: skip
# --- narrative plans and web pages (ingest) ------------------------------------------------------
SKIPPED_PARAGRAPH = _kind(
    "skipped-paragraph", "ingest", "repair",
    "a paragraph of a narrative plan that is neither an action nor an axis description (introduction, history)",
    "paragraphe non lu",
    "paragraph{why}; not read as actions: '{text}'",
    "paragraphe{why} ; non lu comme des actions : « {text} »",
)  # fmt: skip
SPLIT_PARAGRAPH = _kind(
    "split-paragraph", "ingest", "repair",
    "a paragraph of an action section held several sentences; each became an action",
    "paragraphe découpé",
    "paragraph holds {count} sentences; read as {count} actions",
    "le paragraphe contient {count} phrases ; lues comme {count} actions",
)  # fmt: skip
AMBIGUOUS_OBJECTIVE = _kind(
    "ambiguous-objective", "ingest", "doubt",
    "a theme states several operational objectives and does not say which action serves which; "
    "`operational_objective` left empty",
    "objectif ambigu",
    "theme '{theme}' states {objectives} operational objectives and {actions} current action(s) without saying "
    "which serves which; operational objective left empty (the objectives are in the axes table)",
    "le thème « {theme} » énonce {objectives} objectifs opérationnels et {actions} action(s) en cours sans dire "
    "laquelle sert lequel ; objectif opérationnel laissé vide (les objectifs sont dans la table des axes)",
)  # fmt: skip
NEEDS_REVIEW = _kind(
    "needs-review", "ingest", "doubt",
    "something inferred from prose: a candidate action (confidence 0.5) or a plan period; check it before use "
    "(the issue called it `needs_review`; kinds are kebab-case)",
    "à relire",
    "{what}",
    "{what}",
)  # fmt: skip
NOT_A_PLAN = _kind(
    "not-a-plan", "ingest", "not-a-plan",
    "the document holds no plan: a text (web page) without plan structure, items read by layout that do not read "
    "as a plan's actions (guidelines, a blank form, a questionnaire, numbered headings, one or two bare items in a "
    "document that names no plan: `normalize/plan_evidence.py`), or a TeT "
    "workbook / iA.PST file that is an empty template; no action is loaded and the file's status is `not-a-plan`",
    "pas un plan",
    "{reason}",
    "{reason}",
)  # fmt: skip
# --- normalize ------------------------------------------------------------------------------------
MISPLACED_HIERARCHY = _kind(
    "misplaced-hierarchy", "normalize", "repair",
    'a text in one hierarchy column names another level ("Engagement n°8" in the axis column); moved',
    "niveau déplacé",
    "'{text}' is in the {column} column but reads as the {level}; moved",
    "« {text} » est dans la colonne {column} mais se lit comme {level} ; déplacé",
)  # fmt: skip
INFERRED_HIERARCHY = _kind(
    "inferred-hierarchy", "normalize", "repair",
    "no objective on this row; taken from the action above",
    "objectif repris",
    "no {level} on this row; took '{value}' from the action above",
    "pas {level} sur cette ligne ; repris « {value} » de l'action au-dessus",
)  # fmt: skip
MISSING_LABEL = _kind(
    "missing-label", "normalize", "doubt",
    "a row has content but no action label; skipped",
    "libellé manquant",
    "row has no action label: '{text}'; skipped",
    "la ligne n'a pas de libellé d'action : « {text} » ; ignorée",
)  # fmt: skip
DUPLICATE_ROW = _kind(
    "duplicate-row", "normalize", "repair",
    "same code and label as an earlier row; the first is kept, the message says which fields differ",
    "ligne en double",
    "action {code} '{label}' repeats the row at {first}{detail}; kept the first",
    "l'action {code} « {label} » répète la ligne {first}{detail} ; la première est gardée",
)  # fmt: skip
COUNT_MISMATCH = _kind(
    "count-mismatch", "normalize", "doubt",
    'a count the document states ("Total", "Nbre Filtre") differs from what was read',
    "total différent",
    "the {statement}; {found} {read}",
    "{statement} ; {found} {read}",
)  # fmt: skip
UNKNOWN_STATUS = _kind(
    "unknown-status", "normalize", "doubt",
    "the status text is not a known status word; `status` left NULL",
    "statut non compris",
    "status '{text}' is not a known status word",
    "statut « {text} » : mot de statut inconnu",
)  # fmt: skip
UNKNOWN_HEALTH = _kind(
    "unknown-health", "normalize", "doubt",
    'the "Indice de santé" text is not bon / risque / blocage / pause; `health` left NULL',
    "santé non comprise",
    "health '{text}' is not bon/risque/blocage/pause",
    "santé « {text} » : ni bon, ni risque, ni blocage, ni pause",
)  # fmt: skip
UNKNOWN_PARENT = _kind(
    "unknown-parent", "normalize", "doubt",
    "the parent action a row names is not an action of the plan; `parent_action_id` left NULL",
    "action parente inconnue",
    "parent action '{text}' is not an action of this plan; left empty",
    "l'action parente « {text} » n'est pas une action de ce plan ; laissée vide",
)  # fmt: skip
UNREADABLE_DEADLINE = _kind(
    "unreadable-deadline", "normalize", "doubt",
    "the deadline text is not a year, period or date",
    "échéance illisible",
    "deadline '{text}' is not a year, period or date",
    "échéance « {text} » : ni une année, ni une période, ni une date",
)  # fmt: skip
UNREADABLE_DATE = _kind(
    "unreadable-date", "normalize", "doubt",
    "a start or end date cell is not a date, month, quarter or year; ignored",
    "date illisible",
    "{field} '{text}' is not a date, month, quarter or year; ignored",
    "{field} « {text} » : ni une date, ni un mois, ni un trimestre, ni une année ; ignorée",
)  # fmt: skip
IMPLAUSIBLE_DATES = _kind(
    "implausible-dates", "normalize", "doubt",
    "the end date comes before the start (or they span more than 240 periods); only the two ends are scheduled",
    "dates invraisemblables",
    "the dates of this action run from {start} to {end} (backwards, or more than {most} periods); only the start "
    "and the end were kept",
    "les dates de cette action vont de {start} à {end} (à rebours, ou plus de {most} périodes) ; seuls le début et "
    "la fin sont gardés",
)  # fmt: skip
SCHEMA_VIOLATION = _kind(
    "schema-violation", "normalize", "doubt",
    "a value or row failed the pandera schema: the row is dropped (actions, schedule) or the plan value set to NULL",
    "valeur hors schéma",
    "{what}",
    "{what}",
)  # fmt: skip
NO_TITLE = _kind(
    "no-title", "normalize", "repair",
    "the document gives no title that makes sense (none, a placeholder, navigation, a paragraph, column or band "
    "labels, over 150 characters); the file name is the title",
    "pas de titre",
    "no title{shown}: {problem}; the file name '{stem}' is used",
    "pas de titre{shown} : {problem} ; le nom du fichier « {stem} » est utilisé",
)  # fmt: skip
NO_ORGANIZATION = _kind(
    "no-organization", "normalize", "repair",
    "no place of the document names the organisation (see [Metadata](#metadata-sidecar-file-and-flags)); the "
    "message gives the sidecar line that would; the reading stays `ok`",
    "organisation inconnue",
    'no organisation found (title, subtitle, cover, headers and footers, properties); name it in {sidecar}: '
    'organization = "…"',
    "aucune organisation trouvée (titre, sous-titre, couverture, en-têtes et pieds de page, propriétés) ; "
    'la nommer dans {sidecar} : organisation = "…"',
)  # fmt: skip
LOW_CONFIDENCE = _kind(
    "low-confidence", "normalize", "doubt",
    "a verdict reason, not an anomaly row: actions were inferred (from prose or cell content) with a confidence "
    "below 1",
    "actions déduites",
    "{inferred} of {total} actions were inferred (from prose or cell content), confidence {span}",
    "{inferred} actions sur {total} ont été déduites (du texte ou du contenu des cellules), confiance {span}",
)  # fmt: skip
# --- failures: the file could not be read (`sources.failure_kind`) ------------------------------
LIMIT_EXCEEDED = _kind(
    "limit-exceeded", "ingest", "failure", "the file exceeds a safety limit (size, unzipped size, rows…)",
    "limite dépassée",
)  # fmt: skip
UNSUPPORTED_FORMAT = _kind(
    "unsupported-format", "ingest", "failure", "the bytes are not a format the readers know",
    "format non pris en charge",
)  # fmt: skip
UNREADABLE = _kind(
    "unreadable", "ingest", "failure", "a reader could not open or parse the file (corrupt, encrypted, truncated)",
    "fichier illisible",
)  # fmt: skip
INVALID_INPUT = _kind(
    "invalid-input", "pipeline", "failure", "a sidecar file or mapping profile given with the file is invalid",
    "paramètres invalides",
)  # fmt: skip
TIMEOUT = _kind("timeout", "pipeline", "failure", "reading took longer than `--timeout`", "délai dépassé")
OUT_OF_MEMORY = _kind(
    "out-of-memory", "pipeline", "failure", "reading needed more than `--max-memory-mb`", "mémoire insuffisante"
)
TOO_DEEP = _kind(
    "too-deep", "pipeline", "failure", "the document nests too deeply to be read", "imbrication trop profonde"
)
PARSER_ERROR = _kind(
    "parser-error", "pipeline", "failure", "a reader raised an unexpected error (a bug: report it)", "erreur de lecture"
)
WORKER_CRASH = _kind(
    "worker-crash", "pipeline", "failure", "the worker process stopped while reading the file (crash or hang)",
    "lecture interrompue",
)  # fmt: skip
LOAD_ERROR = _kind(
    "load-error", "warehouse", "failure", "the reading could not be written to the warehouse", "chargement impossible"
)

# The fields of `core.records.FIELDS` (and a few a reader names) as messages say them in French.
FIELDS_FR: dict[str, str] = {
    "axis": "axe",
    "strategic_objective": "objectif stratégique",
    "operational_objective": "objectif opérationnel",
    "action_code": "n° d'action",
    "code": "code",
    "label": "libellé",
    "pilot": "pilote",
    "partners": "partenaires",
    "pilot_partners": "pilote et partenaires",
    "indicator": "indicateur",
    "status": "statut",
    "progress": "avancement",
    "progress_pct": "avancement",
    "health": "santé",
    "parent": "action parente",
    "deadline": "échéance",
    "start_date": "date de début",
    "end_date": "date de fin",
    "budget": "budget",
    "comment": "commentaire",
    "result": "résultat",
    "referent": "référent",
    "schedule": "calendrier",
}


def fields_named(names: Sequence[str], sep: str = ", ") -> Words:
    """Field names joined, in English (as they are) and in French."""
    return Words(sep.join(names), sep.join(FIELDS_FR.get(name, name) for name in names))


def adds(names: Sequence[str]) -> Words | str:
    """The "; it adds pilot, indicator" tail of a `repeated-block` message ("" when nothing added)."""
    if not names:
        return ""
    named = fields_named(names)
    return Words(f"; it adds {named.en}", f" ; il ajoute : {named.fr}")


CATALOGUE: dict[str, Kind] = {value.name: value for value in list(globals().values()) if isinstance(value, Kind)}


def kind(name: str) -> Kind:
    """The kind named `name`; a name outside the catalogue is a bug (KeyError)."""
    return CATALOGUE[name]


def names(role: Role) -> frozenset[str]:
    return frozenset(entry.name for entry in CATALOGUE.values() if entry.role == role)


def failure_kind(error: PlansError) -> Kind:
    """The failure kind of an error a reader or the pipeline raised."""
    if isinstance(error, LimitExceeded):
        return LIMIT_EXCEEDED
    if isinstance(error, UnsupportedFormat):
        return UNSUPPORTED_FORMAT
    if isinstance(error, ExtractError):
        return UNREADABLE
    return LOAD_ERROR if isinstance(error, WarehouseError) else INVALID_INPUT


def label_fr(name: str) -> str:
    """The French name of a kind; a kind unknown here (an old warehouse's) stays as it is."""
    entry = CATALOGUE.get(name)
    return entry.label_fr if entry else name
