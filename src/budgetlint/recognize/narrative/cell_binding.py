"""Tying the numbers of a performance table's prose cells to values of the same table, fail-closed.

A number binds only through words: the table's own labels and the prose vocabulary
(rules/vocabulary/prose.yaml), never because it stands nearest.

* **indicator** — in a goal cell (总体目标 of either side, 年度绩效目标, 预期目标, 实际完成情况) a number
  whose subject (the words before it in its phrase, or in its clause when the name holds 、) ends with
  an indicator's 三级指标 name (or that name without a measure word the prose
  leaves out: 培训教师数 / 培训教师10人), with only lead words before it (本项目已完成…), and whose unit
  measures what the indicator's value measures, binds to that indicator: to its 目标值 (指标值) in a
  target or goal cell, to its 业绩值 in a 实际完成情况. The longest matching name wins; two indicators of
  that name with different values bind nothing. When no name ends the phrase, the number binds to the
  one indicator of its measure whose name's words its clause (back to the number before it) gives in
  order (已建设中医针灸推拿实训室1个 / 建设实训室; indicator_words.py), or, when none fits, its clause and the
  noun after it, up to another number (购置1批次设备 / 购置设备数量), or that noun alone (…证书培训和2名教师幼儿照护
  督导员培训: the words before are another item's); two such indicators bind nothing, nor
  does the end of a range (1～2篇), nor such a wording in a cell that also gives that indicator's name as
  printed (it may name something else). A phrase naming the plan in a 实际完成情况 (计划…) or what was
  done in a goal (实际…) binds nothing.
* **cost** — a standard (money per something: 每生每年600元, 20元/生·月) with no subject of its own, or
  only a generic one (标准, 平均 …), binds to the one 成本指标 row of its table (and side) whose value
  has that unit; a standard whose own words qualify it (人均体检标准 / 体检费补助标准) binds to the one such
  row whose name holds those words.
* **funding** — the last amount of a 项目概况 that follows a sum marker or a funding word (以上共计, 合计,
  项目总投资 …), is
  not itself summed into a later total and is not approximate, binds to the table's 资金总额 when its
  实施期 and 年度 totals agree (when they differ, the text does not say which one it states).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import cast

from budgetlint.labels import is_han, squeeze
from budgetlint.model.performance import (
    IndicatorValue,
    OverallTargetTable,
    SelfEvaluation,
    TargetTable,
)
from budgetlint.model.prose import BoundRole, BoundTo, CellBinding, ProseCell, ProseNumber, SumStatement
from budgetlint.recognize.narrative.indicator_words import names_in_order, qualifier_in
from budgetlint.recognize.narrative.prose_numbers import (
    ends_with_word,
    is_difference,
    subject_of,
    unit_measure,
)
from budgetlint.recognize.narrative.prose_vocabulary import (
    ProseVocabulary,
    prose_vocabulary,
)
from budgetlint.recognize.performance.vocabulary import (
    vocabulary as performance_vocabulary,
)

_TRAILING_BRACKET = re.compile(r"（[^（）]*）$|%$")  # 学生满意度（%）, 发放准确率%
_QUOTES = str.maketrans("", "", "“”\"'‘’")
_DIGIT = re.compile(r"[0-9０-９]")
_CLAUSE_MARKS = "，,。；;：:\n"  # where the words naming a number may start, at the widest
GOAL_FIELDS = {
    "implementation_goal": "target",
    "annual_goal": "target",
    "goal": "target",
    "expected_goal": "target",
    "actual_goal": "actual",
}


@lru_cache(maxsize=4096)
def _key(text: str | None) -> str:
    return _TRAILING_BRACKET.sub("", squeeze(text or "")).translate(_QUOTES)


class _Row:
    """An indicator as the binder sees it: the names it may be called, its value for the role, its place."""

    def __init__(
        self, index: int, indicator, value: IndicatorValue, line: int, header: str, v: ProseVocabulary
    ) -> None:
        self.index = index
        self.header = header
        self.name: str = indicator.level3
        self.value = value
        self.line = line  # of the value's cell
        self.is_cost = indicator.level1 in v.cost_levels or indicator.level2 in v.cost_levels
        self.measure = unit_measure(value.unit) if value.kind == "number" and value.number else None
        key = _key(self.name)
        self.names = [key]
        if self.measure and self.measure[0] in v.measure_words:
            self.names += [
                key[: -len(s)] for s in v.indicator_count_suffixes if key.endswith(s) and len(key) > len(s) + 1
            ]

    def measures(self, q: ProseNumber) -> bool:
        return self.measure is not None and (self.measure[0], self.measure[2]) == (q.measure, q.per)

    def binding(self, q: ProseNumber, bound_to: BoundTo, role: str, cell: ProseCell) -> CellBinding:
        number = self.value.number
        assert number is not None and self.measure is not None
        return CellBinding(
            prose_number=q,
            bound_to=bound_to,
            via=self.name,
            role=cast(BoundRole, role),
            indicator=self.index,
            value_text=self.value.text,
            value=number.value * self.measure[1],
            decimals=number.decimals,
            value_factor=self.measure[1],
            location=replace(cell.location, line=self.line, row=self.name, column=self.header),
        )


def _names_match(subject: str, name: str, leads: list[str]) -> bool:
    """`name` ends `subject`, and what stands before it is nothing, not a word, or a lead word."""
    if not name or not subject.endswith(name):
        return False
    rest = subject[: -len(name)]
    return not rest or not is_han(rest[-1]) or any(rest.endswith(w) for w in leads)


class _Binder:
    def __init__(self, targets, overall, self_evaluations) -> None:
        self.v = prose_vocabulary()
        self.targets: tuple[TargetTable, ...] = targets
        self.overall: OverallTargetTable | None = overall
        self.self_evaluations: tuple[SelfEvaluation, ...] = self_evaluations
        self.memo: dict[tuple, list[_Row]] = {}
        self.by_words_keys: set[str] = set()  # the numbers bound by their clause's words, not by a name ending it
        self.standards = sorted(self.v.standard_subjects, key=len, reverse=True)

    def rows(self, cell: ProseCell, role: str) -> list[_Row]:
        """The indicators a cell may speak of: its table's (its side's, in a 项目支出绩效目标表)."""
        key = (cell.source, cell.table, cell.phase, role)
        if key not in self.memo:
            self.memo[key] = self._rows(cell, role)
        return self.memo[key]

    def _rows(self, cell: ProseCell, role: str) -> list[_Row]:
        header = performance_vocabulary().role_names.get(role, role)
        # (index, a target, overall or self-evaluation indicator, its value for the role, that value's line)
        indicators: list[tuple[int, object, IndicatorValue, int]]
        if cell.source == "target":
            indicators = [
                (k, i, i.value, i.line)
                for k, i in enumerate(self.targets[cell.table].indicators)
                if i.phase == (cell.phase or "annual")
            ]
        elif cell.source == "overall":
            assert self.overall is not None
            indicators = [(k, i, i.value, i.line) for k, i in enumerate(self.overall.indicators)]
        else:
            evaluation = self.self_evaluations[cell.table]
            header = evaluation.indicator_headers.get(role, header)
            indicators = [
                (k, i, getattr(i, role), i.cell_lines.get(role, i.line)) for k, i in enumerate(evaluation.indicators)
            ]
        return [_Row(k, i, value, line, header, self.v) for k, i, value, line in indicators]

    def by_name(self, cell: ProseCell, q: ProseNumber, rows: list[_Row], role: str) -> CellBinding | None:
        # the phrase before the number, and its clause: an indicator's name may hold 、 (机构集中养育的孤儿、…标准)
        head = cell.text[: q.span.start]
        clause = head[max(head.rfind(c) for c in _CLAUSE_MARKS) + 1 :]
        subjects = {_key(q.subject), _key(subject_of(clause))} - {""}
        excluded = self.v.plan_words if role == "actual" else self.v.actual_words
        if q.approximate or any(w in _key(q.subject) for w in excluded):
            return None
        matches = [
            (len(n), row)
            for row in rows
            for n in row.names
            for subject in subjects
            if subject.endswith(n) and _names_match(subject, n, self.v.indicator_lead)  # endswith: the cheap test first
        ]
        if not matches:
            return self.by_words(cell, q, rows, role, clause, excluded)
        longest = max(length for length, _ in matches)
        chosen = list({id(row): row for length, row in matches if length == longest}.values())
        values = {row.value.number.value if row.value.number else None for row in chosen}
        if len(values) != 1 or not all(row.measures(q) for row in chosen):
            return None  # two indicators of that name disagree, or the units measure different things
        return chosen[0].binding(q, "indicator", role, cell)

    def by_words(
        self, cell: ProseCell, q: ProseNumber, rows: list[_Row], role: str, clause: str, excluded: list[str]
    ) -> CellBinding | None:
        """The one indicator of the number's measure whose name's words the clause gives in order."""
        if self.v.range_end.search(clause):
            return None  # 1～2篇: the end of a range
        # the clause back to the number before it: 建设实训室1个、建设精品课程1门 names 实训室 for the first only
        before = max((n.span.end for n in cell.numbers if n.span.end <= q.span.start), default=0)
        words = _key(subject_of(cell.text[max(before, q.span.start - len(clause)) : q.span.start]))
        if any(w in words for w in excluded) or is_difference(q):
            return None  # 原计划完成7名教师培训 in a 实际完成情况, 增加2名教师: whatever the noun after names
        fits = self._fitting(q, rows, words, excluded)
        noun = _key(_DIGIT.split(q.after or "", maxsplit=1)[0])  # the noun after, up to another number
        if not fits and noun:
            # 购置1批次设备: the words before the number and the noun after it name 购置设备数量
            fits = self._fitting(q, rows, words + noun, excluded)
        if not fits and noun:
            # 完成7名…高级证书培训和2名教师幼儿照护督导员培训: the words before are another item's; the noun after
            # the number (its measure word between) names what it counts
            fits = self._fitting(q, rows, noun, excluded)
        if len(fits) != 1:
            return None  # none, or two indicators fit: unbound, counted
        self.by_words_keys.add(q.key)
        return next(iter(fits.values())).binding(q, "indicator", role, cell)

    @staticmethod
    def _fitting(q: ProseNumber, rows: list[_Row], words: str, excluded: list[str]) -> dict[tuple, _Row]:
        """The indicators of the number's measure whose names `words` give (one per name and value)."""
        if not words or any(w in words for w in excluded):
            return {}
        return {(row.name, row.value.text): row for row in rows if row.measures(q) and names_in_order(row.name, words)}

    def _qualifier(self, subject: str) -> str | None:
        """A standard's own words: 人均体检标准 → 体检 (what stands before 标准, without 人均 / 平均)."""
        standard = next((w for w in self.standards if subject.endswith(w)), None)
        if standard is None:
            return None
        words = subject[: -len(standard)]
        start = next((w for w in self.standards if words.startswith(w)), "")
        return words[len(start) :] or None

    def by_cost_row(self, cell: ProseCell, q: ProseNumber, rows: list[_Row], role: str) -> CellBinding | None:
        if q.measure != "money" or not q.per or q.approximate:
            return None
        qualifier = None
        if q.subject is not None and _key(q.subject) not in self.v.standard_subjects:
            qualifier = self._qualifier(_key(q.subject))
            if qualifier is None:
                return None
        costs = [
            row
            for row in rows
            if row.is_cost and row.measures(q) and (qualifier is None or qualifier_in(qualifier, row.name))
        ]
        return costs[0].binding(q, "cost", role, cell) if len(costs) == 1 else None

    def funding(self, cell: ProseCell, sums: list[SumStatement]) -> CellBinding | None:
        """The 项目概况's last amount, when it is a top-level total naming the project's money."""
        money = [q for q in cell.numbers if q.measure == "money" and not q.per]
        last = money[-1] if money else None
        if last is None or last.approximate or any(s.total.key == last.key and s.nested for s in sums):
            return None
        # 购置电脑20台共计15万元: what the computers cost is the project's money when nothing else is priced
        alone = len(money) == 1
        marker = ends_with_word(last.lead, self.v.sum_markers, glued_after=self.v.sum_marker_after, after_count=alone)
        if marker is None and ends_with_word(last.lead, self.v.funding_totals) is None:
            return None
        table = self.targets[cell.table]
        totals = [
            f.total
            for f in (table.implementation_funding, table.annual_funding)
            if f is not None and f.total is not None and f.total.amount is not None
        ]
        if not totals or len({t.amount.value for t in totals if t.amount}) != 1 or table.unit not in self.v.units:
            return None  # no total, or 实施期 and 年度 differ: which one the 项目概况 states is not said
        line = totals[0]
        assert line.amount is not None
        factor = self.v.units[table.unit][1]
        label = line.label.rstrip("：:")
        return CellBinding(
            prose_number=last,
            bound_to="funding",
            via=label,
            role="total",
            value_text=line.amount.text,
            value=line.amount.value * factor,
            decimals=line.amount.decimals,
            value_factor=factor,
            location=replace(cell.location, line=line.line, row=label, column=None),
        )


