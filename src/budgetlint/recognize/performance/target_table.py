"""The budget 项目支出绩效目标表: found by its title paragraph, the RawTable right after it, read
by content (tokens), part by part (项目信息, 项目资金, 项目概况…, 总体目标, 绩效指标)."""

from __future__ import annotations

import re
from typing import cast

from budgetlint.labels import squeeze
from budgetlint.model.document import Paragraph, RawTable, SourceDocument
from budgetlint.model.performance import ParseProblem, Phase, TargetFunding, TargetTable, TextCell
from budgetlint.recognize.performance.indicator_rows import IndicatorReader, is_indicator_header
from budgetlint.recognize.performance.tokens import (
    Token,
    funding_line,
    label_amount_pairs,
    nearest,
    split_label,
    tokens_of,
)
from budgetlint.recognize.performance.values import YEAR_LINE, CellMemo, is_placeholder, label_key, section_key, unit_of
from budgetlint.recognize.performance.vocabulary import vocabulary

_DEPARTMENT_CODE = re.compile(r"^(\d{3,})\s*[-－—]\s*(.+)$")  # 135-忻州市教育局


def title_blocks(source: SourceDocument, title: re.Pattern) -> list[tuple[Paragraph, int | None, RawTable | None]]:
    """(title paragraph, year, the table right after it) for every title matching `title`.

    Only year lines like (2024年度) may stand between the title and its table.
    """
    found = []
    blocks = source.blocks
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or "绩效目标" not in block.text or not title.search(squeeze(block.text)):
            continue
        year, table = None, None
        for nxt in blocks[i + 1 : i + 4]:
            if isinstance(nxt, RawTable):
                table = nxt
                break
            m = YEAR_LINE.match(squeeze(nxt.text))
            if not m:
                break
            year = int(m.group(1))
        found.append((block, year, table))
    return found


