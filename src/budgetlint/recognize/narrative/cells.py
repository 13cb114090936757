"""The prose cells of the performance tables, each with the numbers it states.

项目支出绩效目标表: 项目概况, 立项依据, 项目设立必要性, 保证项目实施的制度、措施, 项目实施计划 and the 总体目标 of
each side (实施期 / 年度); 整体支出绩效目标申报表: 年度绩效目标; 绩效自评表: 预期目标, 实际完成情况 and
each indicator's 偏差原因分析 (and 改进措施). The records of recognize/performance/ hold their text and
line; here each becomes a `ProseCell` located at its table and row, and `prose_numbers.py` reads its
numbers. Labels are the tables' own (the performance vocabulary), so a finding names the cell as
printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from budgetlint.model.location import Location
from budgetlint.model.performance import (
    OverallTargetTable,
    SelfEvaluation,
    TargetTable,
    TextCell,
)
from budgetlint.model.prose import ProseCell
from budgetlint.recognize.narrative.prose_numbers import PageAt, read_numbers
from budgetlint.recognize.narrative.prose_vocabulary import prose_vocabulary
from budgetlint.recognize.performance.vocabulary import vocabulary

TARGET_DETAILS = ("overview", "basis", "necessity", "safeguards", "plan")
GOAL_PHASES: tuple[tuple[str, Literal["implementation", "annual"]], ...] = (
    ("implementation_goal", "implementation"),
    ("annual_goal", "annual"),
)


def _label_of(aliases: Mapping[str, str], value: str) -> str:
    """The first printed label the vocabulary maps to `value` (项目概况 for overview)."""
    return next((label for label, v in aliases.items() if v == value), value)


def target_table_name(table: TargetTable) -> str:
    name = table.project_name.text if table.project_name else f"第{table.title_line}行"
    return f"{table.title}（{name}）"


def self_evaluation_name(table: SelfEvaluation) -> str:
    name = table.name.text if table.name else f"第{table.line}行"
    return f"{table.title}（{name}）"


class _Cells:
    def __init__(self, path: str, page_at: PageAt | None) -> None:
        self.path = path
        self.page_at = page_at
        self.cells: list[ProseCell] = []

    def add(
        self,
        cell: TextCell | None,
        *,
        source,
        table: int,
        name: str,
        field: str,
        label: str,
        column: str | None = None,
        **extra,
    ) -> None:
        if cell is None or not cell.text.strip():
            return
        page, basis = self.page_at(cell.line) if self.page_at else (None, "none")
        location = Location(
            file=self.path, page=page, page_basis=basis, line=cell.line, table=name, row=label, column=column
        )
        index = len(self.cells)
        numbers = read_numbers(
            cell.text,
            location=location,
            source=source,
            page_at=self.page_at,
            key_prefix=f"{cell.line}:{field}:{column or ''}:",
            cell=index,
        )
        self.cells.append(
            ProseCell(
                source=source,
                table=table,
                table_name=name,
                field=field,
                label=label,
                text=cell.text,
                location=location,
                numbers=tuple(numbers),
                **extra,
            )
        )


def read_prose_cells(
    targets: tuple[TargetTable, ...],
    overall: OverallTargetTable | None,
    self_evaluations: tuple[SelfEvaluation, ...],
    *,
    path: str,
    page_at: PageAt | None = None,
) -> tuple[ProseCell, ...]:
    """Every prose cell of the document's performance tables, in table order."""
    v = vocabulary()
    cells = _Cells(path, page_at)
    goal = prose_vocabulary().goal_labels
    detail_labels = {field: _label_of(v.target.details, field) for field in TARGET_DETAILS}  # once, not per table
    for i, table in enumerate(targets):
        name = target_table_name(table)
        for field in TARGET_DETAILS:
            cells.add(
                table.details.get(field),
                source="target",
                table=i,
                name=name,
                field=field,
                label=detail_labels[field],
            )
        for field, phase in GOAL_PHASES:
            cells.add(
                getattr(table, field),
                source="target",
                table=i,
                name=name,
                field=field,
                label=goal["row"],
                column=goal[phase],
                phase=phase,
            )
    if overall is not None:
        cells.add(
            overall.annual_goal,
            source="overall",
            table=0,
            name=overall.title,
            field="goal",
            label=_label_of(v.overall.sections, "goal"),
        )
    indicator_labels = {
        role: _label_of(v.self_evaluation.indicator_columns, role) for role in ("deviation", "improvement")
    }
    for i, evaluation in enumerate(self_evaluations):
        name = self_evaluation_name(evaluation)
        for field, role in (("expected_goal", "expected"), ("actual_goal", "actual")):
            cells.add(
                getattr(evaluation, field),
                source="self_evaluation",
                table=i,
                name=name,
                field=field,
                label=_label_of(v.self_evaluation.goal_columns, role),
            )
        for k, evaluated in enumerate(evaluation.indicators):
            for role in indicator_labels:
                text = getattr(evaluated, role)
                if text.strip():
                    header = evaluation.indicator_headers.get(role) or indicator_labels[role]
                    line = evaluated.cell_lines.get(role, evaluated.line)
                    cells.add(
                        TextCell(text=text, line=line),
                        source="self_evaluation",
                        table=i,
                        name=name,
                        field=role,
                        label=header,
                        column=evaluated.level3,
                        indicator=k,
                    )
    return tuple(cells.cells)