def bind_cells(
    cells: tuple[ProseCell, ...],
    targets: tuple[TargetTable, ...],
    overall: OverallTargetTable | None,
    self_evaluations: tuple[SelfEvaluation, ...],
    sums: tuple[SumStatement, ...],
) -> tuple[CellBinding, ...]:
    """The bindings of every prose cell's numbers (see the module docstring), in cell order."""
    binder = _Binder(targets, overall, self_evaluations)
    found: list[CellBinding] = []
    sums_of: dict[int, list[SumStatement]] = {}  # each cell's, in order: looked up, not scanned per cell
    for s in sums:
        if s.cell is not None:
            sums_of.setdefault(s.cell, []).append(s)
    for index, cell in enumerate(cells):
        role = GOAL_FIELDS.get(cell.field)
        taken: set[str] = set()
        if cell.field == "overview" and cell.source == "target":
            total = binder.funding(cell, sums_of.get(index, []))
            if total:
                found.append(total)
                taken.add(total.prose_number.key)
        if role is None and cell.source != "target":
            continue
        numbers = [q for q in cell.numbers if q.key not in taken]
        if not numbers:
            continue  # most cells state no number: their table's rows are not looked at
        rows = binder.rows(cell, role or "target")
        bound: list[CellBinding] = []
        for q in numbers:
            b = (binder.by_name(cell, q, rows, role) if role else None) or binder.by_cost_row(
                cell, q, rows, role or "target"
            )
            if b:
                bound.append(b)
        # a cell that gives an indicator's name as printed names it so: another wording there
        # (联合体理事会参与单位52家 beside 联合体参与单位不少于50个) may name something else, and binds nothing
        named = {
            b.indicator for b in bound if b.bound_to == "indicator" and b.prose_number.key not in binder.by_words_keys
        }
        found += [b for b in bound if not (b.prose_number.key in binder.by_words_keys and b.indicator in named)]
    return tuple(found)
