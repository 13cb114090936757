"""Apply rules to a Disclosure. Every evaluation ends in an Outcome; a crashing check is an error
outcome for that rule, never a crashed run."""

from __future__ import annotations

import logging
from collections import Counter

from budgetlint.checks import CHECK_KINDS
from budgetlint.model import Disclosure, Evaluation, Finding, Outcome
from budgetlint.model.results import RuleRun
from budgetlint.model.rule import Rule
from budgetlint.numbers import exact_decimals

log = logging.getLogger(__name__)


class _Blank(dict):
    def __missing__(self, key: str) -> str:  # placeholders are validated at load; this is a last guard
        return ""


def finding_of(rule: Rule, evaluation: Evaluation) -> Finding:
    values = _Blank(subject=evaluation.subject, expected=evaluation.expected or "", actual=evaluation.actual or "",
                    difference=evaluation.difference or "", unit=evaluation.unit or "",
                    detail=evaluation.detail or "", **evaluation.values)
    return Finding(rule=rule.id, name=rule.name, severity=evaluation.severity or rule.severity,
                   message=rule.message.format_map(values), expected=evaluation.expected,
                   actual=evaluation.actual, difference=evaluation.difference, locations=evaluation.locations)


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
    for rule in rules:
        if rule.applies(disclosure.template):
            evaluations += run_rule(rule, disclosure)
    by_id = {r.id: r for r in rules}
    findings = sorted((finding_of(by_id[e.rule], e) for e in evaluations if e.outcome == Outcome.FAIL),
                      key=Finding.sort_key)
    counts = Counter(e.outcome.value for e in evaluations)
    summary = {o.value: counts.get(o.value, 0) for o in Outcome}
    return RuleRun(evaluations=tuple(evaluations), findings=tuple(findings), summary=summary)
