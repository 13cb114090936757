"""The reviewer's workbook: a 汇总 sheet (one row per document, counts by rule family, a link to
the document's sheet) and one 检查表 sheet per document (report/xlsx_checklist.py's sheet), named
by unit, year and kind. Built from records one at a time; the workbook itself is kept in memory
until it is written (openpyxl), so a very large store is better reported as CSV or HTML."""

from __future__ import annotations

from collections.abc import Iterable

from budgetlint.report import xlsx_checklist
from budgetlint.report.record import DocumentRecord
from budgetlint.report.summary import SUMMARY_COLUMNS, Summary, summary_cells

SUMMARY_SHEET = "汇总"


def render(records: Iterable[tuple[int, DocumentRecord]]) -> bytes:
    from openpyxl.styles import Font

    wb = xlsx_checklist.new_workbook()
    overview = wb.create_sheet(SUMMARY_SHEET)
    taken: set[str] = {SUMMARY_SHEET}
    sheets: dict[int, str] = {}
    summary = Summary()
    for i, (key, record) in enumerate(records, start=1):
        summary.add(key, record)
        name = f"{record.unit or ''}{record.year or ''}{summary.rows[-1].kind_text if record.checked else ''}"
        sheets[key] = xlsx_checklist.add_sheet(wb, record, i, taken, name or None).title
    overview.append(SUMMARY_COLUMNS)
    for cell in overview[1]:
        cell.font = Font(bold=True)
    for row in summary.ordered():
        overview.append(summary_cells(row))
        link = overview.cell(overview.max_row, 1)
        link.value = link.value or "（未识别）"
        link.hyperlink = f"#'{sheets[row.key]}'!A1"
        link.font = Font(color="0563C1", underline="single")
    overview.freeze_panes = "A2"
    for column, width in zip("ABCDE", (34, 8, 12, 26, 8)):
        overview.column_dimensions[column].width = width
    return xlsx_checklist.workbook_bytes(wb)
