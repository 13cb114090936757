"""Where a value stands in the input: file, page (and how the page is known), line, cell."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

# pdf: exact PDF page; formfeed: counted from \f in a text file; toc: estimated from the
# document's own 目录 page numbers; none: unknown.
PageBasis = Literal["pdf", "formfeed", "toc", "none"]


class Location(BaseModel):
    model_config = ConfigDict(frozen=True)

    file: str
    page: int | None = None
    page_basis: PageBasis = "none"
    line: int | None = None  # 1-based line in a text input
    bbox: tuple[float, float, float, float] | None = None
    table: str | None = None  # table title as printed
    row: str | None = None  # row label as printed (or 科目编码 + name)
    column: str | None = None  # column header as printed (or its role)

    def at_cell(self, *, table: str | None = None, row: str | None = None,
                column: str | None = None) -> Location:
        """The same place, narrowed to a table cell."""
        update = {k: v for k, v in {"table": table, "row": row, "column": column}.items() if v is not None}
        return self.model_copy(update=update)

    def contract(self) -> dict[str, object]:
        """The JSON contract's location object (design.md §4)."""
        return {"page": self.page, "page_basis": self.page_basis, "line": self.line,
                "table": self.table, "row": self.row, "column": self.column}
