"""Failing evaluations -> the findings a report shows (model/findings.py holds the types).

    build.py        one evaluation -> one Finding (message, fix, structured values)
    locate.py       page-local lines, boxes and page sizes of its locations
    fingerprint.py  what it is about, hashed: stable under edits elsewhere
    group.py        one cause, one finding: repeats merged, root-cause cells marked
    waivers.py      the project file's waivers marked on findings (applied after the run)

Findings come out in page order (page, line on the page, line, rule, message).
"""

from __future__ import annotations

from dataclasses import replace

from budgetlint.findings.build import draft_of
from budgetlint.findings.fingerprint import Identity, numbered
from budgetlint.findings.group import merge_repeats, root_causes
from budgetlint.findings.locate import PageIndex
from budgetlint.model import Disclosure, Evaluation, Finding, Outcome
from budgetlint.model.rule import Rule

__all__ = ["finding_of", "make_findings"]


def finding_of(rule: Rule, evaluation: Evaluation) -> Finding:
    """One evaluation as a finding on its own: no fingerprint, no place on the page (rule cases, tests)."""
    return draft_of(rule, evaluation).finding


def make_findings(rules: dict[str, Rule], disclosure: Disclosure, evaluations: list[Evaluation]) -> tuple[Finding, ...]:
    failing = [(i, e) for i, e in enumerate(evaluations) if e.outcome == Outcome.FAIL]
    if not failing:
        return ()
    identity = Identity(disclosure)
    source = disclosure.source
    pages = PageIndex(source) if getattr(source, "pages", None) else None
    drafts = merge_repeats([draft_of(rules[e.rule], e, identity, pages, source=i) for i, e in failing], identity)
    findings = sorted((d.finding for d in drafts), key=Finding.sort_key)
    unique = numbered([f.fingerprint for f in findings])
    findings = [replace(f, fingerprint=fp) if fp != f.fingerprint else f for f, fp in zip(findings, unique)]
    return tuple(root_causes(findings))
