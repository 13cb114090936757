"""Rich terminal report, in Chinese: per document the outcome counts and the parts overview, then
the findings part by part (the overview's names, the same rows as the 检查表), in page order.

Each finding: severity word, rule, where it is on the page; the message; on a dimmer line the two
sides and the working (formula, rounding intervals); 修改建议 when there is one; a cause with the
identities it breaks; the other places. Consequences of a cause are listed under it only.
Waived findings are counted, never dropped; with `show_waived` they are listed, dimmed, with
their reason. With `show_skipped`, the checks that ended 不适用 / 数据不足 / 出错 are listed with
their reasons. Files skipped in a folder and waivers that met nothing close the report.
"""

from __future__ import annotations

import io
from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from budgetlint.api import DocumentResult, Results, narrative_coverage
from budgetlint.model import Finding, Outcome
from budgetlint.report.part_map import overview
from budgetlint.report.phrases import (
    OUTCOME_NAMES,
    SEVERITY_WORDS,
    consequences,
    notice_lines,
    other_places,
    values_line,
    where,
)

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
UNDECIDED = (Outcome.NOT_APPLICABLE, Outcome.INSUFFICIENT_DATA, Outcome.ERROR)


def _finding(console: Console, f: Finding, run_findings: tuple[Finding, ...]) -> None:
    waived = f.waiver is not None
    head = Text()
    head.append(SEVERITY_WORDS[f.severity], style="dim" if waived else SEVERITY_STYLE[f.severity])
    head.append(f" {f.rule}  ")
    head.append(where(f.locations[0]) if f.locations else "")
    if f.occurrences > 1:
        head.append(f"（共 {f.occurrences} 处）")
    if waived:
        head.append(f"  已豁免：{f.waiver.reason}" + (f"（至 {f.waiver.expires}）" if f.waiver.expires else ""),
                    style="dim")
    console.print(head)
    console.print(Text("  " + f.message, style="dim" if waived else ""))
    technical = [x for x in (values_line(f), f.formula) if x]
    for line in technical:
        console.print(Text("  " + line, style="dim"))
    if f.fix:
        console.print(Text("  修改建议：" + f.fix, style="green"))
    for g in consequences(f, run_findings):
        place = where(g.locations[0]) if g.locations else ""
        console.print(Text(f"  同一原因还导致：{g.rule} {g.title}" + (f"（{place}）" if place else ""), style="dim"))
    others = other_places(f)
    if others:
        console.print(Text("  另见：" + " · ".join(others), style="dim"))


def _parts(console: Console, doc: DocumentResult) -> None:
    """Per part of the disclosure (the 检查表's rows, as report/part_map.py places findings): ✓/✗ and counts."""
    rows = overview(doc)
    if len(rows) <= 1:  # the template lists no parts: the findings below are all there is
        return
    table = Table(title="各部分检查结果", title_justify="left", show_edge=False, pad_edge=False, box=None)
    for header, justify in [("部分", "left"), ("", "center"), ("问题", "right"), ("检查", "right")]:
        table.add_column(header, justify=justify)
    for row in rows:
        mark = ("✓" if row.ok else "✗") if row.checked or row.id == "other" else "–"
        style = None if row.ok else "red"
        table.add_row(row.name, Text(mark, style=style), str(len(row.findings)) if row.findings else "",
                      str(row.checks), style=style)
    console.print(table)


def _undecided(console: Console, doc: DocumentResult, titles: dict[str, str]) -> None:
    """Every check that did not end in pass or fail, grouped by outcome, rule and reason."""
    groups: Counter = Counter()
    for e in doc.run.evaluations:
        if e.outcome in UNDECIDED:
            groups[(e.outcome, e.rule, e.detail or "")] += 1
    for outcome in UNDECIDED:
        entries = sorted((rule, reason, n) for (o, rule, reason), n in groups.items() if o == outcome)
        if not entries:
            continue
        console.print(Text(f"{OUTCOME_NAMES[outcome.value]} {sum(n for *_, n in entries)} 项：", style="yellow"))
        for rule, reason, n in entries:
            count = f"（{n} 项）" if n > 1 else ""
            console.print(Text(f"  {rule} {titles.get(rule, '')}{count}：{reason or '（未说明原因）'}"))


def _document(console: Console, doc: DocumentResult, titles: dict[str, str], show_skipped: bool,
              show_waived: bool) -> None:
    if doc.error:
        console.print(Text(f"✗ {doc.error}", style="bold red"))
        return
    d, run = doc.disclosure, doc.run
    console.rule(Text(f"{d.unit or '（单位未识别）'} {d.year or ''} · {d.template} · {doc.path}"))
    total = sum(run.summary.values())
    if total == 0:
        console.print(Text("该模板暂无适用的规则：未做任何检查（不等于通过）", style="yellow"))
        return
    counts = "  ".join(f"{OUTCOME_NAMES[k]} {v}" for k, v in run.summary.items())
    waived = sum(1 for f in run.findings if f.waiver is not None)
    console.print(f"检查 {total} 项：{counts}" + (f"  （其中 {waived} 个问题已豁免）" if waived else ""))
    undecided = sum(run.summary.get(o.value, 0) for o in UNDECIDED)
    if undecided and not show_skipped:
        console.print(Text("加 --show-skipped 可列出未能判断的检查及原因", style="dim"))
    coverage = narrative_coverage(doc)
    if coverage.get("extracted"):
        extracted, checked = sum(coverage["extracted"].values()), sum(coverage["checked"].values())
        console.print(f"正文数字 {extracted} 个：已核对 {checked}，未能绑定 {extracted - checked}"
                      f"（金额 {coverage['checked'].get('amount', 0)}/{coverage['extracted'].get('amount', 0)}，"
                      f"占比 {coverage['checked'].get('share', 0)}/{coverage['extracted'].get('share', 0)}）")
    if show_skipped:
        _undecided(console, doc, titles)
    _parts(console, doc)
    rows = [row for row in overview(doc) if row.findings]
    if not any(f.waiver is None for row in rows for f in row.findings):
        console.print(Text("未发现问题" + ("（已豁免的除外）" if rows else ""), style="green"))
        if not show_waived:
            return
    single = len(overview(doc)) <= 1
    hidden = 0
    for row in rows:
        listed = [f for f in row.findings if show_waived or f.waiver is None]
        hidden += len(row.findings) - len(listed)
        if not listed:
            continue
        if not single:
            console.print(Text(f"\n■ {row.name}", style="bold"))
        for f in listed:
            _finding(console, f, run.findings)
    if hidden:
        console.print(Text(f"另有 {hidden} 个已豁免的问题（加 --show-waived 逐条列出）", style="dim"))


def render(results: Results, *, width: int = 110, color: bool = False, show_skipped: bool = False,
           show_waived: bool = False, **_: object) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=False)
    titles = {r.id: r.title for r in results.rules}
    for doc in results.documents:
        _document(console, doc, titles, show_skipped, show_waived)
    for line in notice_lines(results):
        console.print(Text(line, style="yellow"))
    shown = [f for d in results.documents if d.run for f in d.run.findings if f.shown]
    waived = sum(1 for f in shown if f.waiver is not None)
    console.print(f"\n共 {len(results.documents)} 个文件，{len(shown) - waived} 个问题"
                  + (f"（另有 {waived} 个已豁免）" if waived else "")
                  + f"，{len(results.failed_inputs)} 个文件无法检查"
                  + (f"，{len(results.skipped)} 个文件未检查" if results.skipped else ""))
    return buffer.getvalue()
