"""Numbers stated in prose, where they stand and what they are tied to.

Prose is the 情况说明 and the prose cells of the performance tables (项目概况, 立项依据, 项目设立必要性,
保证项目实施的制度、措施, 总体目标 / 年度绩效目标, 预期目标, 实际完成情况, 偏差原因分析). recognize/narrative/
reads every number with a unit there (`ProseNumber`), ties some of them to a value of the same table
(`CellBinding`: an indicator's 目标值 / 业绩值, a 成本指标 row, the 实施期资金总额), reads totals of the items
listed before them (`SumStatement`: …以上共计372.4万元) and keeps a register of the standing facts of the
unit the document states more than once (`StatedFact`: 现有实训室88个). Whatever is not tied stays
unbound and is counted in the report (`documents[].prose`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from budgetlint.model.claims import Span
from budgetlint.model.location import Location
from budgetlint.model.record import record

ProseSource = Literal["narrative", "target", "overall", "self_evaluation"]
BoundTo = Literal["indicator", "cost", "funding"]
BoundRole = Literal["target", "actual", "total"]  # which value of the table a prose number is tied to


@record
class ProseNumber:
    """A number with its unit as prose states it: 学生证书获取率达到96.3% / 每生每年600元 / 现有88个实训室.

    `measure` and `factor` come from the prose vocabulary: 万元 is (money, 10000), 名 is (人, 1); numbers
    compare only within one measure and `per` (元/生/年 is money per (生, 年)). `subject` is the text
    before the number in its phrase, without link words (达到, 为 …); `after` the text after the unit
    in its phrase (the noun of 88个实训室); `lead` the text before it as printed. `key` names the
    number in evaluations: its line and where it starts in the text it was read from (the same key
    as a narrative claim starting there).
    """

    value: Decimal
    decimals: int
    text: str  # the number as printed
    unit: str  # as printed
    measure: str
    factor: Decimal
    per: tuple[str, ...] = ()
    operator: Literal["≥", "≤", ">", "<"] | None = None
    approximate: bool = False
    lead: str = ""  # the text before the number in its phrase, as printed
    subject: str | None = None
    after: str | None = None
    span: Span  # the number and its unit inside the text (from 每生每年 where that precedes it)
    location: Location  # the line holding the number; table / row / column of its cell or section
    key: str
    source: ProseSource
    cell: int | None = None  # index in Disclosure.prose_cells (None in the 情况说明)

    @property
    def in_base_unit(self) -> Decimal:
        return self.value * self.factor

    @property
    def same_measure_as(self) -> tuple[str, tuple[str, ...]]:
        return self.measure, self.per


@record
class ProseCell:
    """One prose cell of a performance table, with the numbers read from it.

    `table` indexes Disclosure.targets (source target), the overall table (overall, always 0) or
    Disclosure.self_evaluations (self_evaluation); `phase` is the side of a 项目支出绩效目标表 the cell
    speaks for (implementation / annual; None where the table has one side); `indicator` the row of a
    偏差原因分析 cell.
    """

    source: Literal["target", "overall", "self_evaluation"]
    table: int
    table_name: str  # the table as findings name it: title（项目名称）
    field: str  # overview, basis, necessity, safeguards, plan, implementation_goal, annual_goal, goal,
    #             expected_goal, actual_goal, deviation
    label: str  # the field as the table prints it: 项目概况, 实际完成情况 …
    text: str
    location: Location
    phase: Literal["implementation", "annual"] | None = None
    indicator: int | None = None
    numbers: tuple[ProseNumber, ...] = ()


@record
class CellBinding:
    """A prose number tied to a value of its own table, and why (`bound_to`, `via`)."""

    prose_number: ProseNumber
    bound_to: BoundTo
    via: str  # the indicator name, cost row or funding label that tied it
    role: BoundRole  # which value: 目标值 / 业绩值 / 资金总额
    indicator: int | None = None  # index in the table's indicators
    value_text: str  # the value as printed in the table
    value: Decimal  # in the prose number's base unit (元 for money, the count itself otherwise)
    decimals: int
    value_factor: Decimal  # the table value's unit factor (its own decimals are in that unit)
    location: Location  # where the table value stands


@record
class SumStatement:
    """A total of the items listed before it in the same cell or paragraph: …；4、教学督导人员17万元。以上共计372.4万元.

    `items` are the numbers of the total's measure listed since the start of the cell or paragraph
    (an earlier sub-total stands for the items it summed; numbers in brackets after 含 are parts of
    the item before them, not items); `nested` says the total was itself an item of a later one.
    """

    total: ProseNumber
    marker: str  # 以上共计, 共计, 合计 …
    items: tuple[ProseNumber, ...]
    nested: bool = False
    source: ProseSource
    cell: int | None = None


@record
class StatedFact:
    """One standing fact of the unit and every place the document states it (学院现有实训室: 88, 88, 38)."""

    subject: str  # as compared: standing marker + noun (现有实训室)
    measure: str
    statements: tuple[ProseNumber, ...]

    @property
    def values(self) -> set[Decimal]:
        return {q.in_base_unit for q in self.statements}
