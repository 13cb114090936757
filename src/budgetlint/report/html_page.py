"""One self-contained HTML page of a scan: the summary table (sortable) and each unit's findings.

No network, no CDN: the style and the few lines of sorting script are in the page. Each row of
the summary links to its document's section (#doc-N); each section lists the document's 检查表
rows that failed and every finding with its page, line, reported and computed values. Built from
records one at a time: `head`, `section` per record, then `finish` with the summary table
(placed at the top by the page's layout: a flex column with the table ordered first).
"""

from __future__ import annotations

from html import escape

from budgetlint import __version__
from budgetlint.report.record import DocumentRecord
from budgetlint.report.summary import FAMILIES, Summary, SummaryRow

_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222;
display:flex;flex-direction:column}
#summary{order:-1} h1{order:-2;font-size:1.4em}
td.path{font-size:.8em;word-break:break-all;max-width:28em} td.unit,th{white-space:nowrap}
h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0} th,td{border:1px solid #bbb;padding:.25em .5em;vertical-align:top}
th{background:#eef;cursor:pointer;user-select:none} td.n{text-align:right}
tr.err td{background:#fdecea} tr.warn td{background:#fff8e1} tr.nc td{background:#eee}
.sev-error{color:#b00020;font-weight:bold} .sev-warning{color:#a66b00} .sev-info{color:#0a6b8a}
th.asc::after{content:" ▲"} th.desc::after{content:" ▼"}
"""

_SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function (th) {
  th.addEventListener("click", function () {
    var col = th.cellIndex, table = th.closest("table"), body = table.tBodies[0];
    var asc = !th.classList.contains("asc");
    table.querySelectorAll("th").forEach(function (h) { h.classList.remove("asc", "desc"); });
    th.classList.add(asc ? "asc" : "desc");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.v || a.cells[col].textContent;
      var y = b.cells[col].dataset.v || b.cells[col].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh");
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""


def head(title: str = "budgetlint 检查汇总") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body>\n<h1>{escape(title)}</h1>\n"
    )


def _anchor(key: int) -> str:
    return f"doc-{key}"


def section(key: int, record: DocumentRecord) -> str:
    """One document's findings."""
    title = " ".join(str(x) for x in (record.unit or "（单位未识别）", record.year or "") if x)
    out = [
        f'<section id="{_anchor(key)}"><h2>{escape(title)}</h2>',
        f"<p>文件：{escape(record.path)}　模板：{escape(record.template or '—')}</p>",
    ]
    if not record.checked:
        out.append(f'<p class="sev-error">未检查：{escape(record.reason or "")}</p></section>\n')
        return "".join(out)
    counts = "，".join(
        f"{name} {record.summary.get(k, 0)}"
        for k, name in [
            ("pass", "通过"),
            ("fail", "不符"),
            ("not_applicable", "不适用"),
            ("insufficient_data", "数据不足"),
            ("error", "出错"),
        ]
    )
    out.append(f"<p>检查 {sum(record.summary.values())} 项：{counts}</p>")
    if not record.findings:
        out.append("<p>未发现问题（只表示所运行的规则未发现问题）。</p></section>\n")
        return "".join(out)
    out.append(
        '<table class="sortable findings"><thead><tr><th>级别</th><th>规则</th><th>页</th><th>行</th>'
        "<th>位置</th><th>说明</th><th>报告值</th><th>计算值</th><th>差额</th></tr></thead><tbody>"
    )
    for f in record.findings:
        loc = f.locations[0] if f.locations else None
        place = " / ".join(x for x in ((loc.table, loc.row, loc.column) if loc else ()) if x)
        out.append(
            f'<tr><td class="sev-{f.severity}">{f.severity}</td><td>{escape(f.rule)}</td>'
            f'<td class="n">{loc.page or "" if loc else ""}</td>'
            f'<td class="n">{loc.line or "" if loc else ""}</td>'
            f"<td>{escape(place)}</td><td>{escape(f.message)}</td><td>{escape(f.actual or '')}</td>"
            f"<td>{escape(f.expected or '')}</td><td>{escape(f.difference or '')}</td></tr>"
        )
    out.append("</tbody></table></section>\n")
    return "".join(out)


def _summary_row(row: SummaryRow) -> str:
    css = "nc" if not row.checked else "err" if row.errors else "warn" if row.warnings else ""
    unit = escape(row.unit or ("（未检查）" if not row.checked else "（单位未识别）"))
    cells = [
        f'<td class="unit"><a href="#{_anchor(row.key)}">{unit}</a></td>',
        f'<td class="n">{row.year or ""}</td>',
        f"<td>{escape(row.kind_text)}</td>",
        f'<td class="n">{row.errors}</td>',
        f'<td class="n">{row.warnings}</td>',
        f'<td class="n">{row.not_decided}</td>',
        *[f'<td class="n">{row.families.get(f, 0)}</td>' for f in FAMILIES],
        f'<td class="n">{row.seconds:.1f}</td>',
        f'<td class="path">{escape(row.path)}</td>',
        f'<td class="path">{escape(row.reason or "")}</td>',
    ]
    return f'<tr class="{css}">{"".join(cells)}</tr>'


def finish(summary: Summary) -> str:
    """The summary table (shown first), the totals and the page's end."""
    t = summary.totals()
    headers = ["单位", "年度", "类型", "错误", "警告", "未能判定", *FAMILIES, "用时(秒)", "文件", "未检查原因"]
    rows = "\n".join(_summary_row(r) for r in summary.ordered())
    frequent = "".join(
        f"<li>{escape(rule)} {escape(name)}：{count} 次</li>" for rule, name, count in summary.frequent()
    )
    return (
        f'<div id="summary"><p>共 {t["documents"]} 个文件：已检查 {t["checked"]}，未检查 {t["not_checked"]}；'
        f"错误 {t['errors']}，警告 {t['warnings']}，提示 {t['infos']}。点击表头排序，点击单位查看该单位的问题。</p>"
        f'<table class="sortable" id="summary-table"><thead><tr>{"".join(f"<th>{h}</th>" for h in headers)}'
        f"</tr></thead><tbody>\n{rows}\n</tbody></table>"
        f"{'<h2>最常见的规则</h2><ul>' + frequent + '</ul>' if frequent else ''}</div>\n"
        f"<footer><p>budgetlint {escape(__version__)}</p></footer><script>{_SCRIPT}</script></body></html>\n"
    )
