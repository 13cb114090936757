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
  that holds something is recorded in `SourceDocument.hidden` (rule DC016 reports it).
* A formula is read as its cached value (what Excel last computed and what a PDF export shows);
  every formula with a numeric result is also recomputed from the cells it refers to and both
  are recorded in `SourceDocument.formulas` (rule DC015 reports a stale one). A formula without
  a cached value prints its recomputed value when there is one.
* Locations: `sheet` and `cell` ("D12") on every paragraph and cell; `line` is a running index as
  in office_blocks; there are no pages (page_basis none).

Reading uses openpyxl as its read-only mode does: the workbook reader up to the styles, then each
sheet's XML streamed through openpyxl's sheet parser (never held as a DOM), extended to keep a
formula beside its cached value and to hand back merged ranges and hidden rows and columns, which
read-only worksheets do not expose. Read-only worksheets themselves are not made: one measures its
sheet when it is created, a full pass over a sheet that does not state its size. A sheet with more
than MAX_ROWS rows or a workbook with more than MAX_CELLS filled cells is refused while
streaming, and the parts openpyxl reads whole (shared strings, styles) have their own size
limits, so memory stays bounded whatever the file declares.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from budgetlint.errors import InputError
from budgetlint.ingest.office_blocks import BlockWriter, Cell
from budgetlint.ingest.xlsx_cells import printed_value
from budgetlint.ingest.xlsx_formulas import Unsupported, Value, evaluate
from budgetlint.model import SourceDocument
from budgetlint.model.document import FormulaCell, HiddenContent, HiddenKind
from budgetlint.model.location import Location

MAX_ROWS = 65_536  # rows of one sheet (the most an .xls could hold; a disclosure has hundreds)
MAX_CELLS = 500_000  # filled cells of the whole workbook
MAX_STRINGS_BYTES = 64 * 2**20  # the shared strings part, read whole by openpyxl
MAX_STYLES_BYTES = 16 * 2**20  # the styles and workbook parts, read whole
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


@dataclass
class _SheetPart:
    """A worksheet as the workbook lists it: name, visibility, and its part in the package."""

    title: str
    sheet_state: str
    part: str


class _StyleHolder:
    """What openpyxl's ReadOnlyCell needs to read a style: a parent whose parent is the workbook."""

    def __init__(self, wb) -> None:
        self.parent = wb
        self.title = ""


