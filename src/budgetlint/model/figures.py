"""What one document states about a year's quantities, for the rules across documents (YR).

A document publishes its own year's figures (its tables, the narrative amounts bound to them) and
states figures of other years and bases: 比2024年预算增加A万元 says that last year's budget was the
current amount − A; a 决算's 年初预算为B万元 states its year's budget. A `Figure` is one such
statement, named by a quantity of rules/vocabulary/quantities.yaml (fiscal_revenue,
three_public_total …), so that two documents -- of different years, templates or scopes -- can be
compared on the same quantity without knowing each other's tables.

`DocumentFigures` is what the rules across documents need of one document: its identity (the unit
as printed, normalised; year; kind; scope 部门/单位), its figures and, for a department, the units
it says it covers (`Composition`). It is small, picklable and kept in the results store, so the
checks across documents never read a document again.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from budgetlint.model.facts import Fact
from budgetlint.model.location import Location
from budgetlint.model.record import positional_record, record
from budgetlint.numbers import UNIT_FACTORS, Interval

Basis = Literal["budget", "final", "execution"]  # 预算 (年初预算), 决算, 预算执行数
Source = Literal["table", "narrative", "execution", "change"]
KIND_BASIS: dict[str, Basis] = {"budget": "budget", "final_account": "final"}


@record
class Figure:
    """One statement of a quantity for a year and basis.

    table / narrative / execution: the printed value is Σ `facts` (several cells add up to one
    quantity, e.g. 财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营 in a 决算).
    change: the year's value is `current` − direction × `change` (持平: direction 0, no change
    amount); `quantity` is None when the current amount is bound to no quantity, so the statement
    is counted as not matched rather than dropped.
    """

    quantity: str | None
    year: int
    basis: Basis
    source: Source
    facts: tuple[Fact, ...] = ()
    current: Fact | None = None  # change: the amount the change is stated from
    change: Fact | None = None  # change: A in 增加A万元 (None for 持平)
    direction: Literal[-1, 0, 1] = 0
    quote: str = ""  # the sentence, for a change

    @property
    def stated(self) -> bool:
        """A direct statement (not derived from a change)."""
        return self.source != "change"

    def locations(self) -> tuple[Location, ...]:
        if self.source == "change":
            return tuple(f.location for f in (self.current, self.change) if f is not None)
        return tuple(f.location for f in self.facts)

    def interval(self, unit: str = "万元") -> Interval:
        """The value as an interval in `unit`: printed values stand for their rounding intervals."""

        def one(fact: Fact) -> Interval:
            return fact.interval.scale(UNIT_FACTORS[fact.unit] / UNIT_FACTORS[unit])

        if self.source == "change":
            assert self.current is not None
            value = one(self.current)
            if self.change is not None and self.direction:
                step = one(self.change)
                value = value - step if self.direction > 0 else value + step
            return value
        total = Interval(Decimal(0), Decimal(0))
        for fact in self.facts:
            total = total + one(fact)
        return total


@record
class Composition:
    """The units a department says it covers (机构设置: 具体包括 1.…本部 2.… 3.…不单列预算)."""

    units: tuple[str, ...]  # listed with a budget of their own, as printed (normalised names)
    own: bool  # the department's own unit (本部) is listed: its 单位 disclosure bears the department's name
    folded: tuple[str, ...] = ()  # listed but budgeted inside another (不单列预算): no disclosure of their own
    declared: int | None = None  # 下属N家预算单位, when the text says
    location: Location


class DocumentFigures(BaseModel):
    """A document as the rules across documents see it: a pydantic model, as it is read back from
    JSON (the results store, a batch's temporary file) and validated there, its figures and
    composition with it; recognize builds it from typed values without validating it
    (recognize/figures.py: figures_of)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    path: str
    unit: str | None
    unit_key: str | None  # the unit as printed, normalised: its identity across documents
    year: int | None
    kind: str  # budget | final_account
    scope: str | None  # department | unit
    figures: tuple[Figure, ...] = ()
    composition: Composition | None = None

    @property
    def basis(self) -> Basis:
        return KIND_BASIS.get(self.kind, "budget")

    def own(self, quantity: str) -> list[Figure]:
        """What this document publishes of `quantity` for its own year and basis (tables, bound
        narrative amounts, execution statements)."""
        return [
            f
            for f in self.figures
            if f.stated and f.quantity == quantity and f.year == self.year and f.basis == self.basis
        ]

    def stated_of(self, year: int, basis: Basis, quantity: str) -> list[Figure]:
        """Direct statements of `quantity` for another year or basis (a 决算's 年初预算)."""
        return [f for f in self.figures if f.stated and f.quantity == quantity and f.year == year and f.basis == basis]


@positional_record
class Entry:
    """A document of a run as the library indexes it: a few fields, kept for every document."""

    key: int  # the document's id in the results store, or its position in the input
    path: str
    unit_key: str | None
    year: int | None
    kind: str
    scope: str | None

    @classmethod
    def of(cls, key: int, document: DocumentFigures) -> Entry:
        return cls(key, document.path, document.unit_key, document.year, document.kind, document.scope)


class Library:
    """The documents of a run (a scan's store, or the files of one `check`), indexed by unit and year;
    a document's figures are loaded only when a rule asks for them (a few kept at a time), so memory
    does not grow with the number of documents.

    A document's counterpart is found by identity, never by file name: the same unit as printed
    (normalised), the year and kind asked for, and the same scope (部门/单位) -- or, when one side
    does not say its scope, any scope."""

    def __init__(self, entries: list[Entry], load: Callable[[int], DocumentFigures]) -> None:
        self._by_unit_year: dict[tuple[str, int | None], list[Entry]] = {}
        self._per_unit: dict[str, int] = {}
        self._per_kind: dict[tuple[int | None, str, str | None], int] = {}  # (year, kind, scope) -> documents
        for entry in entries:
            key = (entry.year, entry.kind, entry.scope)
            self._per_kind[key] = self._per_kind.get(key, 0) + 1
            if entry.unit_key:
                self._by_unit_year.setdefault((entry.unit_key, entry.year), []).append(entry)
                self._per_unit[entry.unit_key] = self._per_unit.get(entry.unit_key, 0) + 1
        self.load = lru_cache(maxsize=32)(load)

    @classmethod
    def of(cls, documents: list[DocumentFigures]) -> Library:
        """A library of documents already in memory."""
        return cls([Entry.of(i, d) for i, d in enumerate(documents)], documents.__getitem__)

    def has_others(self, document: DocumentFigures) -> bool:
        """The run holds another document of the same unit."""
        return self._per_unit.get(document.unit_key or "", 0) > 1

    def holds(self, year: int | None, kind: str, scope: str | None) -> bool:
        """The run holds a document of that year, kind and scope, of any unit."""
        return self._per_kind.get((year, kind, scope), 0) > 0

    def find(
        self,
        unit_key: str | None,
        year: int,
        kind: str | None = None,
        scope: str | None = None,
        *,
        besides: str | None = None,
    ) -> list[DocumentFigures]:
        """Documents of the unit and year (of `kind`, when given), other than the one at `besides`."""
        found = [
            e
            for e in self._by_unit_year.get((unit_key or "", year), [])
            if (kind is None or e.kind == kind) and e.path != besides
        ]
        if scope is not None:
            found = [e for e in found if e.scope == scope] or [e for e in found if e.scope is None]
        return [self.load(e.key) for e in found]
