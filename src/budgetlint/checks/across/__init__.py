"""Check kinds across documents: evaluate(rule, document, library) with the other documents of the run.

They read only `DocumentFigures` (model/figures.py), never a Disclosure, so they run where the
results are gathered -- after a scan, on the store; after a `check` of several files -- without
reading any document again. The registry is explicit, like checks.CHECK_KINDS.
"""

from budgetlint.checks.across import stated_figure, unit_sum

ACROSS_KINDS = {
    "stated_figure": stated_figure,
    "unit_sum": unit_sum,
}