class _Reader:
    """openpyxl's workbook reader, run up to the styles: the sheets are streamed here, because a
    read-only worksheet measures its sheet on creation (a whole pass over a sheet that does not
    state its size: a million rows are parsed before the first is read)."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about parts it drops (validation, ...)
                reader = ExcelReader(io.BytesIO(data), read_only=True, keep_vba=False, data_only=True, keep_links=False)
                _check_parts(reader.archive, path)
                reader.read_manifest()
                reader.read_strings()
                reader.read_workbook()
                apply_stylesheet(reader.archive, reader.wb)
                sheets = [
                    _SheetPart(sheet.name, sheet.state or "visible", rel.target)
                    for sheet, rel in reader.parser.find_sheets()
                    if rel.target in reader.valid_files and "chartsheet" not in rel.Type
                ]
        except InputError:
            raise
        except Exception as exc:  # openpyxl raises many types on a malformed package
            raise InputError(_DAMAGED, path=path, hint=_RESAVE) from exc
        self.archive = reader.archive
        self.wb = reader.wb
        self.shared_strings = reader.shared_strings
        self.sheets = sheets
        self.holder = _StyleHolder(self.wb)
        self.cells_read = 0
        self._styles: dict[int, tuple[str, bool]] = {}

    def style(self, style_id: int) -> tuple[str, bool]:
        """(number format, ruled at a side) of a style id."""
        if style_id not in self._styles:
            probe = ReadOnlyCell(cast(Any, self.holder), 1, 1, None, "n", style_id)  # the holder stands in for a sheet
            try:
                border = probe.border
                number_format = probe.number_format or "General"
            except (IndexError, KeyError):  # a style id the stylesheet does not define
                border, number_format = None, "General"
            ruled = border is not None and any(side is not None and side.style for side in (border.left, border.right))
            self._styles[style_id] = (number_format, ruled)
        return self._styles[style_id]

    def sheet(self, part: _SheetPart) -> _Sheet:
        sheet = _Sheet(part.title, part.sheet_state)
        with self.archive.open(part.part) as src:  # the sheet's XML part, streamed
            wb: Any = self.wb  # the date formats are private attributes apply_stylesheet sets
            parser = _Parser(
                src,
                self.shared_strings,
                data_only=True,
                epoch=wb.epoch,
                date_formats=wb._date_formats,
                timedelta_formats=wb._timedelta_formats,
            )
            for row_number, row in parser.parse():
                if row_number > MAX_ROWS:
                    raise InputError(
                        f"工作表“{part.title}”超过 {MAX_ROWS} 行，不像是预决算公开表格，已停止读取",
                        path=self.path,
                        hint="请只保留公开表格所在的工作表",
                    )
                for c in row:
                    if c["value"] is None and not c.get("formula"):
                        continue
                    self.cells_read += 1
                    if self.cells_read > MAX_CELLS:
                        raise InputError(
                            f"工作簿的单元格超过 {MAX_CELLS} 个，不像是预决算公开表格，已停止读取", path=self.path
                        )
                    sheet.cells[(c["row"], c["column"])] = _Cell(c["value"], c["style_id"] or 0, c.get("formula"))
            for attrs in parser.row_dimensions.values():
                if _flag(attrs) and "r" in attrs:
                    sheet.hidden_rows.add(int(attrs["r"]))
            for attrs in parser.column_dimensions.values():
                if _flag(attrs):
                    sheet.hidden_cols.update(range(int(attrs["min"]), int(attrs.get("max", attrs["min"])) + 1))
            if parser.merged_cells is not None:
                # a merged range has all four ends
                sheet.merges = [
                    cast(tuple[int, int, int, int], range_boundaries(m.ref))
                    for m in parser.merged_cells.mergeCell
                    if m.ref
                ]
        return sheet


def _check_parts(archive, path: str) -> None:
    """Parts openpyxl holds whole in memory are held to their own limits (the sheets stream)."""
    for info in archive.infolist():
        name = info.filename.lower()
        limit = (
            MAX_STRINGS_BYTES
            if name.endswith("sharedstrings.xml")
            else MAX_STYLES_BYTES
            if name.endswith(("styles.xml", "workbook.xml"))
            else None
        )
        if limit is not None and info.file_size > limit:
            raise InputError(
                f"工作簿的“{info.filename}”部件过大（{info.file_size // 2**20} MB），不像是预决算公开表格", path=path
            )


def _stored(cell: _Cell) -> Value:
    """A cell's stored value as the formula evaluator sees it."""
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int):
        return Decimal(value)
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
            return [
                _stored(cell)
                for (r, c), cell in target.cells.items()
                if (r1 is None or r1 <= r <= r2) and (c1 is None or c1 <= c <= c2)
            ]

        return lookup, in_range

    def printed(self, sheet: _Sheet, row: int, col: int) -> str:
        """The cell's printed text; records its formula."""
        cell = sheet.cells.get((row, col))
        if cell is None:
            return ""
        number_format, _ = self.reader.style(cell.style_id)
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
            return (
                None
                if v is None
                else (v if isinstance(v, Decimal) else Decimal(repr(v))).quantize(quantum, rounding=ROUND_HALF_UP)
            )

        ref = f"{get_column_letter(col)}{row}"
        self.formulas.append(
            FormulaCell(
                location=Location(file=self.reader.path, sheet=sheet.title, cell=ref),
                formula=cell.formula or "",
                cached=at_print(cached),
                recomputed=at_print(recomputed),
                decimals=decimals,
                reason=reason,
            )
        )
        return shown


