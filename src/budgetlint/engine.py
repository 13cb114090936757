"""Apply rules to a Disclosure. Every evaluation ends in an Outcome; a crashing check is an error
outcome for that rule, never a crashed run."""

from __future__ import annotations

import logging
from collections import Counter

from budgetlint import findings, unread
from budgetlint.checks import CHECK_KINDS
from budgetlint.model import Disclosure, Evaluation, Outcome
from budgetlint.model.results import RuleRun
from budgetlint.model.rule import Rule
from budgetlint.numbers import exact_decimals
from budgetlint.recognize.templates import lineage

log = logging.getLogger(__name__)

# check kinds whose failures an unread page may explain wherever they are (unread.py)
WHOLE_DOCUMENT = {kind for kind, module in CHECK_KINDS.items() if getattr(module, "READS_WHOLE_DOCUMENT", False)}


def run_rule(rule: Rule, disclosure: Disclosure) -> list[Evaluation]:
    try:
        return CHECK_KINDS[rule.kind].evaluate(rule, disclosure)
    except Exception as exc:  # a crashing check is that rule's error outcome; the others go on
        # the outcome says it (and the report counts it); the traceback is for -v
        log.debug("rule %s crashed", rule.id, exc_info=True)
        return [Evaluation(rule=rule.id, outcome=Outcome.ERROR, detail=f"{type(exc).__name__}: {exc}")]


@exact_decimals
def run_rules(rules: list[Rule], disclosure: Disclosure) -> RuleRun:
    evaluations: list[Evaluation] = []
    templates = lineage(disclosure.template)
    for rule in rules:
        if rule.applies(templates, disclosure.kind):
            evaluations += run_rule(rule, disclosure)
    evaluations = unread.adjust(evaluations, disclosure, WHOLE_DOCUMENT, {r.id: r.kind for r in rules})
    made = findings.make_findings({r.id: r for r in rules}, disclosure, evaluations)
    counts = Counter(e.outcome.value for e in evaluations)
    summary = {o.value: counts.get(o.value, 0) for o in Outcome}
    return RuleRun(evaluations=tuple(evaluations), findings=made, summary=summary)
