"""How every human report says the same things: severity words, outcome names, places, values.

Shared support, not a format: the terminal, the 检查表 and the annotated PDF word a finding alike,
from its fields (never from its message text).
"""

from __future__ import annotations

from budgetlint.model import Finding, Location
from budgetlint.model.results import Results
from budgetlint.report.places import file_name, office_place, page_note

SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}
OUTCOME_NAMES = {
    "pass": "通过",
    "fail": "不符",
    "not_applicable": "不适用",
    "insufficient_data": "数据不足",
    "error": "出错",
}


def where(loc: Location | None, several: bool = False) -> str:
    """第8页第12行 (a PDF: the line counted on its page) / 第16页（据目录估计）第412行 (a text file:
    its own line) / 部门支出总表!G10 (a worksheet cell) / 第3页（据分页符估计）第12段 (a Word
    paragraph; 第2个表格 R5C2 for a Word table cell) / ''. `several`: the document was read from
    several files, so the place starts with its file's name."""
    if loc is None:
        return ""
    text = file_name(loc, several)
    office = office_place(loc)
    if loc.sheet:
        return text + (office or "")
    if loc.page:
        text += f"第{loc.page}页" + (f"（{page_note(loc)}）" if page_note(loc) else "")
    if office:
        return text + office
    if loc.page_basis == "pdf":
        return text + (f"第{loc.page_line}行" if loc.page_line else "")
    return text + (f"第{loc.line}行" if loc.line else "")


def cell_name(loc: Location) -> str:
    """表「行」列, or the section and what it says for a place in running text."""
    return " ".join(x for x in (loc.table, f"「{loc.row}」" if loc.row else "", loc.column) if x)


def values_line(f: Finding) -> str:
    """报告值 … 计算值 … 差额 …: the two sides as printed (no intervals: those are in `formula`);
    '' when the finding compares nothing (a quoted wording, a missing part)."""
    reported = f.reported.printed if f.reported is not None else f.actual
    computed = f.computed.printed if f.computed is not None else f.expected
    if reported is None or computed is None:
        return ""
    parts = [f"报告值 {reported}", f"计算值 {computed}"]
    if f.difference:
        parts.append(f"差额 {f.difference}{f.unit or ''}")
    return "   ".join(parts)


def other_places(f: Finding, limit: int | None = None, several: bool = False) -> list[str]:
    """The finding's other places, each once, as 表「行」列 第N页第M行 (the numbers a narrative
    statement is made of stand where the statement does: not repeated)."""

    def name(loc: Location) -> str:
        return " ".join(x for x in (cell_name(loc) if loc.column else "", where(loc, several)) if x)

    first = name(f.locations[0]) if f.locations else ""
    out: list[str] = []
    for loc in f.locations[1:]:
        text = name(loc)
        if text and text != first and text not in out:
            out.append(text)
    return out[:limit] if limit else out


def consequences(f: Finding, findings: tuple[Finding, ...]) -> list[Finding]:
    """The findings `f`'s cause explains besides itself, in page order."""
    if f.cause is None:
        return []
    return [g for g in findings if g.consequence_of == f.fingerprint]


def _waiver(w) -> str:
    what = " ".join(x for x in (w.rule, w.unit, str(w.year) if w.year else None) if x)
    return f"{w.fingerprint}" + (f"（{what}）" if what else "") + f"：{w.reason}"


def notice_lines(results: Results) -> list[str]:
    """What a run did not check or did not use, one line each: files skipped in the folders
    given, waivers that named no finding, waivers that have expired."""
    lines = [f"未检查：{s.path}（{s.reason}）" for s in results.skipped]
    where = f"（{results.config_path}）" if results.config_path else ""
    lines += [f"豁免未用上{where}：{_waiver(w)}——没有与之对应的问题，可以删除" for w in results.unused_waivers]
    lines += [f"豁免已过期{where}：{_waiver(w)}（{w.expires}）——该问题重新列出" for w in results.expired_waivers]
    return lines
