"""Build office files in the tests from documents the project already reads (nothing big is committed).

* `docx_from_source`: a Word document holding a SourceDocument's paragraphs and tables, in order.
* `fill_workbook`: an official Excel template filled with a PDF's tables (and its cover's unit).
* `split_pdf`: the pages of a PDF that hold tables, and the others, as two PDFs.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from budgetlint.ingest.docx_numbering import chinese
from budgetlint.model.document import Paragraph, RawTable, SourceDocument
from budgetlint.numbers import parse_amount

# Chinese headings "一、…" are written as Word numbering (chineseCounting, "%1、") so the reader
# must print the label back; other paragraphs keep their text.
_CN_HEADING = re.compile(r"^([一二三四五六七八九十]+)、(?=\S)")


def _element(tag: str, text: str | None = None, **attrs: str):
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(name.replace("_", ":", 1)), value)
    if text is not None:
        el.text = text
    return el


def _paragraph_xml(text: str):
    p = _element("w:p")
    run = _element("w:r")
    run.append(_element("w:t", text, xml_space="preserve"))
    p.append(run)
    return p


class _HeadingNumbers:
    """Word list numbering "一、二、三、" for headings: one w:num per run of consecutive numbers
    (a run restarts at its first number with w:startOverride), as Word documents restart lists."""

    def __init__(self, document) -> None:
        self.numbering = document.part.numbering_part.element
        abstract = _element("w:abstractNum", w_abstractNumId="990")
        lvl = _element("w:lvl", w_ilvl="0")
        for tag, value in (
            ("w:start", "1"),
            ("w:numFmt", "chineseCounting"),
            ("w:lvlText", "%1、"),
            ("w:suff", "nothing"),
        ):
            lvl.append(_element(tag, w_val=value))
        abstract.append(lvl)
        self.numbering.insert(0, abstract)
        self.num_id = 990
        self.last: int | None = None

    def number(self, paragraph, value: int) -> None:
        if self.last is None or value != self.last + 1:
            self.num_id += 1
            num = _element("w:num", w_numId=str(self.num_id))
            num.append(_element("w:abstractNumId", w_val="990"))
            override = _element("w:lvlOverride", w_ilvl="0")
            override.append(_element("w:startOverride", w_val=str(value)))
            num.append(override)
            self.numbering.append(num)
        self.last = value
        num_pr = _element("w:numPr")
        num_pr.append(_element("w:ilvl", w_val="0"))
        num_pr.append(_element("w:numId", w_val=str(self.num_id)))
        paragraph._p.get_or_add_pPr().append(num_pr)


_CHINESE_NUMBERS = {chinese(n): n for n in range(1, 100)}


def add_table(document, rows: list[list[str]]):
    """A Word table of `rows` on a grid as wide as the widest row; a short row's last cell spans
    the rest of the grid (w:gridSpan), as Word holds a row with fewer cells. Built as XML:
    python-docx's Table.cell() rebuilds the whole cell list on every call."""
    width = max(max(len(r) for r in rows), 1)
    table = document.add_table(rows=0, cols=width)
    for texts in rows:
        texts = texts or [""]
        tr = _element("w:tr")
        for j, text in enumerate(texts):
            tc = _element("w:tc")
            span = width - j if j == len(texts) - 1 else 1
            if span > 1:
                tc_pr = _element("w:tcPr")
                tc_pr.append(_element("w:gridSpan", w_val=str(span)))
                tc.append(tc_pr)
            for line in text.split("\n"):
                tc.append(_paragraph_xml(line))
            tr.append(tc)
        table._tbl.append(tr)
    return table


def docx_from_source(source: SourceDocument, out: Path, *, number_headings: bool = False) -> Path:
    """A .docx with the source's paragraphs and tables in order. A row shorter than the table is
    one merged cell at its end (as Word tables hold short rows); a one-cell row spans the table.
    With `number_headings`, "一、…" headings become Word list paragraphs without the label."""
    document = docx.Document()
    numbers = _HeadingNumbers(document) if number_headings else None
    for block in source.blocks:
        if isinstance(block, Paragraph):
            text = block.text
            m = _CN_HEADING.match(text) if numbers else None
            if m and m.group(1) in _CHINESE_NUMBERS:
                numbers.number(document.add_paragraph(text[m.end() :]), _CHINESE_NUMBERS[m.group(1)])
            else:
                document.add_paragraph(text)
            continue
        assert isinstance(block, RawTable)
        add_table(document, [list(row.cells) for row in block.rows])
    document.save(out)
    return out


# ----------------------------------------------------------------------------------------------
# Filling an official Excel template with a PDF's tables
# ----------------------------------------------------------------------------------------------

_UNIT_FIELD = re.compile(r"\s*(单位[:：]\s*(?:万元|元))\s*$")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_number(text: str) -> bool:
    return parse_amount(text) is not None


def _pdf_tables(source: SourceDocument) -> dict[str, dict]:
    """Each PDF table by its squeezed title: {rows (title and field rows dropped), field, note}."""
    out: dict[str, dict] = {}
    blocks = source.blocks
    for i, block in enumerate(blocks):
        if not isinstance(block, RawTable):
            continue
        rows = [list(r.cells) for r in block.rows]
        titles: list[str] = []
        field = None
        while rows and _title_or_field(rows[0]):
            first = [c for c in rows.pop(0) if c]
            if "：" in first[0]:
                field = " ".join(first)
            else:
                titles.append(first[0])
        for back in (i - 1, i - 2):
            if back >= 0 and isinstance(blocks[back], Paragraph):
                text = blocks[back].text
                if "：" in text or ":" in text:
                    field = field or text
                else:
                    titles.append(text)
        note = (
            blocks[i + 1].text
            if i + 1 < len(blocks) and isinstance(blocks[i + 1], Paragraph) and blocks[i + 1].text.startswith("注")
            else None
        )
        for title in titles:
            out[_squeeze(title)] = {"rows": rows, "field": field, "note": note}
    return out


