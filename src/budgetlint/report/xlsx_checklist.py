"""The official 公开情况检查表 as an Excel workbook: one sheet per document.

Shaped like the inspectors' own sheets (title; 部门/单位名称; the file; a header row 检查内容 |
符合要求 | 问题; 及时性; then 内容规范性 with one row per part of the template, and a last 其他 row).
Each part row says 是 or 否 and lists the problems found in that part as numbered Chinese sentences
with their page and line, reported and expected values, and, for a PDF, shows where they stand in
its 问题截图 cell (report/screenshots.py: a picture of each problem's region, under its number).
Which finding goes to which row is report/part_map.py's decision, shared with the terminal
report. A row that no rule looked at says 未检查, never 是.

Bytes, not text: `render` returns the .xlsx file, so the CLI requires --output. The bytes are the
same for the same input (fixed document times and zip entry times).
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import datetime

from budgetlint import __version__
from budgetlint.errors import ReportError
from budgetlint.model import Finding
from budgetlint.model.results import Results
from budgetlint.report.part_map import FAILING, OTHER
from budgetlint.report.phrases import consequences, other_places, where
from budgetlint.report.record import DocumentRecord, PartVerdict, record_of, scope_word
from budgetlint.report.screenshots import PageRenderer, row_picture

BINARY = True  # render() returns bytes: the CLI writes them to --output
SUFFIX = ".xlsx"

FONT = "宋体"
WIDTHS = {"A": 11.8, "B": 18.7, "C": 60.8, "D": 10.3, "E": 61.2}  # as in the official sheets
NO_PICTURE = "不是 PDF，没有页面截图"
PICTURE_COLUMN, PICTURE_WIDTH = "F", 90.0  # 问题截图: screenshots.WIDTH_PX pixels fit about 88 characters
POINTS_PER_PIXEL = 0.75  # Excel row heights are in points, pictures in pixels (96 dpi)
LINE_HEIGHT = 13.75
CHARS_PER_LINE = {"C": 30, "E": 30}  # CJK characters that fit a line of the wide columns
FIXED_TIME = datetime(2000, 1, 1)
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")

PASS, FAIL, UNCHECKED = "是", "否", "未检查"


def _values(f: Finding) -> str:
    """报告值 / 应为 / 相差 of a comparison, each only when the rule's message does not already show it."""
    if f.expected is None:  # a quoted wording, a missing part: nothing was computed
        return ""
    parts = []
    shown = f.message_shows
    if f.actual and "actual" not in shown:
        parts.append(f"报告值 {f.actual}")
    if f.expected and "expected" not in shown:
        parts.append(f"应为 {f.expected}")
    if parts and f.difference and "difference" not in shown:
        parts.append(f"相差 {f.difference}")
    return "（" + "，".join(parts) + "）" if parts else ""


def _also(f: Finding, several: bool = False) -> str:
    """The other places the finding names (a cross-table finding's other numbers), at most three."""
    others = other_places(f, several=several)
    if not others:
        return ""
    return f"（另见：{'；'.join(others[:3])}{'等' if len(others) > 3 else ''}）"


def problem_sentence(number: int, f: Finding, followers: list[Finding] | None = None, several: bool = False) -> str:
    """One numbered problem: 1.第16页第412行：message（报告值 …，应为 …）（建议：…）; each place
    starts with its file's name when the document was read from several files."""
    place = where(f.locations[0] if f.locations else None, several)
    text = f.message.strip().rstrip("。")
    prefix = "（提示）" if f.severity == "info" else ""
    if f.waiver is not None:
        prefix += "（已豁免）"
    extra = f"（建议：{f.fix}）" if f.fix else ""
    if followers:
        extra += "（同一原因还导致：" + "；".join(f"{g.rule} {g.title}" for g in followers) + "）"
    return f"{number}.{prefix}{place + '：' if place else ''}{text}{_values(f)}{_also(f, several)}{extra}。"


def verdict(row: PartVerdict, findings: tuple[Finding, ...]) -> str:
    if not row.checks and not row.findings and row.id != OTHER:
        return UNCHECKED
    return FAIL if any(findings[i].severity in FAILING and findings[i].waiver is None for i in row.findings) else PASS


