"""Rich terminal report, in Chinese: per document the outcome counts and the parts overview, then
the findings part by part (the overview's names, the same rows as the 检查表), in page order.

Each finding: severity word, rule, where it is on the page; the message; on a dimmer line the two
sides and the working (formula, rounding intervals); 修改建议 when there is one; a cause with the
identities it breaks; the other places. Consequences of a cause are listed under it only.
Waived findings are counted, never dropped; with `show_waived` they are listed, dimmed, with
their reason. With `show_skipped`, the checks that ended 不适用 / 数据不足 / 出错 are listed with
their reasons. Files skipped in a folder and waivers that met nothing close the report.

Rendered from a DocumentRecord (report/record.py), in the process that checked the document; the
undecided checks are read from the document's evaluations, which only that process has.
"""

from __future__ import annotations

import io
from collections import Counter
from itertools import groupby
from pathlib import Path

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from budgetlint.model import Finding, Outcome
from budgetlint.model.results import DocumentResult, Results
from budgetlint.report.part_map import FAILING, OTHER
from budgetlint.report.phrases import (
    OUTCOME_NAMES,
    SEVERITY_WORDS,
    consequences,
    notice_lines,
    other_places,
    values_line,
    where,
)
from budgetlint.report.record import DocumentRecord, Totals, record_of

READS_PARTS = True  # `document` shows the record's 检查表 rows (a streaming format without it gets none)
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
UNDECIDED = (Outcome.NOT_APPLICABLE, Outcome.INSUFFICIENT_DATA, Outcome.ERROR)


def _finding(console: Console, f: Finding, run_findings: tuple[Finding, ...], several: bool = False) -> None:
    """`several`: the document was read from several files, so each place names its file."""
    waived = f.waiver is not None
    head = Text()
    head.append(SEVERITY_WORDS[f.severity], style="dim" if waived else SEVERITY_STYLE[f.severity])
    head.append(f" {f.rule}  ")
    head.append(where(f.locations[0], several) if f.locations else "")
    if f.occurrences > 1:
        head.append(f"（共 {f.occurrences} 处）")
    if f.waiver is not None:
        head.append(
            f"  已豁免：{f.waiver.reason}" + (f"（至 {f.waiver.expires}）" if f.waiver.expires else ""), style="dim"
        )
    console.print(head)
    console.print(Text("  " + f.message, style="dim" if waived else ""))
    for line in (x for x in (values_line(f), f.formula) if x):
        console.print(Text("  " + line, style="dim"))
    if f.fix:
        console.print(Text("  修改建议：" + f.fix, style="green"))
    for g in consequences(f, run_findings):
        place = where(g.locations[0], several) if g.locations else ""
        console.print(Text(f"  同一原因还导致：{g.rule} {g.title}" + (f"（{place}）" if place else ""), style="dim"))
    others = other_places(f, several=several)
    if others:
        console.print(Text("  另见：" + " · ".join(others), style="dim"))


def _row_ok(record: DocumentRecord, indexes: tuple[int, ...]) -> bool:
    return not any(record.findings[i].severity in FAILING and record.findings[i].waiver is None for i in indexes)


def _parts(console: Console, record: DocumentRecord) -> None:
    """Per part of the disclosure (the 检查表's rows, as report/part_map.py places findings): ✓/✗ and counts."""
    rows = record.parts
    if len(rows) <= 1:  # the template lists no parts: the findings below are all there is
        return
    table = Table(title="各部分检查结果", title_justify="left", show_edge=False, pad_edge=False, box=None)
    columns: list[tuple[str, JustifyMethod]] = [("部分", "left"), ("", "center"), ("问题", "right"), ("检查", "right")]
    for header, justify in columns:
        table.add_column(header, justify=justify)
    for row in rows:
        ok = _row_ok(record, row.findings)
        mark = ("✓" if ok else "✗") if row.checks or row.findings or row.id == OTHER else "–"
        style = None if ok else "red"
        table.add_row(
            row.name,
            Text(mark, style=style or ""),
            str(len(row.findings)) if row.findings else "",
            str(row.checks),
            style=style,
        )
    console.print(table)


def _undecided(console: Console, doc: DocumentResult | None, titles: dict[str, str]) -> None:
    """Every check that did not end in pass or fail, grouped by outcome, rule and reason."""
    if doc is None or doc.run is None:
        return
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