def _title_or_field(row: list[str]) -> bool:
    filled = [c for c in row if c]
    return bool(filled) and not any(_is_number(c) for c in filled) and (len(filled) == 1 or "：" in filled[0])


def _header_count(rows: list[list[str]]) -> int:
    """Rows before the first row holding a number or a 科目编码."""
    for i, row in enumerate(rows):
        if any(_is_number(c) or re.fullmatch(r"\d{3}", c) for c in row if c) or row[0] in ("无", "合计"):
            return i
    return len(rows)


def _write(cell, text: str) -> None:
    amount = parse_amount(text) if not re.fullmatch(r"\d{2,3}", text) else None
    if amount is None or text.strip() in ("",):
        cell.value = text or None
        return
    cell.value = float(amount.value) if amount.decimals else int(amount.value)
    cell.number_format = "#,##0" + ("." + "0" * amount.decimals if amount.decimals else "")


def _fill_sheet(ws, template_table: RawTable, pdf: dict) -> None:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    def at(ref: str) -> tuple[int, int]:
        col, row = coordinate_from_string(ref)
        return row, column_index_from_string(col)

    rows = pdf["rows"]
    header = _header_count(rows)
    data = rows[header:]
    first_row, first_col = at(template_table.rows[header].cell_refs[0])
    last_row, _ = at(template_table.rows[-1].cell_refs[0])
    style_row = [copy.copy(ws.cell(first_row, first_col + j)._style) for j in range(len(data[0]) if data else 0)]
    below = []
    for merged in list(ws.merged_cells.ranges):
        if merged.max_row >= first_row:
            ws.unmerge_cells(str(merged))
            if merged.min_row > last_row:
                below.append(merged)
    ws.delete_rows(first_row, last_row - first_row + 1)
    ws.insert_rows(first_row, len(data))
    for i, cells in enumerate(data):
        for j, text in enumerate(cells):
            cell = ws.cell(first_row + i, first_col + j)
            cell._style = copy.copy(style_row[j]) if j < len(style_row) else cell._style
            _write(cell, text)
    shift = len(data) - (last_row - first_row + 1)
    for merged in below:
        merged.shift(0, shift)
        ws.merge_cells(str(merged))
    if pdf["note"]:
        ws.cell(first_row + len(data) + 1, first_col).value = pdf["note"]
    if pdf["field"]:
        unit = _UNIT_FIELD.search(pdf["field"])
        top_row, _ = at(template_table.rows[0].cell_refs[0])
        for r in range(1, top_row):
            for cell in ws[r]:
                if isinstance(cell.value, str) and "：" in cell.value and not cell.value.startswith("单位"):
                    cell.value = _UNIT_FIELD.sub("", pdf["field"]).strip()
                elif isinstance(cell.value, str) and cell.value.startswith("单位") and unit:
                    cell.value = unit.group(1)


def fill_workbook(template: Path, pdf_source: SourceDocument, out: Path) -> Path:
    """The official template with every table the PDF prints filled in, and the cover's unit
    line taken from the PDF; text sheets keep the template's wording.

    Each template table (as budgetlint reads the template) is matched to the PDF table with the
    same title; the PDF's header rows match the template's, its data rows replace the template's
    example rows (styles kept), its note (注：…为空表) goes below the table."""
    from openpyxl import load_workbook

    from budgetlint.ingest import read_document
    from budgetlint.recognize.continuation import join_continuations

    pdf = _pdf_tables(join_continuations(pdf_source))  # a table continued over pages is one table
    read = read_document(template)
    workbook = load_workbook(template)
    blocks = read.blocks
    for i, block in enumerate(blocks):
        if not isinstance(block, RawTable):
            continue
        title = next(
            (
                _squeeze(b.text)
                for b in reversed(blocks[max(i - 2, 0) : i])
                if isinstance(b, Paragraph) and _squeeze(b.text) in pdf
            ),
            None,
        )
        if title is None:
            continue
        _fill_sheet(workbook[block.location.sheet], block, pdf[title])
    cover_fields = [b.text for b in pdf_source.blocks[:6] if isinstance(b, Paragraph) and "：" in b.text]
    for ws in workbook.worksheets:
        for row in ws.iter_rows(max_row=min(ws.max_row, 20)):
            for cell in row:
                if isinstance(cell.value, str) and "XX" in cell.value and "：" in cell.value:
                    name = cell.value.split("：")[0]
                    cell.value = next((f for f in cover_fields if f.startswith(name)), cell.value)
    workbook.save(out)
    return out


# ----------------------------------------------------------------------------------------------
# Splitting a PDF into its text and its tables
# ----------------------------------------------------------------------------------------------


def table_pages(source: SourceDocument) -> list[int]:
    """The pages that hold a ruled table, as the PDF reader found them."""
    return sorted({r.page for b in source.blocks if isinstance(b, RawTable) for r in b.rows if r.page})


def split_pdf(pdf: Path, pages: list[int], text_out: Path, tables_out: Path) -> tuple[Path, Path]:
    """The PDF's `pages` (1-based) as one file and every other page as another, order kept."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(pdf)
    text, tables = PdfWriter(), PdfWriter()
    for number, page in enumerate(reader.pages, start=1):
        (tables if number in pages else text).add_page(page)
    text.write(text_out)
    tables.write(tables_out)
    return text_out, tables_out
