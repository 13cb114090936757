"""Support for the narrative check kinds: claim keys, claims as Facts, sentence neighbours."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from budgetlint.checks.compare import addend_list, balance
from budgetlint.checks.memo import document_memo
from budgetlint.labels import normalise_subject
from budgetlint.model import Disclosure, Evaluation, Fact, Outcome
from budgetlint.model.findings import Quantity
from budgetlint.recognize.narrative.binding import all_class_rows, amount_fact, fact_of_claim

__all__ = [
    "amount_fact",
    "amounts_within",
    "by_line",
    "claim_balance",
    "claim_key",
    "claims_of",
    "class_rows",
    "count_against",
    "fact_of_claim",
    "narrative_evaluation",
    "states",
]


def claim_key(claim) -> str:
    """A stable key for a claim: its line and where it starts in the paragraph (model.results.narrative_coverage
    reads the same key)."""
    return f"{claim.location.line}:{claim.span.start}"


def claims_of(disclosure: Disclosure, kind: str) -> tuple:
    return disclosure.claims_of(kind)


def class_rows(disclosure: Disclosure) -> list[dict[str, list[Fact]]] | None:
    """The 类 rows of each class entry of the template's narrative vocabulary (binding.all_class_rows),
    None without one: read once per document (checks/memo.py), where the kinds that ask per claim
    walked every table row for each claim. Kept beside the tables and vocabulary it was read from."""
    vocabulary = disclosure.template_spec.narrative
    if vocabulary is None:
        return None
    memo = document_memo(disclosure, "_class_rows", disclosure.source)
    key = (id(disclosure.tables), id(vocabulary))
    held = memo.get(key)
    if held is None:
        held = memo[key] = (disclosure.tables, vocabulary, all_class_rows(disclosure, vocabulary))
    return held[2]


def amounts_within(disclosure: Disclosure, claim) -> list:
    """Amount claims printed inside another claim's text (the B and F of an execution statement)."""
    return [
        a
        for a in disclosure.claims_of("amount", claim.location.line)
        if claim.span.start <= a.span.start < claim.span.end
    ]


def states(claim, subject: str, clause: str | None = None) -> bool:
    """The claim's subject is `subject` (normalised) and, if given, its clause matches `clause`."""
    return normalise_subject(claim.subject) == normalise_subject(subject) and (
        clause is None or re.search(clause, claim.clause) is not None
    )


def narrative_evaluation(
    rule: str,
    ok: bool,
    claim,
    *,
    subject: str,
    facts: list[Fact],
    claims: list,
    expected: str | None,
    actual: str | None,
    difference: str | None = None,
    detail: str | None = None,
    unit: str | None = None,
    severity=None,
    formula: str | None = None,
) -> Evaluation:
    """An evaluation about narrative text: located at the claim's line, then every other number.

    In a failing one, the stated number (the reported side) is the percentage where there is one
    (a share, a rate of change or execution: the other numbers are what it is computed from),
    else the first fact."""
    sides: dict[str, Any] = {}
    if not ok:
        stated = next((i for i, f in enumerate(facts) if f.unit == "%"), 0)
        ordered = [facts[stated], *facts[:stated], *facts[stated + 1 :]] if facts else []
        sides = {
            "reported": Quantity(printed=actual, unit=unit) if actual is not None else None,
            "computed": Quantity(printed=expected, unit=unit) if expected is not None else None,
            "addends": addend_list(ordered[:1], ordered[1:], by_subject),
        }
    return Evaluation(
        rule=rule,
        outcome=Outcome.PASS if ok else Outcome.FAIL,
        subject=subject,
        expected=expected,
        actual=actual,
        difference=difference,
        unit=unit,
        detail=detail,
        formula=formula,
        severity=severity,
        locations=tuple(f.location for f in facts),
        claims=tuple(claim_key(c) for c in claims),
        values={"table": claim.section or "情况说明", "row": subject, "column": "", "quote": claim.span.text},
        **sides,
    )


def by_subject(fact: Fact) -> str:
    """A narrative number named by what it is about (预算数, the claim's subject) or its section."""
    return fact.location.row or fact.location.table or ""


def by_line(fact: Fact) -> str:
    """An addend named by its line and row: 第581行 10号公寓楼卫生间水房粉刷维修."""
    return f"第{fact.location.line}行 {fact.location.row}"


def claim_balance(
    rule: str,
    subject: str,
    reported: list[Fact],
    computed: list[Fact],
    *,
    name,
    row: str,
    quote: str,
    claims=(),
    **options,
) -> Evaluation:
    """`balance` for a narrative number: the evaluation also names the claims it decided and the quoted text."""
    result = balance(rule, subject, reported, computed, name=name, **options)
    return replace(
        result, claims=tuple(claim_key(c) for c in claims), values={**result.values, "row": row, "quote": quote}
    )


def count_against(rule: str, claim, count: int, detail: str) -> Evaluation:
    """A stated count (N个) against the number of tables the document actually has."""
    fact = fact_of_claim(claim, Decimal(claim.value), 0, claim.classifier, claim.span.text, row=claim.subject)
    return narrative_evaluation(
        rule,
        claim.value == count,
        claim,
        subject=claim.subject or claim.span.text,
        facts=[fact],
        claims=[claim],
        expected=str(count),
        actual=str(claim.value),
        unit=claim.classifier,
        detail=detail,
    )
