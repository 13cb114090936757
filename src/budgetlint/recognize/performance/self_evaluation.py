"""绩效自评表 (项目支出 / 单位整体支出) in the one-cell-per-line layout: the rows keep their columns,
so they are read by the header's column roles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from budgetlint.labels import squeeze
from budgetlint.model.document import RawRow, RawTable, SourceDocument
from budgetlint.model.performance import (
    ParseProblem,
    PrintedNumber,
    SelfEvalFunding,
    SelfEvalIndicator,
    SelfEvaluation,
    TextCell,
)
from budgetlint.recognize.performance.values import (
    LEADING_OF_WHICH,
    YEAR_LINE,
    CellMemo,
    clean,
    clean_cells,
    is_placeholder,
    label_key,
    section_key,
    unit_of,
)
from budgetlint.recognize.performance.vocabulary import vocabulary


def _column_roles(row: RawRow, aliases: Mapping[str, str]) -> dict[int, str]:
    return {i: aliases[label_key(c)] for i, c in enumerate(row.cells) if label_key(c) in aliases}


def _cell(row: RawRow, index: int | None) -> str:
    """A cell's text as printed; empty when the table has no such column or the row is shorter."""
    return row.cells[index] if index is not None and index < len(row.cells) else ""


class _SelfEvalBuilder:
    def __init__(self, table: RawTable, kind: Literal["project", "unit"], memo: CellMemo) -> None:
        self.memo = memo
        first = table.rows[0]
        self.table_line = first.line
        self.fields: dict = {"kind": kind, "title": first.cells[0].strip(), "line": first.line}
        self.problems: list[ParseProblem] = []
        self.funding: list[SelfEvalFunding] = []
        self.indicators: list[SelfEvalIndicator] = []
        self.funding_roles: dict[int, str] = {}
        self.goal_roles: dict[int, str] = {}
        self.indicator_roles: dict[int, str] = {}
        self.indicator_columns: dict[str, int] = {}  # the same, by role: read for every indicator row
        self.header_width = 0
        self.level1 = self.level2 = ""

    def problem(self, reason: str, line: int | None = None) -> None:
        self.problems.append(ParseProblem(table_line=self.table_line, reason=reason, line=line))

    def number(self, row: RawRow, index: int, what: str, unit: str | None = None) -> PrintedNumber | None:
        text = row.cells[index] if index < len(row.cells) else ""
        number = self.memo.number(text, unit)
        if number is None and clean(text) and not is_placeholder(text):
            self.problem(f"{vocabulary().role_names.get(what, what)}无法读取为数字：{text.strip()}", row.line_of(index))
        return number

    def info(self, row: RawRow) -> None:
        cells = [(i, clean(c)) for i, c in enumerate(row.cells) if clean(c)]
        info = vocabulary().self_evaluation.info
        for position, (_, text) in enumerate(cells):
            field = info.get(label_key(text))
            if field and position + 1 < len(cells) and label_key(cells[position + 1][1]) not in info:
                j, value = cells[position + 1]
                self.fields[field] = TextCell(text=value, line=row.line_of(j))

    def funding_header(self, row: RawRow) -> None:
        self.fields["unit"] = unit_of(row.cells[0])
        self.funding_roles = _column_roles(row, vocabulary().self_evaluation.funding_columns)
        self.fields["funding_headers"] = {role: clean(row.cells[i]) for i, role in self.funding_roles.items()}
        if not self.funding_roles:
            self.problem("资金表头无法识别", row.line)

    def funding_row(self, row: RawRow) -> None:
        first_value = min(self.funding_roles, default=len(row.cells))
        label_at = next((i for i in range(min(first_value, len(row.cells))) if clean(row.cells[i])), None)
        if label_at is None:
            self.problem("资金行没有名称", row.line)
            return
        label = clean(row.cells[label_at])
        key = vocabulary().self_evaluation.funding_rows.get(LEADING_OF_WHICH.sub("", label_key(label)))
        if key is None:
            self.problem(f"无法识别的资金行：{label}", row.line)
        values = {
            role: self.number(
                row,
                i,
                role,
                self.fields.get("unit") if role in ("initial_budget", "full_year_budget", "executed") else None,
            )
            for i, role in self.funding_roles.items()
        }
        lines = {role: row.line_of(i) for i, role in self.funding_roles.items() if values[role] is not None}
        self.funding.append(
            SelfEvalFunding(label=label, key=key, line=row.line_of(label_at), **values, cell_lines=lines)
        )

    def goals_row(self, row: RawRow) -> None:
        for i, role in self.goal_roles.items():
            text = row.cells[i].strip() if i < len(row.cells) else ""
            field = "expected_goal" if role == "expected" else "actual_goal"
            if text:
                self.fields[field] = TextCell(text=clean(text), line=row.line_of(i))
            else:
                self.problem(f"{'预期目标' if role == 'expected' else '实际完成情况'}为空", row.line)

    def indicator_header(self, row: RawRow) -> None:
        self.indicator_roles = _column_roles(row, vocabulary().self_evaluation.indicator_columns)
        self.indicator_columns = {role: i for i, role in self.indicator_roles.items()}
        self.fields["indicator_headers"] = {role: clean(row.cells[i]) for i, role in self.indicator_roles.items()}
        self.header_width = len(row.cells)
        for needed in ("level3", "target", "actual"):
            if needed not in self.indicator_roles.values():
                self.problem(f"指标表头缺少{vocabulary().role_names[needed]}列", row.line)

    def indicator_row(self, row: RawRow, cleaned: list[str]) -> None:
        """`cleaned`: the row's cells cleaned (clean_cells)."""
        columns = self.indicator_columns
        text = {role: cleaned[i] if i < len(cleaned) else "" for i, role in self.indicator_roles.items()}
        line = {role: row.line_of(i) for i, role in self.indicator_roles.items()}
        if text.get("level1"):  # merged 一级/二级 cells print on their first row only: forward-fill
            self.level1, self.level2 = text["level1"], ""
        if text.get("level2"):
            self.level2 = text["level2"]
        if not text.get("level3"):
            self.problem("指标行没有三级指标：" + " | ".join(c.strip() for c in row.cells if c.strip())[:80], row.line)
            return
        target = self.memo.value(_cell(row, columns.get("target")))
        actual = self.memo.value(_cell(row, columns.get("actual")))
        numbers: dict[str, Any] = {
            role: self.number(row, columns[role], role)
            for role in ("weight", "completion_rate", "score")
            if role in columns
        }
        unreadable = any(numbers[r] is None and text[r] and not is_placeholder(text[r]) for r in numbers)
        ok = (
            target.parsed
            and actual.parsed
            and not unreadable
            and len(row.cells) == self.header_width
            and all(numbers[r] is not None for r in ("weight", "score") if r in numbers)
        )
        texts: dict[str, Any] = {
            r: text.get(r, "") for r in ("basis", "last_year", "scoring_rule", "evidence", "deviation", "improvement")
        }
        self.indicators.append(
            SelfEvalIndicator(
                level1=self.level1,
                level2=self.level2,
                level3=text["level3"],
                target=target,
                actual=actual,
                **numbers,
                **texts,
                line=line["level3"],
                parsed=ok,
                cell_lines=line,
            )
        )

    def total(self, row: RawRow) -> None:
        indexes = [i for i, c in enumerate(row.cells[1:], start=1) if clean(c)]
        read = [(self.number(row, i, "总分"), row.line_of(i)) for i in indexes]
        numbers = [(number, line) for number, line in read if number is not None]
        if not numbers:
            self.problem("总分行没有数字", row.line)
            return
        totals = (
            {"total_weight": numbers[0], "total_score": numbers[-1]}
            if len(numbers) >= 2
            else {"total_score": numbers[-1]}
        )
        lines = self.fields.setdefault("total_lines", {})
        for field, (number, line) in totals.items():
            self.fields[field] = number
            lines[field] = line

    def build(self) -> SelfEvaluation:
        if self.fields.get("name") is None:
            self.problem("缺少项目/单位名称")
        if not self.funding:
            self.problem("没有读到资金情况")
        if not self.indicators:
            self.problem("没有读到绩效指标")
        return SelfEvaluation(
            **self.fields, funding=tuple(self.funding), indicators=tuple(self.indicators), problems=tuple(self.problems)
        )


