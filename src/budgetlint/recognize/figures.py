"""The figures a document states, by quantity (rules/vocabulary/quantities.yaml): see model/figures.py.

Read once per document from what recognize already built, never guessed:
- table: the first definition of each (quantity, basis) whose cells the document has;
- narrative: an amount bound (narrative.yaml) to exactly those cells;
- execution: a 决算's execution statement whose subject (the text before it in its sentence) is a
  listed name: its 年初预算 as the year's budget, its 决算数 as the year's final figure;
- change: a change stated for an amount (比2024年预算增加A / 与2023年度相比减少A / 持平), as the
  base year's figure, basis from the text (预算, 决算, 预算执行数; none: the document's own). A
  change whose amount is bound to no quantity is kept with quantity None (counted, not matched).
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from budgetlint.errors import TemplateError
from budgetlint.labels import normalise_subject, squeeze
from budgetlint.load_cache import bundled
from budgetlint.model import Disclosure, Fact
from budgetlint.model.claims import ChangeClaim, ExecutionClaim, Printed
from budgetlint.model.figures import KIND_BASIS, Basis, DocumentFigures, Figure
from budgetlint.model.templates import FactPath
from budgetlint.paths import rules_root
from budgetlint.recognize.narrative.binding import amount_fact, cell_at, fact_of_claim
from budgetlint.validation import validation_message
from budgetlint.yaml_loader import load_yaml_file

_SENTENCE_END = re.compile(r"[。；;]")
# how a change names its base's figure (ChangeClaim.base_basis) -> basis
_CHANGE_BASIS: dict[str, Basis] = {"预算": "budget", "决算": "final", "执行": "execution"}


class QuantitySpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # validator built on first use

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    basis: Basis | None = None  # None: the document's own
    facts: tuple[FactPath, ...]
    execution: tuple[str, ...] = ()  # subjects of execution statements (compared normalised)


class QuantityVocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # validator built on first use

    bases: dict[Basis, str]
    subject: str  # how a message names a quantity of a year: {year} {basis} {title}
    unbound: str  # the title of an amount bound to no quantity
    quantities: tuple[QuantitySpec, ...]

    def title(self, name: str | None) -> str:
        return next((q.title for q in self.quantities if q.name == name), name or self.unbound)


@cache
@bundled("quantities")
def quantity_vocabulary() -> QuantityVocabulary:
    path = rules_root() / "vocabulary" / "quantities.yaml"
    data = load_yaml_file(path, TemplateError, "数量词表")
    try:
        return QuantityVocabulary.model_validate(data)
    except ValidationError as exc:
        raise TemplateError(f"数量词表有误：{validation_message(exc)}", path=str(path)) from exc


def _cells(disclosure: Disclosure, paths: tuple[FactPath, ...]) -> tuple[Fact, ...] | None:
    facts = tuple(cell_at(disclosure, p) for p in paths)
    return None if any(f is None for f in facts) else facts  # type: ignore[return-value]


def read_figures(disclosure: Disclosure) -> tuple[Figure, ...]:
    if disclosure.year is None:
        return ()
    vocabulary = quantity_vocabulary()
    own = KIND_BASIS.get(disclosure.kind, "budget")
    figures: list[Figure] = []
    by_cells: dict[tuple[Fact, ...], str] = {}  # the cells of a quantity -> its name (for bound amounts)
    done: set[tuple[str, Basis]] = set()
    for spec in vocabulary.quantities:
        basis = spec.basis or own
        if (spec.name, basis) in done:
            continue
        cells = _cells(disclosure, spec.facts)
        if cells is None:
            continue
        done.add((spec.name, basis))
        figures.append(Figure(quantity=spec.name, year=disclosure.year, basis=basis, source="table", facts=cells))
        by_cells[cells] = spec.name
    bound: dict[object, str] = {}
    for binding in disclosure.bindings:
        name = by_cells.get(binding.facts)
        if name is not None:
            bound[binding.claim] = name
            basis = next(f.basis for f in figures if f.facts == binding.facts)
            figures.append(
                Figure(
                    quantity=name, year=disclosure.year, basis=basis, source="narrative", facts=(binding.claim_fact,)
                )
            )
    figures += _executions(disclosure, vocabulary)
    figures += _changes(disclosure, bound, own)
    return tuple(figures)


def _executions(disclosure: Disclosure, vocabulary: QuantityVocabulary) -> list[Figure]:
    names = {normalise_subject(n): q.name for q in vocabulary.quantities for n in q.execution}
    texts = {p.location.line: p.text for p in disclosure.narrative}
    out: list[Figure] = []
    for claim in disclosure.claims:
        if not isinstance(claim, ExecutionClaim) or claim.form != "completion":
            continue
        before = _SENTENCE_END.split(texts.get(claim.location.line, "")[: claim.span.start])[-1]
        subject = normalise_subject(before)
        name = names.get(subject)
        if name is None or disclosure.year is None:
            continue
        sides: tuple[tuple[Basis, Printed], ...] = (("budget", claim.budget), ("final", claim.final))
        for basis, printed in sides:
            fact = fact_of_claim(claim, printed.value, printed.decimals, "万元", printed.text, row=subject)
            out.append(Figure(quantity=name, year=disclosure.year, basis=basis, source="execution", facts=(fact,)))
    return out


def _changes(disclosure: Disclosure, bound: dict[object, str], own: Basis) -> list[Figure]:
    year = disclosure.year
    assert year is not None
    out: list[Figure] = []
    for claim in disclosure.claims:
        if not isinstance(claim, ChangeClaim) or claim.current is None or claim.base is None:
            continue
        base_year = claim.base_year or year - 1
        if base_year >= year:
            continue
        basis = _CHANGE_BASIS.get(claim.base_basis or "", own)
        change = None
        if claim.amount is not None and claim.amount_decimals is not None:
            change = fact_of_claim(
                claim, claim.amount, claim.amount_decimals, claim.unit, claim.span.text, row=claim.subject
            )
        elif claim.direction != 0:
            continue  # a change by a rate only (增长5%) states no amount to take away
        out.append(
            Figure(
                quantity=bound.get(claim.current),
                year=base_year,
                basis=basis,
                source="change",
                current=amount_fact(claim.current),
                change=change,
                direction=claim.direction,
                quote=claim.sentence,
            )
        )
    return out


def figures_of(disclosure: Disclosure) -> DocumentFigures:
    """What the rules across documents need of a document (model/figures.py): built from the
    disclosure's typed values, so not validated (pydantic would build its validator, every record a
    Figure holds, on a process's first document); it is validated where it is read back."""
    scope = disclosure.parts.scope if disclosure.parts is not None else None
    return DocumentFigures.model_construct(
        path=disclosure.path,
        unit=disclosure.unit,
        unit_key=squeeze(disclosure.unit or "") or None,
        year=disclosure.year,
        kind=disclosure.kind,
        scope=scope,
        figures=disclosure.figures,
        composition=disclosure.composition,
    )
