"""Where a value stands in the input: file, page (and how the page is known), line, cell, box."""

from __future__ import annotations

from typing import Literal

from budgetlint.model.record import record

# pdf: exact PDF page; formfeed: counted from \f in a text file; toc: estimated from the
# document's own 目录 page numbers; breaks: estimated from the page and section breaks a DOCX
# states (and where Word last laid its pages out); none: unknown.
PageBasis = Literal["pdf", "formfeed", "toc", "breaks", "none"]

# Where a value stands inside an office file, in the file's own terms; None for other inputs.
# In the JSON contract each appears only when set, so text and PDF output is unchanged.
OFFICE_FIELDS = ("sheet", "cell", "paragraph", "table_index")

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin at the page's top-left


@record
class Location:
    """A record (model/record.py), not a pydantic model: readers and checks build thousands per
    document from values they have already typed (nothing to validate). Pydantic models that hold
    one (a Finding loaded from the results store) still validate it from a dict."""

    file: str
    page: int | None = None
    page_basis: PageBasis = "none"
    line: int | None = None  # 1-based line in a text input; in a PDF/DOCX/XLSX, the running index of blocks and rows
    bbox: Box | None = None
    table: str | None = None  # table title as printed
    row: str | None = None  # row label as printed (or 科目编码 + name)
    column: str | None = None  # column header as printed (or its role)
    # characters [start, end) of the text of the block at `line` that the value is printed as
    # (narrative numbers): lets the engine find the visual line, page and box of a number inside
    # a paragraph that runs over several lines or pages
    span: tuple[int, int] | None = None
    # filled by the engine when a finding is made (findings/locate.py), never by readers:
    page_line: int | None = None  # 1-based text line on its page, counted from the top (PDF)
    page_size: tuple[float, float] | None = None  # (width, height) of the page in PDF points
    sheet: str | None = None  # XLSX: the worksheet's name
    cell: str | None = None  # the cell's address: "D12" in a worksheet, "R5C2" (row 5, column 2) in a DOCX table
    paragraph: int | None = None  # DOCX: 1-based paragraph of the document, in reading order
    table_index: int | None = None  # DOCX: 1-based table of the document, in reading order

    def at_cell(self, *, table: str | None = None, row: str | None = None, column: str | None = None) -> Location:
        """The same place, narrowed to a table cell. Built field by field, not by
        `dataclasses.replace` (a hot path: recognizers and checks narrow thousands of locations,
        and replace costs three times a direct construction)."""
        return Location(
            file=self.file,
            page=self.page,
            page_basis=self.page_basis,
            line=self.line,
            bbox=self.bbox,
            table=self.table if table is None else table,
            row=self.row if row is None else row,
            column=self.column if column is None else column,
            span=self.span,
            page_line=self.page_line,
            page_size=self.page_size,
            sheet=self.sheet,
            cell=self.cell,
            paragraph=self.paragraph,
            table_index=self.table_index,
        )

    def contract(self, *, with_file: bool = False) -> dict[str, object]:
        """The JSON contract's location object (docs/json-contract.md): `file` first when the
        document was read from several files; the office fields after, when set."""
        out: dict[str, object] = {"file": self.file} if with_file else {}
        out.update(
            {
                "page": self.page,
                "page_basis": self.page_basis,
                "line": self.line,
                "table": self.table,
                "row": self.row,
                "column": self.column,
                "page_line": self.page_line,
                "bbox": list(self.bbox) if self.bbox else None,
                "page_size": list(self.page_size) if self.page_size else None,
            }
        )
        for name in OFFICE_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out
