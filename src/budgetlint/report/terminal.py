"""Rich terminal report: per document the outcome counts, then findings grouped by table, each
with its message, reported and computed values, difference, and the page and line of every number."""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from budgetlint.model.results import DocumentResult, Results
from budgetlint.model import Finding, Location
from budgetlint.report.part_map import FAILING, OTHER
from budgetlint.report.record import DocumentRecord, Totals, record_of

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
OUTCOME_NAMES = {"pass": "通过", "fail": "不符", "not_applicable": "不适用",
                 "insufficient_data": "数据不足", "error": "出错"}
NARRATIVE = "（正文）"


def where(loc: Location) -> str:
    if loc.page:
        page = f"第{loc.page}页" + ("(据目录估计)" if loc.page_basis == "toc" else "")
    else:
        page = "页码未知"
    return page + (f" 第{loc.line}行" if loc.line else "")


def table_of(finding: Finding) -> str:
    return (finding.locations[0].table if finding.locations else None) or NARRATIVE


def _finding(console: Console, f: Finding) -> None:
    head = Text()
    head.append(f"{f.severity:<7}", style=SEVERITY_STYLE[f.severity])
    head.append(f" {f.rule}  ")
    head.append(where(f.locations[0]) if f.locations else "")
    console.print(head)
    console.print(Text("  " + f.message))
    values = [f"{name} {value}" for name, value in (("报告值", f.actual), ("计算值", f.expected), ("差额", f.difference))
              if value is not None]
    if values:
        console.print(Text("  " + "   ".join(values), style="dim"))
    if len(f.locations) > 1:
        places = " · ".join(f"{loc.row or ''}/{loc.column or ''} {where(loc)}" for loc in f.locations)
        console.print(Text(f"  涉及：{places}", style="dim"))


def _parts(console: Console, doc: DocumentRecord) -> None:
    """Per part of the disclosure (the 检查表's rows, as report/part_map.py places findings): ✓/✗ and counts."""
    rows = doc.parts
    if len(rows) <= 1:  # the template lists no parts: the findings below are all there is
        return
    table = Table(title="各部分检查结果", title_justify="left", show_edge=False, pad_edge=False, box=None)
    for header, justify in [("部分", "left"), ("", "center"), ("问题", "right"), ("检查", "right")]:
        table.add_column(header, justify=justify)
    for row in rows:
        ok = not any(doc.findings[i].severity in FAILING for i in row.findings)
        mark = ("✓" if ok else "✗") if row.checks or row.findings or row.id == OTHER else "–"
        style = None if ok else "red"
        table.add_row(row.name, Text(mark, style=style), str(len(row.findings)) if row.findings else "",
                      str(row.checks), style=style)
    console.print(table)


def _document(console: Console, doc: DocumentRecord) -> None:
    if not doc.checked:
        console.print(Text(f"✗ {doc.reason}", style="bold red"))
        return
    d = run = doc
    console.rule(Text(f"{d.unit or '（单位未识别）'} {d.year or ''} · {d.template} · {doc.path}"))
    total = sum(run.summary.values())
    if total == 0:
        console.print(Text("该模板暂无适用的规则：未做任何检查（不等于通过）", style="yellow"))
        return
    counts = "  ".join(f"{OUTCOME_NAMES[k]} {v}" for k, v in run.summary.items())
    console.print(f"检查 {total} 项：{counts}")
    coverage = doc.coverage
    if coverage.get("extracted"):
        extracted, checked = sum(coverage["extracted"].values()), sum(coverage["checked"].values())
        console.print(f"正文数字 {extracted} 个：已核对 {checked}，未能绑定 {extracted - checked}"
                      f"（金额 {coverage['checked'].get('amount', 0)}/{coverage['extracted'].get('amount', 0)}，"
                      f"占比 {coverage['checked'].get('share', 0)}/{coverage['extracted'].get('share', 0)}）")
    _parts(console, doc)
    if not run.findings:
        console.print(Text("未发现问题", style="green"))
        return
    ordered = sorted(run.findings, key=lambda f: (table_of(f), f.sort_key()))
    for table, findings in groupby(ordered, key=table_of):
        console.print(Text(f"\n■ {table}", style="bold"))
        for f in findings:
            _finding(console, f)


def _console(buffer: io.StringIO, width: int, color: bool) -> Console:
    return Console(file=buffer, width=width, force_terminal=color, no_color=not color, highlight=False,
                   soft_wrap=False)


# The streaming protocol (report/__init__.py): head, one part per document as it finishes, tail.
def head(*, width: int = 110, color: bool = False) -> str:
    return ""


def document(record: DocumentRecord, doc: DocumentResult | None = None, *, width: int = 110,
             color: bool = False) -> str:
    buffer = io.StringIO()
    _document(_console(buffer, width, color), record)
    return buffer.getvalue()


def tail(totals: Totals, *, width: int = 110, color: bool = False) -> str:
    buffer = io.StringIO()
    _console(buffer, width, color).print(f"\n共 {totals.files} 个文件，{totals.findings} 个问题，"
                                          f"{totals.not_checked} 个文件无法检查")
    return buffer.getvalue()


def render(results: Results, *, width: int = 110, color: bool = False) -> str:
    records = [record_of(doc) for doc in results.documents]
    return (head(width=width, color=color) + "".join(document(r, width=width, color=color) for r in records)
            + tail(Totals.of(records), width=width, color=color))
