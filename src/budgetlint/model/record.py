"""`@record`: the class decorator of the hot internal records (Location, Fact, the claims, the
performance and prose records, Evaluation …).

A record is a slotted, keyword-only dataclass that mypy treats as frozen: `dataclass_transform`
with `frozen_default=True` makes mypy reject any assignment to a field ("Property … is
read-only"), as it does for `@dataclass(frozen=True)`. At run time the class is NOT frozen: a
frozen dataclass's generated `__init__` sets every field through `object.__setattr__` (a
`Location`, 15 fields, 2.8 µs to build against 1.0 µs unfrozen; a `RawRow` 0.8-1.3 µs against
0.3 µs), and seed 001 builds some 29,000 records per audit. Everything else a frozen record gave
is kept: `unsafe_hash=True` generates the very `__hash__` frozen would (over the compared fields),
so records remain dict keys and set members; equality, field order, defaults, pickling,
`dataclasses.replace`, `dataclasses.asdict` and `dataclasses.fields` are the dataclass ones.
Nothing in budgetlint assigns to a record after building it (mypy checks the whole source, and
tests/unit/test_records.py checks that mypy still refuses an assignment); a changed copy is made
with `dataclasses.replace` or the record's own builder (`Location.at_cell`).
See docs/architecture.md, "Records and models", for the measured gain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, kw_only_default=True)
def record(cls: type[T]) -> type[T]:
    """`cls` as a slotted, keyword-only, hashable dataclass, frozen for mypy (see the module)."""
    return dataclass(slots=True, kw_only=True, unsafe_hash=True)(_documented(cls))


class Memos:
    """The base of the few records derived data is kept with, one per document (Disclosure,
    SourceDocument): their instances have a `__dict__` beside their slotted fields, where a memo
    is kept under a name of its own (checks/memo.py, SourceDocument.line_starts, a
    functools.cached_property). A memo is not a field: records are compared, hashed and
    built by `dataclasses.replace` from their fields alone, so a changed copy starts with no memo
    and makes its own."""


@dataclass_transform(frozen_default=True)
def positional_record(cls: type[T]) -> type[T]:
    """As `record`, with positional construction (RawRow, TextLine, Entry: built by position)."""
    return dataclass(slots=True, unsafe_hash=True)(_documented(cls))


def _documented(cls: type[T]) -> type[T]:
    """`cls` with a docstring: `dataclass` writes one from `inspect.signature` for a class without
    one, some 0.1 ms a class when budgetlint is imported (dozens of records); its name does."""
    if cls.__doc__ is None:
        cls.__doc__ = cls.__name__
    return cls