def _lines(text: str, column: str) -> int:
    width = CHARS_PER_LINE[column]
    return sum(max(1, math.ceil(len(line) / width)) for line in text.split("\n")) if text else 1


def _openpyxl():
    """openpyxl, imported only when a workbook is written: the other formats do not need it."""
    try:
        import openpyxl
        from openpyxl.writer.excel import ExcelWriter
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ReportError("生成检查表需要 openpyxl：pip install openpyxl==3.1.5") from exc
    return openpyxl, ExcelWriter


def _border():
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _cell(ws, ref: str, value, *, bold=False, size=11, horizontal="left", wrap=False, border=True):
    from openpyxl.styles import Alignment, Font

    cell = ws[ref]
    cell.value = value
    cell.font = Font(name=FONT, size=size, bold=bold)
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap)
    if border:
        cell.border = _border()
    return cell


def _box(ws, first: str, last: str) -> None:
    """Borders on every cell of a merged range (Excel draws a merged cell's border from each one)."""
    border = _border()
    for row in ws[f"{first}:{last}"]:
        for cell in row:
            cell.border = border


def sheet_title(d: DocumentRecord) -> str:
    kind = "决算" if d.kind == "final_account" else "预算"
    year = f"{d.year}年度" if d.year else ""
    return f"{year}{d.unit or ''}{scope_word(d.scope)}{kind}公开情况检查表"


def _fill_document(ws, d: DocumentRecord) -> None:
    scope = scope_word(d.scope)
    kind = "决算" if d.kind == "final_account" else "预算"
    year = f"{d.year}年度" if d.year else ""
    for column, width in WIDTHS.items():
        ws.column_dimensions[column].width = width
    ws.merge_cells("A1:E1")
    _cell(ws, "A1", sheet_title(d), bold=True, size=18, horizontal="center", border=False)
    ws.row_dimensions[1].height = 22.75
    ws.merge_cells("A3:D3")
    _cell(ws, "A3", f"{scope}名称：{d.unit or '（未识别）'}", bold=True, border=False)
    ws.merge_cells("A4:E4")
    _cell(ws, "A4", f"文件：{d.path}", bold=True, border=False)
    ws.merge_cells("A5:C5")
    _cell(ws, "A5", f"{year}{scope}{kind}公开检查内容", bold=True, horizontal="center")
    _box(ws, "A5", "C5")
    _cell(ws, "D5", "符合要求", bold=True, horizontal="center")
    _cell(ws, "E5", "存在问题", bold=True, horizontal="center")
    _cell(ws, f"{PICTURE_COLUMN}5", "问题截图", bold=True, horizontal="center")
    ws.column_dimensions[PICTURE_COLUMN].width = PICTURE_WIDTH
    renderer = PageRenderer(d.path) if d.path.lower().endswith(".pdf") else None
    _cell(ws, "A6", "及时性", horizontal="center")
    ws.merge_cells("B6:C6")
    _cell(ws, "B6", f"及时公开{scope}{kind}")
    _box(ws, "B6", "C6")
    _cell(ws, "D6", UNCHECKED, horizontal="center")
    _cell(ws, "E6", "公开时间不在文件中，需人工核对", wrap=True)
    rows = d.parts
    first = 7
    for i, row in enumerate(rows):
        r = first + i
        ws.merge_cells(f"B{r}:C{r}")
        _cell(ws, f"B{r}", row.name, wrap=True)
        _box(ws, f"B{r}", f"C{r}")
        _cell(ws, f"D{r}", verdict(row, d.findings), horizontal="center")
        listed = [d.findings[k] for k in row.findings]
        problems = "\n".join(
            problem_sentence(n, f, consequences(f, d.findings), bool(d.files)) for n, f in enumerate(listed, start=1)
        )
        _cell(ws, f"E{r}", problems or None, wrap=True)
        height = LINE_HEIGHT * max(_lines(problems, "E"), _lines(row.name, "C"))
        picture = _picture(ws, f"{PICTURE_COLUMN}{r}", renderer, listed)
        ws.row_dimensions[r].height = max(height, picture)
    last = first + len(rows) - 1
    ws.merge_cells(f"A{first}:A{last}")
    _cell(ws, f"A{first}", "内容规范性", horizontal="center", wrap=True)
    _box(ws, f"A{first}", f"A{last}")
    summary = d.summary
    counts = "、".join(
        f"{name} {summary.get(key, 0)}"
        for key, name in [
            ("pass", "通过"),
            ("fail", "不符"),
            ("not_applicable", "不适用"),
            ("insufficient_data", "数据不足"),
            ("error", "出错"),
        ]
    )
    note = (
        f"说明：budgetlint {__version__} 自动生成（模板 {d.template}）。"
        f"共检查 {sum(summary.values())} 项：{counts}。"
        f"“是”表示所运行的规则在该部分未发现问题，不等于人工核对无误；“未检查”表示没有规则检查该部分；"
        f"标“（提示）”的是舍入尾差一类的提示，不影响“是/否”。"
    )
    if len(rows) == 1:
        note += "该模板未列出必备部分，所有问题列在“其他”一行。"
    ws.merge_cells(f"A{last + 2}:E{last + 2}")
    _cell(ws, f"A{last + 2}", note, wrap=True, border=False)
    ws.row_dimensions[last + 2].height = LINE_HEIGHT * 3
    ws.freeze_panes = "A6"
    if renderer is not None:
        renderer.close()


