"""Reader for Excel workbooks (.xlsx): each sheet a table or text, as the workbook prints.

What it produces (model/document.py), sheet by sheet in workbook order:

* A **table sheet** (one with a row of two or more filled cells that is not a field row such as
  编制部门：… | 单位：元) gives the rows above its table as paragraphs (the merged title cell, then
  the field row joined by a space: “编制部门：上海市XX局 单位：元”, as a PDF prints them, so the
  unit comes from the unit cell), then the table as one RawTable, then the rows below it as
  paragraphs (the note 注：本表无数据). The table runs from that first row to the last row with two
  or more filled cells; a row after it with a single filled cell stays in the table only when
  that cell is ruled at its side (a 合计 row of an empty table), otherwise it is a note. A sheet
  without a title row gets its sheet name as the title paragraph.
* A **text sheet** (封面, 目录, 主要职能, 编制说明, 情况说明 …) gives one paragraph per line of
  each filled cell, in row order.
* Cells print as the workbook shows them (xlsx_cells): a value under its number format, so
  1234567.8 with "#,##0.00" is “1,234,567.80” with two decimals. A merged range's text stands in
  its first cell and its other cells are "" (as the PDF reader does). Columns outside the filled
  span are dropped, rows without text are dropped.
* Hidden sheets, rows and columns are not printed, so they are not read into the blocks; each one
  that holds something is recorded in `SourceDocument.hidden` (rule DC015 reports it).
* A formula is read as its cached value (what Excel last computed and what a PDF export shows);
  every formula with a numeric result is also recomputed from the cells it refers to and both
  are recorded in `SourceDocument.formulas` (rule DC014 reports a stale one). A formula without
  a cached value prints its recomputed value when there is one.
* Locations: `sheet` and `cell` ("D12") on every paragraph and cell; `line` is a running index as
  in office_blocks; there are no pages (page_basis none).

Reading uses openpyxl in read-only mode (the sheet XML is streamed, never held as a DOM) with its
own sheet parser, extended to keep a formula beside its cached value and to hand back merged
ranges and hidden rows and columns, which read-only worksheets do not expose. A sheet with more
than MAX_ROWS rows or a workbook with more than MAX_CELLS filled cells is refused while
streaming, so memory stays bounded whatever the file declares.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import load_workbook
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from budgetlint.errors import InputError
from budgetlint.ingest.office_blocks import BlockWriter, Cell
from budgetlint.ingest.xlsx_cells import printed_value
from budgetlint.ingest.xlsx_formulas import Unsupported, Value, evaluate
from budgetlint.model import SourceDocument
from budgetlint.model.document import FormulaCell, HiddenContent
from budgetlint.model.location import Location

MAX_ROWS = 65_536  # rows of one sheet (the most an .xls could hold; a disclosure has hundreds)
MAX_CELLS = 500_000  # filled cells of the whole workbook
HIDDEN_QUOTE = 3  # texts quoted from hidden content

_FIELD = re.compile(r"^[^:：]{1,12}[:：]")  # 编制部门：… 单位：元 预算主管部门：…


@dataclass
class _Cell:
    value: object  # cached value as stored (None: empty)
    style_id: int
    formula: str | None = None


@dataclass
class _Sheet:
    title: str
    state: str
    cells: dict[tuple[int, int], _Cell] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_col, min_row, max_col, max_row
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)


class _Parser(WorkSheetParser):
    """openpyxl's streaming sheet parser, keeping a formula beside its cached value."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)  # data_only: the cached value
        if element.find(FORMULA_TAG) is not None:
            formula = self.parse_formula(element)
            cell["formula"] = formula if isinstance(formula, str) and formula != "=" else None
        return cell


def _flag(attrs: dict) -> bool:
    return str(attrs.get("hidden", "")).lower() in ("1", "true")


class _Reader:
    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about parts it drops (validation, ...)
                self.wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        except InputError:
            raise
        except Exception as exc:  # openpyxl raises many types on a malformed package
            raise InputError("Excel 文件损坏或格式不正确，无法读取", path=path,
                             hint="请在 Excel 或 WPS 中打开后另存为 .xlsx 再检查") from exc
        self.cells_read = 0
        self._styles: dict[int, tuple[str, bool]] = {}

    def style(self, ws, style_id: int) -> tuple[str, bool]:
        """(number format, ruled at a side) of a style id."""
        if style_id not in self._styles:
            probe = ReadOnlyCell(ws, 1, 1, None, "n", style_id)
            border = probe.border
            ruled = border is not None and any(side is not None and side.style for side in (border.left, border.right))
            self._styles[style_id] = (probe.number_format or "General", ruled)
        return self._styles[style_id]

    def sheet(self, ws) -> _Sheet:
        sheet = _Sheet(ws.title, ws.sheet_state)
        with ws._get_source() as src:  # the sheet's XML part, streamed
            parser = _Parser(src, ws._shared_strings, data_only=True, epoch=self.wb.epoch,
                             date_formats=self.wb._date_formats, timedelta_formats=self.wb._timedelta_formats)
            for row_number, row in parser.parse():
                if row_number > MAX_ROWS:
                    raise InputError(f"工作表“{ws.title}”超过 {MAX_ROWS} 行，不像是预决算公开表格，已停止读取",
                                     path=self.path, hint="请只保留公开表格所在的工作表")
                for c in row:
                    if c["value"] is None and not c.get("formula"):
                        continue
                    self.cells_read += 1
                    if self.cells_read > MAX_CELLS:
                        raise InputError(f"工作簿的单元格超过 {MAX_CELLS} 个，不像是预决算公开表格，已停止读取",
                                         path=self.path)
                    sheet.cells[(c["row"], c["column"])] = _Cell(c["value"], c["style_id"] or 0, c.get("formula"))
            for attrs in parser.row_dimensions.values():
                if _flag(attrs) and "r" in attrs:
                    sheet.hidden_rows.add(int(attrs["r"]))
            for attrs in parser.column_dimensions.values():
                if _flag(attrs):
                    sheet.hidden_cols.update(range(int(attrs["min"]), int(attrs.get("max", attrs["min"])) + 1))
            if parser.merged_cells is not None:
                sheet.merges = [range_boundaries(m.ref) for m in parser.merged_cells.mergeCell if m.ref]
        return sheet


