"""Apply rules to a Disclosure. Every evaluation ends in an Outcome; a crashing check is an error
outcome for that rule, never a crashed run."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable

from budgetlint.checks import CHECK_KINDS
from budgetlint.checks.across import ACROSS_KINDS
from budgetlint.model import Disclosure, Evaluation, Finding, Outcome
from budgetlint.model.figures import DocumentFigures, Library
from budgetlint.model.results import RuleRun
from budgetlint.model.rule import Rule

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
    return _guarded(rule, CHECK_KINDS[rule.kind].evaluate, disclosure)


def _guarded(rule: Rule, evaluate: Callable[..., list[Evaluation]], *inputs: object) -> list[Evaluation]:
    try:
        return evaluate(rule, *inputs)
    except Exception as exc:  # a crashing check is that rule's error outcome; the others go on
        log.exception("rule %s crashed", rule.id)
        return [Evaluation(rule=rule.id, outcome=Outcome.ERROR, detail=f"{type(exc).__name__}: {exc}")]


def run_rules(rules: list[Rule], disclosure: Disclosure) -> RuleRun:
    evaluations: list[Evaluation] = []
    for rule in rules:
        if rule.kind in CHECK_KINDS and rule.applies(disclosure.template):  # kinds across documents run apart
            evaluations += run_rule(rule, disclosure)
    return _run_of(rules, evaluations)


def _run_of(rules: list[Rule], evaluations: list[Evaluation]) -> RuleRun:
    by_id = {r.id: r for r in rules}
    findings = sorted((finding_of(by_id[e.rule], e) for e in evaluations if e.outcome == Outcome.FAIL),
                      key=Finding.sort_key)
    counts = Counter(e.outcome.value for e in evaluations)
    summary = {o.value: counts.get(o.value, 0) for o in Outcome}
    return RuleRun(evaluations=tuple(evaluations), findings=tuple(findings), summary=summary)


def run_across(rules: list[Rule], documents: Iterable[DocumentFigures], library: Library | None = None) -> list[RuleRun]:
    """The rules across documents (checks/across/) for each of `documents` against the `library` of
    the run (default: the documents themselves): per document, in order, its evaluations, findings
    and outcome counts; empty when no such rule is selected."""
    chosen = [r for r in rules if r.kind in ACROSS_KINDS]
    if not chosen:
        return []
    if library is None:
        documents = list(documents)
        library = Library.of(documents)
    runs: list[RuleRun] = []
    for document in documents:
        evaluations: list[Evaluation] = []
        for rule in chosen:
            evaluations += _guarded(rule, ACROSS_KINDS[rule.kind].evaluate, document, library)
        runs.append(_run_of(chosen, evaluations))
    return runs
