"""Performance tables as typed records: budget 绩效目标表 and 决算 绩效自评表.

recognize/performance/ reads them: nothing is dropped silently, a row that cannot be placed becomes
a `ParseProblem` on its table, and an indicator whose value cannot be parsed is kept with
`parsed=False`.
"""

from __future__ import annotations

from dataclasses import field
from decimal import Decimal
from typing import Literal

from budgetlint.model.record import record

Phase = Literal["implementation", "annual"]
ValueKind = Literal["number", "date", "period", "text", "empty"]
Operator = Literal["≥", "≤", "=", ">", "<"]


@record
class ParseProblem:
    """Something in a performance table that could not be read; `line` is the row, if known."""

    table_line: int
    reason: str
    line: int | None = None


@record
class PrintedNumber:
    """A number as printed in a cell: value, decimals, the text itself and its unit.

    Like `IndicatorValue` and `DateValue` it carries no place: the record holding it says where it
    stands (`FundingLine.line`, `TargetIndicator.line`, the `cell_lines` of a 绩效自评表's rows), so
    every cell of a document printing the same text is one record (recognize/performance/values.py:
    `CellMemo`), which the garbage collector's full collections then walk once, not per cell."""

    value: Decimal
    decimals: int
    text: str
    unit: str | None = None  # 元 / 万元 for money, % for rates, 分 for scores, 套 / 人 … for targets


@record
class TextCell:
    text: str
    line: int


@record
class DateValue:
    year: int
    month: int | None = None
    day: int | None = None


@record
class IndicatorValue:
    """An indicator's 指标值 / 业绩值 as printed, and what could be read from it; no place (see
    `PrintedNumber`): the indicator holding it has the line."""

    text: str
    kind: ValueKind
    operator: Operator | None = None
    number: PrintedNumber | None = None
    date: DateValue | None = None
    date_end: DateValue | None = None  # end of a period (2025年1月至12月)
    parsed: bool = True  # False: text with digits that fits no known form, or an empty cell

    @property
    def unit(self) -> str | None:
        return self.number.unit if self.number else None


@record
class FundingLine:
    """One amount of a funding block: printed label, normalised key, amount (None if empty)."""

    label: str
    key: str | None
    amount: PrintedNumber | None
    text: str
    line: int


@record
class TargetFunding:
    phase: Phase
    total: FundingLine | None = None
    sources: tuple[FundingLine, ...] = ()

    def source(self, key: str) -> FundingLine | None:
        return next((s for s in self.sources if s.key == key), None)


@record
class TargetIndicator:
    """One indicator of one side (实施期 / 年度). Levels are squeezed labels as printed; 一级/二级 are
    carried down from earlier rows (merged cells). parsed=False: the value could not be read or no
    二级 is known for the row."""

    phase: Phase
    level1: str
    level2: str
    level3: str
    value: IndicatorValue
    line: int
    parsed: bool


@record
class TargetTable:
    """One 项目支出绩效目标表 (amounts in the unit printed after 项目资金, usually 元)."""

    title: str
    title_line: int
    line: int | None = None  # first row of the table
    year: int | None = None
    project_name: TextCell | None = None
    department: TextCell | None = None
    department_code: str | None = None
    implementing_unit: TextCell | None = None
    attribute: TextCell | None = None  # 项目属性
    period: TextCell | None = None  # 项目期
    unit: str | None = None
    implementation_funding: TargetFunding | None = None
    annual_funding: TargetFunding | None = None
    details: dict[str, TextCell] = field(default_factory=dict)
    implementation_goal: TextCell | None = None
    annual_goal: TextCell | None = None
    indicators: tuple[TargetIndicator, ...] = ()
    problems: tuple[ParseProblem, ...] = ()

    @property
    def unparsed_indicators(self) -> list[TargetIndicator]:
        return [i for i in self.indicators if not i.parsed]


