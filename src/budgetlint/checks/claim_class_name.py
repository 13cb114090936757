"""claim_class_name: a 类/款/项 named in the narrative is named as the tables name it.

A narrative item such as 医疗卫生与计划生育支出（类）… is checked against the names the
document's own coded tables print at that level (3-digit 类, 5-digit 款, 7-digit 项): a name no
row of that level carries is a finding (the 2018 class 医疗卫生与计划生育支出 is 卫生健康支出 in the
tables). In a chain, a level found in the tables narrows the next to its children: 住房保障支出（类）
住房保障支出（款） is checked against the 款 under 221 (住房改革支出), not every 款 of every table.
With a code (205教育支出), the name must be the one printed for that code.
not_applicable when the document has no coded table or the narrative names no class.

Params: none.

    check: {kind: claim_class_name}
"""

from __future__ import annotations

from budgetlint.checks.claims import claims_of, fact_of_claim, narrative_evaluation
from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.labels import normalise_label
from budgetlint.model import Disclosure, Evaluation

LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}


class Params(Strict):
    pass


def _names_by_code(disclosure: Disclosure) -> dict[str, set[str]]:
    by_code: dict[str, set[str]] = {}
    for table in disclosure.tables:
        for row in table.rows:
            if row.code:
                by_code.setdefault(row.code, set()).add(row.label)
    return by_code


def _chain_checks(claim, by_code: dict[str, set[str]]) -> list[tuple[str, set[str], str]]:
    """(printed name, the names the tables give at its level, where) for each level of a chain."""
    checks = []
    parents: list[str] = []  # codes the level above was found at
    for name, level in zip(claim.names, claim.levels):
        digits = LEVEL_DIGITS.get(level or "")
        if not digits:
            parents = []
            continue
        codes = [c for c in by_code if len(c) == digits]
        under = [c for c in codes if any(c.startswith(p) for p in parents)]
        codes = under or codes
        if not codes:
            parents = []
            continue
        names = set().union(*(by_code[c] for c in codes))
        where = f"{'、'.join(sorted(parents))}下的{level}级科目" if under else f"表中的{level}级科目"
        checks.append((name, names, where))
        label = normalise_label(name)[0]
        parents = [c for c in codes if label in by_code[c]]
    return checks


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    by_code = _names_by_code(disclosure)
    if not by_code:
        return [not_decided(rule.id, "not_applicable", "文件中没有带科目编码的表格")]
    out = []
    for claim in claims_of(disclosure, "class_name"):
        if claim.code and claim.code in by_code:
            checks = [(claim.names[-1], by_code[claim.code], f"编码 {claim.code}")]
        else:
            checks = _chain_checks(claim, by_code)
        for printed, names, what in checks:  # what: where the names were looked for
            label = normalise_label(printed)[0]
            ok = label in names
            fact = fact_of_claim(claim, None, 0, None, printed, row=printed)
            shown = "、".join(sorted(names)[:6]) + ("等" if len(names) > 6 else "")
            out.append(
                narrative_evaluation(
                    rule.id,
                    ok,
                    claim,
                    subject=printed,
                    facts=[fact],
                    claims=[claim],
                    expected=shown,
                    actual=printed,
                    detail=f"{what}中没有“{printed}”" if not ok else None,
                )
            )
    return out or [not_decided(rule.id, "not_applicable", "正文中没有标明类/款/项的科目名称")]
