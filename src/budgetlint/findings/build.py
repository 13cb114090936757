"""One failing evaluation -> one Finding: the rule's message and fix filled from the evaluation's
values, its locations placed on the page, its fingerprint computed."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace

from budgetlint.findings.fingerprint import Content, Identity
from budgetlint.findings.locate import PageIndex
from budgetlint.model import Evaluation, Finding, Location
from budgetlint.model.findings import Addend
from budgetlint.model.rule import Rule


class _Blank(dict):
    def __missing__(self, key: str) -> str:  # placeholders are validated at load; this is a last guard
        return ""


@dataclass(frozen=True)
class Draft:
    """A finding with what its fingerprint was computed from (merging findings needs it)."""

    finding: Finding
    content: Content


# the clause of a message template that names the difference: dropped when there is none, so a
# message never says "相差 元" (a row with no counterpart has nothing to subtract)
_DIFFERENCE_CLAUSE = re.compile(r"[，,；;]?[^，,。；;（）()]*\{difference\}[^，,。；;（）()]*")
_EMPTY_BRACKETS = re.compile(r"（\s*）|\(\s*\)")


def message_of(template: str, values: dict) -> str:
    if not values.get("difference"):
        template = _EMPTY_BRACKETS.sub("", _DIFFERENCE_CLAUSE.sub("", template))
    return template.format_map(values)


def placeholders(evaluation: Evaluation) -> dict:
    return _Blank(
        subject=evaluation.subject,
        expected=evaluation.expected or "",
        actual=evaluation.actual or "",
        difference=evaluation.difference or "",
        unit=evaluation.unit or "",
        detail=evaluation.detail or "",
        **evaluation.values,
    )


def _placed(addend: Addend, location: Location) -> Addend:
    """The addend at its placed location: itself when placing changed nothing (a text document's
    locations have no page to resolve), a copy otherwise."""
    return addend if location is addend.location else replace(addend, location=location)


def draft_of(
    rule: Rule,
    evaluation: Evaluation,
    identity: Identity | None = None,
    pages: PageIndex | None = None,
    source: int | None = None,
) -> Draft:
    """`evaluation` (number `source` of its run) as a finding of `rule`."""
    values = placeholders(evaluation)
    place = pages.resolve if pages is not None else (lambda loc: loc)
    content = identity.content(evaluation) if identity is not None else []
    addends = tuple(_placed(a, place(a.location)) for a in evaluation.addends)
    finding = Finding(
        rule=rule.id,
        name=rule.name,
        title=rule.title,
        severity=evaluation.severity or rule.severity,
        message=message_of(rule.message, values),
        expected=evaluation.expected,
        actual=evaluation.actual,
        difference=evaluation.difference,
        unit=evaluation.unit,
        locations=tuple(place(loc) for loc in evaluation.locations),
        fingerprint=identity.fingerprint(rule.id, content) if identity is not None else "",
        reported=evaluation.reported,
        computed=evaluation.computed,
        addends=addends,
        detail=evaluation.detail,
        formula=evaluation.formula,
        quote=evaluation.values.get("quote") or None,
        fix=message_of(rule.fix, values) if rule.fix else None,
        sources=(source,) if source is not None else (),
        message_shows=tuple(sorted(name for _, name, _, _ in string.Formatter().parse(rule.message) if name)),
    )
    return Draft(finding, content)