@record
class OverallTargetTable:
    """The 整体支出绩效目标申报表 (amounts in 万元 as printed in the 预算情况 header)."""

    title: str
    title_line: int
    line: int | None = None
    year: int | None = None
    unit_name: TextCell | None = None
    unit: str | None = None
    income: tuple[FundingLine, ...] = ()  # 按收入/资金来源
    expenditure: tuple[FundingLine, ...] = ()  # 按支出来源/资金方向: 合计, 基本支出, 项目支出
    annual_goal: TextCell | None = None
    indicators: tuple[TargetIndicator, ...] = ()
    problems: tuple[ParseProblem, ...] = ()

    def amount(self, side: Literal["income", "expenditure"], key: str) -> FundingLine | None:
        return next((f for f in getattr(self, side) if f.key == key), None)

    @property
    def unparsed_indicators(self) -> list[TargetIndicator]:
        return [i for i in self.indicators if not i.parsed]


@record
class SelfEvalFunding:
    """A funding row of a 绩效自评表: 年度资金总额 / 当年财政拨款 / 上级资金 / 本级资金 / 其他资金 / 合计."""

    label: str
    key: str | None
    line: int
    initial_budget: PrintedNumber | None = None  # 年初预算数
    full_year_budget: PrintedNumber | None = None  # 全年预算数
    executed: PrintedNumber | None = None  # 全年执行数
    weight: PrintedNumber | None = None  # 分值
    execution_rate: PrintedNumber | None = None  # 执行率 (unit %)
    score: PrintedNumber | None = None  # 得分
    cell_lines: dict[str, int] = field(default_factory=dict)  # column role -> the line its number cell starts on


@record
class SelfEvalIndicator:
    """One row of a 绩效自评表; `line` is the line of its 三级指标 cell. parsed=False: target or
    actual could not be read, a number cell is unreadable, 分值/得分 are missing, or the row's width
    differs from its header's."""

    level1: str
    level2: str
    level3: str
    target: IndicatorValue  # 年度指标值 / 目标值
    actual: IndicatorValue  # 实际完成值 / 业绩值
    weight: PrintedNumber | None = None  # 分值 / 权重
    completion_rate: PrintedNumber | None = None  # 完成率, where printed
    score: PrintedNumber | None = None  # 得分
    basis: str = ""  # 指标值设定依据
    last_year: str = ""  # 上年完成情况
    scoring_rule: str = ""  # 赋分规则
    evidence: str = ""  # 佐证资料
    deviation: str = ""  # 偏差原因分析（及改进措施）
    improvement: str = ""  # 改进措施, where printed in a column of its own
    line: int
    parsed: bool
    cell_lines: dict[str, int] = field(
        default_factory=dict
    )  # column role -> the line its cell starts on (one-cell-per-line layout)


@record
class SelfEvaluation:
    kind: Literal["project", "unit"]
    title: str
    line: int
    year: int | None = None
    name: TextCell | None = None  # 项目名称 / 单位名称
    department: TextCell | None = None
    implementing_unit: TextCell | None = None
    unit: str | None = None  # of the funding amounts (万元)
    funding: tuple[SelfEvalFunding, ...] = ()
    expected_goal: TextCell | None = None  # 预期目标
    actual_goal: TextCell | None = None  # 实际完成情况
    indicators: tuple[SelfEvalIndicator, ...] = ()
    total_weight: PrintedNumber | None = None  # 总分 row: the printed weight total (100)
    total_score: PrintedNumber | None = None  # 总分 row: the printed score
    total_lines: dict[str, int] = field(default_factory=dict)  # total_weight / total_score -> the line of its cell
    funding_headers: dict[str, str] = field(default_factory=dict)  # column role -> header as printed (资金 part)
    indicator_headers: dict[str, str] = field(default_factory=dict)  # column role -> header as printed (指标 part)
    problems: tuple[ParseProblem, ...] = ()

    def funding_row(self, key: str) -> SelfEvalFunding | None:
        return next((f for f in self.funding if f.key == key), None)

    @property
    def unparsed_indicators(self) -> list[SelfEvalIndicator]:
        return [i for i in self.indicators if not i.parsed]
