"""What recognize makes of a printed table: typed tables whose cells are Facts."""

from __future__ import annotations

from dataclasses import field
from decimal import Decimal

from budgetlint.model.location import Location
from budgetlint.model.record import record
from budgetlint.numbers import UNIT_FACTORS, Interval, interval_of


@record
class Fact:
    """One printed number (or an empty cell, value None = exact zero) with its provenance."""

    value: Decimal | None
    decimals: int = 0
    unit: str  # 元 | 万元
    text: str  # as printed
    location: Location
    parsed: bool = True  # False: the cell holds text that is not a number

    @property
    def interval(self) -> Interval:
        return interval_of(self.value, self.decimals)

    def half_ulp_in(self, unit: str) -> Decimal:
        """Half a unit of the last printed digit, expressed in `unit`."""
        return Decimal(5).scaleb(-(self.decimals + 1)) * UNIT_FACTORS[self.unit] / UNIT_FACTORS[unit]

    @property
    def amount(self) -> Decimal:
        return self.value if self.value is not None else Decimal(0)


@record
class TableRow:
    index: int  # 0-based among the table's data rows
    label: str  # normalised label (name, or code + name)
    printed_label: str
    code: str | None = None  # 科目编码 where present (3/5/7 digits)
    role: str | None = None  # row role from the template, e.g. current_year_revenue_total
    numbered: bool = False  # the label was printed with numbering (一、 …)
    side: str = "main"  # which side of a two-sided table (收支总表: revenue | expenditure)
    line: int
    page: int | None = None
    cells: dict[str, Fact] = field(default_factory=dict)  # column role -> fact
    texts: dict[str, str] = field(default_factory=dict)  # text columns (labels) by role

    def fact(self, column: str) -> Fact | None:
        return self.cells.get(column)


@record
class Table:
    kind: str  # template table id, e.g. revenue_summary
    title: str
    number: str | None = None  # 表1 … as the template numbers it
    unit: str
    location: Location
    columns: tuple[str, ...]  # value-column roles in order
    column_headers: dict[str, str] = field(default_factory=dict)  # role -> header text shown to users
    rows: tuple[TableRow, ...] = ()
    empty_note: str | None = None  # 注：本表无数据 as printed
    unparsed_rows: tuple[int, ...] = ()  # lines of data rows whose cells could not be placed
    raw_size: tuple[int, int] = (0, 0)  # printed rows x widest row, headers included
    unplaced_columns: tuple[str, ...] = ()  # headers of value columns no role was found for
    expected_roles: tuple[str, ...] = ()  # column roles its kind has (roles_missing: those it does not print)
    # the row roles of the layout it was read with (a template's table file), whose columns are
    # `columns`; None when its columns were read from its header: what it may print is not known
    layout_rows: tuple[str, ...] | None = None

    @property
    def roles_found(self) -> list[str]:
        return list(dict.fromkeys([*self.columns, *(r.role for r in self.rows if r.role)]))

    @property
    def roles_missing(self) -> list[str]:
        found = set(self.roles_found)
        return [r for r in self.expected_roles if r not in found]

    @property
    def is_empty(self) -> bool:
        return all(f.value is None for r in self.rows for f in r.cells.values())

    def rows_with_role(self, role: str) -> list[TableRow]:
        return [r for r in self.rows if r.role == role]
