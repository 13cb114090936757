"""Rich terminal report: per document, the summary, then findings grouped by table."""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from budgetlint.api import DocumentResult, Results

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
OUTCOME_NAMES = {"pass": "通过", "fail": "不符", "not_applicable": "不适用",
                 "insufficient_data": "数据不足", "error": "出错"}


def _where(loc) -> str:
    page = f"第{loc.page}页" + ("(估)" if loc.page_basis == "toc" else "") if loc.page else "页码未知"
    line = f" 第{loc.line}行" if loc.line else ""
    return f"{page}{line}"


def _document(console: Console, doc: DocumentResult) -> None:
    if doc.error:
        console.print(Text(f"✗ {doc.error}", style="bold red"))
        return
    d, run = doc.disclosure, doc.run
    console.rule(Text(f"{d.unit or '（单位未识别）'} {d.year or ''} · {d.template} · {doc.path}"))
    summary = "  ".join(f"{OUTCOME_NAMES[k]} {v}" for k, v in run.summary.items())
    console.print(f"检查 {sum(run.summary.values())} 项：{summary}")
    if not run.findings:
        console.print(Text("未发现问题", style="green"))
        return

    def table_of(finding):
        return finding.locations[0].table or "（正文）" if finding.locations else "（正文）"

    for table, findings in groupby(sorted(run.findings, key=lambda f: (table_of(f), f.sort_key())), key=table_of):
        grid = RichTable(title=table, show_lines=False, expand=True, title_justify="left")
        for name in ("级别", "规则", "说明", "报告值", "计算值", "差额", "位置"):
            grid.add_column(name, overflow="fold")
        for f in findings:
            where = "；".join(dict.fromkeys(_where(loc) for loc in f.locations[:6]))
            if len(f.locations) > 6:
                where += f" 等{len(f.locations)}处"
            grid.add_row(Text(f.severity, style=SEVERITY_STYLE[f.severity]), f.rule, f.message,
                         f.actual or "", f.expected or "", f.difference or "", where)
        console.print(grid)


def render(results: Results, *, width: int = 120, color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="auto" if color else None,
                      highlight=False)
    for doc in results.documents:
        _document(console, doc)
    total = sum(len(d.run.findings) for d in results.documents if d.run)
    console.print(f"共 {len(results.documents)} 个文件，{total} 个问题，"
                  f"{len(results.failed_inputs)} 个文件无法检查")
    return buffer.getvalue()
