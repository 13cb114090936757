"""The reviewer's summary: one row per document, worst first, then totals and the most frequent rules.

Built from DocumentRecords one at a time (a scan's store may hold thousands): only the small rows
and the rule counts are kept. Rendered on the terminal (rich table) at the end of a scan, and as
CSV (summary and all findings) by `budgetlint report`; report/html_page.py and the XLSX 汇总
sheet use the same rows.

Worst first: documents not checked, then most errors, most warnings, most checks that could not
decide (insufficient data or error outcomes), then by unit, year and path, so the order is the same
for the same store.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from budgetlint.report.record import DocumentRecord, scope_word

FAMILIES = ["TB", "XT", "NA", "PT", "SE", "DC", "YR"]  # rule id prefixes, in the README's order
KIND_WORDS = {"budget": "预算", "final_account": "决算"}


@dataclass(frozen=True)
class SummaryRow:
    key: int  # the document's id in the store (or its position in the input)
    path: str
    unit: str | None
    year: int | None
    kind: str | None
    scope: str | None
    template: str | None
    checked: bool
    reason: str | None
    errors: int
    warnings: int
    infos: int
    not_decided: int
    checks: int
    seconds: float
    families: dict[str, int] = field(default_factory=dict)  # failing findings (error + warning) by family

    @property
    def kind_text(self) -> str:
        return f"{scope_word(self.scope) if self.scope else ''}{KIND_WORDS.get(self.kind or '', '')}" or "—"

    def worst_first(self) -> tuple:
        return (
            self.checked,
            -self.errors,
            -self.warnings,
            -self.not_decided,
            self.unit or "",
            self.year or 0,
            self.path,
        )


def _listed(record: DocumentRecord) -> list:
    """The findings a summary counts: a waived one (the project file's waivers) is accepted."""
    return [f for f in record.findings if f.waiver is None]


def row_of(key: int, record: DocumentRecord) -> SummaryRow:
    severities = record.severity_counts()
    families: Counter[str] = Counter(f.rule[:2] for f in _listed(record) if f.severity != "info")
    return SummaryRow(
        key,
        record.path,
        record.unit,
        record.year,
        record.kind,
        record.scope,
        record.template,
        record.checked,
        record.reason,
        severities["error"],
        severities["warning"],
        severities["info"],
        record.not_decided(),
        sum(record.summary.values()),
        record.seconds,
        dict(families),
    )


@dataclass
class Summary:
    """Rows and rule counts, gathered as records go past."""

    rows: list[SummaryRow] = field(default_factory=list)
    rules: Counter[str] = field(default_factory=Counter)
    titles: dict[str, str] = field(default_factory=dict)

    def add(self, key: int, record: DocumentRecord) -> SummaryRow:
        row = row_of(key, record)
        self.rows.append(row)
        for f in _listed(record):
            self.rules[f.rule] += 1
            self.titles.setdefault(f.rule, f.name)
        return row

    @classmethod
    def of(cls, records: Iterable[tuple[int, DocumentRecord]]) -> Summary:
        summary = cls()
        for key, record in records:
            summary.add(key, record)
        return summary

    def ordered(self) -> list[SummaryRow]:
        return sorted(self.rows, key=SummaryRow.worst_first)

    def totals(self) -> dict[str, int]:
        return {
            "documents": len(self.rows),
            "checked": sum(r.checked for r in self.rows),
            "not_checked": sum(not r.checked for r in self.rows),
            "errors": sum(r.errors for r in self.rows),
            "warnings": sum(r.warnings for r in self.rows),
            "infos": sum(r.infos for r in self.rows),
            "not_decided": sum(r.not_decided for r in self.rows),
        }

    def frequent(self, n: int = 10) -> list[tuple[str, str, int]]:
        return [
            (rule, self.titles[rule], count)
            for rule, count in sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        ]


def render_terminal(
    summary: Summary, *, statistics: bool = False, width: int = 120, color: bool = False, limit: int | None = None
) -> str:
    """The table per document (worst first), the totals and, with `statistics`, the most frequent rules."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color, highlight=False)
    table = Table(title="各文件检查结果（问题最多的在前）", title_justify="left")
    columns: list[tuple[str, JustifyMethod]] = [
        ("单位", "left"),
        ("年度", "right"),
        ("类型", "left"),
        ("错误", "right"),
        ("警告", "right"),
        ("未能判定", "right"),
        ("用时(秒)", "right"),
        ("文件", "left"),
    ]
    for header, justify in columns:
        table.add_column(header, justify=justify, overflow="fold")
    rows = summary.ordered()
    for row in rows[:limit] if limit else rows:
        if not row.checked:
            table.add_row(
                Text(row.unit or "（未检查）", style="bold red"),
                str(row.year or ""),
                "—",
                "",
                "",
                "",
                f"{row.seconds:.1f}",
                row.reason or row.path,
            )
            continue
        style = "red" if row.errors else "yellow" if row.warnings else None
        table.add_row(
            row.unit or "（单位未识别）",
            str(row.year or ""),
            row.kind_text,
            str(row.errors),
            str(row.warnings),
            str(row.not_decided),
            f"{row.seconds:.1f}",
            row.path,
            style=style,
        )
    console.print(table)
    if limit and len(rows) > limit:
        console.print(f"（另有 {len(rows) - limit} 个文件未列出；完整列表见 budgetlint report）")
    t = summary.totals()
    console.print(
        f"共 {t['documents']} 个文件：已检查 {t['checked']}，未检查 {t['not_checked']}；"
        f"错误 {t['errors']}，警告 {t['warnings']}，提示 {t['infos']}，未能判定的检查 {t['not_decided']}"
    )
    if statistics and summary.rules:
        stats = Table(title="最常见的规则", title_justify="left", box=None)
        stat_columns: list[tuple[str, JustifyMethod]] = [("次数", "right"), ("规则", "left"), ("名称", "left")]
        for header, justify in stat_columns:
            stats.add_column(header, justify=justify)
        for rule, name, count in summary.frequent():
            stats.add_row(str(count), rule, name)
        console.print(stats)
    return buffer.getvalue()


SUMMARY_COLUMNS = [
    "单位",
    "年度",
    "类型",
    "模板",
    "状态",
    "错误",
    "警告",
    "提示",
    "未能判定",
    "检查项",
    *FAMILIES,
    "用时(秒)",
    "文件",
    "未检查原因",
]


def summary_cells(row: SummaryRow) -> list:
    return [
        row.unit or "",
        row.year or "",
        row.kind_text,
        row.template or "",
        "已检查" if row.checked else "未检查",
        row.errors,
        row.warnings,
        row.infos,
        row.not_decided,
        row.checks,
        *[row.families.get(f, 0) for f in FAMILIES],
        round(row.seconds, 2),
        row.path,
        row.reason or "",
    ]


def summary_csv(summary: Summary) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for row in summary.ordered():
        writer.writerow(summary_cells(row))
    return buffer.getvalue()


FINDING_COLUMNS = [
    "单位",
    "年度",
    "类型",
    "文件",
    "规则",
    "名称",
    "级别",
    "页",
    "行",
    "表",
    "行标签",
    "列",
    "报告值",
    "计算值",
    "差额",
    "说明",
]


def findings_csv_rows(record: DocumentRecord) -> Iterable[list]:
    row = row_of(0, record)
    for f in record.findings:
        loc = f.locations[0] if f.locations else None
        yield [
            record.unit or "",
            record.year or "",
            row.kind_text,
            record.path,
            f.rule,
            f.name,
            f.severity,
            loc.page if loc else "",
            loc.line if loc else "",
            (loc.table if loc else "") or "",
            (loc.row if loc else "") or "",
            (loc.column if loc else "") or "",
            f.actual or "",
            f.expected or "",
            f.difference or "",
            f.message,
        ]
