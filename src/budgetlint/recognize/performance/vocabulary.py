"""The Chinese labels of the performance tables, as data: rules/vocabulary/performance.yaml.

Loaded once per process, on first use, and validated here: every label key must already be squeezed
(labels.squeeze), since printed labels are squeezed before they are looked up; every value must be a
field or role the readers know, so a typo in the file is an error at load, not a label silently
never found.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from budgetlint.errors import TemplateError
from budgetlint.labels import squeeze
from budgetlint.load_cache import bundled
from budgetlint.model.performance import Operator
from budgetlint.paths import rules_root
from budgetlint.patterns import Regex
from budgetlint.validation import validation_message
from budgetlint.yaml_loader import load_yaml_file


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # validator built on first use


class _Labels(_Strict):
    """Label maps: every key written as it is compared (squeezed)."""

    @model_validator(mode="after")
    def _keys_squeezed(self) -> _Labels:
        for name, labels in self:
            if isinstance(labels, (dict, frozenset)):
                unsqueezed = sorted(label for label in labels if squeeze(label) != label)
                if unsqueezed:
                    raise ValueError(f"{name}：标签应写成压缩形式（无空格，全角括号和冒号）：{unsqueezed}")
        return self


class Titles(_Labels):
    target: Regex  # regex over the squeezed title paragraph of a 项目支出绩效目标表
    overall: Regex  # the same for the 整体支出绩效目标申报表
    self_evaluation: dict[str, Literal["project", "unit"]]  # a 绩效自评表's own first row -> its kind


class Indicators(_Labels):
    level1: frozenset[str]  # 一级指标
    level2_parents: dict[str, str]  # 二级指标 -> its 一级指标

    @model_validator(mode="after")
    def _parents_are_level1(self) -> Indicators:
        unknown = set(self.level2_parents.values()) - self.level1
        if unknown:
            raise ValueError(f"level2_parents 中的一级指标不在 level1 中：{sorted(unknown)}")
        return self


class Values(_Strict):
    operators: dict[str, Operator]  # as printed before a value (≥, 不低于 …)
    suffix_operators: dict[str, Operator]  # after a number (以上 …)
    date_suffix_operators: dict[str, Operator]  # after a date (前, 之后 …)
    placeholders: frozenset[str]  # a cell printing "no value"


class TargetLabels(_Labels):
    sections: dict[str, Literal["info", "funding", "details", "goals", "indicators", "footer"]]
    info: dict[str, Literal["project_name", "department", "implementing_unit", "attribute", "period"]]
    details: dict[str, Literal["overview", "basis", "necessity", "safeguards", "plan"]]
    funding: dict[str, Literal["total", "central", "provincial", "municipal", "self_raised", "other"]]
    implementation_total: str  # a funding label starting so is the 实施期 side
    annual_total: str  # and so the 年度 side


class OverallLabels(_Labels):
    sections: dict[str, Literal["info", "duties", "strategy", "budget", "tasks", "goal", "indicators"]]
    info: dict[str, Literal["unit_name"]]
    income: dict[
        str,
        Literal[
            "total",
            "general_budget",
            "government_fund",
            "state_capital",
            "social_insurance",
            "special_account",
            "unit_funds",
            "carryover",
            "business_income",
            "other",
        ],
    ]
    expenditure: dict[str, Literal["total", "basic", "project"]]


class SelfEvaluationLabels(_Labels):
    sections: dict[str, Literal["info", "funding", "goals", "total"]]
    info: dict[str, Literal["name", "department", "implementing_unit"]]
    funding_columns: dict[
        str, Literal["initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"]
    ]
    funding_rows: dict[str, Literal["total", "fiscal", "carryover", "superior", "local", "other"]]
    goal_columns: dict[str, Literal["expected", "actual"]]
    indicator_columns: dict[
        str,
        Literal[
            "level1",
            "level2",
            "level3",
            "weight",
            "target",
            "actual",
            "completion_rate",
            "score",
            "basis",
            "last_year",
            "scoring_rule",
            "evidence",
            "deviation",
            "improvement",
        ],
    ]


class PerformanceVocabulary(_Strict):
    titles: Titles
    indicators: Indicators
    values: Values
    target: TargetLabels
    overall: OverallLabels
    self_evaluation: SelfEvaluationLabels
    role_names: dict[str, str]  # a column role as named in problem and finding messages

    @cached_property
    def target_title(self) -> re.Pattern[str]:
        return re.compile(self.titles.target)

    @cached_property
    def overall_title(self) -> re.Pattern[str]:
        return re.compile(self.titles.overall)

    @cached_property
    def funding_aliases(self) -> dict[str, dict[str, str]]:
        """The label maps a funding line is looked up in, by table side."""
        return {
            "target": dict(self.target.funding),
            "income": dict(self.overall.income),
            "expenditure": dict(self.overall.expenditure),
        }


def load_vocabulary(path: Path) -> PerformanceVocabulary:
    data = load_yaml_file(path, TemplateError, "绩效表词表")
    if not isinstance(data, dict):
        raise TemplateError("绩效表词表应为一个 YAML 映射（键: 值）", path=str(path))
    try:
        return PerformanceVocabulary.model_validate(data)
    except ValidationError as exc:
        raise TemplateError(f"绩效表词表有误：{validation_message(exc)}", path=str(path)) from exc


@cache
@bundled("performance")
def vocabulary() -> PerformanceVocabulary:
    """The bundled vocabulary, loaded on first use (recognize() reads every document's performance
    tables, so checks find it loaded)."""
    return load_vocabulary(rules_root() / "vocabulary" / "performance.yaml")
