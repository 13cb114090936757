"""The 整体支出绩效目标申报表 of a budget: found like the 项目支出绩效目标表 (its title paragraph), read
by content: 基本信息, 预算情况 (income and expenditure side by side), 年度绩效目标, 绩效指标."""

from __future__ import annotations

from budgetlint.model.document import Paragraph, RawTable, SourceDocument
from budgetlint.model.performance import FundingLine, OverallTargetTable, ParseProblem, TextCell
from budgetlint.recognize.performance.indicator_rows import IndicatorReader, is_indicator_header
from budgetlint.recognize.performance.target_table import title_blocks
from budgetlint.recognize.performance.tokens import Token, funding_line, label_amount_pairs, nearest, tokens_of
from budgetlint.recognize.performance.values import CellMemo, is_placeholder, label_key, section_key, unit_of
from budgetlint.recognize.performance.vocabulary import vocabulary


class _OverallBuilder:
    def __init__(self, title: Paragraph, year: int | None, table: RawTable, memo: CellMemo) -> None:
        self.memo = memo
        self.table_line = table.rows[0].line
        self.fields: dict = {
            "title": title.text.strip(),
            "title_line": title.location.line,
            "line": self.table_line,
            "year": year,
        }
        self.problems: list[ParseProblem] = []
        self.indicators = IndicatorReader(sides=1, table_line=self.table_line, memo=memo)
        self.income: list[FundingLine] = []
        self.expenditure: list[FundingLine] = []
        self.side_cols: list[int] = []

    def problem(self, reason: str, line: int | None = None) -> None:
        self.problems.append(ParseProblem(table_line=self.table_line, reason=reason, line=line))

    def info(self, tokens: list[Token], line: int) -> None:
        for i, (text, _) in enumerate(tokens[:-1]):
            if label_key(text) in vocabulary().overall.info and "unit_name" not in self.fields:
                self.fields["unit_name"] = TextCell(text=tokens[i + 1][0], line=line)

    def budget(self, tokens: list[Token], line: int, header: bool) -> None:
        if header:  # 按收入来源分 | 预算金额 (万元) | 按支出来源分 | 预算金额 (万元)
            self.fields["unit"] = next((u for u in (unit_of(t) for t, _ in tokens) if u), None)
            self.side_cols = [i for t, i in tokens if label_key(t).startswith("按")]
            if self.fields["unit"] is None:
                self.problem("预算情况没有标明单位", line)
            return
        pairs, stray = label_amount_pairs(tokens)
        for text in stray:
            self.problem(f"金额没有对应的项目：{text}", line)
        if len(pairs) > 2:
            self.problem("预算情况行多于收入和支出两栏", line)
        for position, ((text, index), amount) in enumerate(pairs[:2]):
            side = position if len(pairs) == 2 else nearest(index, self.side_cols)
            item = funding_line(
                text,
                amount[0] if amount else "",
                line,
                self.fields.get("unit"),
                "income" if side == 0 else "expenditure",
                self.memo,
            )
            if item.key is None:
                self.problem(f"无法识别的预算项目：{text}", line)
            if item.amount is None and item.text and not is_placeholder(item.text):
                self.problem(f"无法读取金额：{item.text}", line)
            (self.income if side == 0 else self.expenditure).append(item)

    def build(self) -> OverallTargetTable:
        if not self.income or not self.expenditure:
            self.problem("没有读到预算情况")
        if not self.indicators.indicators:
            self.problem("没有读到绩效指标")
        return OverallTargetTable(
            **self.fields,
            income=tuple(self.income),
            expenditure=tuple(self.expenditure),
            indicators=tuple(self.indicators.indicators),
            problems=tuple(self.problems + self.indicators.problems),
        )


def _overall_table(title: Paragraph, year: int | None, table: RawTable) -> OverallTargetTable:
    b = _OverallBuilder(title, year, table, CellMemo())
    section: str | None = None
    for row in table.rows:
        tokens = tokens_of(row)
        if not tokens:
            continue
        if is_indicator_header(tokens):
            section = "indicators"
            b.indicators.header(tokens)
            continue
        label = section_key(tokens[0][0])
        opened = label in vocabulary().overall.sections
        if opened:
            section = vocabulary().overall.sections[label]
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
    for title, year, table in title_blocks(source, vocabulary().overall_title):
        if table is not None:
            return _overall_table(title, year, table)
        problem = ParseProblem(table_line=title.location.line or 0, reason="标题之后没有表格", line=title.location.line)
        return OverallTargetTable(
            title=title.text.strip(), title_line=title.location.line or 0, year=year, problems=(problem,)
        )
    return None
