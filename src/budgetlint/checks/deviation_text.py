"""The 偏差原因分析 of an indicator row as text, for the kinds that read it against the row's numbers
(deviation_direction, full_marks_missed).

The text is read up to the first `stop` word (改进措施, 下一步 …): what follows is an improvement plan,
not the reason. The words each kind looks for are rule parameters (data), never Python.
"""

from __future__ import annotations

from budgetlint.checks.compare import by_column
from budgetlint.checks.performance_facts import to_fact
from budgetlint.checks.prose import sides
from budgetlint.checks.self_eval_cells import indicator_header, table_name
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, Evaluation, Outcome


def reason(indicator, stop: tuple[str, ...]) -> str:
    """The 偏差原因 without blanks, cut before the first `stop` word."""
    text = squeeze(indicator.deviation)
    cut = min((text.find(w) for w in stop if w in text), default=len(text))
    return text[:cut]


def said(text: str, words: tuple[str, ...]) -> list[str]:
    return [w for w in words if w in text]


def _text(indicator, role: str) -> str:
    value = getattr(indicator, role)
    return value if isinstance(value, str) else value.text if value is not None else ""


def deviation_evaluation(
    rule, disclosure: Disclosure, evaluation, indicator, ok: bool, detail: str, roles: tuple[str, ...]
) -> Evaluation:
    """The finding on one row: the 偏差原因 (roles[0]) quoted, against the cells it contradicts."""
    name = table_name(evaluation)
    facts = [
        to_fact(
            disclosure,
            None,
            table=name,
            row=indicator.level3,
            column=indicator_header(evaluation, role),
            line=indicator.cell_lines.get(role, indicator.line),
            text=_text(indicator, role),
        )
        for role in roles
    ]
    quote = indicator.deviation.strip()
    shown = {"expected": indicator.target.text, "actual": indicator.actual.text}
    return Evaluation(
        rule=rule.id,
        outcome=Outcome.PASS if ok else Outcome.FAIL,
        subject=f"{name}「{indicator.level3}」",
        **shown,
        detail=detail,
        locations=tuple(f.location for f in facts),
        values={
            "table": name,
            "row": indicator.level3,
            "column": indicator_header(evaluation, "deviation"),
            "quote": quote,
        },
        **({} if ok else sides(facts[:1], facts[1:], unit=None, name=by_column, **shown)),
    )
