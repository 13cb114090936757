"""Performance tables as typed records: budget 绩效目标表 and 决算 绩效自评表.

Three readers, one per table family (design.md §1.4 "Performance tables" / "Self-evaluation
tables"):

* `parse_target_tables` — 项目支出绩效目标表 of a budget (seeds 000, 001, 004): found by their
  title paragraph, the RawTable right after it. Text extracted from PDF shifts cells left and
  right, so these tables are read by CONTENT, not by column: a row is split into tokens
  (non-empty cells) and each token is classified (一级/二级 label, amount, name, value).
* `parse_overall_target_table` — the 整体支出绩效目标申报表 of the same documents.
* `parse_self_evaluations` — 项目支出/单位整体支出绩效自评表 in the one-cell-per-line layout
  (seed 003). Those rows keep their columns, so they are read by the header's column roles.

Nothing is dropped silently: a row that cannot be placed becomes a `ParseProblem` on its table,
and an indicator whose value cannot be parsed is kept with `parsed=False`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from budgetlint.model.document import Paragraph, RawRow, RawTable, SourceDocument
from budgetlint.numbers import parse_amount
from budgetlint.recognize.labels import squeeze

__all__ = [
    "DateValue", "FundingLine", "IndicatorValue", "OverallTargetTable", "ParseProblem", "PrintedNumber",
    "SelfEvalFunding", "SelfEvalIndicator", "SelfEvaluation", "TargetFunding", "TargetIndicator",
    "TargetTable", "TextCell", "parse_indicator_value", "parse_overall_target_table",
    "parse_printed_number", "parse_self_evaluations", "parse_target_tables",
]

# ----------------------------------------------------------------------------------------------
# Label aliases (the one place for the Chinese vocabulary). Keys are squeezed labels (labels.squeeze:
# no white space, full-width brackets and colons).
# ----------------------------------------------------------------------------------------------

TARGET_TITLE = re.compile(r"项目支出绩效目标表$")  # 忻州市市级预算部门（单位）项目支出绩效目标表, 预算部门…
OVERALL_TITLE = re.compile(r"整体支出绩效目标(?:申报)?表$")
SELF_EVAL_TITLES: dict[str, Literal["project", "unit"]] = {
    "项目支出绩效自评表": "project", "单位整体支出绩效自评表": "unit", "部门整体支出绩效自评表": "unit",
}

# 一级指标 of the budget templates. 成本指标 is 一级 in the national 2021 template and 二级 (under
# 产出指标) in the Shanxi one: it is listed in both and the row grammar decides.
LEVEL1_LABELS = frozenset({"产出指标", "效益指标", "满意度指标", "成本指标"})
# 二级指标 → the 一级指标 it belongs to (fills 一级 where a merged cell printed it elsewhere).
LEVEL2_PARENTS: dict[str, str] = {
    "数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "成本指标": "产出指标",
    "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标", "可持续发展影响指标": "效益指标", "服务对象满意度指标": "满意度指标",
    "经济成本指标": "成本指标", "社会成本指标": "成本指标", "生态环境成本指标": "成本指标",
}
LEVEL2_MIN_PREFIX = 4  # a wrapped/truncated 二级 label keeps at least this many characters

# Indicator-value operators as printed → canonical operator.
OPERATOR_ALIASES: dict[str, str] = {
    "≥": "≥", ">=": "≥", "≧": "≥", "=>": "≥", "＞=": "≥", "不低于": "≥", "不少于": "≥", "不小于": "≥",
    "大于等于": "≥", "大于或等于": "≥",
    "≤": "≤", "<=": "≤", "≦": "≤", "=<": "≤", "＜=": "≤", "不高于": "≤", "不超过": "≤", "不多于": "≤",
    "不大于": "≤", "小于等于": "≤", "小于或等于": "≤",
    "=": "=", "==": "=", "等于": "=",
    ">": ">", "大于": ">", "高于": ">", "超过": ">",
    "<": "<", "小于": "<", "低于": "<", "少于": "<",
}
SUFFIX_OPERATORS: dict[str, str] = {"以上": "≥", "及以上": "≥", "以下": "≤", "及以下": "≤", "以内": "≤"}
DATE_SUFFIX_OPERATORS: dict[str, str] = {
    "前": "≤", "之前": "≤", "以前": "≤", "止": "≤", "为止": "≤", "内": "≤", "年内": "≤", "之内": "≤", "以内": "≤",
    "后": "≥", "之后": "≥", "以后": "≥"}
PLACEHOLDERS = frozenset({"-", "—", "－", "--", "——", "/", "／", "无", "\\"})  # printed "no value"

# Budget 项目支出绩效目标表: first-cell labels that open a part of the table.
TARGET_SECTIONS: dict[str, str] = {
    "项目名称": "info", "主管部门及代码": "info", "主管部门": "info", "项目属性": "info",
    "项目资金": "funding",
    "项目概况": "details", "立项依据": "details", "项目设立必要性": "details",
    "保证项目实施的制度、措施": "details", "项目实施计划": "details",
    "实施期目标": "goals", "年度目标": "goals", "总体目标": "goals",
    "绩效指标": "indicators", "年度绩效指标": "indicators",
    "负责人：": "footer", "负责人": "footer",
}
TARGET_INFO: dict[str, str] = {
    "项目名称": "project_name", "主管部门及代码": "department", "主管部门": "department",
    "实施单位": "implementing_unit", "项目属性": "attribute", "项目期": "period",
}
TARGET_DETAILS: dict[str, str] = {
    "项目概况": "overview", "立项依据": "basis", "项目设立必要性": "necessity",
    "保证项目实施的制度、措施": "safeguards", "项目实施计划": "plan",
}
# Funding sources of the budget tables: label (without 其中：and colon) → key.
TARGET_FUNDING: dict[str, str] = {
    "实施期资金总额": "total", "年度资金总额": "total", "资金总额": "total",
    "中央财政资金": "central", "省级财政资金": "provincial", "市县（区）财政资金": "municipal",
    "市级财政资金": "municipal", "县级财政资金": "municipal", "单位自筹": "self_raised",
    "单位自筹资金": "self_raised", "其他资金": "other",
}
IMPLEMENTATION_TOTAL, ANNUAL_TOTAL = "实施期资金总额", "年度资金总额"

# 整体支出绩效目标申报表.
OVERALL_SECTIONS: dict[str, str] = {
    "基本信息": "info", "部门基本信息": "info", "单位基本信息": "info",
    "单位职责": "duties", "部门职责": "duties", "战略目标": "strategy", "部门战略目标": "strategy",
    "单位战略目标": "strategy",
    "预算情况": "budget", "年度预算情况": "budget", "年度预算": "budget",
    "年度重点任务": "tasks", "核心职能": "tasks",
    "年度绩效目标": "goal", "年度绩效指标": "indicators", "绩效指标": "indicators",
}
OVERALL_INFO: dict[str, str] = {"部门名称": "unit_name", "单位名称": "unit_name"}
OVERALL_INCOME: dict[str, str] = {
    "合计": "total", "一般公共预算拨款收入": "general_budget", "一般公共预算资金": "general_budget",
    "一般公共预算拨款": "general_budget", "政府性基金预算资金": "government_fund",
    "政府性基金预算拨款收入": "government_fund", "国有资本经营预算资金": "state_capital",
    "社会保险基金预算资金": "social_insurance", "财政专户管理资金收入": "special_account",
    "专户管理资金": "special_account", "财政专户管理资金": "special_account",
    "单位资金": "unit_funds", "上年结转": "carryover", "事业收入": "business_income", "其他收入": "other",
}
OVERALL_EXPENDITURE: dict[str, str] = {"合计": "total", "基本支出": "basic", "项目支出": "project"}

# 绩效自评表 (one-cell-per-line layout).
SELF_EVAL_SECTIONS: dict[str, str] = {
    "项目名称": "info", "单位名称": "info", "部门名称": "info", "主管部门": "info",
    "项目资金": "funding", "部门资金": "funding", "年度总体目标": "goals", "总分": "total",
}
SELF_EVAL_INFO: dict[str, str] = {
    "项目名称": "name", "单位名称": "name", "部门名称": "name", "主管部门": "department",
    "实施单位": "implementing_unit",
}
SELF_EVAL_FUNDING_COLUMNS: dict[str, str] = {
    "年初预算数": "initial_budget", "全年预算数": "full_year_budget", "全年执行数": "executed",
    "分值": "weight", "分值权重": "weight", "权重": "weight", "执行率": "execution_rate", "得分": "score",
}
SELF_EVAL_FUNDING_ROWS: dict[str, str] = {
    "年度资金总额": "total", "合计": "total", "当年财政拨款": "fiscal", "财政拨款": "fiscal",
    "上年结转": "carryover", "上级资金": "superior", "本级资金": "local", "其他资金": "other",
}
_FUNDING_ALIASES = {"target": TARGET_FUNDING, "income": OVERALL_INCOME, "expenditure": OVERALL_EXPENDITURE}
SELF_EVAL_GOAL_COLUMNS: dict[str, str] = {"预期目标": "expected", "实际完成情况": "actual"}
SELF_EVAL_INDICATOR_COLUMNS: dict[str, str] = {
    "一级指标": "level1", "二级指标": "level2", "三级指标": "level3",
    "权重": "weight", "分值": "weight", "分值权重": "weight",
    "目标值": "target", "年度指标值": "target", "预期指标值": "target", "指标值": "target",
    "业绩值": "actual", "实际完成值": "actual", "实际完成指标值": "actual", "全年实际值": "actual",
    "完成率": "completion_rate", "得分": "score", "指标得分": "score",
    "指标值设定依据": "basis", "上年完成情况": "last_year", "赋分规则": "scoring_rule",
    "佐证资料": "evidence", "偏差原因分析及改进措施": "deviation", "偏差原因分析": "deviation",
    "偏差原因": "deviation", "改进措施": "improvement",
}

# Field names in problem messages.
ROLE_NAMES: dict[str, str] = {
    "initial_budget": "年初预算数", "full_year_budget": "全年预算数", "executed": "全年执行数", "weight": "分值",
    "execution_rate": "执行率", "score": "得分", "completion_rate": "完成率", "level3": "三级指标",
    "target": "指标值", "actual": "实际完成值",
}

# ----------------------------------------------------------------------------------------------
# Regexes (compiled once)
# ----------------------------------------------------------------------------------------------

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")  # DOCX export residue: [bookmark: _GoBack]
_HTML_TAG = re.compile(r"</?(?:p|br|span)\b[^>]*>")  # <p> left in cells by some generators
_LATEX = (("\\geq", "≥"), ("\\leq", "≤"), ("\\ge", "≥"), ("\\le", "≤"), ("\\%", "%"), ("$", ""))
_SPACES = re.compile(r"\s+")
_VALUE_WIDTH = str.maketrans("０１２３４５６７８９．％＝＞＜，", "0123456789.%=><,")
_OPS = "|".join(re.escape(k) for k in sorted(OPERATOR_ALIASES, key=len, reverse=True))
# ≥ 100 人/次 · =0.33万元/生/年 · 95%以上 (the unit holds no digit)
_NUMBER_VALUE = re.compile(
    rf"^(?P<op>{_OPS})?(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)(?P<unit>[^\d]*?)(?P<suffix>及以上|以上|及以下|以下|以内)?$")
# =2024年12月10日前 · 2024年9月前 · 2024年底前 · 2024年12月31日止 · 2024年12月20 (日 missing) ·
# 2023年内完成 · 2024年按期发放: a year, maybe month and day, a bound, then words without digits
_DATE_VALUE = re.compile(
    rf"^(?P<op>{_OPS})?(?P<y>(?:19|20)\d{{2}})年(?:(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})日?)?)?(?P<end>底|末)?"
    r"(?P<suffix>之前|以前|前|为止|止|之后|以后|后|年内|之内|以内|内)?[^\d月]*$")
# 2025年1月至2025年12月 · 2025年1月至12月 · 2024年1-12月 · 2025年1月12月 (separator lost in extraction)
_PERIOD_SEPARATOR = r"(?:至|到|-|－|—|~|～)"
_PERIOD_VALUE = re.compile(
    rf"^(?P<y1>\d{{4}})年(?P<m1>\d{{1,2}})(?:月(?:(?P<d1>\d{{1,2}})日)?{_PERIOD_SEPARATOR}?|{_PERIOD_SEPARATOR})"
    r"(?:(?P<y2>\d{4})年)?(?P<m2>\d{1,2})月(?:(?P<d2>\d{1,2})日?)?(?P<suffix>前|底前)?$")
# a value merged into its name cell by extraction: 生均乘车成本(≤5000元
_MERGED_VALUE = re.compile(r"^(?P<name>.*?[^\d\s(（])[（(]?\s*(?P<value>(?:≥|≤|>=|<=|＞|＜|>|<|=|＝)\s*\d.*)$")
_PRINTED_NUMBER = re.compile(r"^(?P<num>.+?)(?P<unit>%|分|万元|元)?$")  # 99.27% · 89.62分
_UNIT_IN_LABEL = re.compile(r"[（(]\s*(亿元|万元|元)\s*[)）]")  # 项目资金（元） · 预算金额 (万元)
_TRAILING_PAREN = re.compile(r"（[^（）]*）$")  # 项目资金（元） → 项目资金
_YEAR_LINE = re.compile(r"^[（(]?(\d{4})[)）]?年度?[)）]?$")  # (2024年度) · （2024）年度
_LEADING_OF_WHICH = re.compile(r"^其中[：:]?")  # 其中：中央财政资金
_DEPARTMENT_CODE = re.compile(r"^(\d{3,})\s*[-－—]\s*(.+)$")  # 135-忻州市教育局

# ----------------------------------------------------------------------------------------------
# Models
# ----------------------------------------------------------------------------------------------

Phase = Literal["implementation", "annual"]
ValueKind = Literal["number", "date", "period", "text", "empty"]
Operator = Literal["≥", "≤", "=", ">", "<"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class ParseProblem(_Frozen):
    """Something in a performance table that could not be read; `line` is the row, if known."""

    table_line: int
    reason: str
    line: int | None = None


class PrintedNumber(_Frozen):
    """A number as printed in a cell: value, decimals, the text itself, its line and unit."""

    value: Decimal
    decimals: int
    text: str
    line: int
    unit: str | None = None  # 元 / 万元 for money, % for rates, 分 for scores, 套 / 人 … for targets


class TextCell(_Frozen):
    text: str
    line: int


class DateValue(_Frozen):
    year: int
    month: int | None = None
    day: int | None = None


class IndicatorValue(_Frozen):
    """An indicator's 指标值 / 业绩值 as printed, and what could be read from it."""

    text: str
    line: int
    kind: ValueKind
    operator: Operator | None = None
    number: PrintedNumber | None = None
    date: DateValue | None = None
    date_end: DateValue | None = None  # end of a period (2025年1月至12月)
    parsed: bool = True  # False: text with digits that fits no known form, or an empty cell

    @property
    def unit(self) -> str | None:
        return self.number.unit if self.number else None


