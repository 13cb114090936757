"""What rules produce: one Evaluation per check; failing ones become Findings."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from budgetlint.model.location import Location

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Outcome(str, Enum):
    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    INSUFFICIENT_DATA = "insufficient_data"
    ERROR = "error"


class Evaluation(BaseModel):
    """The result of one check on one subject (a row, a column, a pair of facts)."""

    model_config = ConfigDict(frozen=True)

    rule: str
    outcome: Outcome
    subject: str = ""  # what was checked, e.g. "表3 205 教育支出 / 合计"
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    unit: str | None = None
    detail: str | None = None  # why not applicable / insufficient, or the addends
    severity: Severity | None = None  # overrides the rule's severity (e.g. a rounding tail is info)
    locations: tuple[Location, ...] = ()
    values: dict[str, str] = Field(default_factory=dict)  # extra message placeholders
    claims: tuple[str, ...] = ()  # keys of the narrative claims this evaluation decided on


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule: str
    name: str
    severity: Severity
    message: str
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    locations: tuple[Location, ...] = ()

    def sort_key(self) -> tuple[int, int, str, str]:
        first = self.locations[0] if self.locations else None
        return (first.page or 0 if first else 0, first.line or 0 if first else 0, self.rule, self.message)

    def contract(self) -> dict[str, object]:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "expected": self.expected, "actual": self.actual, "difference": self.difference,
                "locations": [loc.contract() for loc in self.locations]}