def _self_evaluation(table: RawTable, kind: Literal["project", "unit"], memo: CellMemo) -> SelfEvaluation:
    b = _SelfEvalBuilder(table, kind, memo)
    section: str | None = None
    for row in table.rows[1:]:
        texts = clean_cells(row.cells)
        filled = [t for t in texts if t]
        if not filled:
            continue
        label = section_key(filled[0])
        if len(filled) == 1 and (year := YEAR_LINE.match(squeeze(filled[0]))):
            b.fields["year"] = int(year.group(1))
        elif "级" in "".join(filled) and "一级指标" in {label_key(t) for t in filled}:  # 级: a cheap test first
            section = "indicators"
            b.indicator_header(row)
        elif texts[0] and label in vocabulary().self_evaluation.sections:
            section = vocabulary().self_evaluation.sections[label]
            if section == "info":
                b.info(row)
            elif section == "funding":
                b.funding_header(row)
            elif section == "goals":
                b.goal_roles = _column_roles(row, vocabulary().self_evaluation.goal_columns)
            elif section == "total":
                b.total(row)
        elif section == "funding" and not texts[0]:
            b.funding_row(row)
        elif section == "goals":
            b.goals_row(row)
        elif section == "indicators":
            b.indicator_row(row, texts)
        else:
            b.problem("无法识别的行：" + " | ".join(filled)[:80], row.line)
    return b.build()


def parse_self_evaluations(source: SourceDocument) -> list[SelfEvaluation]:
    """Every 项目支出/单位整体支出绩效自评表 of a 决算 in the one-cell-per-line layout (their cells read
    through one memo: equal values are one record)."""
    found = []
    memo = CellMemo()
    for block in source.blocks:
        if not isinstance(block, RawTable) or not block.rows:
            continue
        first = [c for c in block.rows[0].cells if c.strip()]  # a title cell spanning the table: one filled cell
        kind = vocabulary().titles.self_evaluation.get(squeeze(first[0])) if len(first) == 1 else None
        if kind:
            found.append(_self_evaluation(block, kind, memo))
    return found
