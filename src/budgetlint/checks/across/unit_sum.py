"""unit_sum: a department (部门) disclosure's figures = the sum of its units' (单位) disclosures.

A 部门预算 adds up the budgets of the units it covers; when the store holds the 单位 disclosures of
all of them for the same year and kind, each listed quantity of the department must equal their sum
(rounding intervals). Which units: the department's own list (机构设置 … 具体包括, read into
`Composition`): its own unit (本部) is the 单位 disclosure bearing the department's name, every other
listed unit the 单位 disclosure bearing the listed name, and units budgeted inside another (不单列预算)
have none. Names are compared as printed (normalised), never file names.

Params:
  quantities: the quantities compared (names of rules/vocabulary/quantities.yaml).

Outcomes:
  not_applicable     not a department disclosure; the store holds no 单位 disclosure of the year and
                     kind, or none of its units'; the department does not state the quantity;
  insufficient_data  the department prints no list of its units, or its list disagrees with the
                     number of units it states (下属N家); some listed units have no disclosure in the
                     store (named); a unit's disclosure matches two documents, or states a quantity
                     twice differently; a unit does not state the quantity;
  pass / fail        per quantity: the department's figure = Σ the units' figures.

    check:
      kind: unit_sum
      quantities: [revenue_grand_total, expenditure_grand_total, fiscal_revenue]
"""

from __future__ import annotations

from budgetlint.checks.across.stated_figure import agreed, by_place
from budgetlint.checks.compare import balance, not_decided
from budgetlint.checks.refs import Strict
from budgetlint.labels import squeeze
from budgetlint.model import Evaluation
from budgetlint.model.figures import DocumentFigures, Figure, Library
from budgetlint.model.rule import Rule
from budgetlint.recognize.figures import quantity_vocabulary

DEPARTMENT, UNIT = "department", "unit"


class Params(Strict):
    quantities: list[str]


def _units(department: DocumentFigures, library: Library) -> tuple[list[DocumentFigures], list[str], list[str]]:
    """The units' disclosures found, the listed names without one, and names matching several."""
    composition = department.composition
    assert composition is not None and department.year is not None
    names = ([department.unit or ""] if composition.own else []) + list(composition.units)
    found, missing, ambiguous = [], [], []
    for name in names:
        docs = [
            d
            for d in library.find(squeeze(name), department.year, department.kind, UNIT, besides=department.path)
            if d.scope == UNIT
        ]
        if not docs:
            missing.append(name)
        elif len(docs) > 1:
            ambiguous.append(name)
        else:
            found.append(docs[0])
    return found, missing, ambiguous


def evaluate(rule: Rule, document: DocumentFigures, library: Library) -> list[Evaluation]:
    p = rule.params
    assert isinstance(p, Params)
    if document.scope != DEPARTMENT or document.year is None:
        return [not_decided(rule.id, "not_applicable", "不是部门公开文件")]
    if not library.holds(document.year, document.kind, UNIT):
        return [not_decided(rule.id, "not_applicable", "结果库中没有同年度的单位公开文件")]
    composition = document.composition
    if composition is None:
        return [not_decided(rule.id, "insufficient_data", "部门未列出所属单位（机构设置），无法确定应加总哪些单位")]
    listed = len(composition.units) + len(composition.folded)
    if composition.declared is not None and composition.declared != listed:  # 下属N家: besides its own
        return [
            not_decided(
                rule.id,
                "insufficient_data",
                f"部门称下属 {composition.declared} 家单位，列出 {listed} 项，单位构成不明",
            )
        ]
    units, missing, ambiguous = _units(document, library)
    if not units and not ambiguous:
        return [not_decided(rule.id, "not_applicable", "结果库中没有该部门所属单位的单位公开文件")]
    if missing or ambiguous:
        detail = "；".join(
            x
            for x in (
                "缺少单位文件：" + "、".join(missing) if missing else "",
                "有多份单位文件：" + "、".join(ambiguous) if ambiguous else "",
            )
            if x
        )
        return [not_decided(rule.id, "insufficient_data", detail)]
    return [_one(rule.id, quantity, document, units) for quantity in p.quantities]


def _one(rule: str, quantity: str, department: DocumentFigures, units: list[DocumentFigures]) -> Evaluation:
    vocabulary = quantity_vocabulary()
    subject = vocabulary.subject.format(
        year=department.year, basis=vocabulary.bases[department.basis], title=vocabulary.title(quantity)
    )
    stated = department.own(quantity)
    if not stated:
        return not_decided(rule, "not_applicable", "部门文件没有列示该数", subject)
    total = agreed(stated)
    parts = [agreed(u.own(quantity)) for u in units]
    if not isinstance(total, Figure) or not all(isinstance(x, Figure) for x in parts):
        return not_decided(rule, "insufficient_data", "某单位没有列示该数，或部门、单位自身两处不一致", subject)
    addends = [fact for x in parts if isinstance(x, Figure) for fact in x.facts]
    return balance(rule, subject, list(total.facts), addends, name=by_place)
