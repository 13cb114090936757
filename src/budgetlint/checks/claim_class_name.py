"""claim_class_name: a 类/款/项 named in the narrative is named as the tables name it.

A narrative item such as 医疗卫生与计划生育支出（类）… is checked against the names the
document's own coded tables print at that level (3-digit 类, 5-digit 款, 7-digit 项): a name no
row of that level carries is a finding (the 2018 class 医疗卫生与计划生育支出 is 卫生健康支出 in the
tables). With a code (205教育支出), the name must be the one printed for that code.
not_applicable when the document has no coded table or the narrative names no class.

Params: none.

    check: {kind: claim_class_name}
"""

from __future__ import annotations

from budgetlint.checks.claims import claims_of, fact_of_claim, narrative_evaluation
from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation
from budgetlint.recognize.labels import normalise_label

LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}


class Params(Strict):
    pass


def _names_by_level(disclosure: Disclosure) -> tuple[dict[int, set[str]], dict[str, set[str]]]:
    by_level: dict[int, set[str]] = {}
    by_code: dict[str, set[str]] = {}
    for table in disclosure.tables:
        for row in table.rows:
            if row.code:
                by_level.setdefault(len(row.code), set()).add(row.label)
                by_code.setdefault(row.code, set()).add(row.label)
    return by_level, by_code


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    by_level, by_code = _names_by_level(disclosure)
    if not by_code:
        return [not_decided(rule.id, "not_applicable", "文件中没有带科目编码的表格")]
    out = []
    for claim in claims_of(disclosure, "class_name"):
        checks = []  # (printed name, expected names, what)
        if claim.code and claim.code in by_code:
            checks.append((claim.names[-1], by_code[claim.code], f"编码 {claim.code}"))
        else:
            for name, level in zip(claim.names, claim.levels):
                digits = LEVEL_DIGITS.get(level or "")
                if digits and by_level.get(digits):
                    checks.append((name, by_level[digits], f"表中的{level}级科目"))
        for printed, names, what in checks:
            label = normalise_label(printed)[0]
            ok = label in names
            fact = fact_of_claim(claim, None, 0, None, printed, row=printed)
            shown = "、".join(sorted(names)[:6]) + ("等" if len(names) > 6 else "")
            out.append(narrative_evaluation(
                rule.id, ok, claim, subject=printed, facts=[fact], claims=[claim], expected=shown, actual=printed,
                detail=f"{what}中没有“{printed}”" if not ok else None))
    return out or [not_decided(rule.id, "not_applicable", "正文中没有标明类/款/项的科目名称")]