class FundingLine(_Frozen):
    """One amount of a funding block: printed label, normalised key, amount (None if empty)."""

    label: str
    key: str | None
    amount: PrintedNumber | None
    text: str
    line: int


class TargetFunding(_Frozen):
    phase: Phase
    total: FundingLine | None = None
    sources: tuple[FundingLine, ...] = ()

    def source(self, key: str) -> FundingLine | None:
        return next((s for s in self.sources if s.key == key), None)


class TargetIndicator(_Frozen):
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


class TargetTable(_Frozen):
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
    details: dict[str, TextCell] = {}
    implementation_goal: TextCell | None = None
    annual_goal: TextCell | None = None
    indicators: tuple[TargetIndicator, ...] = ()
    problems: tuple[ParseProblem, ...] = ()

    @property
    def unparsed_indicators(self) -> list[TargetIndicator]:
        return [i for i in self.indicators if not i.parsed]


class OverallTargetTable(_Frozen):
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


class SelfEvalFunding(_Frozen):
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


class SelfEvalIndicator(_Frozen):
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


class SelfEvaluation(_Frozen):
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
    funding_headers: dict[str, str] = {}  # column role -> header as printed (资金 part)
    indicator_headers: dict[str, str] = {}  # column role -> header as printed (指标 part)
    problems: tuple[ParseProblem, ...] = ()

    def funding_row(self, key: str) -> SelfEvalFunding | None:
        return next((f for f in self.funding if f.key == key), None)

    @property
    def unparsed_indicators(self) -> list[SelfEvalIndicator]:
        return [i for i in self.indicators if not i.parsed]