def _is_field_row(texts: list[str]) -> bool:
    return bool(texts) and all(_FIELD.match(t) for t in texts)


def _hidden(path: str, sheet: _Sheet, kind: HiddenKind, cells: list[tuple[int, int]]) -> HiddenContent | None:
    filled = sorted(cells)
    if not filled:
        return None
    row, col = filled[0]
    texts = [str(sheet.cells[rc].value).strip() for rc in filled[:HIDDEN_QUOTE]]
    place = Location(file=path, sheet=sheet.title, cell=f"{get_column_letter(col)}{row}")
    return HiddenContent(kind=kind, location=place, text="、".join(t for t in texts if t), cells=len(filled))


class _SheetLayout:
    """One sheet's visible grid, merges resolved, and where its table is."""

    def __init__(self, workbook: _Workbook, sheet: _Sheet) -> None:
        self.sheet = sheet
        covered: set[tuple[int, int]] = set()  # filled cells inside a merged range, but not its first
        for c1, r1, c2, r2 in sheet.merges:
            covered.update(rc for rc in sheet.cells if r1 <= rc[0] <= r2 and c1 <= rc[1] <= c2 and rc != (r1, c1))
        by_row: dict[int, list[int]] = {}
        for r, c in sorted(sheet.cells):
            if r not in sheet.hidden_rows and c not in sheet.hidden_cols and (r, c) not in covered:
                by_row.setdefault(r, []).append(c)
        self.rows: list[tuple[int, dict[int, str]]] = []
        for r, columns in by_row.items():
            texts = {c: t for c in columns if (t := workbook.printed(sheet, r, c))}
            if texts:
                self.rows.append((r, texts))

    def table_span(self, reader: _Reader) -> tuple[int, int] | None:
        """(first, last) index into self.rows of the table, or None for a text sheet."""
        multi = [
            i for i, (_, texts) in enumerate(self.rows) if len(texts) >= 2 and not _is_field_row(list(texts.values()))
        ]
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
        return reader.style(self.sheet.cells[(r, c)].style_id)[1]


def _emit_sheet(writer: BlockWriter, workbook: _Workbook, reader: _Reader, sheet: _Sheet) -> None:
    layout = _SheetLayout(workbook, sheet)
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
                writer.paragraph(
                    " ".join(texts[c] for c in sorted(texts)), sheet=name, cell=f"{get_column_letter(first)}{r}"
                )

    if span is None:
        paragraphs(layout.rows)
        return
    first, last = span
    above, table, below = layout.rows[:first], layout.rows[first : last + 1], layout.rows[last + 1 :]
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
        in_column = [rc for rc in sheet.cells if rc[1] == c and rc[0] not in sheet.hidden_rows]
        if found := _hidden(path, sheet, "column", in_column):
            out.append(found)
    return out


_DAMAGED = "Excel 文件损坏或格式不正确，无法读取"
_RESAVE = "请在 Excel 或 WPS 中打开后另存为 .xlsx 再检查"


def read(data: bytes, path: str) -> SourceDocument:
    """Read an .xlsx already checked by ingest.package; a malformed one is one InputError."""
    reader = _Reader(data, path)
    try:
        sheets = [reader.sheet(part) for part in reader.sheets]
        workbook = _Workbook(reader, sheets)
        writer = BlockWriter(path)
        hidden: list[HiddenContent] = []
        for sheet in sheets:
            hidden += _hidden_content(path, sheet)
            if sheet.state == "visible":
                _emit_sheet(writer, workbook, reader, sheet)
    except InputError:
        raise
    except Exception as exc:  # a malformed part (bad XML, bad CRC, a value no cell can hold) fails here
        raise InputError(_DAMAGED, path=path, hint=_RESAVE) from exc
    finally:
        reader.archive.close()
    if writer.line == 0:
        raise InputError("工作簿中没有任何内容", path=path)
    return writer.document(layout="xlsx", page_basis="none", hidden=tuple(hidden), formulas=tuple(workbook.formulas))
