"""Apply rules to a Disclosure. Every evaluation ends in an Outcome; a crashing check is an error
outcome for that rule, never a crashed run."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable

from budgetlint import findings, unread
from budgetlint.checks import CHECK_KINDS
from budgetlint.checks.across import ACROSS_KINDS
from budgetlint.model import Disclosure, Evaluation, Finding, Outcome
from budgetlint.model.figures import DocumentFigures, Library
from budgetlint.model.results import RuleRun
from budgetlint.model.rule import Rule
from budgetlint.numbers import exact_decimals
from budgetlint.recognize.templates import lineage

log = logging.getLogger(__name__)

# check kinds whose failures an unread page may explain wherever they are (unread.py)
WHOLE_DOCUMENT = {kind for kind, module in CHECK_KINDS.items() if getattr(module, "READS_WHOLE_DOCUMENT", False)}


def run_rule(rule: Rule, disclosure: Disclosure) -> list[Evaluation]:
    return _guarded(rule, CHECK_KINDS[rule.kind].evaluate, disclosure)


def _guarded(rule: Rule, evaluate: Callable[..., list[Evaluation]], *inputs: object) -> list[Evaluation]:
    try:
        return evaluate(rule, *inputs)
    except Exception as exc:  # a crashing check is that rule's error outcome; the others go on
        # the outcome says it (and the report counts it); the traceback is for -v
        log.debug("rule %s crashed", rule.id, exc_info=True)
        return [Evaluation(rule=rule.id, outcome=Outcome.ERROR, detail=f"{type(exc).__name__}: {exc}")]


@exact_decimals
def run_rules(rules: list[Rule], disclosure: Disclosure) -> RuleRun:
    evaluations: list[Evaluation] = []
    templates = lineage(disclosure.template)
    for rule in rules:
        if rule.kind in CHECK_KINDS and rule.applies(templates, disclosure.kind):  # kinds across documents run apart
            evaluations += run_rule(rule, disclosure)
    evaluations = unread.adjust(evaluations, disclosure, WHOLE_DOCUMENT, {r.id: r.kind for r in rules})
    made = findings.make_findings({r.id: r for r in rules}, disclosure, evaluations)
    counts = Counter(e.outcome.value for e in evaluations)
    summary = {o.value: counts.get(o.value, 0) for o in Outcome}
    return RuleRun(evaluations=tuple(evaluations), findings=made, summary=summary)


def run_across(
    rules: list[Rule], documents: Iterable[DocumentFigures], library: Library | None = None
) -> list[RuleRun]:
    """The rules across documents (checks/across/) for each of `documents` against the `library` of
    the run (default: the documents themselves): per document, in order, its evaluations, findings
    (each on its own: their numbers stand in several files) and outcome counts; empty when no such
    rule is selected."""
    chosen = [r for r in rules if r.kind in ACROSS_KINDS]
    if not chosen:
        return []
    if library is None:
        documents = list(documents)
        library = Library.of(documents)
    by_id = {r.id: r for r in chosen}
    runs: list[RuleRun] = []
    for document in documents:
        evaluations: list[Evaluation] = []
        for rule in chosen:
            evaluations += _guarded(rule, ACROSS_KINDS[rule.kind].evaluate, document, library)
        made = sorted(
            (findings.finding_of(by_id[e.rule], e) for e in evaluations if e.outcome == Outcome.FAIL),
            key=Finding.sort_key,
        )
        counts = Counter(e.outcome.value for e in evaluations)
        runs.append(
            RuleRun(
                evaluations=tuple(evaluations),
                findings=tuple(made),
                summary={o.value: counts.get(o.value, 0) for o in Outcome},
            )
        )
    return runs