# ----------------------------------------------------------------------------------------------
# Cells, labels and printed values
# ----------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Cell text without DOCX/HTML residue, stripped."""
    if "[" in text:
        text = _BOOKMARK.sub("", text)
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    return text.strip()


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """Squeezed label without a trailing colon: '市县(区)财政资 金：' → '市县（区）财政资金'."""
    return squeeze(_clean(text)).rstrip("：")


@lru_cache(maxsize=4096)
def _section_key(text: str) -> str:
    """Label as a section name: also without a trailing unit in brackets (项目资金（元）)."""
    return _TRAILING_PAREN.sub("", _key(text))


def _lookup(key: str, aliases: dict[str, str]) -> str | None:
    """Alias value for a label, also when the PDF cut its last characters (市县（区）财政资)."""
    found = aliases.get(key)
    if found is None and len(key) >= LEVEL2_MIN_PREFIX:
        found = next((v for label, v in aliases.items() if label.startswith(key) and len(label) - len(key) <= 2),
                     None)
    return found


def _unit_of(label: str) -> str | None:
    m = _UNIT_IN_LABEL.search(label)
    return m.group(1) if m else None


def _is_placeholder(text: str) -> bool:
    return _key(text) in PLACEHOLDERS


@lru_cache(maxsize=8192)
def _read_amount(text: str) -> tuple[Decimal, int, str | None] | None:
    """(value, decimals, unit) of '700.00' / '99.27%' / '89.62分'; None if not a number."""
    s = _clean(text).translate(_VALUE_WIDTH).replace(" ", "")
    if not s or s in PLACEHOLDERS:
        return None
    m = _PRINTED_NUMBER.match(s)
    amount = parse_amount(m.group("num")) if m else None
    return (amount.value, amount.decimals, m.group("unit")) if amount else None


def parse_printed_number(text: str, line: int, unit: str | None = None) -> PrintedNumber | None:
    """'700.00' / '99.27%' / '89.62分' → PrintedNumber; None for an empty, placeholder or other cell."""
    reading = _read_amount(text)
    if reading is None:
        return None
    return PrintedNumber(value=reading[0], decimals=reading[1], text=_clean(text), line=line,
                         unit=reading[2] or unit)


def _normalise_value(text: str) -> str:
    s = _clean(text)
    if "\\" in s or "$" in s:
        for old, new in _LATEX:
            s = s.replace(old, new)
    return _SPACES.sub("", s.translate(_VALUE_WIDTH))


def _date(year: str, month: str | None, day: str | None) -> tuple[int, int | None, int | None] | None:
    m = int(month) if month else None
    d = int(day) if day else None
    if (m is not None and not 1 <= m <= 12) or (d is not None and not 1 <= d <= 31):
        return None
    return int(year), m, d


# What a value text says, without its place: (kind, operator, (value, decimals, unit) | None,
# start date | None, end date | None, parsed).
_Reading = tuple[str, str | None, tuple[Decimal, int, str | None] | None, tuple | None, tuple | None, bool]


def _read_number(m: re.Match) -> _Reading:
    amount = parse_amount(m.group("num"))
    if amount is None:  # more digits than an amount can have: text that fits no known form
        return "text", None, None, None, None, False
    op = m.group("op")
    operator = OPERATOR_ALIASES[op] if op else SUFFIX_OPERATORS.get(m.group("suffix") or "")
    return "number", operator, (amount.value, amount.decimals, m.group("unit") or None), None, None, True


def _read_date(m: re.Match) -> _Reading:
    month = m.group("m") or ("12" if m.group("end") else None)  # 2024年底 → December
    date = _date(m.group("y"), month, m.group("d"))
    op = m.group("op")
    operator = DATE_SUFFIX_OPERATORS.get(m.group("suffix") or "") or (OPERATOR_ALIASES[op] if op else None)
    return "date", operator, None, date, None, date is not None