def _stored(cell: _Cell) -> Value:
    """A cell's stored value as the formula evaluator sees it."""
    value = cell.value
    if isinstance(value, bool) or value is None:
        return None if value is None else Decimal(int(value))
    if isinstance(value, (int, float)):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return str(value)


class _Workbook:
    """All sheets read; prints cells and recomputes formulas across them."""

    def __init__(self, reader: _Reader, sheets: list[_Sheet]) -> None:
        self.reader = reader
        self.sheets = {s.title: s for s in sheets}
        self.formulas: list[FormulaCell] = []

    def _lookup(self, own: _Sheet):
        def lookup(sheet: str | None, row: int, col: int) -> Value:
            target = self.sheets.get(sheet) if sheet else own
            if target is None:
                raise Unsupported(f"引用的工作表“{sheet}”不存在")
            cell = target.cells.get((row, col))
            return _stored(cell) if cell else None

        def in_range(sheet, r1, c1, r2, c2):
            target = self.sheets.get(sheet) if sheet else own
            if target is None:
                raise Unsupported(f"引用的工作表“{sheet}”不存在")
            if None not in (r1, c1, r2, c2) and (r2 - r1 + 1) * (c2 - c1 + 1) <= len(target.cells):
                found = (target.cells.get((r, c)) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
                return [_stored(cell) for cell in found if cell is not None]
            return [_stored(cell) for (r, c), cell in target.cells.items()
                    if (r1 is None or r1 <= r <= r2) and (c1 is None or c1 <= c <= c2)]
        return lookup, in_range

    def printed(self, ws, sheet: _Sheet, row: int, col: int) -> str:
        """The cell's printed text; records its formula."""
        cell = sheet.cells.get((row, col))
        if cell is None:
            return ""
        number_format, _ = self.reader.style(ws, cell.style_id)
        value = cell.value
        if cell.formula:
            value = self._formula(sheet, row, col, cell, number_format)
        text, _ = printed_value(value, number_format)
        return text.strip()

    def _formula(self, sheet: _Sheet, row: int, col: int, cell: _Cell, number_format: str) -> object:
        cached = cell.value
        numeric_cache = isinstance(cached, (int, float)) and not isinstance(cached, bool)
        if cached is not None and not numeric_cache:
            return cached  # a text or error result: nothing to recompute
        recomputed, reason = None, ""
        try:
            recomputed = evaluate(cell.formula or "", *self._lookup(sheet))
        except Unsupported as exc:
            reason = str(exc)
        shown = cached if cached is not None else recomputed
        _, decimals = printed_value(shown if shown is not None else 0, number_format)
        decimals = decimals or 0
        quantum = Decimal(1).scaleb(-decimals)

        def at_print(v) -> Decimal | None:
            return None if v is None else (v if isinstance(v, Decimal) else Decimal(repr(v))).quantize(
                quantum, rounding=ROUND_HALF_UP)
        ref = f"{get_column_letter(col)}{row}"
        self.formulas.append(FormulaCell(
            location=Location(file=self.reader.path, sheet=sheet.title, cell=ref),
            formula=cell.formula or "", cached=at_print(cached), recomputed=at_print(recomputed),
            decimals=decimals, reason=reason))
        return shown


def _is_field_row(texts: list[str]) -> bool:
    return bool(texts) and all(_FIELD.match(t) for t in texts)


def _hidden(path: str, sheet: _Sheet, kind: str, cells: list[tuple[int, int]]) -> HiddenContent | None:
    filled = sorted(cells)
    if not filled:
        return None
    row, col = filled[0]
    texts = [str(sheet.cells[rc].value).strip() for rc in filled[:HIDDEN_QUOTE]]
    return HiddenContent(kind=kind, location=Location(file=path, sheet=sheet.title, cell=f"{get_column_letter(col)}{row}"),
                         text="、".join(t for t in texts if t), cells=len(filled))


class _SheetLayout:
    """One sheet's visible grid, merges resolved, and where its table is."""

    def __init__(self, workbook: _Workbook, ws, sheet: _Sheet) -> None:
        self.ws, self.sheet = ws, sheet
        covered: set[tuple[int, int]] = set()  # filled cells inside a merged range, but not its first
        for c1, r1, c2, r2 in sheet.merges:
            covered.update(rc for rc in sheet.cells
                           if r1 <= rc[0] <= r2 and c1 <= rc[1] <= c2 and rc != (r1, c1))
        by_row: dict[int, list[int]] = {}
        for r, c in sorted(sheet.cells):
            if r not in sheet.hidden_rows and c not in sheet.hidden_cols and (r, c) not in covered:
                by_row.setdefault(r, []).append(c)
        self.rows: list[tuple[int, dict[int, str]]] = []
        for r, columns in by_row.items():
            texts = {c: t for c in columns if (t := workbook.printed(ws, sheet, r, c))}
            if texts:
                self.rows.append((r, texts))

    def table_span(self, reader: _Reader) -> tuple[int, int] | None:
        """(first, last) index into self.rows of the table, or None for a text sheet."""
        multi = [i for i, (_, texts) in enumerate(self.rows)
                 if len(texts) >= 2 and not _is_field_row(list(texts.values()))]
        if not multi:
            return None
        first, last = multi[0], multi[-1]
        while last + 1 < len(self.rows) and self._ruled_row(reader, self.rows[last + 1]):
            last += 1
        return first, last

    def _ruled_row(self, reader: _Reader, row: tuple[int, dict[int, str]]) -> bool:
        r, texts = row
        if len(texts) != 1 or _is_field_row(list(texts.values())):
            return False
        (c,) = texts
        return reader.style(self.ws, self.sheet.cells[(r, c)].style_id)[1]


def _emit_sheet(writer: BlockWriter, workbook: _Workbook, reader: _Reader, ws, sheet: _Sheet) -> None:
    layout = _SheetLayout(workbook, ws, sheet)
    span = layout.table_span(reader)
    name = sheet.title

    def paragraphs(rows) -> None:
        for r, texts in rows:
            first = min(texts)
            if len(texts) == 1:
                for line in texts[first].splitlines():
                    if line.strip():
                        writer.paragraph(line.strip(), sheet=name, cell=f"{get_column_letter(first)}{r}")
            else:
                writer.paragraph(" ".join(texts[c] for c in sorted(texts)), sheet=name,
                                 cell=f"{get_column_letter(first)}{r}")
    if span is None:
        paragraphs(layout.rows)
        return
    first, last = span
    above, table, below = layout.rows[:first], layout.rows[first:last + 1], layout.rows[last + 1:]
    if not above:
        writer.paragraph(name.strip(), sheet=name)
    paragraphs(above)
    lo = min(min(texts) for _, texts in table)
    hi = max(max(texts) for _, texts in table)
    columns = [c for c in range(lo, hi + 1) if c not in sheet.hidden_cols]
    rows = [[Cell(texts.get(c, ""), f"{get_column_letter(c)}{r}") for c in columns] for r, texts in table]
    writer.table(rows, sheet=name)
    paragraphs(below)


def _hidden_content(path: str, sheet: _Sheet) -> list[HiddenContent]:
    if sheet.state != "visible":
        found = _hidden(path, sheet, "sheet", list(sheet.cells))
        return [found] if found else []
    out = []
    for r in sorted(sheet.hidden_rows):
        if found := _hidden(path, sheet, "row", [rc for rc in sheet.cells if rc[0] == r]):
            out.append(found)
    for c in sorted(sheet.hidden_cols):
        if found := _hidden(path, sheet, "column", [rc for rc in sheet.cells if rc[1] == c and rc[0] not in sheet.hidden_rows]):
            out.append(found)
    return out


def read(data: bytes, path: str) -> SourceDocument:
    """Read an .xlsx already checked by ingest.package."""
    reader = _Reader(data, path)
    try:
        worksheets = reader.wb.worksheets
        sheets = [reader.sheet(ws) for ws in worksheets]
    except InputError:
        raise
    except Exception as exc:  # a malformed sheet part (bad XML, bad CRC) fails while streaming
        raise InputError("Excel 文件损坏或格式不正确，无法读取", path=path,
                         hint="请在 Excel 或 WPS 中打开后另存为 .xlsx 再检查") from exc
    finally:
        reader.wb.close()
    workbook = _Workbook(reader, sheets)
    writer = BlockWriter(path)
    hidden: list[HiddenContent] = []
    for ws, sheet in zip(worksheets, sheets):
        hidden += _hidden_content(path, sheet)
        if sheet.state == "visible":
            _emit_sheet(writer, workbook, reader, ws, sheet)
    if writer.line == 0:
        raise InputError("工作簿中没有任何内容", path=path)
    return writer.document(layout="xlsx", page_basis="none", hidden=tuple(hidden),
                           formulas=tuple(workbook.formulas))
