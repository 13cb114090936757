"""Binding narrative amounts to table facts through a template's subject vocabulary.

A claim binds only when its subject is a vocabulary name (after normalisation), the vocabulary
entry allows the claim's section, no other entry claims the same subject there, the claim is not
inside a 主要原因 explanation and its clause names no year other than the document's own.
Everything else stays unbound and is counted as such: a number is never guessed onto a cell.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlint.labels import normalise_subject
from budgetlint.model import Disclosure, Fact, Location
from budgetlint.model.claims import AmountClaim, Binding
from budgetlint.model.location import OFFICE_FIELDS
from budgetlint.model.templates import ClassSpec, FactPath, Vocabulary

_YEAR = re.compile(r"(20\d\d)年")


def claim_line(claim) -> int | None:
    return claim.end_line or claim.location.line


def fact_of_claim(
    claim, value: Decimal | None, decimals: int, unit: str | None, text: str, row: str | None = None
) -> Fact:
    """A narrative number as a Fact, so every comparison and report treats it like a table cell."""
    loc = claim.location
    # the span locates the number inside its paragraph (its printed line, page and box), unless the
    # claim runs on into the next paragraph, where the offsets no longer refer to the line's text
    span = (claim.span.start, claim.span.end) if claim.end_line in (None, loc.line) else None
    location = Location(
        file=loc.file,
        page=loc.page,
        page_basis=loc.page_basis,
        line=claim_line(claim),
        table=claim.section or "情况说明",
        row=row,
        column=None,
        span=span,
        **{name: getattr(loc, name) for name in OFFICE_FIELDS},
    )
    return Fact(value=value, decimals=decimals, unit=unit or "万元", text=text, location=location)


def amount_fact(claim: AmountClaim) -> Fact:
    return fact_of_claim(claim, claim.value, claim.decimals, claim.unit, claim.span.text, row=claim.subject)


def _in_section(sections: list[str], claim) -> bool:
    where = f"{claim.section or ''} {claim.subsection or ''}"
    return not sections or any(re.search(p, where) for p in sections)


def _other_year(claim, year: int | None) -> bool:
    """The clause names a year that is not the document's (and not a date): not this year's figure."""
    if year is None:
        return False
    clause = claim.clause.split(claim.span.text)[0]
    return any(int(y) != year for y in _YEAR.findall(clause))


def cell_at(disclosure: Disclosure, path: FactPath) -> Fact | None:
    tables = disclosure.tables_of(path.table)
    if len(tables) != 1:
        return None
    rows = tables[0].rows_with_role(path.row)
    if len({r.cells[path.column].text for r in rows if path.column in r.cells}) != 1:
        return None
    return rows[0].cells.get(path.column)


def _class_rows(disclosure: Disclosure, spec: ClassSpec) -> dict[str, list[Fact]]:
    out: dict[str, list[Fact]] = {}
    for table in disclosure.tables_of(spec.table):
        for row in table.rows:
            is_class = row.role in spec.roles if spec.roles else (row.code is not None and len(row.code) == 3)
            if is_class and spec.column in row.cells:
                out.setdefault(row.label, []).append(row.cells[spec.column])
    return out


def all_class_rows(disclosure: Disclosure, vocabulary: Vocabulary) -> list[dict[str, list[Fact]]]:
    """The 类 rows (name -> cells) of each class entry of `vocabulary`, in its order."""
    return [_class_rows(disclosure, spec) for spec in vocabulary.classes]


def class_rows_of(
    disclosure: Disclosure, claim, rows: list[dict[str, list[Fact]]] | None = None
) -> dict[str, list[Fact]] | None:
    """The 类 rows (name -> cells) a 类 name in the claim's section binds to; None when the
    vocabulary binds no 类 names there. `rows` (all_class_rows of the template's narrative
    vocabulary) may be passed in when reading many claims."""
    vocabulary = disclosure.template_spec.narrative
    classes = vocabulary.classes if vocabulary is not None else []
    chosen = [i for i, spec in enumerate(classes) if _in_section(spec.sections, claim)]
    if len(chosen) != 1:
        return None
    return rows[chosen[0]] if rows is not None else _class_rows(disclosure, classes[chosen[0]])


def bind_subject(
    disclosure: Disclosure,
    vocabulary: Vocabulary,
    subject: str,
    claim,
    class_rows: list[dict[str, list[Fact]]] | None = None,
) -> tuple[str, list[Fact]] | None:
    """The facts a subject stands for in the claim's section; None when unknown or ambiguous.

    `class_rows` (one dict per vocabulary class entry) may be passed in when binding many claims.
    """
    found: list[tuple[str, list[Fact]]] = []
    for spec in vocabulary.subjects:
        if subject in spec.normalised_names and _in_section(spec.sections, claim):
            facts = [cell_at(disclosure, p) for p in spec.facts]
            printed = [f for f in facts if f is not None]
            if len(printed) == len(facts):
                found.append((subject, printed))
    if class_rows is None:
        class_rows = all_class_rows(disclosure, vocabulary)
    for class_spec, by_name in zip(vocabulary.classes, class_rows):
        if _in_section(class_spec.sections, claim):
            rows = by_name.get(subject)
            if rows and len({f.text for f in rows}) == 1:
                found.append((subject, rows[:1]))
    return found[0] if len(found) == 1 else None


def bind_claims(disclosure: Disclosure, vocabulary: Vocabulary) -> tuple[Binding, ...]:
    bindings = []
    class_rows = all_class_rows(disclosure, vocabulary)
    for claim in disclosure.claims:
        if not isinstance(claim, AmountClaim) or claim.in_reason or _other_year(claim, disclosure.year):
            continue
        subject = normalise_subject(claim.subject)
        if not subject:
            continue
        bound = bind_subject(disclosure, vocabulary, subject, claim, class_rows)
        if bound:
            bindings.append(
                Binding(claim=claim, subject=bound[0], claim_fact=amount_fact(claim), facts=tuple(bound[1]))
            )
    return tuple(bindings)