def _read_period(m: re.Match) -> _Reading:
    start = _date(m.group("y1"), m.group("m1"), m.group("d1"))
    end = _date(m.group("y2") or m.group("y1"), m.group("m2"), m.group("d2"))
    return "period", "≤" if m.group("suffix") else None, None, start, end, start is not None and end is not None


@lru_cache(maxsize=8192)
def _read_value(text: str) -> _Reading:
    """Read a value text once, whatever cell it stands in (values repeat: ≥95%, 100%, 及时 …)."""
    s = _normalise_value(text)
    if not s:
        return "empty", None, None, None, None, False
    for pattern, read in ((_DATE_VALUE, _read_date), (_PERIOD_VALUE, _read_period), (_NUMBER_VALUE, _read_number)):
        m = pattern.match(s)
        if m:
            return read(m)
    return "text", None, None, None, None, not any(ch.isdigit() for ch in s)


@lru_cache(maxsize=1024)
def _date_value(parts: tuple | None) -> DateValue | None:
    """Dates carry no place, so one frozen record serves every cell printing it."""
    return DateValue(year=parts[0], month=parts[1], day=parts[2]) if parts else None


def parse_indicator_value(text: str, line: int) -> IndicatorValue:
    """Read a printed 指标值: '≥1000平方米', '=0.33万元/生/年', '2024年12月10日前', '有效', …

    Qualitative text (no digits) is a valid value (kind text, parsed). Text with digits that fits
    none of the number / date / period forms, and an empty cell, are kept with parsed=False.
    """
    raw = _clean(text)  # as printed: DOCX residue such as [bookmark: _GoBack] is not part of it
    kind, operator, number, start, end, parsed = _read_value(raw)
    printed = PrintedNumber(value=number[0], decimals=number[1], text=raw, line=line, unit=number[2]) \
        if number else None
    return IndicatorValue(text=raw, line=line, kind=kind, operator=operator, number=printed,
                          date=_date_value(start), date_end=_date_value(end), parsed=parsed)