def _document(
    console: Console,
    record: DocumentRecord,
    doc: DocumentResult | None,
    *,
    show_skipped: bool,
    show_waived: bool,
    titles: dict[str, str],
) -> None:
    if not record.checked:
        console.print(Text(f"✗ {record.reason}", style="bold red"))
        return
    console.rule(Text(f"{record.unit or '（单位未识别）'} {record.year or ''} · {record.template} · {record.path}"))
    if record.files:
        how = "按封面/标题中的单位、年度和类型自动配对" if record.pairing == "auto" else "--together"
        console.print(f"合并检查 {len(record.files)} 个文件（{how}）：" + "、".join(record.files))
    total = sum(record.summary.values())
    if total == 0:
        console.print(Text("该模板暂无适用的规则：未做任何检查（不等于通过）", style="yellow"))
        return
    counts = "  ".join(f"{OUTCOME_NAMES[k]} {v}" for k, v in record.summary.items())
    waived = sum(1 for f in record.findings if f.waiver is not None and f.shown)
    console.print(f"检查 {total} 项：{counts}" + (f"  （其中 {waived} 个问题已豁免）" if waived else ""))
    undecided = sum(record.summary.get(o.value, 0) for o in UNDECIDED)
    if undecided and not show_skipped:
        console.print(Text("加 --show-skipped 可列出未能判断的检查及原因", style="dim"))
    coverage = record.coverage
    if coverage.get("extracted"):
        extracted, checked = sum(coverage["extracted"].values()), sum(coverage["checked"].values())
        console.print(
            f"正文数字 {extracted} 个：已核对 {checked}，未能绑定 {extracted - checked}"
            f"（金额 {coverage['checked'].get('amount', 0)}/{coverage['extracted'].get('amount', 0)}，"
            f"占比 {coverage['checked'].get('share', 0)}/{coverage['extracted'].get('share', 0)}）"
        )
    if show_skipped:
        _undecided(console, doc, titles)
    _parts(console, record)
    rows = [row for row in record.parts if row.findings]
    if not any(record.findings[i].waiver is None for row in rows for i in row.findings):
        console.print(Text("未发现问题" + ("（已豁免的除外）" if rows else ""), style="green"))
        if not show_waived:
            return
    single = len(record.parts) <= 1
    hidden = 0
    for row in rows:
        listed = [record.findings[i] for i in row.findings if show_waived or record.findings[i].waiver is None]
        hidden += len(row.findings) - len(listed)
        if not listed:
            continue
        if not single:
            console.print(Text(f"\n■ {row.name}", style="bold"))
        for f in listed:
            _finding(console, f, record.findings, bool(record.files))
    if hidden:
        console.print(Text(f"另有 {hidden} 个已豁免的问题（加 --show-waived 逐条列出）", style="dim"))


def _console(buffer: io.StringIO, width: int, color: bool) -> Console:
    return Console(file=buffer, width=width, force_terminal=color, no_color=not color, highlight=False, soft_wrap=False)


# The streaming protocol (report/__init__.py): head, one part per document as it finishes, tail.
def head(*, width: int = 110, color: bool = False, **_: object) -> str:
    return ""


def document(
    record: DocumentRecord,
    doc: DocumentResult | None = None,
    *,
    width: int = 110,
    color: bool = False,
    show_skipped: bool = False,
    show_waived: bool = False,
    rules=(),
    **_: object,
) -> str:
    buffer = io.StringIO()
    _document(
        _console(buffer, width, color),
        record,
        doc,
        show_skipped=show_skipped,
        show_waived=show_waived,
        titles={r.id: r.title for r in rules},
    )
    return buffer.getvalue()


def _across(console: Console, totals: Totals) -> None:
    """The rules across documents: their counts, then each finding under the document it belongs to."""
    assert totals.across_summary is not None
    console.rule(Text("跨文件检查（上年数、部门与所属单位）"))
    counts = "  ".join(f"{OUTCOME_NAMES[k]} {v}" for k, v in totals.across_summary.items())
    console.print(f"检查 {sum(totals.across_summary.values())} 项：{counts}")
    if not totals.across:
        console.print(Text("未发现问题", style="green"))
    for path, findings in groupby(totals.across, key=lambda item: item[0]):
        console.print(Text(f"\n■ {path}", style="bold"))
        for _, f in findings:
            _finding(console, f, ())
            places = " · ".join(f"{Path(loc.file).name} {where(loc)}" for loc in f.locations)
            console.print(Text(f"  涉及文件：{places}", style="dim"))  # the numbers stand in several files


def tail(totals: Totals, *, width: int = 110, color: bool = False, notes: Results | None = None, **_: object) -> str:
    buffer = io.StringIO()
    console = _console(buffer, width, color)
    if totals.across_summary is not None:
        _across(console, totals)
    for line in notice_lines(notes) if notes is not None else ():
        console.print(Text(line, style="yellow"))
    waived = f"（另有 {totals.waived} 个已豁免）" if totals.waived else ""
    skipped = f"，{len(notes.skipped)} 个文件未检查" if notes is not None and notes.skipped else ""
    console.print(
        f"\n共 {totals.files} 个文件，{totals.findings} 个问题{waived}，{totals.not_checked} 个文件无法检查{skipped}"
    )
    return buffer.getvalue()


def render(
    results: Results,
    *,
    width: int = 110,
    color: bool = False,
    show_skipped: bool = False,
    show_waived: bool = False,
    **_: object,
) -> str:
    records = [record_of(doc) for doc in results.documents]
    parts = "".join(
        document(
            r, d, width=width, color=color, show_skipped=show_skipped, show_waived=show_waived, rules=results.rules
        )
        for r, d in zip(records, results.documents)
    )
    return head(width=width, color=color) + parts + tail(Totals.of(records), width=width, color=color, notes=results)
