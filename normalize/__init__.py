"""Stage 2: raw records -> validated frames in the one action schema.

`normalize(raw_plan)` cleans codes and labels, resolves the hierarchy, removes duplicate
rows, builds the schedule, reconciles the document's own counts and validates every frame
with the pandera models of `normalize.schema`.
"""

from normalize.metadata import Overrides
from normalize.plan import NormalizedPlan, PlanDraft, normalize, prepare, validate_plans

__all__ = ["NormalizedPlan", "Overrides", "PlanDraft", "normalize", "prepare", "validate_plans"]