class _Memo:
    """Cells read once per parse call: the same text on the same line is the same frozen record
    (the 实施期 and 年度 sides of a row usually print the same values)."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, int], IndicatorValue] = {}
        self.numbers: dict[tuple[str, int, str | None], PrintedNumber | None] = {}

    def value(self, text: str, line: int) -> IndicatorValue:
        key = (text, line)
        if key not in self.values:
            self.values[key] = parse_indicator_value(text, line)
        return self.values[key]

    def number(self, text: str, line: int, unit: str | None = None) -> PrintedNumber | None:
        key = (text, line, unit)
        if key not in self.numbers:
            self.numbers[key] = parse_printed_number(text, line, unit)
        return self.numbers[key]


# ----------------------------------------------------------------------------------------------
# Rows as tokens (content-based reading of the PDF-extracted budget tables)
# ----------------------------------------------------------------------------------------------

Token = tuple[str, int]  # (cleaned text, cell index)


def _tokens(row: RawRow) -> list[Token]:
    """Non-empty cells with their index (the readers strip cells; residue is rare)."""
    tokens = [(cell, i) for i, cell in enumerate(row.cells) if cell]
    joined = "".join(row.cells)
    if "[" in joined or "<" in joined:
        tokens = [(text, i) for t, i in tokens if (text := _clean(t))]
    return tokens


@lru_cache(maxsize=4096)
def _level2_key(text: str) -> str | None:
    """Canonical 二级 label for a printed one: 社会效益 / 服务对象满意度指 / 可持续 影响指标 …"""
    k = squeeze(text)
    if len(k) < LEVEL2_MIN_PREFIX:
        return None
    for label in LEVEL2_PARENTS:
        if k == label or (label.startswith(k) and len(label) - len(k) <= 2):
            return label
    return None


@dataclass(slots=True)
class _Group:
    """One side (实施期 or 年度) of an indicator row: the token found in each slot."""

    level1: Token | None = None
    level2: Token | None = None
    name: Token | None = None
    value: Token | None = None


@lru_cache(maxsize=4096)
def _roles(text: str) -> frozenset[str]:
    k = squeeze(text)
    roles = set()
    if k in LEVEL1_LABELS:
        roles.add("l1")
    if k != "满意度指标" and _level2_key(k):
        roles.add("l2")
    if "l1" not in roles:
        roles.add("name")
    if not roles & {"l1", "l2"}:
        roles.add("value")
    return frozenset(roles)


Slots = tuple[int | None, int | None, int | None, int | None]  # token index of 一级, 二级, name, value


def _side_options(roles: tuple[frozenset[str], ...], i: int, first: bool):
    """Every way one side can start at token i: yields (slots, next index, penalty)."""
    n = len(roles)
    l1_choices = [(None, i, 0)]
    if first and i < n and "l1" in roles[i]:
        # 成本指标 is 一级 when a 二级 follows (成本指标 | 经济成本指标), else 二级 (Shanxi template)
        ambiguous = "l2" in roles[i] and not (i + 1 < n and "l2" in roles[i + 1])
        l1_choices.append((i, i + 1, 1 if ambiguous else 0))
    for l1, j, pen1 in l1_choices:
        l2_choices = [(None, j)]
        if j < n and "l2" in roles[j]:
            l2_choices.append((j, j + 1))
        for l2, k in l2_choices:
            tails = [(None, None, k, 0)]
            if k < n and "name" in roles[k]:
                tails.append((k, None, k + 1, 10))  # a name without value: penalised
                if k + 1 < n and "value" in roles[k + 1]:
                    tails.append((k, k + 1, k + 2, 0))
            for name, value, end, pen2 in tails:
                if end > i:
                    yield (l1, l2, name, value), end, pen1 + pen2


@lru_cache(maxsize=1024)
def _split_pattern(roles: tuple[frozenset[str], ...], sides: int) -> tuple[Slots, ...] | None:
    """The best split of a row's token roles into at most `sides` groups that cover every token.

    Best = least penalty (names without value, 成本指标 as 一级), then fewest groups. Rows repeat
    the same few role patterns, so the search runs once per pattern.
    """
    best: tuple[tuple[int, int], tuple[Slots, ...]] | None = None

    def walk(i: int, groups: tuple[Slots, ...], penalty: int) -> None:
        nonlocal best
        if i == len(roles):
            score = (penalty, len(groups))
            if best is None or score < best[0]:
                best = (score, groups)
            return
        if len(groups) == sides:
            return
        for slots, end, pen in _side_options(roles, i, first=not groups):
            walk(end, groups + (slots,), penalty + pen)

    walk(0, (), 0)
    return best[1] if best else None


def _split_groups(tokens: list[Token], sides: int) -> list[_Group] | None:
    """An indicator row's tokens split into its sides' groups (see `_split_pattern`)."""
    pattern = _split_pattern(tuple([_roles(t) for t, _ in tokens]), sides)
    if pattern is None:
        return None
    return [_Group(*[tokens[i] if i is not None else None for i in slots]) for slots in pattern]


def _collapse_repeats(tokens: list[Token]) -> list[Token]:
    """Drop a name printed twice in a row (院养孤儿满意度 | 院养孤儿满意度: a merged cell repeated).

    一级/二级 labels are kept: 生态效益指标 | 生态效益指标 are the two sides' own labels.
    """
    out: list[Token] = []
    for token in tokens:
        if out and out[-1][0] == token[0] and not _roles(token[0]) & {"l1", "l2"}:
            continue
        out.append(token)
    return out


def _nearest(index: int, anchors: list[int]) -> int:
    """Position of the anchor column closest to a cell index (ties go to the first)."""
    if not anchors:
        return 0
    return min(range(len(anchors)), key=lambda a: (abs(anchors[a] - index), a))


class _IndicatorReader:
    """Reads indicator rows of a budget table, keeping 一级/二级 per side across rows."""

    def __init__(self, sides: int, table_line: int, memo: _Memo) -> None:
        self.memo = memo
        self.sides = sides
        self.table_line = table_line
        self.level3_cols: list[int] = []
        self.level2_cols: list[int] = []
        self.level1 = [""] * 2
        self.level2 = [""] * 2
        self.indicators: list[TargetIndicator] = []
        self.problems: list[ParseProblem] = []

    def header(self, tokens: list[Token]) -> None:
        self.level3_cols = [i for t, i in tokens if _key(t) == "三级指标"]
        self.level2_cols = [i for t, i in tokens if _key(t) == "二级指标"]
        if self.sides > 1:
            self.sides = max(1, min(2, len(self.level3_cols)))

    def row(self, tokens: list[Token], line: int) -> None:
        tokens = _collapse_repeats(tokens)
        if not tokens:
            return
        groups = _split_groups(tokens, self.sides)
        if groups is None:
            texts = " | ".join(t for t, _ in tokens)
            self.problems.append(ParseProblem(table_line=self.table_line, line=line,
                                              reason=f"指标行无法拆分为一级/二级/三级指标和指标值：{texts}"))
            return
        for position, group in enumerate(groups):
            side = position if len(groups) > 1 else self._side_of(group)
            self._take(group, side, line)

    def _side_of(self, group: _Group) -> int:
        if self.sides == 1 or group.level1:
            return 0
        if group.name:
            return _nearest(group.name[1], self.level3_cols)
        return _nearest(group.level2[1], self.level2_cols) if group.level2 else 0

    def _take(self, group: _Group, side: int, line: int) -> None:
        if group.level1:
            level1 = _key(group.level1[0])
            if group.level2 and _key(group.level2[0]) == level1:  # 成本指标 | 成本指标: one label printed twice
                level1 = LEVEL2_PARENTS.get(level1, level1)
            self.level1 = [level1] * 2
            self.level2 = ["", ""]
        if group.level2:
            self.level2[side] = _key(group.level2[0])
            parent = LEVEL2_PARENTS.get(_level2_key(group.level2[0]) or "")
            if parent and not group.level1 and parent != self.level1[side] and parent in LEVEL1_LABELS:
                self.level1[side] = parent
        if not group.name:
            return
        if not self.level1[side] and self.level2[side]:
            self.level1[side] = LEVEL2_PARENTS.get(_level2_key(self.level2[side]) or "", "")
        name, value_text = group.name[0], group.value[0] if group.value else ""
        merged = _MERGED_VALUE.match(name) if not value_text else None
        if merged:
            name, value_text = merged.group("name"), merged.group("value")
        value = self.memo.value(value_text, line)
        self.indicators.append(TargetIndicator(
            phase="implementation" if side == 0 and self.sides > 1 else "annual",
            level1=self.level1[side], level2=self.level2[side], level3=_key(name),
            value=value, line=line, parsed=value.parsed and bool(self.level2[side])))


def _is_indicator_header(tokens: list[Token]) -> bool:
    for t, _ in tokens:  # cheap test first: most rows are not headers
        if "级" in t:
            break
    else:
        return False
    keys = {_key(t) for t, _ in tokens}
    return "一级指标" in keys or ("二级指标" in keys and "三级指标" in keys)


def _split_label(token: Token, labels: dict[str, str]) -> list[Token]:
    """'实施单位 长治职业技术学院' (label and value merged in one cell) → two tokens."""
    text, index = token
    for label in labels:
        if text.startswith(label) and len(text) > len(label) and text[len(label)] in " :：\t":
            return [(label, index), (text[len(label):].lstrip(" :：\t"), index)]
    return [token]


_AMOUNT_START = frozenset("0123456789０１２３４５６７８９(（-—－/／+\\无")  # labels never start so


@lru_cache(maxsize=4096)
def _amount_like(text: str) -> bool:
    return text[0] in _AMOUNT_START and (_is_placeholder(text) or parse_amount(text) is not None)


@lru_cache(maxsize=4096)
def _funding_key(label: str, table: str) -> str | None:
    """Normalised key of a funding label in one of the alias tables (其中： and colon dropped)."""
    return _lookup(_LEADING_OF_WHICH.sub("", _key(label)), _FUNDING_ALIASES[table])


def _funding_line(label: str, amount_text: str, line: int, unit: str | None, table: str,
                  memo: _Memo) -> FundingLine:
    amount = memo.number(amount_text, line, unit) if amount_text else None
    return FundingLine(label=label.strip(), key=_funding_key(label, table), amount=amount,
                       text=amount_text.strip(), line=line)


def _label_amount_pairs(tokens: list[Token]) -> tuple[list[tuple[Token, Token | None]], list[str]]:
    """[(label, amount or None)] in reading order; stray amounts are reported."""
    pairs: list[tuple[Token, Token | None]] = []
    stray: list[str] = []
    i = 0
    while i < len(tokens):
        if _amount_like(tokens[i][0]):
            stray.append(tokens[i][0])
            i += 1
            continue
        amount = tokens[i + 1] if i + 1 < len(tokens) and _amount_like(tokens[i + 1][0]) else None
        pairs.append((tokens[i], amount))
        i += 2 if amount else 1
    return pairs, stray


# ----------------------------------------------------------------------------------------------
# Budget 项目支出绩效目标表
# ----------------------------------------------------------------------------------------------


def _title_blocks(source: SourceDocument, title: re.Pattern) -> list[tuple[Paragraph, int | None, RawTable | None]]:
    """(title paragraph, year, the table right after it) for every title matching `title`.

    Only year lines like (2024年度) may stand between the title and its table.
    """
    found = []
    blocks = source.blocks
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or "绩效目标" not in block.text \
                or not title.search(squeeze(block.text)):
            continue
        year, table = None, None
        for nxt in blocks[i + 1:i + 4]:
            if isinstance(nxt, RawTable):
                table = nxt
                break
            m = _YEAR_LINE.match(squeeze(nxt.text))
            if not m:
                break
            year = int(m.group(1))
        found.append((block, year, table))
    return found


class _TargetBuilder:
    """Collects the parts of one 项目支出绩效目标表 while its rows are read."""

    def __init__(self, title: Paragraph, year: int | None, table: RawTable, memo: _Memo) -> None:
        self.memo = memo
        self.table_line = table.rows[0].line
        self.fields: dict = {"title": title.text.strip(), "title_line": title.location.line,
                             "line": self.table_line, "year": year, "details": {}}
        self.problems: list[ParseProblem] = []
        self.indicators = _IndicatorReader(sides=2, table_line=self.table_line, memo=memo)
        self.funding: dict[str, dict] = {"implementation": {"sources": []}, "annual": {"sources": []}}
        self.funding_cols: list[int] = []
        self.goal_cols: list[int] = []
        self.detail_key: str | None = None

    def problem(self, reason: str, line: int | None = None) -> None:
        self.problems.append(ParseProblem(table_line=self.table_line, reason=reason, line=line))

    # -- sections --------------------------------------------------------------------------

    def info(self, tokens: list[Token], line: int) -> None:
        tokens = [part for token in tokens for part in _split_label(token, TARGET_INFO)]
        i = 0
        while i < len(tokens):
            field = TARGET_INFO.get(_key(tokens[i][0]))
            if field is None:
                self.problem(f"无法识别的项目信息：{tokens[i][0]}", line)
                i += 1
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) and _key(tokens[i + 1][0]) not in TARGET_INFO else None
            if nxt is None:
                self.problem(f"{tokens[i][0]} 没有填写内容", line)
            else:
                self.fields[field] = TextCell(text=nxt[0], line=line)
            i += 2 if nxt else 1
        dept = self.fields.get("department")
        m = _DEPARTMENT_CODE.match(dept.text) if dept else None
        if m:
            self.fields["department_code"] = m.group(1)

    def funding_row(self, label: str | None, tokens: list[Token], line: int) -> None:
        if label is not None:
            self.fields["unit"] = _unit_of(label)
            if self.fields["unit"] is None:
                self.problem(f"项目资金没有标明单位：{label}", line)
        pairs, stray = _label_amount_pairs(tokens)
        for text in stray:
            self.problem(f"资金数额没有对应的项目：{text}", line)
        if not self.funding_cols:
            self.funding_cols = [i for (t, i), _ in pairs]
        if len(pairs) > 2:
            self.problem("资金行多于实施期和年度两栏：" + " | ".join(t for t, _ in tokens), line)
            return
        for position, ((text, index), amount) in enumerate(pairs):
            phase = self._funding_phase(text, index, position, len(pairs))
            item = _funding_line(text, amount[0] if amount else "", line, self.fields.get("unit"), "target",
                                 self.memo)
            if item.amount is None and item.text and not _is_placeholder(item.text):
                self.problem(f"无法读取金额：{item.text}", line)
            if item.key is None:
                self.problem(f"无法识别的资金来源：{text}", line)
            if item.key == "total":
                self.funding[phase]["total"] = item
            else:
                self.funding[phase]["sources"].append(item)

    def _funding_phase(self, text: str, index: int, position: int, count: int) -> Phase:
        key = _key(text)
        if key.startswith(IMPLEMENTATION_TOTAL):
            return "implementation"
        if key.startswith(ANNUAL_TOTAL):
            return "annual"
        if count == 2:
            return "implementation" if position == 0 else "annual"
        return ("implementation", "annual")[_nearest(index, self.funding_cols)]

    def details(self, label: str | None, tokens: list[Token], line: int) -> None:
        if label is not None:
            self.detail_key = TARGET_DETAILS[label]
            self.fields["details"][self.detail_key] = TextCell(text="".join(t for t, _ in tokens), line=line)
        elif self.detail_key and tokens:  # a wrapped paragraph continues on the next row
            old = self.fields["details"][self.detail_key]
            self.fields["details"][self.detail_key] = TextCell(text=old.text + "".join(t for t, _ in tokens),
                                                               line=old.line)

    def goals(self, tokens: list[Token], line: int) -> None:
        keys = [_key(t) for t, _ in tokens]
        if "实施期目标" in keys or "年度目标" in keys:  # the header: where each side's text stands
            self.goal_cols = [i for (_, i), k in zip(tokens, keys) if k in ("实施期目标", "年度目标")]
            return
        continued = keys[0] != "总体目标"  # a wrapped goal continues on the next row
        texts = tokens if continued else tokens[1:]
        if len(texts) > 2:
            self.problem("总体目标多于实施期和年度两栏", line)
        for position, (text, index) in enumerate(texts[:2]):
            side = position if len(texts) >= 2 else _nearest(index, self.goal_cols)
            field = "implementation_goal" if side == 0 else "annual_goal"
            old = self.fields.get(field)
            self.fields[field] = TextCell(text=old.text + text, line=old.line) if old and continued \
                else TextCell(text=text, line=line)

    def build(self) -> TargetTable:
        for phase, field in (("implementation", "implementation_funding"), ("annual", "annual_funding")):
            part = self.funding[phase]
            if part.get("total") or part["sources"]:
                self.fields[field] = TargetFunding(phase=phase, total=part.get("total"),
                                                   sources=tuple(part["sources"]))
        for required, reason in (("project_name", "缺少项目名称"), ("annual_funding", "缺少年度资金")):
            if self.fields.get(required) is None:
                self.problem(reason)
        if not self.indicators.indicators:
            self.problem("没有读到绩效指标")
        return TargetTable(**self.fields, indicators=tuple(self.indicators.indicators),
                           problems=tuple(self.problems + self.indicators.problems))


def _target_table(title: Paragraph, year: int | None, table: RawTable, memo: _Memo) -> TargetTable:
    b = _TargetBuilder(title, year, table, memo)
    section: str | None = None
    for row in table.rows:
        tokens = _tokens(row)
        if not tokens:
            continue
        label = _section_key(tokens[0][0])
        if _is_indicator_header(tokens):
            section = "indicators"
            b.indicators.header(tokens)
            continue
        if label in TARGET_SECTIONS:
            section = TARGET_SECTIONS[label]
            rest = tokens if section == "info" else tokens[1:]
        else:
            label, rest = None, tokens
        if section is None:
            b.problem("表头之前的行无法识别：" + " | ".join(t for t, _ in tokens), row.line)
        elif section == "info":
            b.info(rest, row.line)
        elif section == "funding":
            b.funding_row(_key(tokens[0][0]) if label else None, rest, row.line)
        elif section == "details":
            b.details(label, rest, row.line)
        elif section == "goals":
            b.goals(tokens, row.line)
        elif section == "indicators":
            b.indicators.row(rest, row.line)
    return b.build()


def parse_target_tables(source: SourceDocument) -> list[TargetTable]:
    """Every 项目支出绩效目标表 of a budget disclosure, in document order."""
    tables = []
    memo = _Memo()
    for title, year, table in _title_blocks(source, TARGET_TITLE):
        if table is None:
            problem = ParseProblem(table_line=title.location.line or 0, reason="标题之后没有表格",
                                   line=title.location.line)
            tables.append(TargetTable(title=title.text.strip(), title_line=title.location.line or 0, year=year,
                                      problems=(problem,)))
        else:
            tables.append(_target_table(title, year, table, memo))
    return tables


# ----------------------------------------------------------------------------------------------
# 整体支出绩效目标申报表
# ----------------------------------------------------------------------------------------------


class _OverallBuilder:
    def __init__(self, title: Paragraph, year: int | None, table: RawTable, memo: _Memo) -> None:
        self.memo = memo
        self.table_line = table.rows[0].line
        self.fields: dict = {"title": title.text.strip(), "title_line": title.location.line,
                             "line": self.table_line, "year": year}
        self.problems: list[ParseProblem] = []
        self.indicators = _IndicatorReader(sides=1, table_line=self.table_line, memo=memo)
        self.income: list[FundingLine] = []
        self.expenditure: list[FundingLine] = []
        self.side_cols: list[int] = []

    def problem(self, reason: str, line: int | None = None) -> None:
        self.problems.append(ParseProblem(table_line=self.table_line, reason=reason, line=line))

    def info(self, tokens: list[Token], line: int) -> None:
        for i, (text, _) in enumerate(tokens[:-1]):
            if _key(text) in OVERALL_INFO and "unit_name" not in self.fields:
                self.fields["unit_name"] = TextCell(text=tokens[i + 1][0], line=line)

    def budget(self, tokens: list[Token], line: int, header: bool) -> None:
        if header:  # 按收入来源分 | 预算金额 (万元) | 按支出来源分 | 预算金额 (万元)
            self.fields["unit"] = next((u for u in (_unit_of(t) for t, _ in tokens) if u), None)
            self.side_cols = [i for t, i in tokens if _key(t).startswith("按")]
            if self.fields["unit"] is None:
                self.problem("预算情况没有标明单位", line)
            return
        pairs, stray = _label_amount_pairs(tokens)
        for text in stray:
            self.problem(f"金额没有对应的项目：{text}", line)
        if len(pairs) > 2:
            self.problem("预算情况行多于收入和支出两栏", line)
        for position, ((text, index), amount) in enumerate(pairs[:2]):
            side = position if len(pairs) == 2 else _nearest(index, self.side_cols)
            item = _funding_line(text, amount[0] if amount else "", line, self.fields.get("unit"),
                                 "income" if side == 0 else "expenditure", self.memo)
            if item.key is None:
                self.problem(f"无法识别的预算项目：{text}", line)
            if item.amount is None and item.text and not _is_placeholder(item.text):
                self.problem(f"无法读取金额：{item.text}", line)
            (self.income if side == 0 else self.expenditure).append(item)

    def build(self) -> OverallTargetTable:
        if not self.income or not self.expenditure:
            self.problem("没有读到预算情况")
        if not self.indicators.indicators:
            self.problem("没有读到绩效指标")
        return OverallTargetTable(**self.fields, income=tuple(self.income), expenditure=tuple(self.expenditure),
                                  indicators=tuple(self.indicators.indicators),
                                  problems=tuple(self.problems + self.indicators.problems))


def _overall_table(title: Paragraph, year: int | None, table: RawTable) -> OverallTargetTable:
    b = _OverallBuilder(title, year, table, _Memo())
    section: str | None = None
    for row in table.rows:
        tokens = _tokens(row)
        if not tokens:
            continue
        if _is_indicator_header(tokens):
            section = "indicators"
            b.indicators.header(tokens)
            continue
        label = _section_key(tokens[0][0])
        opened = label in OVERALL_SECTIONS
        if opened:
            section = OVERALL_SECTIONS[label]
        rest = tokens[1:] if opened and section != "tasks" else tokens
        if section is None:
            b.problem("表头之前的行无法识别：" + " | ".join(t for t, _ in tokens), row.line)
        elif section == "info":
            b.info(rest, row.line)
        elif section == "budget":
            b.budget(rest, row.line, header=opened)
        elif section == "goal" and opened and rest:
            b.fields["annual_goal"] = TextCell(text="".join(t for t, _ in rest), line=row.line)
        elif section == "indicators":
            b.indicators.row(rest, row.line)
    return b.build()


def parse_overall_target_table(source: SourceDocument) -> OverallTargetTable | None:
    """The 整体支出绩效目标申报表 of a budget disclosure; None when the document has none."""
    for title, year, table in _title_blocks(source, OVERALL_TITLE):
        if table is not None:
            return _overall_table(title, year, table)
        problem = ParseProblem(table_line=title.location.line or 0, reason="标题之后没有表格",
                               line=title.location.line)
        return OverallTargetTable(title=title.text.strip(), title_line=title.location.line or 0, year=year,
                                  problems=(problem,))
    return None


# ----------------------------------------------------------------------------------------------
# 绩效自评表 (columns kept: read by header roles)
# ----------------------------------------------------------------------------------------------


def _column_roles(row: RawRow, aliases: dict[str, str]) -> dict[int, str]:
    return {i: aliases[_key(c)] for i, c in enumerate(row.cells) if _key(c) in aliases}


class _SelfEvalBuilder:
    def __init__(self, table: RawTable, kind: Literal["project", "unit"]) -> None:
        first = table.rows[0]
        self.table_line = first.line
        self.fields: dict = {"kind": kind, "title": first.cells[0].strip(), "line": first.line}
        self.problems: list[ParseProblem] = []
        self.funding: list[SelfEvalFunding] = []
        self.indicators: list[SelfEvalIndicator] = []
        self.funding_roles: dict[int, str] = {}
        self.goal_roles: dict[int, str] = {}
        self.indicator_roles: dict[int, str] = {}
        self.header_width = 0
        self.level1 = self.level2 = ""

    def problem(self, reason: str, line: int | None = None) -> None:
        self.problems.append(ParseProblem(table_line=self.table_line, reason=reason, line=line))

    def number(self, row: RawRow, index: int, what: str, unit: str | None = None) -> PrintedNumber | None:
        text = row.cells[index] if index < len(row.cells) else ""
        number = parse_printed_number(text, row.line_of(index), unit)
        if number is None and _clean(text) and not _is_placeholder(text):
            self.problem(f"{ROLE_NAMES.get(what, what)}无法读取为数字：{text.strip()}", row.line_of(index))
        return number

    def info(self, row: RawRow) -> None:
        cells = [(i, _clean(c)) for i, c in enumerate(row.cells) if _clean(c)]
        for position, (i, text) in enumerate(cells):
            field = SELF_EVAL_INFO.get(_key(text))
            if field and position + 1 < len(cells) and _key(cells[position + 1][1]) not in SELF_EVAL_INFO:
                j, value = cells[position + 1]
                self.fields[field] = TextCell(text=value, line=row.line_of(j))

    def funding_header(self, row: RawRow) -> None:
        self.fields["unit"] = _unit_of(row.cells[0])
        self.funding_roles = _column_roles(row, SELF_EVAL_FUNDING_COLUMNS)
        self.fields["funding_headers"] = {role: _clean(row.cells[i]) for i, role in self.funding_roles.items()}
        if not self.funding_roles:
            self.problem("资金表头无法识别", row.line)

    def funding_row(self, row: RawRow) -> None:
        first_value = min(self.funding_roles, default=len(row.cells))
        label_at = next((i for i in range(min(first_value, len(row.cells))) if _clean(row.cells[i])), None)
        if label_at is None:
            self.problem("资金行没有名称", row.line)
            return
        label = _clean(row.cells[label_at])
        key = SELF_EVAL_FUNDING_ROWS.get(_LEADING_OF_WHICH.sub("", _key(label)))
        if key is None:
            self.problem(f"无法识别的资金行：{label}", row.line)
        values = {role: self.number(row, i, role, self.fields.get("unit") if role in (
            "initial_budget", "full_year_budget", "executed") else None) for i, role in self.funding_roles.items()}
        self.funding.append(SelfEvalFunding(label=label, key=key, line=row.line_of(label_at), **values))

    def goals_row(self, row: RawRow) -> None:
        for i, role in self.goal_roles.items():
            text = row.cells[i].strip() if i < len(row.cells) else ""
            field = "expected_goal" if role == "expected" else "actual_goal"
            if text:
                self.fields[field] = TextCell(text=_clean(text), line=row.line_of(i))
            else:
                self.problem(f"{'预期目标' if role == 'expected' else '实际完成情况'}为空", row.line)

    def indicator_header(self, row: RawRow) -> None:
        self.indicator_roles = _column_roles(row, SELF_EVAL_INDICATOR_COLUMNS)
        self.fields["indicator_headers"] = {role: _clean(row.cells[i]) for i, role in self.indicator_roles.items()}
        self.header_width = len(row.cells)
        for needed in ("level3", "target", "actual"):
            if needed not in self.indicator_roles.values():
                self.problem(f"指标表头缺少{ROLE_NAMES[needed]}列", row.line)

    def indicator_row(self, row: RawRow) -> None:
        raw = {role: row.cells[i] if i < len(row.cells) else "" for i, role in self.indicator_roles.items()}
        text = {role: _clean(t) for role, t in raw.items()}
        line = {role: row.line_of(i) for i, role in self.indicator_roles.items()}
        if text.get("level1"):  # merged 一级/二级 cells print on their first row only: forward-fill
            self.level1, self.level2 = text["level1"], ""
        if text.get("level2"):
            self.level2 = text["level2"]
        if not text.get("level3"):
            self.problem("指标行没有三级指标：" + " | ".join(c.strip() for c in row.cells if c.strip())[:80],
                         row.line)
            return
        target = parse_indicator_value(raw.get("target", ""), line.get("target", row.line))
        actual = parse_indicator_value(raw.get("actual", ""), line.get("actual", row.line))
        index = {role: i for i, role in self.indicator_roles.items()}
        numbers = {role: self.number(row, index[role], role) for role in ("weight", "completion_rate", "score")
                   if role in index}
        unreadable = any(numbers[r] is None and text[r] and not _is_placeholder(text[r]) for r in numbers)
        ok = (target.parsed and actual.parsed and not unreadable and len(row.cells) == self.header_width
              and all(numbers[r] is not None for r in ("weight", "score") if r in numbers))
        texts = {r: text.get(r, "") for r in ("basis", "last_year", "scoring_rule", "evidence", "deviation",
                                              "improvement")}
        self.indicators.append(SelfEvalIndicator(
            level1=self.level1, level2=self.level2, level3=text["level3"], target=target, actual=actual,
            **numbers, **texts, line=line["level3"], parsed=ok))

    def total(self, row: RawRow) -> None:
        indexes = [i for i, c in enumerate(row.cells[1:], start=1) if _clean(c)]
        numbers = [n for n in (self.number(row, i, "总分") for i in indexes) if n is not None]
        if not numbers:
            self.problem("总分行没有数字", row.line)
            return
        if len(numbers) >= 2:
            self.fields["total_weight"] = numbers[0]
        self.fields["total_score"] = numbers[-1]

    def build(self) -> SelfEvaluation:
        if self.fields.get("name") is None:
            self.problem("缺少项目/单位名称")
        if not self.funding:
            self.problem("没有读到资金情况")
        if not self.indicators:
            self.problem("没有读到绩效指标")
        return SelfEvaluation(**self.fields, funding=tuple(self.funding), indicators=tuple(self.indicators),
                              problems=tuple(self.problems))


def _self_evaluation(table: RawTable, kind: Literal["project", "unit"]) -> SelfEvaluation:
    b = _SelfEvalBuilder(table, kind)
    section: str | None = None
    for row in table.rows[1:]:
        texts = [_clean(c) for c in row.cells]
        filled = [t for t in texts if t]
        if not filled:
            continue
        label = _section_key(filled[0])
        if len(filled) == 1 and _YEAR_LINE.match(squeeze(filled[0])):
            b.fields["year"] = int(_YEAR_LINE.match(squeeze(filled[0])).group(1))
        elif "一级指标" in {_key(t) for t in filled}:
            section = "indicators"
            b.indicator_header(row)
        elif texts[0] and label in SELF_EVAL_SECTIONS:
            section = SELF_EVAL_SECTIONS[label]
            if section == "info":
                b.info(row)
            elif section == "funding":
                b.funding_header(row)
            elif section == "goals":
                b.goal_roles = _column_roles(row, SELF_EVAL_GOAL_COLUMNS)
            elif section == "total":
                b.total(row)
        elif section == "funding" and not texts[0]:
            b.funding_row(row)
        elif section == "goals":
            b.goals_row(row)
        elif section == "indicators":
            b.indicator_row(row)
        else:
            b.problem("无法识别的行：" + " | ".join(filled)[:80], row.line)
    return b.build()


def parse_self_evaluations(source: SourceDocument) -> list[SelfEvaluation]:
    """Every 项目支出/单位整体支出绩效自评表 of a 决算 in the one-cell-per-line layout."""
    found = []
    for block in source.blocks:
        if not isinstance(block, RawTable) or not block.rows:
            continue
        first = block.rows[0].cells
        kind = SELF_EVAL_TITLES.get(squeeze(first[0])) if len(first) == 1 else None
        if kind:
            found.append(_self_evaluation(block, kind))
    return found