class _TargetBuilder:
    """Collects the parts of one 项目支出绩效目标表 while its rows are read."""

    def __init__(self, title: Paragraph, year: int | None, table: RawTable, memo: CellMemo) -> None:
        self.memo = memo
        self.table_line = table.rows[0].line
        self.fields: dict = {
            "title": title.text.strip(),
            "title_line": title.location.line,
            "line": self.table_line,
            "year": year,
            "details": {},
        }
        self.problems: list[ParseProblem] = []
        self.indicators = IndicatorReader(sides=2, table_line=self.table_line, memo=memo)
        self.funding: dict[str, dict] = {"implementation": {"sources": []}, "annual": {"sources": []}}
        self.funding_cols: list[int] = []
        self.goal_cols: list[int] = []
        self.detail_key: str | None = None

    def problem(self, reason: str, line: int | None = None) -> None:
        self.problems.append(ParseProblem(table_line=self.table_line, reason=reason, line=line))

    # -- sections --------------------------------------------------------------------------

    def info(self, tokens: list[Token], line: int) -> None:
        info = vocabulary().target.info
        tokens = [part for token in tokens for part in split_label(token, info)]
        i = 0
        while i < len(tokens):
            field = info.get(label_key(tokens[i][0]))
            if field is None:
                self.problem(f"无法识别的项目信息：{tokens[i][0]}", line)
                i += 1
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) and label_key(tokens[i + 1][0]) not in info else None
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
            self.fields["unit"] = unit_of(label)
            if self.fields["unit"] is None:
                self.problem(f"项目资金没有标明单位：{label}", line)
        pairs, stray = label_amount_pairs(tokens)
        for text in stray:
            self.problem(f"资金数额没有对应的项目：{text}", line)
        if not self.funding_cols:
            self.funding_cols = [i for (t, i), _ in pairs]
        if len(pairs) > 2:
            self.problem("资金行多于实施期和年度两栏：" + " | ".join(t for t, _ in tokens), line)
            return
        for position, ((text, index), amount) in enumerate(pairs):
            phase = self._funding_phase(text, index, position, len(pairs))
            item = funding_line(text, amount[0] if amount else "", line, self.fields.get("unit"), "target", self.memo)
            if item.amount is None and item.text and not is_placeholder(item.text):
                self.problem(f"无法读取金额：{item.text}", line)
            if item.key is None:
                self.problem(f"无法识别的资金来源：{text}", line)
            if item.key == "total":
                self.funding[phase]["total"] = item
            else:
                self.funding[phase]["sources"].append(item)

    def _funding_phase(self, text: str, index: int, position: int, count: int) -> Phase:
        key = label_key(text)
        if key.startswith(vocabulary().target.implementation_total):
            return "implementation"
        if key.startswith(vocabulary().target.annual_total):
            return "annual"
        if count == 2:
            return "implementation" if position == 0 else "annual"
        return ("implementation", "annual")[nearest(index, self.funding_cols)]

    def details(self, label: str | None, tokens: list[Token], line: int) -> None:
        if label is not None:
            self.detail_key = vocabulary().target.details[label]
            self.fields["details"][self.detail_key] = TextCell(text="".join(t for t, _ in tokens), line=line)
        elif self.detail_key and tokens:  # a wrapped paragraph continues on the next row
            old = self.fields["details"][self.detail_key]
            self.fields["details"][self.detail_key] = TextCell(
                text=old.text + "".join(t for t, _ in tokens), line=old.line
            )

    def goals(self, tokens: list[Token], line: int) -> None:
        keys = [label_key(t) for t, _ in tokens]
        if "实施期目标" in keys or "年度目标" in keys:  # the header: where each side's text stands
            self.goal_cols = [i for (_, i), k in zip(tokens, keys) if k in ("实施期目标", "年度目标")]
            return
        continued = keys[0] != "总体目标"  # a wrapped goal continues on the next row
        texts = tokens if continued else tokens[1:]
        if len(texts) > 2:
            self.problem("总体目标多于实施期和年度两栏", line)
        for position, (text, index) in enumerate(texts[:2]):
            side = position if len(texts) >= 2 else nearest(index, self.goal_cols)
            field = "implementation_goal" if side == 0 else "annual_goal"
            old = self.fields.get(field)
            self.fields[field] = (
                TextCell(text=old.text + text, line=old.line) if old and continued else TextCell(text=text, line=line)
            )

    def build(self) -> TargetTable:
        for phase, field in (("implementation", "implementation_funding"), ("annual", "annual_funding")):
            part = self.funding[phase]
            if part.get("total") or part["sources"]:
                self.fields[field] = TargetFunding(
                    phase=cast(Phase, phase), total=part.get("total"), sources=tuple(part["sources"])
                )
        for required, reason in (("project_name", "缺少项目名称"), ("annual_funding", "缺少年度资金")):
            if self.fields.get(required) is None:
                self.problem(reason)
        if not self.indicators.indicators:
            self.problem("没有读到绩效指标")
        return TargetTable(
            **self.fields,
            indicators=tuple(self.indicators.indicators),
            problems=tuple(self.problems + self.indicators.problems),
        )


def _target_table(title: Paragraph, year: int | None, table: RawTable, memo: CellMemo) -> TargetTable:
    b = _TargetBuilder(title, year, table, memo)
    sections = vocabulary().target.sections
    section: str | None = None
    for row in table.rows:
        tokens = tokens_of(row)
        if not tokens:
            continue
        label: str | None = section_key(tokens[0][0])
        if is_indicator_header(tokens):
            section = "indicators"
            b.indicators.header(tokens)
            continue
        if label in sections:
            section = sections[label]
            rest = tokens if section == "info" else tokens[1:]
        else:
            label, rest = None, tokens
        if section is None:
            b.problem("表头之前的行无法识别：" + " | ".join(t for t, _ in tokens), row.line)
        elif section == "info":
            b.info(rest, row.line)
        elif section == "funding":
            b.funding_row(label_key(tokens[0][0]) if label else None, rest, row.line)
        elif section == "details":
            b.details(label, rest, row.line)
        elif section == "goals":
            b.goals(tokens, row.line)
        elif section == "indicators":
            b.indicators.row(rest, row.line)
    return b.build()


def parse_target_tables(source: SourceDocument) -> list[TargetTable]:
    """Every 项目支出绩效目标表 of a budget disclosure, in document order (their cells read through one
    memo: equal values are one record)."""
    tables = []
    memo = CellMemo()
    for title, year, table in title_blocks(source, vocabulary().target_title):
        if table is None:
            problem = ParseProblem(
                table_line=title.location.line or 0, reason="标题之后没有表格", line=title.location.line
            )
            tables.append(
                TargetTable(
                    title=title.text.strip(), title_line=title.location.line or 0, year=year, problems=(problem,)
                )
            )
        else:
            tables.append(_target_table(title, year, table, memo))
    return tables