def _picture(ws, ref: str, renderer: PageRenderer | None, findings: list[Finding]) -> float:
    """The row's 问题截图 in cell `ref`; the height it needs, in points. A text input has no pages
    to picture: the cell says so."""
    if not findings:
        _cell(ws, ref, None)
        return 0.0
    if renderer is None:
        _cell(ws, ref, NO_PICTURE, wrap=True)
        return 0.0
    _cell(ws, ref, None)
    png = row_picture(renderer, enumerate(findings, start=1))
    if png is None:
        return 0.0
    from openpyxl.drawing.image import Image

    image = Image(io.BytesIO(png))
    ws.add_image(image, ref)
    return image.height * POINTS_PER_PIXEL + 4


def _fill_error(ws, doc: DocumentRecord) -> None:
    for column, width in WIDTHS.items():
        ws.column_dimensions[column].width = width
    ws.merge_cells("A1:E1")
    _cell(ws, "A1", "无法检查的文件", bold=True, size=18, horizontal="center", border=False)
    ws.merge_cells("A3:E3")
    _cell(ws, "A3", f"文件：{doc.path}", bold=True, border=False)
    ws.merge_cells("A4:E4")
    _cell(ws, "A4", doc.reason, wrap=True, border=False)


def sheet_name(doc: DocumentRecord, index: int, taken: set[str], base: str | None = None) -> str:
    """A valid, unique Excel sheet name: `base`, else the unit (or the file name), at most 31 characters."""
    base = base or getattr(doc, "unit", None) or doc.path.replace("\\", "/").split("/")[-1]
    base = _SHEET_NAME_BAD.sub("_", base).strip("'") or f"文件{index}"
    name, n = base[:31], 2
    while name in taken:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def add_sheet(wb, record: DocumentRecord, index: int, taken: set[str], name: str | None = None):
    """One document's 检查表 sheet (or its 无法检查 sheet); returns the sheet."""
    ws = wb.create_sheet(sheet_name(record, index, taken, name))
    if record.checked:
        _fill_document(ws, record)
    else:
        _fill_error(ws, record)
    return ws


def new_workbook():
    openpyxl, _ = _openpyxl()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    return wb


def workbook(records) -> object:
    """The openpyxl Workbook: a sheet per document record, in input order."""
    wb = new_workbook()
    taken: set[str] = set()
    for i, record in enumerate(records, start=1):
        add_sheet(wb, record, i, taken)
    if not wb.worksheets:
        wb.create_sheet("检查表")
    return wb


def _stable_zip(data: bytes) -> bytes:
    """The same archive with every entry dated FIXED_TIME, so equal input gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def render(results: Results, **_: object) -> bytes:
    return render_records([record_of(doc) for doc in results.documents])


def render_records(records: list[DocumentRecord], **_: object) -> bytes:
    return workbook_bytes(workbook(records))


def workbook_bytes(wb) -> bytes:
    """The .xlsx bytes of `wb`, the same for the same content (fixed times)."""
    wb.properties.creator = "budgetlint"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    _, excel_writer = _openpyxl()
    excel_writer(wb, archive).save()  # not wb.save(): that stamps the current time as `modified`
    return _stable_zip(buffer.getvalue())
