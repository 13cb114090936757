"""What recognize produces: a Disclosure holds everything recognised in one document."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from budgetlint.model.claims import Binding, Claim, ExtractionStats
from budgetlint.model.document import SourceDocument
from budgetlint.model.facts import Table
from budgetlint.model.performance import OverallTargetTable, SelfEvaluation, TargetTable


class Disclosure(BaseModel):
    """A recognised disclosure: which template, which tables, and the raw document."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    path: str
    unit: str | None
    year: int | None
    kind: str  # budget | final_account
    template: str
    tables: tuple[Table, ...]
    source: SourceDocument
    # Recognised beyond the tables
    claims: tuple[Claim, ...] = ()  # narrative claims, in reading order
    narrative_stats: ExtractionStats | None = None
    bindings: tuple[Binding, ...] = ()  # claim -> table facts
    targets: tuple[TargetTable, ...] = ()  # 项目支出绩效目标表
    overall_target: OverallTargetTable | None = None  # 整体支出绩效目标申报表
    self_evaluations: tuple[SelfEvaluation, ...] = ()  # 绩效自评表

    def tables_of(self, kind: str) -> list[Table]:
        return [t for t in self.tables if t.kind == kind]
